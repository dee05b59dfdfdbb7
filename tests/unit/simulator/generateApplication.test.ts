import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/main/core/catalog/loadCatalog';
import { validateForm } from '../../../src/shared/catalog/validateForm';
import { officeForRegion } from '../../../src/shared/domain/offices';
import {
  portalApplication,
  type PortalApplication,
} from '../../../src/shared/portal/portalApplication';
import { sharedAttachmentPool } from '../../../src/simulator/attachments';
import { generateApplication } from '../../../src/simulator/generateApplication';
import { renderRecordDocument } from '../../../src/simulator/recordDocuments';
import { createRandom } from '../../../src/simulator/random';
import { referenceData } from '../../../src/simulator/referenceData';

const catalog = loadCatalog(join(import.meta.dirname, '..', '..', '..', 'resources', 'procedures'));
const procedures = [...catalog.procedures];
const NOW = new Date('2025-11-20T09:30:00Z');

function generate(seed: number, count: number): PortalApplication[] {
  const rng = createRandom(seed);
  return Array.from({ length: count }, (_, i) =>
    generateApplication(rng, { sequence: i + 1, procedures, now: NOW }),
  );
}

const sample = generate(42, 2000);

describe('generateApplication', () => {
  it('is deterministic: same seed, same records and document hashes', () => {
    const again = generate(42, 300);
    expect(again).toEqual(sample.slice(0, 300));
    const other = generate(43, 300);
    expect(other.map((record) => record.id)).not.toEqual(again.map((record) => record.id));
  });

  it('produces 2,000 records that pass the wire schema and their procedure form', () => {
    const problems: string[] = [];
    for (const record of sample) {
      const parsed = portalApplication.safeParse(record);
      if (!parsed.success) problems.push(`${record.id}: ${parsed.error.message}`);
      const procedure = catalog.get(record.procedureCode);
      if (!procedure) {
        problems.push(`${record.id}: procédure ${record.procedureCode}`);
        continue;
      }
      for (const issue of validateForm(procedure, record.form, record.submittedAt.slice(0, 10))) {
        problems.push(`${record.id} ${record.procedureCode}.${issue.fieldId}: ${issue.message}`);
      }
      if ((procedure.applicantKind === 'company') !== (record.company !== null)) {
        problems.push(`${record.id}: company/applicantKind`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has unique ids and references in the portal formats', () => {
    expect(new Set(sample.map((record) => record.id)).size).toBe(sample.length);
    expect(new Set(sample.map((record) => record.reference)).size).toBe(sample.length);
    expect(sample[0]!.id).toMatch(/^app-000001-[a-z0-9]{6}$/);
    for (const record of sample) {
      expect(record.reference.startsWith(`${record.procedureCode}-`)).toBe(true);
      expect(record.status).toBe('submitted');
      expect(record.version).toBe(1);
      expect(record.updatedAt).toBe(record.submittedAt);
    }
  });

  it('uses all eight procedures, import-export cards and artisan cards most', () => {
    const counts = new Map<string, number>();
    for (const record of sample) {
      counts.set(record.procedureCode, (counts.get(record.procedureCode) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(procedures.map((procedure) => procedure.code).sort());
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([code]) => code);
    expect(ranked.slice(0, 2).sort()).toEqual(['ART-CP', 'COM-IMPEX']);
  });

  it('submits over the last ~60 days, never in the future', () => {
    const times = sample.map((record) => Date.parse(record.submittedAt));
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW.getTime() - 60 * 86_400_000);
    expect(Math.min(...times)).toBeLessThan(NOW.getTime() - 50 * 86_400_000);
  });

  it('writes names with accents, apostrophes and hyphens, consistent with gender', () => {
    const names = sample.map(
      (record) => `${record.applicant.firstName} ${record.applicant.lastName}`,
    );
    expect(names.some((name) => /[éèêëôîïç]/i.test(name))).toBe(true);
    expect(names.some((name) => name.includes("'"))).toBe(true);
    expect(names.some((name) => name.includes('-'))).toBe(true);
    for (const { applicant } of sample) {
      const pool = referenceData.givenNames[applicant.gender!];
      for (const given of applicant.firstName.split(' ')) expect(pool).toContain(given);
    }
  });

  it('places every applicant in a town of their region, served by an office', () => {
    for (const { applicant } of sample) {
      expect(referenceData.regions[applicant.region]).toContain(applicant.city);
      expect(officeForRegion(applicant.region)).toBeDefined();
    }
    expect(new Set(sample.map((record) => record.applicant.region)).size).toBe(6);
  });

  it('derives ASCII e-mails from names and writes Togolese phones', () => {
    for (const { applicant } of sample) {
      expect(applicant.email).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+\.[a-z]+$/);
      expect(applicant.phone).toMatch(/^\+228 (9[0-9]|7[0-9]) \d{2} \d{2} \d{2}$/);
    }
    const withApostrophe = sample.find((record) => record.applicant.lastName === "N'Kégbé");
    expect(withApostrophe?.applicant.email).toContain('nkegbe');
  });

  it('gives companies plausible names, NIF and RCCM numbers', () => {
    const companies = sample.flatMap((record) => (record.company ? [record.company] : []));
    expect(companies.length).toBeGreaterThan(500);
    expect(companies.some((company) => company.name.startsWith('Établissements'))).toBe(true);
    for (const company of companies) {
      expect(company.nif).toMatch(/^\d{10}$/);
      expect(company.rccm).toMatch(/^TG-[A-Z]{3}-\d{2}-\d{4}-[AB]\d{2}-\d{5}$/);
      expect(referenceData.legalForms).toContain(company.legalForm);
    }
  });

  it('takes HS codes of sensitive imports from the reference list', () => {
    for (const record of sample.filter((candidate) => candidate.procedureCode === 'COM-APIPS')) {
      const heading = String(record.form.hsCode).slice(0, 4);
      expect(Object.keys(referenceData.sensitiveProducts)).toContain(heading);
    }
  });

  it('attaches every required document, with French file names: its own PDFs, the pool’s images', () => {
    for (const record of sample.slice(0, 400)) {
      const procedure = catalog.get(record.procedureCode)!;
      const codes = record.documents.map((document) => document.code);
      for (const required of procedure.documents.filter((document) => document.required)) {
        expect(codes).toContain(required.code);
      }
      for (const document of record.documents) {
        expect(document.fileName).toMatch(/^[a-z-]+\.(pdf|jpg|png)$/);
        const label = procedure.documents.find((one) => one.code === document.code)!.label.fr;
        const body =
          document.mimeType === 'application/pdf'
            ? renderRecordDocument(record, procedure, document.code, label)
            : sharedAttachmentPool.bySha256(document.sha256)!;
        expect(body.size).toBe(document.size);
        expect(createHash('sha256').update(body.bytes).digest('hex')).toBe(document.sha256);
      }
    }
  });
});
