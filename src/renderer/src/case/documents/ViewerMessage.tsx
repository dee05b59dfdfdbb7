import { Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCloudDownload, IconFileOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import classes from './DocumentsPanel.module.css';

const ICONS = {
  waiting: IconCloudDownload,
  error: IconAlertTriangle,
  empty: IconFileOff,
} as const;

const COLORS = { waiting: 'blue', error: 'red', empty: 'gray' } as const;

/** A state of the viewer area said in words (downloading, unreadable file…), not an empty box. */
export function ViewerMessage(props: {
  tone: keyof typeof ICONS;
  title: string;
  children?: ReactNode;
  testId?: string;
}) {
  const Icon = ICONS[props.tone];
  return (
    <div className={classes.message} data-testid={props.testId}>
      <Stack align="center" gap="xs" maw={420} mx="auto" ta="center">
        <ThemeIcon variant="light" color={COLORS[props.tone]} size={44} radius="xl">
          <Icon size={24} />
        </ThemeIcon>
        <Text fw={600} role={props.tone === 'error' ? 'alert' : 'status'}>
          {props.title}
        </Text>
        {props.children}
      </Stack>
    </div>
  );
}
