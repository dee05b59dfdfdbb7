import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { TRAINING_USERS } from '../auth/trainingUsers';

/** Stay where they are: the portal settings just written, and the window's place on screen. */
const KEPT = new Set(['settings.json', 'window-state.json']);

/** Whether the cache at `file` was made in training mode (marker row, or its seeded accounts). */
function isTrainingCache(file: string): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasMarker = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'installation'")
      .get();
    if (hasMarker) {
      const row = db.prepare('SELECT training FROM installation WHERE id = 1').get() as
        { training: number } | undefined;
      if (row) return row.training === 1;
    }
    // Caches from before migration 013: the training office's seeded accounts give it away.
    const ids = TRAINING_USERS.map((user) => user.id);
    return (
      db
        .prepare(`SELECT 1 FROM users WHERE id IN (${ids.map(() => '?').join(', ')}) LIMIT 1`)
        .get(...ids) !== undefined
    );
  } finally {
    db.close();
  }
}

/**
 * When a portal is configured on a data folder that so far ran in training mode, the training
 * cache, its signing keys, certificates, attachments and backups are moved into
 * `formation-<time>/` (never deleted) and Bureau starts empty: first administrator, then a real
 * sync. Returns the folder they went to, or `null` when there was nothing to set aside.
 */
export function setAsideTrainingCache(dataDir: string, now: Date): string | null {
  const file = join(dataDir, 'bureau.sqlite');
  if (!existsSync(file) || !isTrainingCache(file)) return null;
  const aside = join(dataDir, `formation-${now.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(aside);
  for (const entry of readdirSync(dataDir)) {
    if (KEPT.has(entry) || entry.startsWith('formation-') || join(dataDir, entry) === aside) {
      continue;
    }
    renameSync(join(dataDir, entry), join(aside, entry));
  }
  return aside;
}
