import { describe, expect, it } from 'vitest';
import { filterConditions } from '../../src/main/core/inbox/listFilters';
import {
  DEADLINE_CONDITIONS,
  indexedColumn,
  QUEUE_CONDITIONS,
} from '../../src/main/core/inbox/queueFilters';
import type { InboxFilters } from '../../src/shared/api/types';

const EVERY_FILTER: InboxFilters = {
  procedureCodes: ['COM-IMPEX', 'COM-RCCM'],
  statuses: ['submitted'],
  officeCodes: ['LOM', 'KAR'],
  regions: ['Kara'],
  assigneeIds: ['u-agent-kossi', 'none'],
  submittedFrom: '2026-01-05',
  submittedTo: '2026-01-30',
  deadlineStates: ['overdue', 'due_soon', 'on_time'],
};

const columnsOf = (sql: string) => [...sql.matchAll(/(\+?)a\.(\w+)/g)];

describe('list filters as SQL', () => {
  it('name every column of every filter without index when walking another index', () => {
    const { conditions } = filterConditions(EVERY_FILTER, { indexed: false });
    expect(conditions).toHaveLength(8);
    const columns = columnsOf(conditions.join(' AND '));
    expect(columns.length).toBeGreaterThan(8);
    expect(columns.filter(([, plus]) => plus !== '+').map(([ref]) => ref)).toEqual([]);
  });

  it('write the same conditions, columns indexed, by default', () => {
    const indexed = filterConditions(EVERY_FILTER);
    const unindexed = filterConditions(EVERY_FILTER, { indexed: false });
    expect(columnsOf(indexed.conditions.join(' AND ')).every(([, plus]) => plus === '')).toBe(true);
    expect(indexed.conditions.map((sql) => sql.replaceAll('a.', '+a.'))).toEqual(
      unindexed.conditions,
    );
    expect(indexed.params).toEqual(unindexed.params);
  });

  it('bind every value, splicing none into the text', () => {
    const { conditions, params } = filterConditions(EVERY_FILTER);
    const sql = conditions.join(' AND ');
    for (const value of ['COM-IMPEX', 'LOM', 'Kara', 'u-agent-kossi', '2026-01-05']) {
      expect(sql).not.toContain(value);
    }
    expect(params).toMatchObject({ regions: 'Kara', submittedBefore: '2026-01-31' });
  });

  it('filter by deadline with the queues’ own conditions (the partial index’s text)', () => {
    const { conditions } = filterConditions({ deadlineStates: ['overdue'] });
    expect(conditions).toEqual([`((${DEADLINE_CONDITIONS.overdue(indexedColumn)}))`]);
    // The queue is that condition under the office scope (README « Who sees what »).
    expect(QUEUE_CONDITIONS.overdue).toBe(
      `a.office_code = @officeCode AND ${DEADLINE_CONDITIONS.overdue(indexedColumn)}`,
    );
  });
});
