import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBan, IconCertificate, IconCopy, IconDownload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/api/types';
import { InfoList } from '../case/InfoList';
import { formatDate, formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { useSessionStore } from '../stores/sessionStore';
import { savePdf } from './certificateFiles';
import { CertificatePreview } from './CertificatePreview';
import { CertificateStatusBadge } from './CertificateStatusBadge';
import { PrintButton } from './PrintButton';
import { ReprintDialog } from './ReprintDialog';
import { RevokeDialog } from './RevokeDialog';
import {
  adoptCertificate,
  refreshCaseCertificates,
  useCaseCertificates,
  useCertificateFile,
} from './certificateQueries';
import { useIssueCertificate, useIssuing } from './useIssueCertificate';
import { usePrint } from './usePrint';

/**
 * The certificate of an approved or issued case: issue it, or see it (facts and a preview of the
 * stored PDF) and print, save, reprint a duplicate or revoke it.
 */
export function CertificatePanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const role = useSessionStore((state) => state.user?.role);
  const issue = useIssueCertificate();
  const caseId = detail.row.id;
  const queryClient = useQueryClient();
  const list = useCaseCertificates(caseId);
  const issuing = useIssuing(caseId);
  const [dialog, setDialog] = useState<'reprint' | 'revoke' | null>(null);
  // Each opening starts a fresh dialog; closing keeps it mounted so it fades out and gives the
  // focus back (a remount on close would drop the focus, and Escape would then leave the case).
  const [openings, setOpenings] = useState(0);
  const openDialog = (which: 'reprint' | 'revoke') => {
    setOpenings((value) => value + 1);
    setDialog(which);
  };
  const { print, printing } = usePrint();

  const shown = list.data ?? null;
  const current = shown?.[0] ?? null;
  const older = shown?.slice(1) ?? [];
  const fileState = useCertificateFile(current?.id ?? null);
  const canIssue = detail.review.workflow.allowedActions.includes('issueCertificate');
  // The core refuses to issue while the portal's changes after the decision wait for a person.
  const heldByPortalChanges = detail.review.portalChanges !== null;
  const caseWorker = role === 'agent' || role === 'superviseur';
  const documentTitle = current ? t('certificates.documentTitle', { number: current.number }) : '';

  let body: React.ReactNode;
  if (list.isError && !shown) {
    body = (
      <RetryableError
        title={t('certificates.loadError')}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  } else if (!shown) {
    body = (
      <Stack gap={8} aria-busy="true">
        <Skeleton height={14} width="40%" />
        <Skeleton height={14} width="60%" />
        <Skeleton height={14} width="50%" />
      </Stack>
    );
  } else if (!current) {
    body = (
      <Alert
        variant="light"
        color={heldByPortalChanges ? 'orange' : 'togo'}
        icon={<IconCertificate />}
        data-testid="certificate-to-issue"
      >
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            {canIssue || heldByPortalChanges
              ? t('certificates.toIssue')
              : t('certificates.toIssueReadOnly')}
          </Text>
          {heldByPortalChanges && (
            <Text size="sm" fw={500} data-testid="certificate-held">
              {t('certificates.blockedByPortalChanges')}
            </Text>
          )}
          {canIssue && (
            <Button
              leftSection={<IconCertificate size={16} />}
              loading={issuing}
              onClick={() => void issue(caseId)}
              data-testid="certificate-issue"
            >
              {t('certificates.issue')}
            </Button>
          )}
        </Stack>
      </Alert>
    );
  } else {
    body = (
      <Stack gap="md">
        {current.status === 'cancelled' && current.cancellation && (
          <Alert
            variant="light"
            color="orange"
            icon={<IconBan />}
            data-testid="certificate-cancelled"
          >
            <Text size="sm" fw={600}>
              {t('certificates.cancelledOn', {
                date: formatDateTime(current.cancellation.at, language),
              })}
            </Text>
            <Text size="sm">{current.cancellation.message}</Text>
          </Alert>
        )}
        {current.status === 'revoked' && (
          <Alert
            variant="light"
            color="orange"
            icon={<IconBan />}
            data-testid="certificate-revoked"
          >
            <Text size="sm" fw={600}>
              {t('certificates.revokedOn', {
                date: current.revokedAt ? formatDateTime(current.revokedAt, language) : '—',
              })}
            </Text>
            {current.revocationReason && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                « {current.revocationReason} »
              </Text>
            )}
          </Alert>
        )}
        <InfoList
          items={[
            {
              label: t('certificates.fields.number'),
              value: (
                <Text span ff="monospace" size="sm" fw={600} data-testid="certificate-number">
                  {current.number}
                </Text>
              ),
            },
            {
              label: t('certificates.fields.status'),
              value: <CertificateStatusBadge certificate={current} />,
            },
            {
              label: t('certificates.fields.issuedAt'),
              value: formatDateTime(current.issuedAt, language),
            },
            {
              label: t('certificates.fields.expiresOn'),
              value: current.expiresOn
                ? formatDate(current.expiresOn, language)
                : t('certificates.noExpiry'),
            },
            { label: t('certificates.fields.issuedBy'), value: current.issuedBy.displayName },
            {
              label: t('certificates.fields.duplicates'),
              value: (
                <span data-testid="certificate-duplicates">
                  {current.duplicates === 0
                    ? t('certificates.noDuplicates')
                    : t('certificates.duplicatesCount', {
                        count: current.duplicates,
                        formatted: formatNumber(current.duplicates, language),
                      })}
                </span>
              ),
            },
            {
              label: t('certificates.fields.keyId'),
              value: (
                <Text span ff="monospace" size="xs">
                  {current.keyId}
                </Text>
              ),
            },
          ]}
        />
        {older.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('certificates.older', {
              numbers: older.map((entry) => entry.number).join(', '),
            })}
          </Text>
        )}
        <CertificatePreview
          file={fileState.file}
          loading={fileState.loading}
          error={fileState.error}
          onRetry={fileState.retry}
          label={documentTitle}
        />
      </Stack>
    );
  }

  return (
    <Paper withBorder p="md" radius="md" data-testid="certificate-panel">
      <Group justify="space-between" align="center" gap="sm" mb="sm" wrap="wrap">
        <Group gap="xs">
          <IconCertificate size={20} stroke={1.6} />
          <Title order={3} size="h5">
            {t('certificates.panelTitle')}
          </Title>
        </Group>
        {current && (
          <Group gap="xs" wrap="wrap">
            <PrintButton
              size="xs"
              disabled={!fileState.file}
              printing={printing}
              onPrint={() => fileState.file && void print(fileState.file, documentTitle)}
              testId="certificate-print"
            >
              {t('certificates.print')}
            </PrintButton>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconDownload size={14} />}
              disabled={!fileState.file}
              onClick={() => fileState.file && savePdf(fileState.file, current.number)}
              data-testid="certificate-save"
            >
              {t('certificates.save')}
            </Button>
            {caseWorker && current.status === 'valid' && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconCopy size={14} />}
                onClick={() => openDialog('reprint')}
                data-testid="certificate-reprint"
              >
                {t('certificates.reprintAction')}
              </Button>
            )}
            {role === 'superviseur' && current.status === 'valid' && (
              <Button
                size="xs"
                variant="light"
                color="red"
                leftSection={<IconBan size={14} />}
                onClick={() => openDialog('revoke')}
                data-testid="certificate-revoke"
              >
                {t('certificates.revokeAction')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {body}
      {current && (
        <>
          <ReprintDialog
            key={`reprint-${current.id}-${openings}`}
            certificate={current}
            opened={dialog === 'reprint'}
            onClose={() => setDialog(null)}
            onReprinted={() => void refreshCaseCertificates(queryClient, caseId)}
          />
          <RevokeDialog
            key={`revoke-${current.id}-${openings}`}
            certificate={current}
            opened={dialog === 'revoke'}
            onClose={() => setDialog(null)}
            onRevoked={(revoked) => {
              adoptCertificate(queryClient, caseId, revoked);
              setDialog(null);
            }}
          />
        </>
      )}
    </Paper>
  );
}
