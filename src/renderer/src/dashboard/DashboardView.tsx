import { Text } from '@mantine/core';

/** The supervisor's dashboard (issue 7). */
export function DashboardView() {
  return <Text p="md">Tableau de bord</Text>;
}
