import { createHash } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { DocumentContent } from '../../../shared/api/caseTypes';
import { DomainError } from '../api/domainError';
import { documentFile, legacyDocumentFile } from './documentFiles';

interface DocumentRow {
  id: string;
  application_id: string;
  file_name: string;
  mime_type: string;
  sha256: string;
  state: string;
}

/**
 * Serves a downloaded attachment to the viewer. The path is rebuilt from the SHA-256 (never taken
 * from the database, the portal's ids or the caller) and the bytes are checked against it on
 * every open: a file altered on disk is refused and queued for a fresh download.
 */
export function createDocumentContent(db: Database.Database, dataDir: string) {
  const find = db.prepare<[string], DocumentRow>(
    'SELECT id, application_id, file_name, mime_type, sha256, state FROM documents WHERE id = ?',
  );
  const redownload = db.prepare(
    "UPDATE documents SET state = 'pending', local_path = NULL, next_attempt_at = NULL, last_error = ? WHERE id = ?",
  );

  /** The file, moving it first from where a Bureau before SHA-256 names kept it. */
  async function readStored(row: DocumentRow): Promise<Buffer> {
    const file = documentFile(dataDir, row.sha256);
    try {
      return await readFile(file);
    } catch (error) {
      const legacy = legacyDocumentFile(dataDir, row.application_id, row.id);
      if (!legacy) throw error;
      const bytes = await readFile(legacy);
      await mkdir(dirname(file), { recursive: true });
      await rename(legacy, file);
      return bytes;
    }
  }

  return async (id: string): Promise<DocumentContent> => {
    const row = find.get(id);
    if (!row) throw new DomainError('not_found', "Cette pièce n'existe pas dans le cache local.");
    if (row.state !== 'ready') {
      throw new DomainError(
        'not_ready',
        "Cette pièce n'est pas encore téléchargée. Elle s'affichera dès la fin de la synchronisation.",
      );
    }
    let bytes: Buffer;
    try {
      bytes = await readStored(row);
    } catch {
      redownload.run('fichier local introuvable', id);
      throw new DomainError(
        'integrity_failed',
        'Le fichier de cette pièce a disparu du disque ; il va être téléchargé à nouveau. Réessayez dans un instant.',
      );
    }
    if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
      redownload.run('empreinte SHA-256 différente à la lecture (fichier altéré)', id);
      throw new DomainError(
        'integrity_failed',
        'Le fichier de cette pièce a été altéré sur le disque ; il va être téléchargé à nouveau depuis le portail.',
      );
    }
    return {
      id: row.id,
      fileName: row.file_name,
      mimeType: row.mime_type,
      base64: bytes.toString('base64'),
    };
  };
}
