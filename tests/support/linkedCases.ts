import type Database from 'better-sqlite3';
import { createApplicationsRepository } from '../../src/main/core/cases/applicationsRepository';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';

/**
 * Hand-made portal records for the linked-records tests (issue 20 §2), ingested through the real
 * applications repository (so `case_keys` is written as the sync writes it).
 */
export interface LinkedCaseSpec {
  id: string;
  procedureCode?: string;
  status?: PortalApplication['status'];
  firstName?: string;
  lastName?: string;
  idNumber?: string;
  phone?: string;
  region?: string;
  company?: { name: string; nif: string; rccm: string } | null;
  form?: PortalApplication['form'];
  submittedAt?: string;
  updatedAt?: string;
  decision?: PortalApplication['decision'];
  certificate?: PortalApplication['certificate'];
}

let serial = 0;

export function linkedRecord(spec: LinkedCaseSpec): PortalApplication {
  serial++;
  const procedureCode = spec.procedureCode ?? 'COM-APIPS';
  const submittedAt = spec.submittedAt ?? '2026-12-01T09:00:00.000Z';
  return {
    id: `app-${spec.id}`.padEnd(8, '0'),
    reference: `${procedureCode}-2026-${String(serial).padStart(6, '0')}`,
    procedureCode,
    status: spec.status ?? 'submitted',
    version: 1,
    submittedAt,
    updatedAt: spec.updatedAt ?? submittedAt,
    applicant: {
      firstName: spec.firstName ?? 'Kossi',
      lastName: spec.lastName ?? 'Agbeko',
      ...(spec.idNumber ? { idNumber: spec.idNumber } : {}),
      phone: spec.phone ?? `+228 90 ${String(serial).padStart(2, '0')} 00 00`,
      email: `demandeur${serial}@example.tg`,
      region: spec.region ?? 'Grand Lomé',
      city: spec.region === 'Kara' ? 'Kara' : 'Lomé',
      address: 'rue du Commerce',
    },
    company:
      spec.company === undefined ? null : spec.company && { ...spec.company, legalForm: 'SARL' },
    form: spec.form ?? {},
    documents: [],
    ...(spec.decision ? { decision: spec.decision } : {}),
    ...(spec.certificate ? { certificate: spec.certificate } : {}),
  };
}

export function ingest(db: Database.Database, records: readonly PortalApplication[], now: string) {
  const repository = createApplicationsRepository(db);
  db.transaction(() => {
    repository.upsertManyFromPortal(
      records.map((record) => ({
        record,
        officeCode: record.applicant.region === 'Kara' ? 'KAR' : 'LOM',
        dueDate: '2026-12-20',
      })),
      now,
    );
  })();
}
