import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CurrentUser } from '../../../shared/api/types';
import { DomainError } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { Clock } from '../clock';
import type { Outbox } from '../sync/outbox';
import type { CertificateDocument, DuplicateMark } from './certificateDocument';
import { documentOf, type CertificateListRow, type CertificateStore } from './certificateStore';
import { frenchDate, isoDay } from './frenchFormat';

/**
 * Revocation and duplicates. A revocation changes the row, and writes the case's history line,
 * the audit row and the outbox row for the portal in one transaction. A duplicate is rendered on
 * demand (same number and QR code, marked DUPLICATA with the reprint date) and recorded with
 * its own history line and audit row; it is not sent to the portal.
 */
export function createCertificateActions(deps: {
  db: Database.Database;
  store: CertificateStore;
  outbox: Outbox;
  audit: AuditLog;
  clock: Clock;
  render: (document: CertificateDocument, duplicate: DuplicateMark & { at: string }) => Buffer;
}) {
  const { db, store, outbox, audit, clock } = deps;
  const insertHistory = db.prepare(`
    INSERT INTO history_events (application_id, at, actor_id, kind, details_json)
    VALUES (?, ?, ?, ?, ?)`);

  function load(id: string): CertificateListRow {
    const row = store.get(id);
    if (!row) {
      throw new DomainError('not_found', "Ce certificat n'existe pas dans ce poste Bureau.");
    }
    return row;
  }

  function sameOffice(row: CertificateListRow, user: CurrentUser, verb: string): void {
    if (row.office_code !== user.officeCode) {
      throw new DomainError(
        'forbidden',
        `Ce certificat a été délivré par un autre bureau (${row.office_code}) : seul ce bureau peut le ${verb}.`,
      );
    }
  }

  const revoke = db.transaction((id: string, reason: string, user: CurrentUser): void => {
    const row = load(id);
    sameOffice(row, user, 'révoquer');
    if (row.status === 'revoked') {
      throw new DomainError('conflict', 'Ce certificat est déjà révoqué.');
    }
    const at = clock.now().toISOString();
    store.revoke(id, at, user.id, reason);
    const details = { certificateId: id, number: row.number, reason };
    insertHistory.run(
      row.application_id,
      at,
      user.id,
      'certificate_revoked',
      JSON.stringify(details),
    );
    audit.append({
      at,
      actorId: user.id,
      officeCode: row.office_code,
      action: 'certificate.revoked',
      entityType: 'certificate',
      entityId: id,
      summary: { ...details, applicationId: row.application_id },
    });
    outbox.enqueueAction(
      {
        applicationId: row.application_id,
        kind: 'certificate.revoked',
        payload: {
          number: row.number,
          reason,
          revokedAt: at,
          revokedBy: { id: user.id, displayName: user.displayName },
        },
      },
      at,
    );
  });

  const recordDuplicate = db.transaction(
    (row: CertificateListRow, user: CurrentUser, at: string, sha256: string) => {
      store.recordDuplicate(row.id, at, user.id, sha256);
      const details = { certificateId: row.id, number: row.number, sha256 };
      insertHistory.run(
        row.application_id,
        at,
        user.id,
        'certificate_reprinted',
        JSON.stringify(details),
      );
      audit.append({
        at,
        actorId: user.id,
        officeCode: row.office_code,
        action: 'certificate.reprinted',
        entityType: 'certificate',
        entityId: row.id,
        summary: { ...details, applicationId: row.application_id },
      });
    },
  );

  return {
    revoke(id: string, reason: string, user: CurrentUser): CertificateListRow {
      revoke.immediate(id, reason, user);
      return load(id);
    },
    /** Renders and records a duplicate; returns its bytes. */
    reprint(id: string, user: CurrentUser): { row: CertificateListRow; pdf: Buffer } {
      const row = load(id);
      sameOffice(row, user, 'réimprimer');
      if (row.status === 'revoked') {
        throw new DomainError(
          'workflow_refused',
          'Ce certificat est révoqué : il ne peut plus être réimprimé.',
        );
      }
      const now = clock.now();
      const at = now.toISOString();
      const reprintedOn = isoDay(now);
      const pdf = deps.render(documentOf(row), {
        at,
        reprintedOn,
        reprintedOnText: frenchDate(reprintedOn),
      });
      recordDuplicate(row, user, at, createHash('sha256').update(pdf).digest('hex'));
      return { row: load(id), pdf };
    },
  };
}
export type CertificateActions = ReturnType<typeof createCertificateActions>;
