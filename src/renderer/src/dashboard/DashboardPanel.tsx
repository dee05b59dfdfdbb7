import { Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DashboardTable } from '../../../shared/api/dashboardTypes';
import { ExportButtons } from './ExportButtons';

/** A titled card of the dashboard, with the export buttons of the table behind it. */
export function DashboardPanel(props: {
  title: string;
  table: DashboardTable;
  hint?: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  const titleId = `${props.testId}-title`;
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      h="100%"
      component="section"
      aria-labelledby={titleId}
      data-testid={props.testId}
    >
      {/* In a narrow card the export buttons go under the title rather than squeeze it. */}
      <Group justify="space-between" align="flex-start" gap="xs" mb="sm" wrap="wrap">
        <div style={{ flex: '1 1 200px', minWidth: 0 }}>
          <Title order={3} size="h5" fw={650} id={titleId}>
            {props.title}
          </Title>
          {props.hint && (
            <Text size="xs" c="dimmed">
              {props.hint}
            </Text>
          )}
        </div>
        <ExportButtons table={props.table} />
      </Group>
      {props.children}
    </Paper>
  );
}
