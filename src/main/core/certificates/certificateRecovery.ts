import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditLog } from '../audit/auditLog';
import type { Clock } from '../clock';
import type { CertificateDocument } from './certificateDocument';
import { documentOf, type CertificateRow, type CertificateStore } from './certificateStore';

/**
 * Completes what a crash interrupted and keeps the outbox lean:
 *
 * - A certificate committed but whose PDF never reached the disk (`file_state = 'pending'`) is
 *   rendered again from its stored facts and written. Rendering is deterministic, so the bytes
 *   are those the portal received in the outbox and their SHA-256 matches the one recorded; if a
 *   newer Bureau renders them differently, the new hash is recorded and audited.
 * - Once the portal has acknowledged a `certificate.issued` event, the PDF bytes it carried are
 *   dropped from the outbox row (the file and its hash stay): a busy office would otherwise keep
 *   a second copy of every certificate in its database.
 *
 * Pending files are completed at start-up and before each issue; delivered payloads are pruned
 * at start-up only (it reads the whole outbox).
 */
export function createCertificateRecovery(deps: {
  db: Database.Database;
  store: CertificateStore;
  audit: AuditLog;
  clock: Clock;
  render: (document: CertificateDocument) => Buffer;
  log: (message: string, error?: unknown) => void;
}) {
  const { db, store, audit, clock } = deps;
  const pruneDelivered = db.prepare(`
    UPDATE outbox SET payload_json = json_remove(payload_json, '$.document.base64')
    WHERE kind = 'certificate.issued' AND state = 'sent'
      AND json_extract(payload_json, '$.document.base64') IS NOT NULL`);

  const recordRerender = db.transaction((row: CertificateRow, digest: string, size: number) => {
    store.markStored(row.id, digest, size);
    audit.append({
      at: clock.now().toISOString(),
      actorId: null,
      officeCode: row.office_code,
      action: 'certificate.file_rerendered',
      entityType: 'certificate',
      entityId: row.id,
      summary: { number: row.number, recordedSha256: row.sha256, renderedSha256: digest },
    });
  });

  /** Renders and writes one certificate's file from its stored facts; returns the bytes. */
  function restore(row: CertificateRow): Buffer {
    const pdf = deps.render(documentOf(row));
    const digest = createHash('sha256').update(pdf).digest('hex');
    store.writeFile(row, pdf);
    if (digest === row.sha256) store.markStored(row.id, digest, pdf.length);
    else recordRerender(row, digest, pdf.length);
    return pdf;
  }

  /** Writes every pending file; returns how many were completed. Never throws. */
  function completePending(): number {
    let completed = 0;
    for (const row of store.pendingFiles()) {
      try {
        restore(row);
        completed++;
      } catch (error) {
        deps.log(`certificat ${row.number} : PDF toujours absent, nouvel essai plus tard`, error);
      }
    }
    return completed;
  }

  return {
    restore,
    completePending,
    /** At start-up: pending files, then delivered payloads pruned. Never throws. */
    run(): number {
      const completed = completePending();
      try {
        pruneDelivered.run();
      } catch (error) {
        deps.log('certificats : nettoyage des événements livrés impossible', error);
      }
      return completed;
    },
  };
}
export type CertificateRecovery = ReturnType<typeof createCertificateRecovery>;
