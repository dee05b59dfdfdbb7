import { prefetchCase } from '../caseQueries';
import { shownInboxRows } from '../../inbox/inboxList';
import { navigate } from '../../routing/useRoute';
import { useInboxStore } from '../../stores/inboxStore';

/** Each person's own choice on a shared desk: keyed by their id (issue 19). */
const nextCaseKey = (userId: string | undefined) =>
  `bureau.nextCaseAfterDecision.${userId ?? 'anonymous'}`;

export function nextCaseEnabled(userId: string | undefined): boolean {
  return localStorage.getItem(nextCaseKey(userId)) !== 'off';
}

export function setNextCaseEnabled(userId: string | undefined, on: boolean): void {
  localStorage.setItem(nextCaseKey(userId), on ? 'on' : 'off');
}

/**
 * After a decision: the case that followed the decided one in the list the clerk came from, so a
 * morning's work flows without going back to the list. Returns false when there is none.
 */
export function openNextCase(decidedId: string): boolean {
  const rows = shownInboxRows();
  const index = rows.findIndex((row) => row.id === decidedId);
  const next = index >= 0 ? rows[index + 1] : rows.find((row) => row.id !== decidedId);
  if (!next) return false;
  prefetchCase(next.id);
  useInboxStore.getState().select(next.id);
  navigate({ view: 'case', id: next.id });
  return true;
}
