import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLeaseReplica } from '../../src/main/core/cases/leaseReplica';
import { createInboxQueries, type ListQuery } from '../../src/main/core/inbox/inboxQueries';
import { leaseLabel } from '../../src/shared/domain/leaseLabel';
import { createInboxFixture, type InboxFixture } from '../support/inboxFixture';

/**
 * The inbox row names the portal's holder (design multi-desk §8): from `case_leases`, in force by
 * the portal's clock, for the rows of the page only.
 */

let fixture: InboxFixture;
beforeAll(() => {
  fixture = createInboxFixture(300, 7);
});
afterAll(() => fixture.close());

const portalNow = new Date('2026-11-23T11:02:00.000Z');
const page: ListQuery = {
  queue: 'all',
  filters: {},
  search: '',
  sort: { key: 'reference', direction: 'asc' },
  cursor: null,
  limit: 100,
};
const lease = (id: string, kind: 'claim' | 'checkout', expiresAt: string, name: string) => ({
  id,
  work: { lease: { holder: { id: `u-${id}`, displayName: name }, kind, expiresAt } },
});

describe('inbox rows name who holds each case', () => {
  it('a claim, a check-out, a lapsed lease and none, by the portal’s clock', () => {
    const first = fixture.inbox.list(page, fixture.scope).rows.map((row) => row.id);
    const [claimed, checkedOut, lapsed, free] = first as [string, string, string, string];
    const beyond = fixture.records.map((record) => record.id).find((id) => !first.includes(id))!; // held, but on no row of this page
    fixture.db.transaction(() =>
      createLeaseReplica(fixture.db).apply([
        lease(claimed, 'claim', '2026-11-23T16:40:00.000Z', 'Kossi Agbodjan'),
        lease(checkedOut, 'checkout', '2026-11-30T11:02:00.000Z', 'Afi Mensah'),
        lease(lapsed, 'claim', '2026-11-23T11:01:00.000Z', 'Yao Mensah'),
        lease(beyond, 'claim', '2026-11-23T16:40:00.000Z', 'Ama Kpodar'),
      ]),
    )();

    const office = createInboxQueries(fixture.db, fixture.calendar, () => portalNow);
    const rows = office.list(page, fixture.scope).rows;
    const holderOf = (id: string) => rows.find((row) => row.id === id)?.holder;
    const labelOf = (id: string) => {
      const holder = holderOf(id)!;
      return leaseLabel(
        { holderName: holder.displayName, kind: holder.kind, expiresAt: holder.expiresAt },
        new Date(holder.portalNow),
      );
    };
    expect(labelOf(claimed)).toBe("Pris en charge par Kossi Agbodjan jusqu'à 16:40");
    expect(labelOf(checkedOut)).toBe("Emporté hors ligne par Afi Mensah jusqu'au 30/11");
    expect(holderOf(lapsed)).toBeNull();
    expect(holderOf(free)).toBeNull();
    expect(rows.filter((row) => row.holder).map((row) => row.id)).toEqual([claimed, checkedOut]);
    // The case view's row says the same.
    expect(office.row(claimed, '2026-11-23')?.holder).toEqual(holderOf(claimed));
    expect(office.row(beyond, '2026-11-23')?.holder?.displayName).toBe('Ama Kpodar');

    // A desk alone (no portal clock): nobody is named from leases.
    const alone = fixture.inbox.list(page, fixture.scope).rows;
    expect(alone.some((row) => row.holder)).toBe(false);
  });
});
