import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CurrentUser } from '../../../shared/api/types';
import { checkAction } from '../../../shared/domain/caseWorkflow';
import { DomainError } from '../api/domainError';
import type { CaseRecordStore } from '../cases/caseRecordStore';
import { personOf, type CaseWriter } from '../cases/caseWriter';
import type { Clock } from '../clock';
import { storedRecordOf } from '../db/storedColumns';
import type { CertificateDocument } from './certificateDocument';
import { certificateDocument, certificateFacts } from './certificateFacts';
import { searchText, type CertificateStore } from './certificateStore';
import type { CertificateTemplates } from './loadTemplates';
import type { NumberBlocks } from './numberBlocks';
import { formatCertificateNumber, type Numbering } from './numbering';
import { signQrText } from './qrPayload';
import type { OfficeKey, SigningKeys } from './signingKeys';

/**
 * Approved → issued, in one SQLite transaction of the case writer: the state machine's check, the next number,
 * the signed QR payload, the rendered PDF (PDFKit renders synchronously, so its bytes and their
 * SHA-256 are known before the commit), the certificate row with everything needed to render it
 * again, the case's new status, its history line, the audit row and the outbox row that gives
 * the portal the PDF. Either all of it happens or none: a failure (even in the renderer) leaves
 * the case approved and the counter where it was — no number is ever lost or reused.
 *
 * Only the file write comes after the commit. If the process dies in between, the row stays
 * 'pending' and recovery renders the same bytes again from the stored facts.
 */

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export interface IssuedCertificate {
  id: string;
  number: string;
  year: number;
  pdf: Buffer;
  sha256: string;
}

export function createCertificateIssuer(deps: {
  db: Database.Database;
  records: CaseRecordStore;
  templates: CertificateTemplates;
  keys: SigningKeys;
  numbering: Numbering;
  /** On an enrolled desk, numbers come from the blocks the portal reserved for it. */
  blocks: NumberBlocks;
  /** This desk: enrolled (`deskId`) or alone (null). */
  deskId: () => string | null;
  store: CertificateStore;
  writer: CaseWriter;
  clock: Clock;
  render: (document: CertificateDocument) => Buffer;
  /**
   * The office part of the number for a case's office: the administrator's numbering code for
   * this installation's own office (two desktops of one office offline need two codes), else the
   * office code itself.
   */
  numberingCodeOf?: (officeCode: string) => string;
  /**
   * A training installation (« Mode formation »): every certificate it issues is a specimen,
   * marked in its signed QR payload and across its page, so it can never pass for a real one.
   */
  training?: boolean;
}) {
  const { db, records, templates, keys, numbering, store, writer, clock } = deps;
  const recordOf = db.prepare<[string], { record_json: string; reference: string }>(
    'SELECT record_json, reference FROM applications WHERE id = ?',
  );

  const notFound = () =>
    new DomainError(
      'not_found',
      "Ce dossier n'existe pas dans le cache local. Synchronisez puis réessayez.",
    );

  const issueInTransaction = (
    caseId: string,
    user: CurrentUser,
    key: OfficeKey | null,
  ): IssuedCertificate => {
    let issued = undefined as IssuedCertificate | undefined; // set inside the transaction
    writer.changeNow(
      caseId,
      user,
      ({ context }) => checkAction(context, 'issueCertificate'),
      ({ row, procedure, at }) => {
        const now = new Date(at);
        const stored = recordOf.get(caseId);
        if (!stored || !key || key.officeCode !== row.office_code) throw notFound();
        const year = now.getUTCFullYear();
        const numbered = { code: procedure.code, prefix: procedure.certificate.numberPrefix };
        const deskId = deps.deskId();
        // An enrolled desk numbers in its blocks, with the office code (design multi-desk §4.1).
        const fromBlock = deskId ? deps.blocks.allocate(numbered, year, row.office_code) : null;
        const { number, seq } = fromBlock
          ? {
              number: formatCertificateNumber(
                numbered.prefix,
                year,
                row.office_code,
                fromBlock.seq,
              ),
              seq: fromBlock.seq,
            }
          : numbering.allocate(
              numbered,
              year,
              row.office_code,
              deps.numberingCodeOf?.(row.office_code),
            );
        const template = templates.get(procedure.code);
        const context = { record: storedRecordOf(caseId, stored.record_json), procedure };
        const issue = {
          number,
          issuedAt: now,
          officeCode: row.office_code,
          issuedBy: personOf(user),
          keyId: key.keyId,
          training: deps.training === true,
        };
        const facts = certificateFacts(template, context, issue);
        const qrText = signQrText(facts, key.privateKey);
        const document = certificateDocument(
          template,
          templates.layout,
          context,
          issue,
          facts,
          qrText,
        );
        const pdf = deps.render(document);
        const digest = sha256(pdf);
        const id = randomUUID();

        store.insert({
          id,
          number,
          application_id: caseId,
          reference: stored.reference,
          procedure_code: procedure.code,
          office_code: row.office_code,
          year,
          seq,
          holder_name: facts.holder,
          search_text: searchText(number, facts.holder, stored.reference),
          issued_at: at,
          expires_on: facts.expiresOn,
          issued_by: user.id,
          key_id: key.keyId,
          qr_text: qrText,
          facts_json: JSON.stringify(document),
          sha256: digest,
          size: pdf.length,
          desk_id: deskId,
          block_id: fromBlock?.blockId ?? null,
          registry_state: deskId ? 'pending' : 'legacy',
        });
        issued = { id, number, year, pdf, sha256: digest };
        const details = { certificateId: id, number };
        return {
          history: 'certificate_issued',
          details,
          audit: {
            summary: {
              from: row.status,
              to: 'issued',
              ...details,
              sha256: digest,
              keyId: key.keyId,
            },
          },
          portalEvent: {
            kind: 'certificate.issued',
            payload: {
              number,
              procedureCode: procedure.code,
              holder: facts.holder,
              issuedAt: at,
              expiresOn: facts.expiresOn,
              keyId: key.keyId,
              qrText,
              issuedBy: issue.issuedBy,
              document: {
                fileName: `${number}.pdf`,
                mimeType: 'application/pdf',
                size: pdf.length,
                sha256: digest,
                base64: pdf.toString('base64'),
              },
            },
          },
        };
      },
    );
    return issued!;
  };

  return {
    /** Issues the case's certificate and stores its PDF; returns the certificate's id. */
    issue(
      caseId: string,
      user: CurrentUser,
      log: (message: string, error: unknown) => void,
    ): string {
      const office = records.workflowRow(caseId)?.office_code;
      if (!office) throw notFound();
      // Outside the transaction: a key created on first use must not vanish with a rollback.
      // Another office's case is refused by the state machine: no key is made for it.
      const key =
        office === user.officeCode ? keys.officeKey(office, clock.now().toISOString()) : null;
      const issued = issueInTransaction(caseId, user, key);
      try {
        store.writeFile(issued, issued.pdf);
        store.markStored(issued.id, issued.sha256, issued.pdf.length);
      } catch (error) {
        // Committed already: the row stays 'pending' and recovery writes the file later.
        log(`certificat ${issued.number} : écriture du PDF différée`, error);
      }
      return issued.id;
    },
  };
}
export type CertificateIssuer = ReturnType<typeof createCertificateIssuer>;
