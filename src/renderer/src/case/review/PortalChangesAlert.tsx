import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconChecks } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api/types';
import { describeReviewedChanges } from '../../../../shared/portal/reviewedChanges';
import { formatDateTime } from '../../format/dates';
import { useLanguage } from '../../shell/useLanguage';
import { useCaseActionBusy } from '../caseQueries';
import { useCaseAction } from './useCaseAction';

/**
 * The portal changed reviewed data after the decision: what changed, old and new, and the
 * confirmation that lets sign-off and issuing go on (the core refuses both until then).
 */
export function PortalChangesAlert({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const run = useCaseAction();
  const busy = useCaseActionBusy();
  const changes = detail.review.portalChanges;
  if (!changes) return null;
  const described = describeReviewedChanges(changes, detail.procedure, language);
  const body =
    detail.row.status === 'pending_signoff'
      ? t('review.portalChanges.beforeSignOff', { changes: described })
      : t('review.portalChanges.beforeIssue', { changes: described });

  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle />}
      title={t('review.portalChanges.title')}
      data-testid="portal-changes"
      styles={{ title: { fontSize: 'var(--mantine-font-size-md)' } }}
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm" data-testid="portal-changes-text">
          {body}
        </Text>
        <Text size="xs" c="dimmed">
          {t('review.portalChanges.received', {
            date: formatDateTime(changes.detectedAt, language),
            version: changes.version,
          })}
        </Text>
        {changes.canConfirm ? (
          <Button
            color="orange"
            leftSection={<IconChecks size={16} />}
            loading={busy === 'cases.confirmPortalChanges'}
            disabled={busy !== null && busy !== 'cases.confirmPortalChanges'}
            onClick={() =>
              void run(
                'cases.confirmPortalChanges',
                { id: detail.row.id },
                t('review.portalChanges.confirmed'),
              )
            }
            data-testid="portal-changes-confirm"
          >
            {t('review.portalChanges.confirm')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t('review.portalChanges.readOnly')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
