import { memo } from 'react';
import { Badge, Group, Tooltip } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { HeaderSearch } from '../search/HeaderSearch';
import { useSessionStore } from '../stores/sessionStore';
import { NotificationBell } from '../assignment/NotificationBell';
import { NavToggle } from './NavToggle';
import { SyncIndicator } from './SyncIndicator';
import { UserMenu } from './UserMenu';
import { Wordmark } from './Wordmark';

/** `canCollapseNav`: the window is wide enough for the person to choose the sidebar's width. */
export const HeaderBar = memo(function HeaderBar({ canCollapseNav }: { canCollapseNav: boolean }) {
  const { t } = useTranslation();
  const training = useSessionStore((state) => state.info?.trainingMode ?? false);
  return (
    <Group h="100%" px="md" gap="md" wrap="nowrap" justify="space-between">
      <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
        {canCollapseNav && <NavToggle />}
        <Wordmark />
        {training && (
          <Tooltip label={t('app.trainingModeHint')} multiline maw={300}>
            <Badge
              color="yellow"
              variant="filled"
              radius="sm"
              tt="none"
              leftSection={<IconSchool size={14} />}
              styles={{ root: { color: 'var(--mantine-color-black)' } }}
            >
              {t('app.trainingMode')}
            </Badge>
          </Tooltip>
        )}
      </Group>
      <HeaderSearch />
      <Group gap="md" wrap="nowrap" miw={0} justify="flex-end" style={{ flex: 1 }}>
        <SyncIndicator />
        <NotificationBell />
        <UserMenu />
      </Group>
    </Group>
  );
});
