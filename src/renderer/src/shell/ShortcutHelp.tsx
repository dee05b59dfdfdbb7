import { Group, Kbd, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment, memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShellStore } from '../stores/shellStore';
import { comboCaps } from './shortcutKeys';
import { SHORTCUTS, type KeyCombo, type ShortcutGroup } from './shortcuts';

/** The help's columns: the list and its search, the open case and its attachments, the rest. */
const COLUMNS: readonly (readonly ShortcutGroup[])[] = [
  ['list', 'search'],
  ['case', 'viewer'],
  ['general'],
];
const NOTES: Partial<Record<ShortcutGroup, 'case' | 'viewer'>> = { case: 'case', viewer: 'viewer' };

/** `?`: every key of the app, read from the shortcuts table, grouped, in the interface's language. */
export const ShortcutHelp = memo(function ShortcutHelp() {
  const { t } = useTranslation();
  const opened = useShellStore((state) => state.helpOpen);
  const close = () => useShellStore.getState().setHelpOpen(false);
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('shortcuts.title')}
      size={1240}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Stack gap="md" data-testid="shortcut-help">
        <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }} spacing="xl" verticalSpacing="md">
          {COLUMNS.map((groups) => (
            <Stack key={groups.join()} gap="md">
              {groups.map((group) => (
                <ShortcutGroupTable key={group} group={group} />
              ))}
            </Stack>
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('shortcuts.hint')}
        </Text>
      </Stack>
    </Modal>
  );
});

function ShortcutGroupTable({ group }: { group: ShortcutGroup }) {
  const { t } = useTranslation();
  const note = NOTES[group];
  return (
    <section aria-labelledby={`shortcuts-${group}`} data-testid={`shortcuts-${group}`}>
      <Title id={`shortcuts-${group}`} order={3} size="h6" c="dimmed" tt="uppercase" mb={4}>
        {t(`shortcuts.groups.${group}`)}
      </Title>
      <Table verticalSpacing={4} withRowBorders layout="fixed">
        <Table.Tbody>
          {SHORTCUTS.filter((entry) => entry.group === group).map((entry) => (
            <Table.Tr key={entry.id} data-shortcut={entry.id}>
              <Table.Td w={170}>
                <KeyCombos keys={entry.keys} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`shortcuts.do.${entry.id}`)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {note && (
        <Text size="xs" c="dimmed" mt={4}>
          {t(`shortcuts.notes.${note}`)}
        </Text>
      )}
    </section>
  );
}

function KeyCombos({ keys }: { keys: readonly KeyCombo[] }) {
  const { t } = useTranslation();
  const parts: ReactNode[] = [];
  keys.forEach((combo, index) => {
    if (index > 0)
      parts.push(
        <Text key={`or-${index}`} span size="xs" c="dimmed">
          {t('shortcuts.or')}
        </Text>,
      );
    parts.push(
      <Group key={combo.join('+')} gap={3} wrap="nowrap" display="inline-flex">
        {comboCaps(combo, t).map((cap, position) => (
          <Fragment key={`${position}-${cap}`}>
            {position > 0 && (
              <Text span size="xs" c="dimmed">
                +
              </Text>
            )}
            <Kbd size="xs">{cap}</Kbd>
          </Fragment>
        ))}
      </Group>,
    );
  });
  return (
    <Group gap={6} wrap="wrap" style={{ rowGap: 2 }}>
      {parts}
    </Group>
  );
}
