import { Group, Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShellStore } from '../stores/shellStore';

type Keys = readonly (readonly string[])[];

/** `?`: every shortcut of the app, grouped, in the interface's language. */
export function ShortcutHelp() {
  const { t } = useTranslation();
  const opened = useShellStore((state) => state.helpOpen);
  const close = () => useShellStore.getState().setHelpOpen(false);
  const groups: { title: string; rows: { keys: Keys; label: string }[] }[] = [
    {
      title: t('shortcuts.list'),
      rows: [
        { keys: [['j'], ['↓']], label: t('shortcuts.next') },
        { keys: [['k'], ['↑']], label: t('shortcuts.previous') },
        {
          keys: [[t('shortcuts.pageDown')], [t('shortcuts.pageUp')]],
          label: t('shortcuts.pages'),
        },
        { keys: [[t('shortcuts.home')], [t('shortcuts.end')]], label: t('shortcuts.ends') },
        { keys: [[t('inbox.enterKey')]], label: t('shortcuts.open') },
        { keys: [['x']], label: t('shortcuts.select') },
        {
          keys: [
            [t('shortcuts.shift'), 'x'],
            [t('shortcuts.shift'), t('shortcuts.click')],
          ],
          label: t('shortcuts.range'),
        },
      ],
    },
    {
      title: t('shortcuts.searchGroup'),
      rows: [
        { keys: [['/']], label: t('shortcuts.search') },
        {
          keys: [
            [t('shortcuts.ctrl'), 'K'],
            ['⌘', 'K'],
          ],
          label: t('shortcuts.quick'),
        },
      ],
    },
    {
      title: t('shortcuts.general'),
      rows: [
        { keys: [[t('shortcuts.escape')]], label: t('shortcuts.back') },
        { keys: [['?']], label: t('shortcuts.help') },
      ],
    },
  ];
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('shortcuts.title')}
      size="lg"
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Stack gap="md" data-testid="shortcut-help">
        {groups.map((group) => (
          <div key={group.title}>
            <Title order={3} size="h6" c="dimmed" tt="uppercase" mb={4}>
              {group.title}
            </Title>
            <Table verticalSpacing={6} withRowBorders>
              <Table.Tbody>
                {group.rows.map((row) => (
                  <Table.Tr key={row.label}>
                    <Table.Td w={200}>
                      <KeyCombos keys={row.keys} or={t('shortcuts.or')} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{row.label}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ))}
        <Text size="xs" c="dimmed">
          {t('shortcuts.hint')}
        </Text>
      </Stack>
    </Modal>
  );
}

function KeyCombos({ keys, or }: { keys: Keys; or: string }) {
  const parts: ReactNode[] = [];
  keys.forEach((combo, index) => {
    if (index > 0)
      parts.push(
        <Text key={`or-${index}`} span size="xs" c="dimmed">
          {or}
        </Text>,
      );
    parts.push(
      <Group key={combo.join('+')} gap={3} wrap="nowrap" display="inline-flex">
        {combo.map((key, position) => (
          <Fragment key={key}>
            {position > 0 && (
              <Text span size="xs" c="dimmed">
                +
              </Text>
            )}
            <Kbd size="xs">{key}</Kbd>
          </Fragment>
        ))}
      </Group>,
    );
  });
  return (
    <Group gap={6} wrap="nowrap">
      {parts}
    </Group>
  );
}
