import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Loader,
  Progress,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleCheck, IconCloudOff, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, refusalText } from '../api/errorMessage';
import { QuarantineModal } from '../sync/QuarantineModal';
import { useSyncNow, useSyncRequested, useSyncStatus } from '../sync/syncQueries';
import { OUTBOX_LINK, WORKLIST_LINK } from '../sync/worklistLink';
import { lastContactLabel, syncLabel, syncProgress, type SyncTone } from './syncLabel';
import { useLanguage } from './useLanguage';
import { useNow } from './useNow';

const TONE_COLOR: Record<SyncTone, string> = {
  ok: 'togo',
  busy: 'blue',
  offline: 'orange',
  error: 'red',
};

function ToneIcon({ tone }: { tone: SyncTone }) {
  const color = `var(--mantine-color-${TONE_COLOR[tone]}-filled)`;
  if (tone === 'busy') return <Loader size={14} color="blue" />;
  if (tone === 'offline') return <IconCloudOff size={16} color={color} />;
  if (tone === 'error') return <IconAlertTriangle size={16} color={color} />;
  return <IconCircleCheck size={16} color={color} />;
}

export function SyncIndicator() {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useNow();
  const status = useSyncStatus().data ?? null;
  const syncNow = useSyncNow();
  const requested = useSyncRequested();
  const [quarantineOpen, setQuarantineOpen] = useState(false);

  async function onSyncNow() {
    // One run at a time: the button shows it under way meanwhile.
    if (requested) return;
    try {
      const after = await syncNow.mutateAsync({});
      if (after.phase === 'offline') {
        notifications.show({
          color: 'orange',
          title: t('sync.offlineTitle'),
          message: t('sync.offlineBody'),
        });
      } else if (after.phase === 'paused') {
        notifications.show({
          color: 'orange',
          title: t('sync.pausedTitle'),
          message: t('sync.pausedBody'),
        });
      } else if (after.phase === 'error') {
        notifications.show({
          color: 'red',
          title: t('sync.failedTitle'),
          message: after.errorMessage
            ? refusalText(after.errorReason, after.errorMessage)
            : t('app.unexpectedError'),
        });
      } else {
        notifications.show({
          color: 'togo',
          title: t('sync.doneTitle'),
          message: t('sync.doneBody', { count: after.pulled }),
        });
      }
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('sync.failedTitle'),
        message: errorMessage(error, t('app.unexpectedError')),
      });
    }
  }

  const label = status
    ? syncLabel(status, now, language, t)
    : { tone: 'error' as const, text: t('sync.statusUnavailable') };
  const busy = requested || status?.phase === 'syncing';

  const pending = status?.pendingActions ?? 0;
  const quarantined = status?.quarantined ?? 0;
  const failed = status?.failedActions ?? 0;
  const conflicts = status?.conflicts ?? 0;
  const progress = status ? syncProgress(status) : null;

  return (
    <Group gap="sm" wrap="nowrap" miw={0} data-testid="sync-status">
      <Stack gap={2} miw={0} role="status" aria-live="polite" style={{ flexShrink: 1 }}>
        <Group gap={6} wrap="nowrap" miw={0}>
          <ToneIcon tone={label.tone} />
          <Tooltip label={label.text} openDelay={400} multiline maw={360}>
            <Text
              size="sm"
              fw={500}
              truncate="end"
              c={label.tone === 'error' ? 'red' : undefined}
              style={{ fontVariantNumeric: 'tabular-nums' }}
            >
              {label.text}
            </Text>
          </Tooltip>
        </Group>
        {status && (
          <Text size="xs" c="dimmed" lh={1.2} truncate="end" data-testid="sync-last-contact">
            {lastContactLabel(status.lastContactAt, now, language, t)}
          </Text>
        )}
        {label.tone === 'busy' &&
          (progress !== null ? (
            <Progress
              value={progress}
              size={3}
              aria-label={label.text}
              data-testid="sync-progress"
            />
          ) : (
            <Progress value={100} animated striped size={3} aria-hidden />
          ))}
        {(pending > 0 || failed > 0 || conflicts > 0 || quarantined > 0) && (
          <Group gap={6} wrap="nowrap">
            {pending > 0 && (
              <Badge
                color="yellow"
                variant="light"
                size="xs"
                radius="sm"
                tt="none"
                {...OUTBOX_LINK}
                data-testid="sync-pending"
              >
                {t('sync.pending', { count: pending })}
              </Badge>
            )}
            {failed > 0 && (
              <Badge
                color="red.8"
                variant="filled"
                size="xs"
                radius="sm"
                tt="none"
                {...WORKLIST_LINK}
                data-testid="sync-failed"
              >
                {t('sync.failedActions', { count: failed })}
              </Badge>
            )}
            {conflicts > 0 && (
              <Badge
                color="orange"
                variant="light"
                size="xs"
                radius="sm"
                tt="none"
                {...WORKLIST_LINK}
                data-testid="sync-conflicts"
              >
                {t('sync.conflicts', { count: conflicts })}
              </Badge>
            )}
            {quarantined > 0 && (
              <Badge
                component="button"
                type="button"
                className="mantine-focus-auto"
                color="red"
                variant="light"
                size="xs"
                radius="sm"
                tt="none"
                style={{ cursor: 'pointer' }}
                onClick={() => setQuarantineOpen(true)}
                data-testid="sync-quarantine"
              >
                {t('sync.quarantined', { count: quarantined })}
              </Badge>
            )}
          </Group>
        )}
      </Stack>
      <Button
        visibleFrom="xl"
        variant="default"
        size="xs"
        leftSection={<IconRefresh size={16} stroke={1.6} />}
        onClick={() => void onSyncNow()}
        loading={busy}
        style={{ flexShrink: 0 }}
      >
        {t('sync.syncNow')}
      </Button>
      <Tooltip label={t('sync.syncNow')}>
        <ActionIcon
          hiddenFrom="xl"
          variant="default"
          size="lg"
          onClick={() => void onSyncNow()}
          loading={busy}
          aria-label={t('sync.syncNow')}
        >
          <IconRefresh size={18} stroke={1.6} />
        </ActionIcon>
      </Tooltip>
      <QuarantineModal opened={quarantineOpen} onClose={() => setQuarantineOpen(false)} />
    </Group>
  );
}
