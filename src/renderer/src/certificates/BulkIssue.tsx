import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  Progress,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCertificate, IconInfoCircle } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRow } from '../../../shared/api/types';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { invalidateCaseLists } from '../api/liveInvalidation';
import { formatNumber } from '../format/numbers';
import { useLanguage } from '../shell/useLanguage';
import { useInboxStore } from '../stores/inboxStore';
import { useSessionStore } from '../stores/sessionStore';

interface Failure {
  reference: string;
  reason: string;
}

interface Run {
  phase: 'confirm' | 'running' | 'finished';
  done: number;
  issued: number;
  failures: Failure[];
  current: string | null;
  stopped: boolean;
}

const START: Run = {
  phase: 'confirm',
  done: 0,
  issued: 0,
  failures: [],
  current: null,
  stopped: false,
};

/**
 * Issues the certificates of the selected approved cases one after the other: a progress bar,
 * each failure with the core's French reason, and « Arrêter » that stops after the current case
 * (a certificate is never left half-issued). Cases not approved are skipped and counted.
 */
export function BulkIssueModal({
  rows,
  opened,
  onClose,
}: {
  rows: InboxRow[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [run, setRun] = useState<Run>(START);
  const stopRequested = useRef(false);
  const [stopping, setStopping] = useState(false);
  const approved = rows.filter((row) => row.status === 'approved');
  const skipped = rows.length - approved.length;
  const total = approved.length;
  const n = (value: number) => formatNumber(value, language);

  const start = async () => {
    stopRequested.current = false;
    let state: Run = { ...START, phase: 'running' };
    setRun(state);
    for (const row of approved) {
      if (stopRequested.current) {
        state = { ...state, stopped: true };
        break;
      }
      state = { ...state, current: row.reference };
      setRun(state);
      try {
        await api.call('certificates.issue', { caseId: row.id });
        state = { ...state, issued: state.issued + 1 };
      } catch (error) {
        state = {
          ...state,
          failures: [
            ...state.failures,
            { reference: row.reference, reason: errorMessage(error, t('app.unexpectedError')) },
          ],
        };
      }
      state = { ...state, done: state.done + 1 };
      setRun(state);
    }
    state = { ...state, phase: 'finished', current: null };
    setRun(state);
    notifications.show({
      color: state.failures.length > 0 ? 'orange' : 'togo',
      title: t('certificates.bulk.finishedTitle'),
      message: [
        t('certificates.bulk.issuedCount', { count: state.issued, formatted: n(state.issued) }),
        state.failures.length > 0
          ? t('certificates.bulk.failedCount', {
              count: state.failures.length,
              formatted: n(state.failures.length),
            })
          : null,
        skipped > 0
          ? t('certificates.bulk.skippedCount', { count: skipped, formatted: n(skipped) })
          : null,
      ]
        .filter(Boolean)
        .join(' · '),
      autoClose: 8000,
    });
    // The list and the queue counts follow the cases that moved to « certificat délivré ».
    invalidateCaseLists();
  };

  const running = run.phase === 'running';
  const percent = total === 0 ? 0 : (run.done / total) * 100;

  return (
    <Modal
      opened={opened}
      onClose={running ? () => undefined : onClose}
      closeOnEscape={!running}
      closeOnClickOutside={!running}
      withCloseButton={!running}
      title={t('certificates.bulk.title')}
      size="lg"
      data-testid="bulk-issue-dialog"
    >
      <Stack gap="md">
        {run.phase === 'confirm' ? (
          <Alert variant="light" color="blue" icon={<IconInfoCircle />}>
            <Text size="sm">
              {t('certificates.bulk.what', { count: total, formatted: n(total) })}
            </Text>
            {skipped > 0 && (
              <Text size="sm" mt={4}>
                {t('certificates.bulk.willSkip', { count: skipped, formatted: n(skipped) })}
              </Text>
            )}
          </Alert>
        ) : (
          <Stack gap={6}>
            <Group justify="space-between" gap="sm">
              <Text size="sm" fw={600} data-testid="bulk-progress-text">
                {t('certificates.bulk.progress', { done: n(run.done), total: n(total) })}
              </Text>
              <Text size="xs" c="dimmed">
                {running && run.current
                  ? t('certificates.bulk.current', { reference: run.current })
                  : null}
              </Text>
            </Group>
            <Progress
              value={percent}
              size="lg"
              radius="sm"
              animated={running}
              color={run.failures.length > 0 ? 'orange' : 'togo'}
              aria-label={t('certificates.bulk.progress', { done: n(run.done), total: n(total) })}
            />
            {run.phase === 'finished' && (
              <Text size="sm" role="status" data-testid="bulk-summary">
                {[
                  t('certificates.bulk.issuedCount', {
                    count: run.issued,
                    formatted: n(run.issued),
                  }),
                  skipped > 0
                    ? t('certificates.bulk.skippedCount', { count: skipped, formatted: n(skipped) })
                    : null,
                  run.stopped
                    ? t('certificates.bulk.stoppedCount', {
                        count: total - run.done,
                        formatted: n(total - run.done),
                      })
                    : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            )}
            {running && stopping && (
              <Text size="xs" c="dimmed">
                {t('certificates.bulk.stopping')}
              </Text>
            )}
          </Stack>
        )}
        {run.failures.length > 0 && (
          <Alert color="red" variant="light" title={t('certificates.bulk.failures')} p="sm">
            <ScrollArea.Autosize mah={180}>
              <List size="sm" spacing={4} data-testid="bulk-failures">
                {run.failures.map((failure) => (
                  <List.Item key={failure.reference}>
                    <Text span ff="monospace" size="sm" fw={600}>
                      {failure.reference}
                    </Text>{' '}
                    — {failure.reason}
                  </List.Item>
                ))}
              </List>
            </ScrollArea.Autosize>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          {run.phase === 'confirm' && (
            <>
              <Button variant="default" onClick={onClose}>
                {t('certificates.cancel')}
              </Button>
              <Button
                leftSection={<IconCertificate size={16} />}
                disabled={total === 0}
                onClick={() => void start()}
                data-testid="bulk-issue-start"
              >
                {t('certificates.bulk.start', { count: total, formatted: n(total) })}
              </Button>
            </>
          )}
          {running && (
            <Button
              variant="default"
              disabled={stopping}
              onClick={() => {
                stopRequested.current = true;
                setStopping(true);
              }}
              data-testid="bulk-issue-stop"
            >
              {t('certificates.bulk.stop')}
            </Button>
          )}
          {run.phase === 'finished' && (
            <Button onClick={onClose} data-autofocus>
              {t('certificates.close')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

/** « Délivrer les certificats » in the inbox selection bar (agents and supervisors). */
export function BulkIssueButton({ rows: allRows }: { rows: readonly InboxRow[] }) {
  const { t } = useTranslation();
  const role = useSessionStore((state) => state.user?.role);
  const checked = useInboxStore((state) => state.checked);
  const [open, setOpen] = useState(false);
  const [openings, setOpenings] = useState(0);
  const [rows, setRows] = useState<InboxRow[]>([]);
  if (role !== 'agent' && role !== 'superviseur') return null;
  const selected = allRows.filter((row) => checked.has(row.id));
  const approved = selected.filter((row) => row.status === 'approved').length;
  const button = (
    <Button
      size="compact-xs"
      variant="filled"
      leftSection={<IconCertificate size={12} />}
      disabled={approved === 0}
      onClick={() => {
        // The modal works on the selection as it was when opened, whatever the list does meanwhile.
        setRows(selected);
        setOpenings((value) => value + 1);
        setOpen(true);
      }}
      data-testid="bulk-issue"
    >
      {t('certificates.bulk.action')}
    </Button>
  );
  return (
    <>
      {approved === 0 ? (
        <Tooltip label={t('certificates.bulk.noneApproved')} withArrow>
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      <BulkIssueModal key={openings} rows={rows} opened={open} onClose={() => setOpen(false)} />
    </>
  );
}
