import { describe, expect, it } from 'vitest';
import { leaseHolderLabel, leaseLabel } from '../../src/shared/domain/leaseLabel';

const portalNow = new Date('2026-03-12T11:02:00.000Z');

describe('lease labels (design multi-desk §8)', () => {
  it('a claim: the time the same day, the day and time another day', () => {
    expect(leaseHolderLabel('Kossi Agbodjan', '2026-03-12T16:40:00.000Z', portalNow)).toBe(
      "Kossi Agbodjan jusqu'à 16:40",
    );
    expect(leaseHolderLabel('Kossi Agbodjan', '2026-03-13T09:15:00.000Z', portalNow)).toBe(
      "Kossi Agbodjan jusqu'au 13/03 à 09:15",
    );
    const claim = { holderName: 'Kossi Agbodjan', kind: 'claim' as const };
    expect(leaseLabel({ ...claim, expiresAt: '2026-03-12T16:40:00.000Z' }, portalNow)).toBe(
      "Pris en charge par Kossi Agbodjan jusqu'à 16:40",
    );
    expect(leaseLabel({ ...claim, expiresAt: '2026-03-13T09:15:00.000Z' }, portalNow, 'en')).toBe(
      'Claimed by Kossi Agbodjan until 13/03 at 09:15',
    );
  });

  it('a check-out for offline work: by its day', () => {
    const checkout = { holderName: 'Kossi Agbodjan', kind: 'checkout' as const };
    const expiresAt = '2026-03-21T11:02:00.000Z';
    expect(leaseHolderLabel('Kossi Agbodjan', expiresAt, portalNow, 'checkout')).toBe(
      "Kossi Agbodjan jusqu'au 21/03",
    );
    expect(leaseLabel({ ...checkout, expiresAt }, portalNow)).toBe(
      "Emporté hors ligne par Kossi Agbodjan jusqu'au 21/03",
    );
    expect(leaseLabel({ ...checkout, expiresAt }, portalNow, 'en')).toBe(
      'Taken offline by Kossi Agbodjan until 21/03',
    );
    // Its last day: the time it ends.
    expect(leaseLabel({ ...checkout, expiresAt: '2026-03-12T18:00:00.000Z' }, portalNow)).toBe(
      "Emporté hors ligne par Kossi Agbodjan jusqu'à 18:00",
    );
  });

  it('reads the day by the portal’s clock in Lomé’s time (UTC), not the desk’s', () => {
    // 23:30 UTC on the 12th is the 12th in Lomé whatever the desk's own zone or clock says.
    const late = new Date('2026-03-12T23:30:00.000Z');
    expect(leaseHolderLabel('Afi Mensah', '2026-03-13T00:10:00.000Z', late)).toBe(
      "Afi Mensah jusqu'au 13/03 à 00:10",
    );
    expect(leaseHolderLabel('Afi Mensah', '2026-03-12T23:50:00.000Z', late)).toBe(
      "Afi Mensah jusqu'à 23:50",
    );
  });
});
