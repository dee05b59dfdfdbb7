import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconClockHour4, IconPlayerPause } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/api/types';
import { DeadlineBadge } from '../badges/DeadlineBadge';
import { StatusBadge } from '../badges/StatusBadge';
import { CertificatePanel } from '../certificates/CertificatePanel';
import { showsCertificate } from '../certificates/certificateQueries';
import { CaseLettersPanel } from '../letters/CaseLettersPanel';
import { formatDate, formatDateTime } from '../format/dates';
import { useLanguage } from '../shell/useLanguage';
import { procedureByCode, useSessionStore } from '../stores/sessionStore';
import { ConflictBanner } from './ConflictBanner';
import { HistoryTimeline } from './review/HistoryTimeline';
import { LastDecision } from './review/LastDecision';
import { NotesPanel } from './review/NotesPanel';
import { PortalChangesAlert } from './review/PortalChangesAlert';
import { ReplyChangesAlert } from './review/ReplyChangesAlert';
import classes from './CaseView.module.css';
import { InfoList } from './InfoList';
import { LinkedRecordsPanel } from './linked/LinkedRecordsPanel';
import { SubmittedForm } from './SubmittedForm';
import { useBelowTheFold } from './useBelowTheFold';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

export function CaseDetailBody({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const belowTheFold = useBelowTheFold(detail.row.id);
  const language = useLanguage();
  const procedures = useSessionStore((state) => state.procedures);
  const { row, record } = detail;
  const procedure = procedureByCode(procedures, row.procedureCode);
  const { applicant, company } = record;
  const { workflow, replyChanges } = detail.review;
  const changedApplicant = new Set(replyChanges?.applicantFields ?? []);
  const mark = (field: string, value: string) =>
    changedApplicant.has(field) ? (
      <Text span size="sm" bg="var(--mantine-color-yellow-light)" px={4} data-changed>
        {value}
      </Text>
    ) : (
      value
    );
  const failedActions = detail.sync.actions.filter((action) => action.state === 'failed').length;
  const pendingActions = detail.sync.actions.length - failedActions;

  return (
    <Stack gap="md">
      {detail.sync.conflict && <ConflictBanner caseId={row.id} conflict={detail.sync.conflict} />}
      {(pendingActions > 0 || failedActions > 0) && (
        <Alert
          color={failedActions > 0 ? 'red' : 'yellow'}
          variant="light"
          icon={<IconClockHour4 />}
          data-testid="case-actions"
        >
          <Group gap="md">
            {pendingActions > 0 && (
              <Text size="sm">{t('case.actionsPending', { count: pendingActions })}</Text>
            )}
            {failedActions > 0 && (
              <Text size="sm" c="red" fw={500}>
                {t('case.actionsFailed', { count: failedActions })}
              </Text>
            )}
          </Group>
        </Alert>
      )}
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
          <Stack gap={4} miw={0}>
            <Group gap="sm" wrap="wrap">
              <Title
                order={2}
                size="h3"
                ff="monospace"
                className={classes.oneLine}
                title={row.reference}
                data-testid="case-reference"
              >
                {row.reference}
              </Title>
              <StatusBadge status={row.status} size="md" />
            </Group>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Badge
                variant="outline"
                color="gray"
                radius="sm"
                tt="none"
                ff="monospace"
                className={classes.code}
                mt={2}
                data-testid="case-procedure-code"
              >
                {row.procedureCode}
              </Badge>
              <Text fw={500} miw={0}>
                {procedure?.title[language] ?? row.procedureCode}
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              {t('case.submittedOn', { date: formatDateTime(record.submittedAt, language) })}
            </Text>
          </Stack>
          <Group gap="xl" align="flex-start">
            <Stack gap={4}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                {t('case.deadline')}
              </Text>
              <Group gap="xs">
                <Text size="sm">{formatDate(row.dueDate, language)}</Text>
                {workflow.slaPaused ? (
                  <Badge color="gray" variant="light" leftSection={<IconPlayerPause size={12} />}>
                    {t('review.slaPaused')}
                  </Badge>
                ) : (
                  <DeadlineBadge row={row} />
                )}
              </Group>
              {workflow.slaPausedDays > 0 && (
                <Text size="xs" c="dimmed">
                  {t('review.slaPausedDays', { count: workflow.slaPausedDays })}
                </Text>
              )}
            </Stack>
            <Stack gap={4}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                {t('case.assignee')}
              </Text>
              <Text size="sm" c={row.assignee ? undefined : 'dimmed'}>
                {row.assignee?.displayName ?? t('inbox.unassigned')}
              </Text>
              {/* Assigned is not claimed: say who works on it, if anyone (the action bar says more). */}
              {(row.assignee || workflow.claim) && (
                <Text size="xs" c="dimmed" data-testid="case-claim-line">
                  {workflow.claim
                    ? t('case.claimedBy', { name: workflow.claim.holder.displayName })
                    : t('case.notClaimedYet')}
                </Text>
              )}
            </Stack>
            <Stack gap={4}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                {t('case.office')}
              </Text>
              <Text size="sm">{row.officeCode}</Text>
            </Stack>
          </Group>
        </Group>
      </Paper>

      {detail.review.portalChanges && <PortalChangesAlert detail={detail} />}
      {workflow.lastDecision && <LastDecision detail={detail} />}
      {showsCertificate(detail) && <CertificatePanel detail={detail} />}
      <CaseLettersPanel caseId={row.id} />
      {replyChanges && <ReplyChangesAlert changes={replyChanges} />}
      <LinkedRecordsPanel detail={detail} />

      <SimpleGrid type="container" cols={{ base: 1, '760px': 2 }} spacing="md">
        <Section title={t('case.applicant')}>
          <InfoList
            items={[
              {
                label: t('case.fields.name'),
                value: `${applicant.firstName} ${applicant.lastName}`,
              },
              ...(applicant.gender
                ? [{ label: t('case.fields.gender'), value: t(`case.gender.${applicant.gender}`) }]
                : []),
              ...(applicant.birthDate
                ? [
                    {
                      label: t('case.fields.birthDate'),
                      value: formatDate(applicant.birthDate, language),
                    },
                  ]
                : []),
              ...(applicant.idNumber
                ? [
                    {
                      label: t('case.fields.idNumber'),
                      value: applicant.idNumber,
                      oneLine: applicant.idNumber,
                    },
                  ]
                : []),
              {
                label: t('case.fields.phone'),
                value: mark('phone', applicant.phone),
                oneLine: applicant.phone,
              },
              {
                label: t('case.fields.email'),
                value: mark('email', applicant.email),
                oneLine: applicant.email,
              },
              {
                label: t('case.fields.place'),
                value: mark(
                  changedApplicant.has('region') ? 'region' : 'city',
                  `${applicant.region} · ${applicant.city}`,
                ),
              },
              { label: t('case.fields.address'), value: mark('address', applicant.address) },
            ]}
          />
        </Section>
        <Section title={t('case.company')}>
          {company ? (
            <InfoList
              items={[
                { label: t('case.fields.companyName'), value: company.name },
                { label: t('case.fields.legalForm'), value: company.legalForm },
                {
                  label: t('case.fields.nif'),
                  value: (
                    <Text span ff="monospace" size="sm" data-testid="case-nif">
                      {company.nif}
                    </Text>
                  ),
                  oneLine: company.nif,
                },
                {
                  label: t('case.fields.rccm'),
                  value: (
                    <Text span ff="monospace" size="sm" data-testid="case-rccm">
                      {company.rccm}
                    </Text>
                  ),
                  oneLine: company.rccm,
                },
              ]}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('case.noCompany')}
            </Text>
          )}
        </Section>
      </SimpleGrid>

      {belowTheFold && (
        <>
          <Section title={t('case.form')}>
            <SubmittedForm
              procedure={detail.procedure}
              form={record.form}
              issues={detail.formIssues}
              changedFields={replyChanges?.fields}
            />
          </Section>

          <SimpleGrid type="container" cols={{ base: 1, '640px': 2 }} spacing="md">
            <Section title={t('review.notes')}>
              <NotesPanel detail={detail} />
            </Section>
            <Section title={t('review.history')}>
              <HistoryTimeline detail={detail} />
            </Section>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
