import { describe, expect, it } from 'vitest';
import { inboxHref, queryFromHash } from '../../src/renderer/src/inbox/inboxUrl';
import { parseRoute } from '../../src/renderer/src/routing/route';
import type { InboxQuery } from '../../src/shared/api/types';

describe('inbox filters in the address', () => {
  it('round-trips every filter, the sort and the search', () => {
    const query: InboxQuery = {
      queue: 'to_process',
      filters: {
        procedureCodes: ['COM-IMPEX', 'ART-CP'],
        statuses: ['submitted'],
        officeCodes: ['KAR'],
        regions: ['Savanes'],
        assigneeIds: ['u-agent-kossi'],
        deadlineStates: ['overdue', 'due_soon'],
        submittedFrom: '2026-01-01',
        submittedTo: '2026-03-31',
      },
      sort: { key: 'submitted', direction: 'desc' },
      search: "N'Guessan Éloi & Fils",
    };
    const href = inboxHref(query);
    expect(href).toMatch(/^#\/inbox\/to_process\?procedure=COM-IMPEX&procedure=ART-CP/);
    expect(parseRoute(href)).toEqual({ view: 'inbox', queue: 'to_process' });
    expect(queryFromHash(href, 'to_process')).toEqual(query);
  });

  it('writes a plain queue without a query part, and reads none back', () => {
    const href = inboxHref({ queue: 'mine', filters: {}, search: '  ' });
    expect(href).toBe('#/inbox/mine');
    expect(queryFromHash(href, 'mine')).toBeNull();
  });

  it('ignores a link the contract would refuse instead of half-applying it', () => {
    expect(queryFromHash('#/inbox/all?statut=supprime', 'all')).toBeNull();
    expect(queryFromHash('#/inbox/all?du=hier', 'all')).toBeNull();
    expect(queryFromHash('#/inbox/all?tri=couleur-asc', 'all')).toBeNull();
    expect(queryFromHash('#/inbox/all?procedure=COM-CO&inconnu=1', 'all')).toEqual({
      queue: 'all',
      filters: { procedureCodes: ['COM-CO'] },
      search: '',
    });
  });
});
