import { isPortalEventKind } from '../../../shared/portal/portalEventKinds';
import { Alert, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseConflict } from '../../../shared/api/syncTypes';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { StatusBadge } from '../badges/StatusBadge';
import { formatDateTime } from '../format/dates';
import { useLanguage } from '../shell/useLanguage';
import { useSyncStore } from '../stores/syncStore';
import { refreshCase } from './caseQueries';
import { InfoList } from './InfoList';

type Keep = 'portal' | 'local';

/** The case and the portal disagree: both versions side by side, and the clerk's two choices. */
export function ConflictBanner({ caseId, conflict }: { caseId: string; conflict: CaseConflict }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [confirming, setConfirming] = useState<Keep | null>(null);
  const [busy, setBusy] = useState(false);
  const { local, portal } = conflict;

  async function resolve(keep: Keep) {
    setBusy(true);
    try {
      await api.call('cases.resolveConflict', { id: caseId, keep });
      setConfirming(null);
      notifications.show({
        color: 'togo',
        title: t('case.conflict.resolvedTitle'),
        message: t(
          keep === 'portal' ? 'case.conflict.resolvedPortal' : 'case.conflict.resolvedLocal',
        ),
      });
      void useSyncStore.getState().load();
      await refreshCase(caseId);
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('case.conflict.resolveFailed'),
        message: errorMessage(error, t('app.unexpectedError')),
      });
    } finally {
      setBusy(false);
    }
  }

  const actionsText =
    local.actions.length === 0
      ? t('case.conflict.noActions')
      : local.actions
          .map((action) => {
            const kind = isPortalEventKind(action.kind)
              ? t(`case.conflict.kinds.${action.kind}`)
              : action.kind;
            return action.lastError ? `${kind} — ${action.lastError}` : kind;
          })
          .join(' · ');

  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle />}
      title={t('case.conflict.title')}
      data-testid="conflict-banner"
      styles={{ title: { fontSize: 'var(--mantine-font-size-md)' } }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {t(
            conflict.reason === 'portal_changed'
              ? 'case.conflict.portalChanged'
              : 'case.conflict.actionRejected',
          )}
        </Text>
        <Text size="sm" fw={500}>
          {conflict.message}
        </Text>
        <Text size="xs" c="dimmed">
          {t('case.conflict.detectedAt', { date: formatDateTime(conflict.detectedAt, language) })}
        </Text>
        <SimpleGrid type="container" cols={{ base: 1, '640px': 2 }} spacing="sm">
          <Paper withBorder p="sm" radius="sm">
            <Title order={4} size="h6" mb="xs">
              {t('case.conflict.localSide')}
            </Title>
            <InfoList
              items={[
                {
                  label: t('case.conflict.status'),
                  value: <StatusBadge status={local.status} />,
                },
                { label: t('case.conflict.version'), value: String(local.portalVersion) },
                { label: t('case.conflict.office'), value: local.officeCode },
                { label: t('case.conflict.actions'), value: actionsText },
              ]}
            />
          </Paper>
          <Paper withBorder p="sm" radius="sm">
            <Title order={4} size="h6" mb="xs">
              {t('case.conflict.portalSide')}
            </Title>
            {portal ? (
              <InfoList
                items={[
                  {
                    label: t('case.conflict.status'),
                    value: <StatusBadge status={portal.status} />,
                  },
                  { label: t('case.conflict.version'), value: String(portal.version) },
                  {
                    label: t('case.conflict.updatedAt'),
                    value: formatDateTime(portal.updatedAt, language),
                  },
                ]}
              />
            ) : (
              <Text size="sm" c="dimmed">
                {t('case.conflict.noPortalVersion')}
              </Text>
            )}
          </Paper>
        </SimpleGrid>
        <Group gap="sm">
          <Button color="orange" onClick={() => setConfirming('portal')}>
            {t('case.conflict.keepPortal')}
          </Button>
          <Button variant="default" onClick={() => setConfirming('local')}>
            {t('case.conflict.keepLocal')}
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={confirming !== null}
        onClose={() => !busy && setConfirming(null)}
        title={t(
          confirming === 'local'
            ? 'case.conflict.confirmLocalTitle'
            : 'case.conflict.confirmPortalTitle',
        )}
      >
        <Stack gap="md">
          <Text size="sm">
            {t(
              confirming === 'local'
                ? 'case.conflict.confirmLocalBody'
                : 'case.conflict.confirmPortalBody',
            )}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" disabled={busy} onClick={() => setConfirming(null)}>
              {t('case.conflict.cancel')}
            </Button>
            <Button
              color="orange"
              loading={busy}
              onClick={() => confirming && void resolve(confirming)}
            >
              {t('case.conflict.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Alert>
  );
}
