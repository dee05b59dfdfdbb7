import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { portalApplication } from '../../src/shared/portal/portalApplication';
import { createPortalStore } from '../../src/simulator/portalStore';
import { procedures } from '../support/testBureau';

/** The training history of linked records (issue 20 §2): valid, deterministic, its own stream. */

const NOW = new Date('2026-12-07T09:00:00.000Z');
const storeOf = (seed: number) =>
  createPortalStore({ seed, procedures: procedures(), now: () => NOW });

describe('simulator linked records', () => {
  it('are the same for the same seed, and leave the ordinary intake as it was', () => {
    const plain = storeOf(5);
    const intake = plain.add(30, { initial: true });
    const withLinked = storeOf(5);
    expect(withLinked.add(30, { initial: true })).toEqual(intake);
    const first = withLinked.addLinked();
    const again = storeOf(5);
    again.add(30, { initial: true });
    expect(again.addLinked()).toEqual(first);
    expect(storeOf(6).addLinked().plan).not.toEqual(first.plan);
  });

  it('are valid portal records whose own documents are served with the hash they declare', () => {
    const store = storeOf(9);
    const { records, plan } = store.addLinked();
    for (const record of records) {
      expect(portalApplication.safeParse(record).success).toBe(true);
      expect(record.applicant.region).toBe('Grand Lomé');
      for (const document of record.documents) {
        const served = store.document(document.id);
        expect(served, document.id).toBeDefined();
        expect(createHash('sha256').update(served!.body.bytes).digest('hex')).toBe(document.sha256);
      }
    }
    const cited = (field: string) =>
      records.filter((record) => record.status === 'submitted').map((record) => record.form[field]);
    expect(cited('importerCardNumber')).toEqual(
      expect.arrayContaining([plan.validCard, plan.expiredCard, plan.revokedCard, plan.fakeCard]),
    );
    expect(cited('masterCardNumber')).toContain(plan.masterCard);
    expect(cited('apprenticeRegistrationNumber')).toContain(plan.apprenticeRegistration);
    const issued = records.flatMap((record) =>
      record.certificate ? [record.certificate.number] : [],
    );
    expect(issued).not.toContain(plan.fakeCard);
  });
});
