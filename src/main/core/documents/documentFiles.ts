import { isAbsolute, join, relative, resolve } from 'node:path';

/**
 * Where attachments live on disk. No string from the portal ever becomes part of a path: a file
 * is named after its SHA-256 (64 hex digits, checked here), which the downloader verifies before
 * the file is kept, so two documents with the same bytes share one file. Every path built here is
 * checked to stay inside `<data directory>/documents`.
 */

const SHA256 = /^[0-9a-f]{64}$/;
/** The per-case layout before SHA-256 names (`documents/<case id>/<document id>`). */
const LEGACY_ID = /^[a-z0-9-]{8,64}$/;

export class UnsafeDocumentPath extends Error {
  constructor(what: string) {
    super(`Chemin de pièce refusé (${what}) : il sortirait du dossier des pièces.`);
    this.name = 'UnsafeDocumentPath';
  }
}

export function documentsRoot(dataDir: string): string {
  return resolve(dataDir, 'documents');
}

/** Throws unless `path` is strictly inside `root`. */
export function assertInside(root: string, path: string): string {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new UnsafeDocumentPath(rel);
  return path;
}

/** The file that holds the bytes whose SHA-256 is `sha256`. */
export function documentFile(dataDir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new UnsafeDocumentPath('empreinte invalide');
  const root = documentsRoot(dataDir);
  return assertInside(root, join(root, sha256.slice(0, 2), sha256));
}

/** Where an older Bureau kept the file, when both ids are of the shape it accepted; else null. */
export function legacyDocumentFile(
  dataDir: string,
  applicationId: string,
  documentId: string,
): string | null {
  if (!LEGACY_ID.test(applicationId) || !LEGACY_ID.test(documentId)) return null;
  const root = documentsRoot(dataDir);
  return assertInside(root, join(root, applicationId, documentId));
}
