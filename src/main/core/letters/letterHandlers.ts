import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { LetterSummary } from '../../../shared/api/letterTypes';
import type { CurrentUser } from '../../../shared/api/types';
import type { CallContext, Handlers } from '../api/dispatcher';
import { DomainError } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { Catalog } from '../catalog/loadCatalog';
import type { Clock } from '../clock';
import type { LetterIssuer } from './letterIssuer';
import type { LetterDocument } from './letterDocument';
import {
  letterDocumentOf,
  type LetterListRow,
  type LetterRow,
  type LetterStore,
} from './letterStore';

type LetterHandlerNames = 'letters.forCase' | 'letters.file' | 'letters.preview';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function userOf(context: CallContext): CurrentUser {
  if (!context.user) throw new DomainError('unauthenticated', 'Session expirée.');
  return context.user;
}

const toSummary = (row: LetterListRow): LetterSummary => ({
  id: row.id,
  number: row.number,
  kind: row.kind,
  applicationId: row.application_id,
  reference: row.reference,
  issuedAt: row.issued_at,
  issuedBy: { id: row.issued_by, displayName: row.issued_by_name ?? row.issued_by },
  sha256: row.sha256,
  size: row.size,
  keyId: row.key_id,
});

/**
 * Completes what a crash interrupted and keeps the outbox lean, as certificates do: a letter
 * committed whose file never reached the disk is rendered again from its stored document (the
 * rendering is deterministic: same bytes, same SHA-256); once the portal accepted a decision, the
 * letter's bytes are dropped from the outbox row (the file and its hash stay).
 */
export function createLetterRecovery(deps: {
  db: Database.Database;
  store: LetterStore;
  audit: AuditLog;
  clock: Clock;
  render: (document: LetterDocument) => Buffer;
  log: (message: string, error?: unknown) => void;
}) {
  const { db, store } = deps;
  const pruneDelivered = db.prepare(`
    UPDATE outbox SET payload_json = json_remove(payload_json, '$.letter.base64')
    WHERE kind IN ('decision.rejected', 'info.requested', 'decision.approved') AND state = 'sent'
      AND json_extract(payload_json, '$.letter.base64') IS NOT NULL`);

  function restore(row: LetterRow): Buffer {
    const pdf = deps.render(letterDocumentOf(row));
    const digest = sha256(pdf);
    store.writeFile(row, pdf);
    store.markStored(row.id, digest, pdf.length);
    if (digest !== row.sha256) {
      deps.audit.append({
        at: deps.clock.now().toISOString(),
        actorId: null,
        officeCode: row.office_code,
        action: 'letter.file_rerendered',
        entityType: 'letter',
        entityId: row.id,
        summary: {
          applicationId: row.application_id,
          number: row.number,
          recordedSha256: row.sha256,
          renderedSha256: digest,
        },
      });
    }
    return pdf;
  }

  return {
    restore,
    /** At start-up: pending files written, delivered payloads pruned. Never throws. */
    run(): void {
      for (const row of store.pendingFiles()) {
        try {
          restore(row);
        } catch (error) {
          deps.log(`courrier ${row.number} : PDF toujours absent, nouvel essai plus tard`, error);
        }
      }
      try {
        pruneDelivered.run();
      } catch (error) {
        deps.log('courriers : nettoyage des événements livrés impossible', error);
      }
    },
  };
}
export type LetterRecovery = ReturnType<typeof createLetterRecovery>;

export function createLetterHandlers(deps: {
  db: Database.Database;
  catalog: Catalog;
  store: LetterStore;
  issuer: LetterIssuer;
  recovery: LetterRecovery;
  audit: AuditLog;
  clock: Clock;
}): Pick<Handlers, LetterHandlerNames> {
  const { store, issuer, catalog } = deps;
  const caseRow = deps.db.prepare<[string], { office_code: string; procedure_code: string }>(
    'SELECT office_code, procedure_code FROM applications WHERE id = ?',
  );

  return {
    'letters.forCase': ({ caseId }) => store.forApplication(caseId).map(toSummary),

    /**
     * The stored original, checked against the SHA-256 recorded when it was notified: an altered
     * or missing file is audited, set right from the stored document, and served only if the
     * result matches.
     */
    'letters.file': ({ id }) => {
      const row = store.get(id);
      if (!row)
        throw new DomainError('not_found', "Ce courrier n'existe pas dans ce poste Bureau.");
      let bytes = store.readFile(row);
      if (!bytes || sha256(bytes) !== row.sha256) {
        deps.audit.append({
          at: deps.clock.now().toISOString(),
          actorId: null,
          officeCode: row.office_code,
          action: 'letter.integrity_failed',
          entityType: 'letter',
          entityId: row.id,
          summary: {
            applicationId: row.application_id,
            number: row.number,
            expectedSha256: row.sha256,
            foundSha256: bytes ? sha256(bytes) : null,
          },
        });
        bytes = deps.recovery.restore(row);
        if (sha256(bytes) !== row.sha256) {
          throw new DomainError(
            'integrity_failed',
            `Le fichier du courrier ${row.number} ne correspond plus à son empreinte : il a été régénéré, mais diffère de l’original notifié.`,
          );
        }
      }
      return { letterId: row.id, fileName: `${row.number}.pdf`, base64: bytes.toString('base64') };
    },

    'letters.preview': ({ caseId, decision }, context) => {
      const user = userOf(context);
      const row = caseRow.get(caseId);
      const procedure = row ? catalog.get(row.procedure_code) : undefined;
      if (!row || !procedure) {
        throw new DomainError('not_found', "Ce dossier n'existe pas dans le cache local.");
      }
      if (row.office_code !== user.officeCode) {
        throw new DomainError(
          'forbidden',
          'Ce dossier relève d’un autre bureau : vous ne pouvez pas décider à sa place.',
        );
      }
      const pdf = issuer.preview({
        caseId,
        procedure,
        officeCode: row.office_code,
        user,
        decision,
      });
      return pdf ? { base64: pdf.toString('base64') } : null;
    },
  };
}
