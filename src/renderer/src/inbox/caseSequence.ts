import type { InboxRow } from '../../../shared/api/types';
import { prefetchCase } from '../case/caseQueries';
import { navigate } from '../routing/useRoute';
import { useInboxStore } from '../stores/inboxStore';
import { shownInboxList } from './inboxList';

/**
 * The list a case was opened from, as the clerk saw it: kept when the list's rows leave the cache
 * or when the case leaves the list (claimed, decided), so j/k inside a case still know its place.
 */
let remembered: readonly string[] = [];

export function rememberCaseList(rows: readonly InboxRow[]): void {
  remembered = rows.map((row) => row.id);
}

/** Opens a case of the list, which becomes the current row when the clerk comes back. */
export function openCaseFromList(id: string, rows: readonly InboxRow[]): void {
  rememberCaseList(rows);
  prefetchCase(id);
  useInboxStore.getState().select(id);
  navigate({ view: 'case', id });
}

export type Neighbour =
  | { kind: 'case'; id: string }
  /** At an end of the list; `more`: the list goes on beyond the loaded rows. */
  | { kind: 'end'; direction: 1 | -1; more: boolean }
  | { kind: 'notInList' };

/**
 * The case next to `currentId` in the list (`direction` 1: next, −1: previous). In the rows shown
 * now if the case is among them; else from its place in the list the clerk saw, skipping the cases
 * that have left the list since (when the list is still known).
 */
export function neighbourCase(
  shown: readonly string[],
  seen: readonly string[],
  currentId: string,
  direction: 1 | -1,
  more: boolean,
): Neighbour {
  const index = shown.indexOf(currentId);
  if (index >= 0) {
    const id = shown[index + direction];
    if (id !== undefined) return { kind: 'case', id };
    return { kind: 'end', direction, more: direction === 1 && more };
  }
  const place = seen.indexOf(currentId);
  if (place < 0) return { kind: 'notInList' };
  const stillListed = new Set(shown);
  for (let at = place + direction; at >= 0 && at < seen.length; at += direction) {
    const id = seen[at]!;
    if (shown.length === 0 || stillListed.has(id)) return { kind: 'case', id };
  }
  return { kind: 'end', direction, more: direction === 1 && more };
}

/** The case j (1) or k (−1) would open from `currentId`, without opening it; null at an end. */
export function peekNeighbour(currentId: string, direction: 1 | -1): string | null {
  const { rows, hasMore } = shownInboxList();
  const shown = rows.map((row) => row.id);
  const found = neighbourCase(shown, remembered, currentId, direction, hasMore);
  return found.kind === 'case' ? found.id : null;
}

/** j/k inside a case: opens the neighbour, or says where the clerk stands. */
export function stepCase(currentId: string, direction: 1 | -1): Neighbour {
  const { rows, hasMore } = shownInboxList();
  const shown = rows.map((row) => row.id);
  const found = neighbourCase(shown, remembered, currentId, direction, hasMore);
  if (shown.includes(currentId)) remembered = shown;
  if (found.kind === 'case') {
    prefetchCase(found.id);
    useInboxStore.getState().select(found.id);
    navigate({ view: 'case', id: found.id });
  }
  return found;
}
