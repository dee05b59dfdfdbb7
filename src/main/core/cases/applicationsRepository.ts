import type Database from 'better-sqlite3';
import { isOpenStatus } from '../../../shared/domain/caseStatus';
import type { PortalApplication } from '../../../shared/portal/portalApplication';

export interface IncomingApplication {
  record: PortalApplication;
  officeCode: string;
  dueDate: string;
}

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/** A status change the portal made to a cached case, seen before the new version is written. */
export interface PortalTransition {
  incoming: IncomingApplication;
  fromStatus: string;
  toStatus: string;
}

export interface ApplicationsRepositoryOptions {
  /**
   * Called inside the page's transaction before a status change from the portal is written (the
   * old row is still readable). Returns extra details for the history line, e.g. what the
   * applicant's reply changed; the workflow also shifts the deadline for the paused SLA here.
   */
  onPortalTransition?: (transition: PortalTransition) => Record<string, unknown> | undefined;
}

/** Writes portal records into the cache. Callers own the transaction. */
export function createApplicationsRepository(
  db: Database.Database,
  options: ApplicationsRepositoryOptions = {},
) {
  const findKnown = db.prepare<
    [string],
    { portal_version: number; status: string; office_code: string }
  >('SELECT portal_version, status, office_code FROM applications WHERE id = ?');
  const clearAssignee = db.prepare('UPDATE applications SET assignee_id = NULL WHERE id = ?');
  const acknowledge = db.prepare(`
    UPDATE applications SET portal_version = @portalVersion, portal_updated_at = @portalUpdatedAt,
      record_json = @recordJson, synced_at = @now, updated_at = @now
    WHERE id = @id`);
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
      nif = @nif, rccm = @rccm, phone = @phone, email = @email,
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
  const insertChange = db.prepare(`
    INSERT INTO history_events (application_id, at, kind, from_status, to_status, details_json)
    VALUES (?, ?, ?, ?, ?, ?)`);

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

  function insertDocuments(record: PortalApplication): void {
    for (const document of record.documents) {
      insertDocument.run({ ...document, applicationId: record.id });
    }
  }

  /** Writes a newer portal version over the cached one and records what the portal changed. */
  function applyUpdate(
    incoming: IncomingApplication,
    known: { status: string; office_code: string; portal_version: number },
    now: string,
  ): void {
    const { record } = incoming;
    const extra =
      known.status !== record.status
        ? options.onPortalTransition?.({
            incoming,
            fromStatus: known.status,
            toStatus: record.status,
          })
        : undefined;
    // due_date is not rewritten: it follows from submittedAt (fixed) and the SLA pauses the
    // workflow records, not from the portal.
    update.run(columns(incoming, now));
    const details = JSON.stringify({
      fromVersion: known.portal_version,
      version: record.version,
      ...extra,
    });
    if (known.status !== record.status) {
      const kind =
        record.status === 'withdrawn'
          ? 'portal_withdrawn'
          : known.status === 'info_requested' && record.status === 'in_review'
            ? 'applicant_replied'
            : 'portal_status_changed';
      insertChange.run(record.id, record.updatedAt, kind, known.status, record.status, details);
    }
    if (known.office_code !== incoming.officeCode) {
      // Re-routed to another office by the portal: the clerk who held it here no longer does.
      clearAssignee.run(record.id);
      insertChange.run(
        record.id,
        record.updatedAt,
        'portal_reassigned',
        null,
        null,
        JSON.stringify({ fromOffice: known.office_code, toOffice: incoming.officeCode }),
      );
    }
    insertDocuments(record);
  }

  return {
    /** Newer portal versions replace older ones; replays and out-of-order pages change nothing. */
    upsertFromPortal(incoming: IncomingApplication, now: string): UpsertOutcome {
      const { record } = incoming;
      const known = findKnown.get(record.id);
      if (known && known.portal_version >= record.version) return 'unchanged';
      if (known) {
        applyUpdate(incoming, known, now);
        return 'updated';
      }
      insert.run(columns(incoming, now));
      insertHistory.run(
        record.id,
        record.submittedAt,
        'received',
        record.status,
        JSON.stringify({ version: record.version }),
      );
      insertDocuments(record);
      return 'inserted';
    },
    /** The clerk chose the portal's version in a conflict: it replaces the local state. */
    takePortalVersion(incoming: IncomingApplication, now: string): void {
      const known = findKnown.get(incoming.record.id);
      if (known) applyUpdate(incoming, known, now);
    },
    /**
     * The clerk kept the local state in a conflict: the portal's record (the applicant's data,
     * documents, version) is taken in, the local workflow columns (status, office, assignee) stay.
     */
    acknowledgePortalVersion(incoming: IncomingApplication, now: string): void {
      const { record } = incoming;
      acknowledge.run({
        id: record.id,
        portalVersion: record.version,
        portalUpdatedAt: record.updatedAt,
        recordJson: JSON.stringify(record),
        now,
      });
      insertDocuments(record);
    },
  };
}
export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;
