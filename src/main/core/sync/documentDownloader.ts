import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import { fullJitterDelay, type SyncTuning } from './backoff';
import { PortalUnreachableError, type PortalClient } from './portalClient';

/**
 * Downloads attachments in the background, a few at a time, so a case is usable as soon as its
 * record lands. Bytes go to `<id>.part` and are appended to on retry with a Range request, so a
 * 5 MB scan over a flaky link is not restarted from zero; the file becomes `<id>` only once its
 * SHA-256 matches the record's. State lives in `documents` (pending → downloading → ready|failed).
 */

interface DocumentRow {
  id: string;
  application_id: string;
  size: number;
  sha256: string;
  attempts: number;
}

class ChecksumMismatch extends Error {}

export interface DownloadRound {
  ready: number;
  retried: number;
  failed: number;
  unreachable: boolean;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export function createDocumentDownloader(deps: {
  db: Database.Database;
  dataDir: string;
  portal: PortalClient;
  clock: Clock;
  tuning: SyncTuning;
}) {
  const { db, portal, clock, tuning } = deps;
  const root = join(deps.dataDir, 'documents');
  const due = db.prepare<[string, number], DocumentRow>(`
    SELECT id, application_id, size, sha256, attempts FROM documents
    WHERE state IN ('pending', 'downloading') AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
    ORDER BY rowid LIMIT ?`);
  const setDownloading = db.prepare(
    "UPDATE documents SET state = 'downloading', attempts = attempts + 1 WHERE id = ?",
  );
  const setReady = db.prepare(
    "UPDATE documents SET state = 'ready', local_path = ?, last_error = NULL, next_attempt_at = NULL WHERE id = ?",
  );
  const setRetry = db.prepare(
    "UPDATE documents SET state = 'pending', last_error = ?, next_attempt_at = ? WHERE id = ?",
  );
  const setFailed = db.prepare(
    "UPDATE documents SET state = 'failed', last_error = ?, next_attempt_at = NULL WHERE id = ?",
  );
  const earliest = db.prepare<[], { at: string | null }>(
    "SELECT min(next_attempt_at) AS at FROM documents WHERE state = 'pending'",
  );
  const giveBack = db.prepare('UPDATE documents SET attempts = attempts - 1 WHERE id = ?');
  const inFlight = new Set<string>();

  async function fetchInto(row: DocumentRow, part: string): Promise<void> {
    let offset = await sizeOf(part);
    if (offset > row.size) {
      await rm(part, { force: true });
      offset = 0;
    }
    if (offset < row.size) {
      const response = await portal.openDocument(row.id, offset);
      if (response.status === 416) {
        await response.body?.cancel();
        await rm(part, { force: true });
        throw new Error('plage refusée par le portail ; reprise depuis le début');
      }
      if (response.status !== 200 && response.status !== 206) {
        await response.body?.cancel();
        throw new Error(`le portail a répondu ${response.status}`);
      }
      // A 200 to a Range request is the whole file: start the part over.
      const append = response.status === 206 && offset > 0;
      if (!response.body) throw new Error('réponse sans contenu');
      try {
        await pipeline(
          Readable.fromWeb(response.body as WebReadableStream),
          createWriteStream(part, { flags: append ? 'a' : 'w' }),
        );
      } catch (error) {
        // Whatever arrived stays in the .part file for the next Range request.
        throw new PortalUnreachableError(error);
      }
    }
    if ((await sha256Of(part)) !== row.sha256) {
      await rm(part, { force: true });
      throw new ChecksumMismatch(
        'empreinte SHA-256 différente de celle annoncée par le portail (fichier corrompu)',
      );
    }
  }

  async function download(row: DocumentRow, round: DownloadRound): Promise<void> {
    const dir = join(root, row.application_id);
    const final = join(dir, row.id);
    const part = `${final}.part`;
    setDownloading.run(row.id);
    const attempts = row.attempts + 1;
    try {
      await mkdir(dir, { recursive: true });
      await fetchInto(row, part);
      await rename(part, final);
      setReady.run(final, row.id);
      round.ready++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof PortalUnreachableError) {
        // A dropped link is not the document's fault and the .part keeps the progress, so it
        // does not use up an attempt: offline for a week must not fail every attachment.
        round.unreachable = true;
        giveBack.run(row.id);
        setRetry.run(message, clock.now().toISOString(), row.id);
        round.retried++;
      } else if (attempts >= tuning.downloadAttempts) {
        setFailed.run(`Téléchargement impossible après ${attempts} essais : ${message}`, row.id);
        round.failed++;
      } else {
        const delay = fullJitterDelay(attempts, tuning);
        setRetry.run(message, new Date(clock.now().getTime() + delay).toISOString(), row.id);
        round.retried++;
      }
    }
  }

  return {
    /** Downloads every due document (bounded concurrency); returns when none is due. */
    async runOnce(keepGoing: () => boolean = () => true): Promise<DownloadRound> {
      const round: DownloadRound = { ready: 0, retried: 0, failed: 0, unreachable: false };
      const workers = Array.from({ length: tuning.downloadConcurrency }, async () => {
        for (;;) {
          if (round.unreachable || !keepGoing()) return;
          const next = due
            .all(clock.now().toISOString(), tuning.downloadConcurrency * 2)
            .find((row) => !inFlight.has(row.id));
          if (!next) return;
          inFlight.add(next.id);
          try {
            await download(next, round);
          } finally {
            inFlight.delete(next.id);
          }
        }
      });
      await Promise.all(workers);
      return round;
    },
    nextRetryAt: (): string | null => earliest.get()?.at ?? null,
  };
}
export type DocumentDownloader = ReturnType<typeof createDocumentDownloader>;
