import { isPortalEventKind } from '../../../shared/portal/portalEventKinds';
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseConflict } from '../../../shared/api/syncTypes';
import { useQueryClient } from '@tanstack/react-query';
import { StatusBadge } from '../badges/StatusBadge';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';
import { formatDateTime } from '../format/dates';
import { useLanguage } from '../shell/useLanguage';
import { refreshSyncStatus } from '../sync/syncQueries';
import { useCaseActionMutation } from './caseQueries';
import { InfoList } from './InfoList';

type Keep = 'portal' | 'local';

/** The case and the portal disagree: both versions side by side, and the clerk's two choices. */
export function ConflictBanner({ caseId, conflict }: { caseId: string; conflict: CaseConflict }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [confirming, setConfirming] = useState<Keep | null>(null);
  // A case action: its answer replaces the open case, and the case's other buttons wait meanwhile.
  const resolve = useCaseActionMutation();
  const queryClient = useQueryClient();
  const { local, portal } = conflict;

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
      <ConfirmFormDialog
        opened={confirming !== null}
        title={t(
          confirming === 'local'
            ? 'case.conflict.confirmLocalTitle'
            : 'case.conflict.confirmPortalTitle',
        )}
        size="md"
        mutation={resolve}
        variables={
          confirming && {
            method: 'cases.resolveConflict' as const,
            input: { id: caseId, keep: confirming },
          }
        }
        onDone={() => {
          notifications.show({
            color: 'togo',
            title: t('case.conflict.resolvedTitle'),
            message: t(
              confirming === 'portal'
                ? 'case.conflict.resolvedPortal'
                : 'case.conflict.resolvedLocal',
            ),
          });
          setConfirming(null);
          // The header's conflict count, and the queued actions cancelled with « keep portal ».
          void refreshSyncStatus(queryClient);
        }}
        onClose={() => setConfirming(null)}
        cancelLabel={t('case.conflict.cancel')}
        initialFocus="cancel"
        submit={{ label: t('case.conflict.confirm'), color: 'orange' }}
        failureTestId="conflict-resolve-error"
      >
        <Text size="sm">
          {t(
            confirming === 'local'
              ? 'case.conflict.confirmLocalBody'
              : 'case.conflict.confirmPortalBody',
          )}
        </Text>
      </ConfirmFormDialog>
    </Alert>
  );
}
