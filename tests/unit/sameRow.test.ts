import { describe, expect, it } from 'vitest';
import type { InboxRow } from '../../src/shared/api/types';
import { sameRow } from '../../src/renderer/src/inbox/sameRow';
import { inboxRow } from '../support/inboxRows';

const base = (): InboxRow =>
  inboxRow('a', {
    reference: 'COM-IMPEX-2026-000001',
    applicantName: 'Komlan Kpatcha',
    assignee: { id: 'u1', displayName: 'Ablavi Lawson' },
    searchMatch: { field: 'applicantName', value: 'Komlan Kpatcha', ranges: [[7, 9]] },
  });

describe('sameRow: whether a row from a new answer says what the drawn one says', () => {
  it('is true for an equal copy, nested objects and ranges included', () => {
    expect(sameRow(base(), structuredClone(base()))).toBe(true);
  });

  it('sees a change anywhere, a nested one or a field added or taken away', () => {
    const changes: ((row: InboxRow) => void)[] = [
      (row) => (row.applicantName = 'Komlan Kpatcha Bawa'),
      (row) => (row.workingDaysLeft = null),
      (row) => (row.assignee = null),
      (row) => (row.assignee!.displayName = 'Kossi Agbodjan'),
      (row) => (row.searchMatch!.ranges = [[7, 10]]),
      (row) =>
        (row.searchMatch!.ranges = [
          [7, 9],
          [0, 1],
        ]),
      (row) => (row.holder = null),
      (row) => delete row.searchMatch,
    ];
    for (const change of changes) {
      const other = base();
      change(other);
      expect(sameRow(base(), other)).toBe(false);
      expect(sameRow(other, base())).toBe(false);
    }
  });
});
