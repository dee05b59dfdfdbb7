import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxNotification } from '../../../shared/api/assignmentTypes';
import { formatRelative, formatSince } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { navigate } from '../routing/useRoute';
import { useLanguage } from '../shell/useLanguage';
import { useNow } from '../shell/useNow';
import { useSessionStore } from '../stores/sessionStore';
import { useNotifications } from './useNotifications';

/** The header's bell: cases newly assigned to me (issue 7), or taken over from me (issue 16). */
export function NotificationBell() {
  const { t } = useTranslation();
  const language = useLanguage();
  const userId = useSessionStore((state) => state.user?.id ?? null);
  const { list, failed, markRead } = useNotifications(userId);
  const [opened, setOpened] = useState(false);
  const now = useNow();
  if (!userId) return null;

  const unread = list.unread;
  const label =
    unread > 0
      ? t('assignment.bell.labelUnread', {
          count: unread,
          formatted: formatNumber(unread, language),
        })
      : t('assignment.bell.label');

  const open = (item: InboxNotification) => {
    setOpened(false);
    if (!item.read) markRead(item.ids);
    // Many cases at once are found in « Mes dossiers »; one case opens.
    if (item.count > 1) navigate({ view: 'inbox', queue: 'mine' });
    else navigate({ view: 'case', id: item.caseId });
  };

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={380}
      shadow="md"
      withinPortal
      trapFocus
    >
      {/* The target is the button itself: Popover.Target puts aria-expanded on its child, which a
          plain div (the Indicator) may not carry (axe « aria-allowed-attr », critical). */}
      <Indicator
        label={unread > 99 ? '99+' : formatNumber(unread, language)}
        size={18}
        offset={5}
        color="red.8"
        disabled={unread === 0}
        withBorder
        data-testid="notification-count"
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={label}
            title={label}
            onClick={() => setOpened((value) => !value)}
            data-testid="notification-bell"
          >
            <IconBell size={20} stroke={1.6} />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p={0} data-testid="notification-list">
        <Group justify="space-between" px="md" py="xs" wrap="nowrap">
          <Text fw={650} size="sm">
            {t('assignment.bell.title')}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconChecks size={14} />}
            disabled={unread === 0}
            onClick={() => markRead()}
          >
            {t('assignment.bell.markAllRead')}
          </Button>
        </Group>
        {failed && (
          <Text size="sm" c="red" px="md" pb="xs" role="alert">
            {t('assignment.bell.loadFailed')}
          </Text>
        )}
        {list.items.length === 0 ? (
          <Text size="sm" c="dimmed" px="md" pb="md">
            {t('assignment.bell.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={360} type="auto">
            <Stack gap={0} pb={4}>
              {list.items.map((item) => (
                <UnstyledButton
                  key={item.id}
                  onClick={() => open(item)}
                  px="md"
                  py={8}
                  data-testid="notification-item"
                  data-read={item.read}
                  style={{
                    borderTop: '1px solid var(--mantine-color-default-border)',
                    background: item.read ? undefined : 'var(--mantine-primary-color-light)',
                  }}
                >
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <span
                      aria-hidden
                      style={{
                        marginTop: 6,
                        width: 8,
                        height: 8,
                        borderRadius: 4,
                        flexShrink: 0,
                        background: item.read ? 'transparent' : 'var(--mantine-color-red-6)',
                      }}
                    />
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={item.read ? 400 : 600}>
                        {item.kind === 'case.taken_over'
                          ? t('assignment.bell.takenOver', {
                              reference: item.reference,
                              by: item.byName,
                              time: formatSince(item.at, now, language),
                            })
                          : item.count > 1
                            ? t('assignment.bell.assignedMany', {
                                count: item.count,
                                formatted: formatNumber(item.count, language),
                                by: item.byName,
                              })
                            : t('assignment.bell.assigned', {
                                reference: item.reference,
                                by: item.byName,
                              })}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatRelative(item.at, now, language)}
                      </Text>
                    </div>
                  </Group>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
