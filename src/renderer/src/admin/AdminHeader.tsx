import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Title, one line saying what the screen is for, and the screen's main actions on the right. */
export function AdminHeader(props: { title: string; subtitle: string; children?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" px="md" pt="md" pb="sm" gap="md">
      <div>
        <Title order={2} size="h3" fw={650}>
          {props.title}
        </Title>
        <Text size="sm" c="dimmed">
          {props.subtitle}
        </Text>
      </div>
      {props.children && <Group gap="sm">{props.children}</Group>}
    </Group>
  );
}
