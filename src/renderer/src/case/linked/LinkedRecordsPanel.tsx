import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCopy, IconGitCompare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkedSignal, SameApplicantCase } from '../../../../shared/api/linkedTypes';
import type { CaseDetail } from '../../../../shared/api/types';
import { errorMessage } from '../../api/errorMessage';
import { StatusBadge } from '../../badges/StatusBadge';
import { formatDate } from '../../format/dates';
import { hrefOf } from '../../routing/route';
import { useLanguage } from '../../shell/useLanguage';
import { useSessionStore } from '../../stores/sessionStore';
import { CompareCasesModal } from './CompareCasesModal';
import { useLinkedRecords } from './linkedQueries';
import { MarkDuplicateDialog } from './MarkDuplicateDialog';

function CaseLink({ id, reference }: { id: string; reference: string }) {
  return (
    <Anchor href={hrefOf({ view: 'case', id })} ff="monospace" size="sm">
      {reference}
    </Anchor>
  );
}

/** One warning: what it is, what it rests on, and the cases it cites. It decides nothing. */
function SignalLine({ signal }: { signal: LinkedSignal }) {
  const { t } = useTranslation();
  let text: string;
  if (signal.kind === 'same_id_different_names') {
    text = t('linked.signal.same_id_different_names', {
      idNumber: signal.idNumber ?? '',
      names: (signal.names ?? []).join(', '),
    });
  } else if (signal.kind === 'previous_fraud_rejection') {
    text = t('linked.signal.previous_fraud_rejection', {
      reasons: (signal.reasonCodes ?? []).join(', '),
    });
  } else {
    text = t('linked.signal.revoked_prerequisite', {
      number: signal.certificateNumber ?? '',
      procedure: signal.procedureCode ?? '',
      why: signal.revocationReason ? ` (${signal.revocationReason})` : '',
    });
  }
  return (
    <Text size="sm" data-testid={`linked-signal-${signal.kind}`}>
      {text}{' '}
      {signal.cases.map((other, index) => (
        <span key={other.id}>
          {index > 0 && ', '}
          <CaseLink id={other.id} reference={other.reference} />
        </span>
      ))}
    </Text>
  );
}

/**
 * « Dossiers liés » (issue 20 §2): warning signals first, then the same applicant's open cases
 * (possible duplicates: compare, mark as duplicate), then those decided in the last 12 months.
 */
export function LinkedRecordsPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const linked = useLinkedRecords(detail.row.id);
  // Each window stays mounted once opened, so that closing it fades it out and gives the focus
  // back: unmounted on close, the focus would drop to the page and Escape would leave the case.
  const [comparing, setComparing] = useState<SameApplicantCase | null>(null);
  const [compareOpen, setCompareOpen] = useState(false);
  const [marking, setMarking] = useState<SameApplicantCase | null>(null);
  const [markOpen, setMarkOpen] = useState(false);
  const [markOpenings, setMarkOpenings] = useState(0);
  const [marked, setMarked] = useState<string | null>(null);
  // The core's gate: a clerk or supervisor of the case's office (the page shows only those).
  const role = useSessionStore((state) => state.user?.role);
  const canMark = role === 'agent' || role === 'superviseur';

  let body: React.ReactNode;
  if (linked.isPending) {
    body = (
      <Group gap="xs" aria-busy="true">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          {t('linked.loading')}
        </Text>
      </Group>
    );
  } else if (linked.isError) {
    body = (
      <Text size="sm" c="red.8" role="alert">
        {t('linked.loadFailed', { reason: errorMessage(linked.error, String(linked.error)) })}
      </Text>
    );
  } else {
    const { signals, openCases, recentDecisions, duplicates } = linked.data;
    const listed = new Set([...openCases, ...recentDecisions].map((other) => other.id));
    const otherMarks = duplicates.filter((mark) => !listed.has(mark.otherId));
    const empty =
      signals.length === 0 &&
      openCases.length === 0 &&
      recentDecisions.length === 0 &&
      otherMarks.length === 0;
    const matched = (other: SameApplicantCase) =>
      t('linked.matchedOn', {
        keys: other.matchedOn.map((key) => t(`linked.key.${key}`)).join(', '),
      });
    const markLine = (other: SameApplicantCase) =>
      other.duplicate && (
        <Text size="xs" c="dimmed" data-testid={`linked-mark-${other.id}`}>
          {t(
            other.duplicate.direction === 'this_is_duplicate'
              ? 'linked.markedThisDuplicate'
              : 'linked.markedOtherDuplicate',
            { reference: other.reference, reason: other.duplicate.reason },
          )}
        </Text>
      );
    body = (
      <Stack gap="sm">
        {signals.length > 0 && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle />}
            title={t('linked.signalsTitle')}
            data-testid="linked-signals"
            p="xs"
          >
            <Stack gap={4}>
              {signals.map((signal, index) => (
                <SignalLine key={`${signal.kind}-${index}`} signal={signal} />
              ))}
              <Text size="xs" c="dimmed">
                {t('linked.signalNote')}
              </Text>
            </Stack>
          </Alert>
        )}
        {marked && (
          <Alert color="togo" variant="light" role="status" p="xs" data-testid="linked-marked">
            <Text size="sm">{marked}</Text>
          </Alert>
        )}
        {empty && (
          <Text size="sm" c="dimmed" data-testid="linked-empty">
            {t('linked.empty')}
          </Text>
        )}
        {openCases.length > 0 && (
          <Stack gap={4} data-testid="linked-open">
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" component="h4" m={0}>
              {t('linked.openTitle')}
            </Text>
            {openCases.map((other) => (
              <div key={other.id} data-testid={`linked-open-${other.id}`}>
                <Group gap="xs" wrap="wrap" justify="space-between">
                  <Group gap="xs" wrap="wrap" miw={0}>
                    <CaseLink id={other.id} reference={other.reference} />
                    <StatusBadge status={other.status} />
                    <Text size="xs" c="dimmed">
                      {other.procedureCode} · {matched(other)} ·{' '}
                      {t('linked.submitted', { date: formatDate(other.submittedAt, language) })}
                    </Text>
                  </Group>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="default"
                      leftSection={<IconGitCompare size={14} />}
                      onClick={() => {
                        setComparing(other);
                        setCompareOpen(true);
                      }}
                      data-testid={`linked-compare-${other.id}`}
                    >
                      {t('linked.compare')}
                    </Button>
                    {canMark && !other.duplicate && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        color="orange"
                        leftSection={<IconCopy size={14} />}
                        onClick={() => {
                          setMarking(other);
                          setMarkOpenings((count) => count + 1);
                          setMarkOpen(true);
                        }}
                        data-testid={`linked-mark-button-${other.id}`}
                      >
                        {t('linked.markDuplicate')}
                      </Button>
                    )}
                  </Group>
                </Group>
                {markLine(other)}
              </div>
            ))}
          </Stack>
        )}
        {recentDecisions.length > 0 && (
          <Stack gap={4} data-testid="linked-decided">
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" component="h4" m={0}>
              {t('linked.decidedTitle')}
            </Text>
            {recentDecisions.map((other) => {
              const decision = other.decision;
              return (
                <div key={other.id} data-testid={`linked-decided-${other.id}`}>
                  <Group gap="xs" wrap="wrap">
                    <CaseLink id={other.id} reference={other.reference} />
                    {decision && (
                      <Badge
                        size="sm"
                        variant="light"
                        color={decision.outcome === 'rejected' ? 'red' : 'togo'}
                      >
                        {t(`linked.outcome.${decision.outcome}`)}
                      </Badge>
                    )}
                    <Text size="xs" c="dimmed">
                      {other.procedureCode} · {matched(other)}
                      {decision &&
                        ` · ${t('linked.decidedOn', { date: formatDate(decision.decidedOn, language) })}`}
                    </Text>
                  </Group>
                  {decision && (decision.reasons.length > 0 || decision.comment) && (
                    <Text size="xs" ml="xs">
                      {[...decision.reasons.map((reason) => reason[language]), decision.comment]
                        .filter(Boolean)
                        .join(' — ')}
                    </Text>
                  )}
                  {markLine(other)}
                </div>
              );
            })}
          </Stack>
        )}
        {otherMarks.length > 0 && (
          <Stack gap={4} data-testid="linked-marks">
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" component="h4" m={0}>
              {t('linked.marksTitle')}
            </Text>
            {otherMarks.map((mark) => (
              <Text size="xs" key={mark.otherId}>
                <CaseLink id={mark.otherId} reference={mark.otherReference} /> —{' '}
                {t(
                  mark.direction === 'this_is_duplicate'
                    ? 'linked.markedThisDuplicate'
                    : 'linked.markedOtherDuplicate',
                  { reference: mark.otherReference, reason: mark.reason },
                )}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    );
  }

  return (
    <Paper withBorder p="md" radius="md" data-testid="linked-records">
      <Title order={3} size="h5" mb="sm">
        {t('linked.title')}
      </Title>
      {body}
      {comparing && (
        <CompareCasesModal
          opened={compareOpen}
          detail={detail}
          other={comparing}
          onClose={() => setCompareOpen(false)}
        />
      )}
      {marking && (
        <MarkDuplicateDialog
          key={markOpenings}
          opened={markOpen}
          detail={detail}
          other={marking}
          onClose={() => setMarkOpen(false)}
          onMarked={(reference) => {
            setMarkOpen(false);
            setMarked(t('linked.marked', { reference }));
          }}
        />
      )}
    </Paper>
  );
}
