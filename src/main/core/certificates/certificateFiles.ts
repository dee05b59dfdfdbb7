import { createHash } from 'node:crypto';
import { renameSync } from 'node:fs';
import type { CertificateFile } from '../../../shared/api/certificateTypes';
import { DomainError } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { Clock } from '../clock';
import type { CertificateRecovery } from './certificateRecovery';
import type { CertificateListRow, CertificateStore } from './certificateStore';

/**
 * Opens a stored original. The bytes are checked against the SHA-256 recorded at issue time on
 * every open: a file altered or deleted on disk is refused (`integrity_failed`), the altered copy
 * is set aside for investigation, the event is audited, and the original is rendered again from
 * the stored facts so that the next open succeeds.
 */
export function createCertificateFiles(deps: {
  store: CertificateStore;
  recovery: CertificateRecovery;
  audit: AuditLog;
  clock: Clock;
  log: (message: string, error?: unknown) => void;
}) {
  const { store, recovery, audit, clock } = deps;

  function quarantineAndRestore(row: CertificateListRow, found: string | null): boolean {
    const at = clock.now().toISOString();
    if (found !== null) {
      renameSync(store.pathOf(row), `${store.pathOf(row)}.altered-${at.replace(/[:.]/g, '-')}`);
    }
    let restored = false;
    try {
      recovery.restore(row);
      restored = true;
    } catch (error) {
      deps.log(`certificat ${row.number} : régénération impossible`, error);
    }
    audit.append({
      at,
      actorId: null,
      officeCode: row.office_code,
      action: 'certificate.integrity_failed',
      entityType: 'certificate',
      entityId: row.id,
      summary: { number: row.number, expectedSha256: row.sha256, foundSha256: found, restored },
    });
    return restored;
  }

  const load = (id: string): CertificateListRow => {
    const row = store.get(id);
    if (!row)
      throw new DomainError('not_found', "Ce certificat n'existe pas dans ce poste Bureau.");
    return row;
  };

  return (id: string): CertificateFile => {
    let row = load(id);
    if (row.file_state === 'pending') {
      try {
        recovery.restore(row);
      } catch (error) {
        deps.log(`certificat ${row.number} : PDF pas encore écrit`, error);
        throw new DomainError(
          'not_ready',
          "Le PDF de ce certificat n'a pas encore pu être enregistré sur le disque. Réessayez dans un instant ; si cela persiste, vérifiez l'espace disque.",
        );
      }
      row = load(id);
    }
    const bytes = store.readFile(row);
    const found = bytes ? createHash('sha256').update(bytes).digest('hex') : null;
    if (!bytes || found !== row.sha256) {
      const restored = quarantineAndRestore(row, found);
      const what = bytes
        ? 'a été modifié sur le disque : il ne correspond plus à son empreinte SHA-256 enregistrée. La copie altérée a été mise de côté'
        : 'a disparu du disque';
      throw new DomainError(
        'integrity_failed',
        restored
          ? `Le fichier du certificat ${row.number} ${what} ; l'original a été régénéré à partir des données enregistrées. Rouvrez le certificat.`
          : `Le fichier du certificat ${row.number} ${what}, et l'original n'a pas pu être régénéré. Signalez-le à l'administrateur.`,
      );
    }
    return {
      certificateId: row.id,
      fileName: `${row.number}.pdf`,
      base64: bytes.toString('base64'),
      duplicate: false,
    };
  };
}
