import { Text } from '@mantine/core';
import type { AdminSection } from '../routing/route';

/** Administration: users, office settings, holidays, audit trail (issue 7). */
export function AdminView({ section }: { section: AdminSection }) {
  return <Text p="md">Administration : {section}</Text>;
}
