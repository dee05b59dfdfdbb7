import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/main/core/catalog/loadCatalog';
import type { PortalApplication } from '../../../src/shared/portal/portalApplication';
import { changeFor } from '../../../src/simulator/portalChanges';
import { createPortalStore } from '../../../src/simulator/portalStore';
import { fcfa } from '../../../src/simulator/recordDocuments';

/**
 * The simulator's PDF attachments are written from their own application's data: what pdftotext
 * reads in them is the applicant, the company, the amounts and the dates of the form.
 */

const procedures = [
  ...loadCatalog(join(import.meta.dirname, '..', '..', '..', 'resources', 'procedures')).procedures,
];
const NOW = new Date('2026-11-23T08:00:00Z');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function storeOf(seed: number, count = 400) {
  const store = createPortalStore({ seed, procedures, now: () => NOW });
  return { store, records: store.add(count, { initial: true }) };
}

const pdftotext = (bytes: Buffer) =>
  execFileSync('pdftotext', ['-', '-'], { input: bytes, encoding: 'utf8' });

const { store, records } = storeOf(31);

/** The text of a record's document of this code (a PDF), as pdftotext reads it. */
function textOf(record: PortalApplication, code: string): string {
  const document = record.documents.find((candidate) => candidate.code === code)!;
  const found = store.document(document.id)!;
  expect(found.body.sha256).toBe(document.sha256);
  expect(found.body.size).toBe(document.size);
  expect(sha256(found.body.bytes)).toBe(document.sha256);
  return pdftotext(found.body.bytes);
}

function withPdf(procedureCode: string, code: string): PortalApplication[] {
  const found = records.filter(
    (record) =>
      record.procedureCode === procedureCode &&
      record.documents.some((doc) => doc.code === code && doc.mimeType === 'application/pdf'),
  );
  expect(found.length, `${procedureCode} records with a ${code} PDF`).toBeGreaterThan(0);
  return found;
}

describe('the simulator’s PDF attachments', () => {
  it('a pro forma invoice names the applicant’s company, the invoice and the CIF value of the form', () => {
    for (const record of withPdf('COM-APIPS', 'FACTURE_PROFORMA').slice(0, 5)) {
      const text = textOf(record, 'FACTURE_PROFORMA');
      expect(text).toContain(record.company!.name);
      expect(text).toContain(record.company!.nif);
      expect(text).toContain(String(record.form.proformaInvoiceNumber));
      expect(text).toContain(fcfa(record.form.cifValue as number));
    }
  });

  it('a commercial invoice carries the exporter and the FOB value of the form', () => {
    for (const record of withPdf('COM-CO', 'FACTURE_COMMERCIALE').slice(0, 5)) {
      const text = textOf(record, 'FACTURE_COMMERCIALE');
      expect(text).toContain(record.company!.name);
      expect(text).toContain(fcfa(record.form.fobValue as number));
      expect(text).toContain(String(record.form.commercialInvoiceNumber));
    }
  });

  it('a receipt names the applicant and the case’s reference', () => {
    const receipts = records.filter((record) =>
      record.documents.some(
        (doc) => doc.code === 'QUITTANCE' && doc.mimeType === 'application/pdf',
      ),
    );
    expect(receipts.length).toBeGreaterThan(0);
    for (const record of receipts.slice(0, 5)) {
      const text = textOf(record, 'QUITTANCE');
      expect(text).toContain(record.reference);
      expect(text).toContain(record.company?.name ?? record.applicant.firstName);
      expect(text).toContain(record.applicant.lastName.toLocaleUpperCase('fr'));
    }
  });

  it('an identity document and a diploma’s transcript name the applicant', () => {
    for (const record of withPdf('ART-CP', 'PIECE_IDENTITE').slice(0, 3)) {
      const text = textOf(record, 'PIECE_IDENTITE');
      expect(text).toContain(
        `${record.applicant.lastName.toLocaleUpperCase('fr')} ${record.applicant.firstName}`,
      );
      expect(text).toContain(String(record.applicant.idNumber));
    }
    for (const record of withPdf('ART-DIP', 'RELEVE_NOTES').slice(0, 3)) {
      const text = textOf(record, 'RELEVE_NOTES');
      expect(text).toContain(record.applicant.lastName.toLocaleUpperCase('fr'));
      expect(text).toContain(String(record.form.candidateNumber));
    }
  });

  it('is the same bytes for the same seed, and served unchanged after the portal edits the form', () => {
    const again = storeOf(31);
    const documents = (list: PortalApplication[]) =>
      list.flatMap((record) => record.documents.map((doc) => [doc.id, doc.sha256, doc.size]));
    expect(documents(again.records)).toEqual(documents(records));

    const [record] = withPdf('COM-APIPS', 'FACTURE_PROFORMA');
    const invoice = record!.documents.find((doc) => doc.code === 'FACTURE_PROFORMA')!;
    const before = again.store.document(invoice.id)!.body.bytes;
    again.store.applyPortalChange(record!.id, { form: { cifValue: 1 } });
    const after = again.store.document(invoice.id);
    expect(after?.body.bytes.equals(before)).toBe(true);
  });

  it('a file sent in reply to a request agrees with the form as the reply corrects it', () => {
    const fresh = storeOf(31);
    const [record] = withPdf('COM-APIPS', 'FACTURE_PROFORMA');
    const current = fresh.store.get(record!.id)!;
    const change = changeFor('reply', current, {
      request: { missingDocuments: ['FACTURE_PROFORMA'], fieldsToCorrect: ['cifValue'] },
      procedure: fresh.store.procedure(current.procedureCode),
      attachments: fresh.store.attachments,
      today: '2026-11-23',
    });
    expect(change.newDocuments).toHaveLength(1);
    const updated = fresh.store.applyPortalChange(current.id, change);
    const complement = fresh.store.document(change.newDocuments![0]!.id);
    expect(complement?.body.sha256).toBe(change.newDocuments![0]!.sha256);
    const text = pdftotext(complement!.body.bytes);
    expect(text).toContain(`Pièce complémentaire — demande du portail ${updated.reference}`);
    expect(text).toContain(updated.company!.name);
    expect(text).toContain(fcfa(updated.form.cifValue as number));
  });
});
