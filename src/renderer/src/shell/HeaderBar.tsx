import { Badge, Group, TextInput, Tooltip } from '@mantine/core';
import { IconSchool, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../stores/sessionStore';
import { SyncIndicator } from './SyncIndicator';
import { UserMenu } from './UserMenu';
import { Wordmark } from './Wordmark';

export function HeaderBar() {
  const { t } = useTranslation();
  const training = useSessionStore((state) => state.info?.trainingMode ?? false);
  return (
    <Group h="100%" px="md" gap="md" wrap="nowrap" justify="space-between">
      <Group gap="md" wrap="nowrap" style={{ flexShrink: 0 }}>
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
      {/* Search arrives with its own issue; until then the box says so instead of pretending. */}
      <TextInput
        visibleFrom="lg"
        disabled
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        leftSection={<IconSearch size={16} />}
        w={280}
        style={{ flexShrink: 1 }}
      />
      <Group gap="md" wrap="nowrap" miw={0} justify="flex-end" style={{ flex: 1 }}>
        <SyncIndicator />
        <UserMenu />
      </Group>
    </Group>
  );
}
