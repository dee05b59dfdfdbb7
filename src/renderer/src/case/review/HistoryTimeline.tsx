import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../../shared/api/caseTypes';
import type { CaseDetail } from '../../../../shared/api/types';
import {
  describeReviewedChanges,
  type ReviewedChange,
} from '../../../../shared/portal/reviewedChanges';
import { StatusBadge } from '../../badges/StatusBadge';
import { formatDateTime } from '../../format/dates';
import { useLanguage } from '../../shell/useLanguage';

const KNOWN_KINDS = new Set([
  'received',
  'assigned',
  'claimed',
  'taken_over',
  'checked_out',
  'released',
  'checklist_ticked',
  'info_requested',
  'applicant_replied',
  'signoff_requested',
  'signoff_approved',
  'signoff_returned',
  'proposal_withdrawn',
  'approved',
  'rejected',
  'note_added',
  'portal_withdrawn',
  'portal_status_changed',
  'portal_reassigned',
  'conflict_opened',
  'conflict_resolved',
  'certificate_issued',
  'certificate_reprinted',
  'certificate_revoked',
  'portal_data_changed_after_decision',
  'portal_changes_confirmed',
  'marked_duplicate',
  'duplicate_linked',
]);

/** Lines whose details list reviewed data the portal changed after the decision. */
const CHANGE_KINDS = new Set(['portal_data_changed_after_decision', 'portal_changes_confirmed']);

const COLORS: Record<string, string> = {
  approved: 'togo',
  signoff_approved: 'togo',
  rejected: 'red',
  portal_withdrawn: 'red',
  conflict_opened: 'red',
  info_requested: 'orange',
  applicant_replied: 'yellow',
  signoff_requested: 'violet',
  signoff_returned: 'orange',
  proposal_withdrawn: 'orange',
  certificate_issued: 'togo',
  certificate_revoked: 'red',
  portal_data_changed_after_decision: 'orange',
  portal_changes_confirmed: 'togo',
  marked_duplicate: 'orange',
  duplicate_linked: 'orange',
};

/** Every event of the case, oldest first, with who did it and the status it led to. */
export function HistoryTimeline({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const checklistLabels = new Map(
    detail.procedure.checklist.map((item) => [item.id, item.label[language]]),
  );

  const title = (entry: HistoryEntry): string => {
    if (!KNOWN_KINDS.has(entry.kind)) return t('review.historyKinds.other', { kind: entry.kind });
    if (entry.kind === 'assigned') {
      const to = entry.details.to as { displayName?: string } | undefined;
      return t('review.historyKinds.assigned', { to: to?.displayName ?? '—' });
    }
    if (entry.kind === 'checked_out') {
      const holder = entry.details.holder as { displayName?: string } | undefined;
      return t('review.historyKinds.checked_out', {
        holder: holder?.displayName ?? '—',
        count: typeof entry.details.days === 'number' ? entry.details.days : 0,
      });
    }
    if (entry.kind === 'checklist_ticked') {
      const itemId = String(entry.details.itemId ?? '');
      return t('review.historyKinds.checklist_ticked', {
        item: checklistLabels.get(itemId) ?? itemId,
        state: entry.details.checked ? t('review.ticked') : t('review.unticked'),
      });
    }
    if (entry.kind === 'marked_duplicate' || entry.kind === 'duplicate_linked') {
      const reference = typeof entry.details.reference === 'string' ? entry.details.reference : '—';
      return t(`linked.history.${entry.kind}`, { reference });
    }
    return t(`review.historyKinds.${entry.kind}` as 'review.historyKinds.received');
  };
  const comment = (entry: HistoryEntry): string | null => {
    const text = entry.details.comment ?? entry.details.message ?? entry.details.reason;
    return typeof text === 'string' && text ? text : null;
  };
  // What the portal changed after the decision (and what was confirmed), old → new.
  const changes = (entry: HistoryEntry): string | null => {
    const list = entry.details.changes;
    if (!CHANGE_KINDS.has(entry.kind) || !Array.isArray(list)) return null;
    const omitted = typeof entry.details.omitted === 'number' ? entry.details.omitted : 0;
    if (list.length === 0 && omitted === 0) return null;
    return describeReviewedChanges(
      { changes: list as ReviewedChange[], omitted },
      detail.procedure,
      language,
    );
  };

  if (detail.review.history.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('review.historyEmpty')}
      </Text>
    );
  }
  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="history">
      {detail.review.history.map((entry) => (
        <Timeline.Item
          key={entry.id}
          color={COLORS[entry.kind] ?? 'gray'}
          title={
            <Text size="sm" fw={500}>
              {title(entry)}
            </Text>
          }
        >
          <Text size="xs" c="dimmed">
            {formatDateTime(entry.at, language)} · {entry.actor?.displayName ?? t('review.system')}
          </Text>
          {entry.toStatus && <StatusBadge status={entry.toStatus} size="sm" />}
          {comment(entry) && (
            <Text size="xs" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
              « {comment(entry)} »
            </Text>
          )}
          {changes(entry) && (
            <Text size="xs" mt={2} data-testid="history-changes">
              {changes(entry)}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
