import type Database from 'better-sqlite3';
import { isOpenStatus } from '../../../shared/domain/caseStatus';
import type { PortalApplication } from '../../../shared/portal/portalApplication';

export interface IncomingApplication {
  record: PortalApplication;
  officeCode: string;
  dueDate: string;
}

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/** Writes portal records into the cache. Callers own the transaction. */
export function createApplicationsRepository(db: Database.Database) {
  const findVersion = db.prepare<[string], { portal_version: number }>(
    'SELECT portal_version FROM applications WHERE id = ?',
  );
  const insert = db.prepare(`
    INSERT INTO applications (id, reference, procedure_code, status, is_open, office_code, region, city,
      applicant_name, company_name, nif, rccm, phone, email, submitted_at, due_date, assignee_id,
      portal_version, portal_updated_at, record_json, synced_at, updated_at)
    VALUES (@id, @reference, @procedureCode, @status, @isOpen, @officeCode, @region, @city,
      @applicantName, @companyName, @nif, @rccm, @phone, @email, @submittedAt, @dueDate, NULL,
      @portalVersion, @portalUpdatedAt, @recordJson, @now, @now)`);
  const update = db.prepare(`
    UPDATE applications SET status = @status, is_open = @isOpen, office_code = @officeCode,
      region = @region, city = @city, applicant_name = @applicantName, company_name = @companyName,
      nif = @nif, rccm = @rccm, phone = @phone, email = @email, due_date = @dueDate,
      portal_version = @portalVersion, portal_updated_at = @portalUpdatedAt,
      record_json = @recordJson, synced_at = @now, updated_at = @now
    WHERE id = @id`);
  const insertDocument = db.prepare(`
    INSERT INTO documents (id, application_id, code, file_name, mime_type, size, sha256)
    VALUES (@id, @applicationId, @code, @fileName, @mimeType, @size, @sha256)
    ON CONFLICT (id) DO NOTHING`);
  const insertHistory = db.prepare(`
    INSERT INTO history_events (application_id, at, kind, from_status, to_status, details_json)
    VALUES (?, ?, ?, NULL, ?, ?)`);

  function columns({ record, officeCode, dueDate }: IncomingApplication, now: string) {
    return {
      id: record.id,
      reference: record.reference,
      procedureCode: record.procedureCode,
      status: record.status,
      isOpen: isOpenStatus(record.status) ? 1 : 0,
      officeCode,
      region: record.applicant.region,
      city: record.applicant.city,
      applicantName: `${record.applicant.firstName} ${record.applicant.lastName}`,
      companyName: record.company?.name ?? null,
      nif: record.company?.nif ?? null,
      rccm: record.company?.rccm ?? null,
      phone: record.applicant.phone,
      email: record.applicant.email,
      submittedAt: record.submittedAt,
      dueDate,
      portalVersion: record.version,
      portalUpdatedAt: record.updatedAt,
      recordJson: JSON.stringify(record),
      now,
    };
  }

  return {
    /** Newer portal versions replace older ones; replays and out-of-order pages change nothing. */
    upsertFromPortal(incoming: IncomingApplication, now: string): UpsertOutcome {
      const { record } = incoming;
      const known = findVersion.get(record.id);
      if (known && known.portal_version >= record.version) return 'unchanged';
      if (known) update.run(columns(incoming, now));
      else {
        insert.run(columns(incoming, now));
        insertHistory.run(
          record.id,
          record.submittedAt,
          'received',
          record.status,
          JSON.stringify({ version: record.version }),
        );
      }
      for (const document of record.documents) {
        insertDocument.run({ ...document, applicationId: record.id });
      }
      return known ? 'updated' : 'inserted';
    },
  };
}
export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;
