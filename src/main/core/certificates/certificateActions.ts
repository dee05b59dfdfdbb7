import { createHash } from 'node:crypto';
import type { CurrentUser } from '../../../shared/api/types';
import { checkCaseWork } from '../../../shared/domain/caseWorkflow';
import { DomainError } from '../api/domainError';
import { personOf, type CaseGate, type CaseWriter } from '../cases/caseWriter';
import type { Clock } from '../clock';
import type { CertificateDocument, DuplicateMark } from './certificateDocument';
import { documentOf, type CertificateListRow, type CertificateStore } from './certificateStore';
import { frenchDate, isoDay } from './frenchFormat';

/**
 * Revocation and duplicates, through the case writer. A revocation changes the row, and writes
 * the case's history line, the audit row and the outbox row for the portal in one transaction. A duplicate is rendered on
 * demand (same number and QR code, marked DUPLICATA with the reprint date) and recorded with
 * its own history line and audit row; it is not sent to the portal.
 */
export function createCertificateActions(deps: {
  store: CertificateStore;
  writer: CaseWriter;
  clock: Clock;
  render: (document: CertificateDocument, duplicate: DuplicateMark & { at: string }) => Buffer;
}) {
  const { store, writer, clock } = deps;

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

  /** The certificate's office may revoke or reprint it; refused as another office's case is. */
  const caseGate: CaseGate = ({ context }) => checkCaseWork(context);
  const OTHER_OFFICE_FORBIDDEN = ['forbidden_role', 'other_office'] as const;

  function revoke(id: string, reason: string, user: CurrentUser): void {
    const certificate = load(id);
    writer.changeNow(
      certificate.application_id,
      user,
      caseGate,
      ({ at }) => {
        const row = load(id); // read again inside the transaction
        sameOffice(row, user, 'révoquer');
        if (row.status === 'revoked') {
          throw new DomainError('conflict', 'Ce certificat est déjà révoqué.');
        }
        store.revoke(id, at, user.id, reason);
        const details = { certificateId: id, number: row.number, reason };
        return {
          history: 'certificate_revoked',
          details,
          audit: {
            action: 'certificate.revoked',
            entity: { type: 'certificate', id },
            summary: { ...details, applicationId: row.application_id },
          },
          portalEvent: {
            kind: 'certificate.revoked',
            payload: { number: row.number, reason, revokedAt: at, revokedBy: personOf(user) },
          },
        };
      },
      OTHER_OFFICE_FORBIDDEN,
    );
  }

  /** A duplicate is recorded (history, audit), not sent to the portal. */
  function recordDuplicate(
    row: CertificateListRow,
    user: CurrentUser,
    at: string,
    sha256: string,
  ): void {
    writer.changeNow(
      row.application_id,
      user,
      caseGate,
      () => {
        store.recordDuplicate(row.id, at, user.id, sha256);
        const details = { certificateId: row.id, number: row.number, sha256 };
        return {
          history: 'certificate_reprinted',
          details,
          audit: {
            action: 'certificate.reprinted',
            entity: { type: 'certificate', id: row.id },
            summary: { ...details, applicationId: row.application_id },
          },
        };
      },
      OTHER_OFFICE_FORBIDDEN,
    );
  }

  return {
    revoke(id: string, reason: string, user: CurrentUser): CertificateListRow {
      revoke(id, reason, user);
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
