import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type Database from 'better-sqlite3';
import type { Catalog } from '../catalog/loadCatalog';
import { schedulerOf, type Clock, type TimerHandle } from '../clock';
import { documentFile } from '../documents/documentFiles';
import { fullJitterDelay, type SyncTuning } from './backoff';
import { PortalUnreachableError, type PortalClient } from './portalClient';

/**
 * Downloads attachments in the background, a few at a time, so a case is usable as soon as its
 * record lands. Bytes go to `<sha256>.part` and are appended to on retry with a Range request, so
 * a 5 MB scan over a flaky link is not restarted from zero; the file becomes `<sha256>` only once
 * its SHA-256 matches the record's. The portal's ids never name a file (documentFiles.ts).
 *
 * A broken or hostile portal cannot hurt the desk: reading stops at the declared size, a document
 * larger than its procedure allows is refused unread, a silent connection is cut after
 * `downloadStallMs`, and every failure waits (backoff with jitter) before the next try and counts
 * toward giving up, except a cut link that moved the `.part` forward by a real step (64 KiB, or to
 * the end): the step bound keeps an endpoint that cuts after every few bytes, or that restarts
 * from zero each time, from retrying without end. State lives
 * in `documents` (pending → downloading → ready|failed).
 */

interface DocumentRow {
  id: string;
  application_id: string;
  code: string;
  size: number;
  sha256: string;
  attempts: number;
}

/**
 * The download queue is the partial index `documents_due` (migration 025): the documents still to
 * fetch, keyed by when they are next due. Each query repeats its condition word for word (SQLite
 * uses a partial index only for a query that implies its condition) and names it: statistics
 * taken while every document was pending make a `SCAN documents` look as cheap (the first rows
 * all match), and once most documents are ready that scan reads the whole cache before it finds
 * one (tests/unit/documentQueueQueryPlan.test.ts).
 */
const QUEUE = 'documents INDEXED BY documents_due';
const QUEUED = "state IN ('pending', 'downloading')";

/**
 * The next documents due, in arrival order: those never tried (no date: one equality range of
 * the index, already in rowid order), then with them the first retries whose time has come (a
 * range of the index in due order). Each part reads at most `limit` entries, whatever the size of
 * the cache or of the backlog.
 */
export const DUE_DOCUMENTS = `
  SELECT id, application_id, code, size, sha256, attempts FROM (
    SELECT * FROM (
      SELECT rowid AS seq, id, application_id, code, size, sha256, attempts FROM ${QUEUE}
      WHERE ${QUEUED} AND next_attempt_at IS NULL
      ORDER BY rowid LIMIT @limit)
    UNION ALL
    SELECT * FROM (
      SELECT rowid AS seq, id, application_id, code, size, sha256, attempts FROM ${QUEUE}
      WHERE ${QUEUED} AND next_attempt_at <= @now
      ORDER BY next_attempt_at LIMIT @limit))
  ORDER BY seq LIMIT @limit`;

/**
 * When the next download is due: now if a pending document has no date (a round that stopped
 * early left it), else its earliest retry; NULL when nothing is pending. Two probes of the index.
 */
export const NEXT_DOCUMENT_DUE = `
  SELECT coalesce(
    (SELECT '' FROM ${QUEUE}
     WHERE ${QUEUED} AND state = 'pending' AND next_attempt_at IS NULL LIMIT 1),
    (SELECT next_attempt_at FROM ${QUEUE}
     WHERE ${QUEUED} AND state = 'pending' AND next_attempt_at IS NOT NULL
     ORDER BY next_attempt_at LIMIT 1)) AS at`;

/** A cut link is free (not counted) when the `.part` file grew by this much, or to the end. */
const RESUME_STEP_BYTES = 64 * 1024;

/** The link failed (refused, reset, silent); the `.part` file grew by `gained` bytes. */
class LinkFailure extends Error {
  constructor(
    message: string,
    readonly gained: number,
  ) {
    super(message);
  }
}

export interface DownloadRound {
  ready: number;
  retried: number;
  failed: number;
  /** A download could not reach the portal at all: the caller checks whether it is down. */
  unreachable: boolean;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function sha256Of(file: string): Promise<string | null> {
  try {
    const hash = createHash('sha256');
    await pipeline(createReadStream(file), hash);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

const MIB = 1024 * 1024;
function megabytes(bytes: number): string {
  return `${(bytes / MIB).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

export function createDocumentDownloader(deps: {
  db: Database.Database;
  dataDir: string;
  portal: PortalClient;
  catalog: Catalog;
  clock: Clock;
  tuning: SyncTuning;
  /** A document of this case is ready, or will not be downloaded: its case shows it. */
  onSettled?: (applicationId: string) => void;
}) {
  const { db, portal, clock, tuning } = deps;
  const settled = (row: DocumentRow) => deps.onSettled?.(row.application_id);
  // The stall watchdog and the attempt deadline are the scheduler's: a test's fake decides.
  const scheduler = schedulerOf(clock);
  const due = db.prepare<{ now: string; limit: number }, DocumentRow>(DUE_DOCUMENTS);
  const procedureOf = db.prepare<[string], { procedure_code: string }>(
    'SELECT procedure_code FROM applications WHERE id = ?',
  );
  /**
   * A document's state changes commit without syncing the WAL (synchronous = NORMAL, as the pull's
   * pages do): with FULL, each of them waited for an fsync on the main thread, two per document
   * (measured on a 100k cache: ~2.4 ms each on average, up to 175 ms on a busy disk, half of the
   * main thread's time while documents download). A power cut may lose the last few changes, and
   * each is harmless to lose: « downloading » (an attempt not counted), « ready » (the next round
   * finds the file by its SHA-256 and marks it again without downloading), a retry or a failure
   * (tried once more). The next commit made with the connection's own setting syncs them.
   * Through `db.pragma` each time: SQLite applies `synchronous = …` when the text is prepared, so
   * a prepared statement run again would not change it.
   */
  function stateChange<P extends unknown[]>(sql: string) {
    const statement = db.prepare<P>(sql);
    return {
      run(...params: P): void {
        const previous = db.pragma('synchronous', { simple: true }) as number;
        db.pragma('synchronous = NORMAL');
        try {
          statement.run(...params);
        } finally {
          db.pragma(`synchronous = ${previous}`);
        }
      },
    };
  }
  const setDownloading = stateChange<[string]>(
    "UPDATE documents SET state = 'downloading', attempts = attempts + 1 WHERE id = ?",
  );
  const setReady = stateChange<[string, string]>(
    "UPDATE documents SET state = 'ready', local_path = ?, last_error = NULL, next_attempt_at = NULL WHERE id = ?",
  );
  const setRetry = stateChange<[string, string, string]>(
    "UPDATE documents SET state = 'pending', last_error = ?, next_attempt_at = ? WHERE id = ?",
  );
  const setFailed = stateChange<[string, string]>(
    "UPDATE documents SET state = 'failed', last_error = ?, next_attempt_at = NULL WHERE id = ?",
  );
  const earliest = db.prepare<[], { at: string | null }>(NEXT_DOCUMENT_DUE);
  const giveBack = stateChange<[string]>(
    'UPDATE documents SET attempts = attempts - 1 WHERE id = ?',
  );
  /** Keyed by SHA-256: documents with the same bytes share one file, hence one download. */
  const inFlight = new Map<string, Promise<void>>();

  /** The largest file the procedure accepts for this document (any of its documents if unknown). */
  function sizeLimit(row: DocumentRow): number {
    const code = procedureOf.get(row.application_id)?.procedure_code;
    const procedure = code ? deps.catalog.get(code) : undefined;
    if (!procedure || procedure.documents.length === 0) return 50 * MIB;
    const own = procedure.documents.find((document) => document.code === row.code);
    const kb = own?.maxSizeKb ?? Math.max(...procedure.documents.map((d) => d.maxSizeKb));
    return kb * 1024;
  }

  /**
   * Streams the body into the part file, refusing bytes beyond the declared size and cutting a
   * connection that stays silent; returns nothing, throws LinkFailure when the link failed.
   */
  async function fetchInto(row: DocumentRow, part: string): Promise<void> {
    let offset = await sizeOf(part);
    if (offset > row.size) {
      await rm(part, { force: true });
      offset = 0;
    }
    if (offset < row.size) {
      const controller = new AbortController();
      let stalled = false;
      let watchdog: TimerHandle | undefined;
      const arm = () => {
        scheduler.clearTimeout(watchdog);
        watchdog = scheduler.setTimeout(() => {
          stalled = true;
          controller.abort();
        }, tuning.downloadStallMs);
      };
      const deadline = scheduler.setTimeout(() => controller.abort(), tuning.downloadAttemptMaxMs);
      let received = 0;
      try {
        arm();
        let response: Response;
        try {
          response = await portal.openDocument(row.id, offset, controller.signal);
        } catch (error) {
          throw new LinkFailure(
            stalled
              ? 'le portail ne répond pas à la demande de la pièce'
              : error instanceof PortalUnreachableError
                ? error.message
                : `portail injoignable (${(error as Error).message})`,
            0,
          );
        }
        if (response.status === 416) {
          await response.body?.cancel();
          await rm(part, { force: true });
          throw new Error('plage refusée par le portail ; reprise depuis le début');
        }
        if (response.status !== 200 && response.status !== 206) {
          await response.body?.cancel();
          throw new Error(`le portail a répondu ${response.status}`);
        }
        if (!response.body) throw new Error('réponse sans contenu');
        // A 200 to a Range request is the whole file: start the part over.
        const append = response.status === 206 && offset > 0;
        const allowed = row.size - (append ? offset : 0);
        const announced = Number(response.headers.get('content-length'));
        if (Number.isFinite(announced) && announced > allowed) {
          await response.body.cancel();
          throw new Error(
            `le portail annonce ${announced} octets alors que la pièce en fait ${row.size} ; téléchargement refusé`,
          );
        }
        let overflow = false;
        const bounded = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            arm();
            received += chunk.length;
            if (received > allowed) {
              overflow = true;
              done(new Error('trop d’octets'));
            } else done(null, chunk);
          },
        });
        try {
          await pipeline(
            Readable.fromWeb(response.body as WebReadableStream),
            bounded,
            createWriteStream(part, { flags: append ? 'a' : 'w' }),
          );
        } catch (error) {
          if (overflow) {
            await rm(part, { force: true });
            throw new Error(
              `le portail envoie plus que les ${row.size} octets annoncés ; téléchargement interrompu`,
              { cause: error },
            );
          }
          // Whatever arrived stays in the .part file for the next Range request.
          const gained = (append ? offset : 0) + received - offset;
          throw new LinkFailure(
            stalled
              ? `le portail s'est tu pendant le téléchargement (rien reçu pendant ${Math.round(tuning.downloadStallMs / 1000)} s)`
              : `liaison coupée pendant le téléchargement (${(error as Error).message})`,
            Math.max(0, gained),
          );
        }
      } finally {
        scheduler.clearTimeout(watchdog);
        scheduler.clearTimeout(deadline);
      }
    }
    if ((await sha256Of(part)) !== row.sha256) {
      await rm(part, { force: true });
      throw new Error(
        'empreinte SHA-256 différente de celle annoncée par le portail (fichier corrompu)',
      );
    }
  }

  function retryLater(row: DocumentRow, attempts: number, message: string): void {
    const delay = Math.max(tuning.retryBaseMs, fullJitterDelay(attempts, tuning));
    setRetry.run(message, new Date(clock.now().getTime() + delay).toISOString(), row.id);
  }

  async function download(row: DocumentRow, round: DownloadRound): Promise<void> {
    const limit = sizeLimit(row);
    if (row.size > limit) {
      setFailed.run(
        `Pièce refusée sans téléchargement : le portail annonce ${megabytes(row.size)}, la procédure en autorise ${megabytes(limit)} au plus. Demandez au demandeur de la déposer à nouveau.`,
        row.id,
      );
      settled(row);
      round.failed++;
      return;
    }
    const final = documentFile(deps.dataDir, row.sha256);
    const part = `${final}.part`;
    setDownloading.run(row.id);
    const attempts = row.attempts + 1;
    try {
      // The same bytes may already be here for another document.
      if ((await sha256Of(final)) !== row.sha256) {
        await mkdir(dirname(final), { recursive: true });
        await fetchInto(row, part);
        await rename(part, final);
      }
      setReady.run(final, row.id);
      settled(row);
      round.ready++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (
        error instanceof LinkFailure &&
        error.gained >= Math.min(RESUME_STEP_BYTES, row.size) &&
        error.gained > 0
      ) {
        // A cut link that made real progress does not use up an attempt: the .part keeps it,
        // and such steps are bounded by the declared size. It still waits before the next try.
        giveBack.run(row.id);
        retryLater(row, attempts, message);
        round.retried++;
        return;
      }
      if (error instanceof LinkFailure) round.unreachable = true;
      if (attempts >= tuning.downloadAttempts) {
        setFailed.run(`Téléchargement impossible après ${attempts} essais : ${message}.`, row.id);
        settled(row);
        round.failed++;
      } else {
        retryLater(row, attempts, message);
        round.retried++;
      }
    }
  }

  return {
    /**
     * Downloads every due document (bounded concurrency); returns when none is due, or as soon
     * as the portal could not be reached (the caller then checks whether it is down).
     */
    async runOnce(keepGoing: () => boolean = () => true): Promise<DownloadRound> {
      const round: DownloadRound = { ready: 0, retried: 0, failed: 0, unreachable: false };
      const workers = Array.from({ length: tuning.downloadConcurrency }, async () => {
        for (;;) {
          if (round.unreachable || !keepGoing()) return;
          const rows = due.all({
            now: clock.now().toISOString(),
            limit: tuning.downloadConcurrency * 2,
          });
          const next = rows.find((row) => !inFlight.has(row.sha256));
          if (!next) {
            // Only documents whose bytes are being fetched for another one: wait for that.
            if (rows.length === 0 || inFlight.size === 0) return;
            await Promise.race(inFlight.values());
            continue;
          }
          // Settles once the entry is gone, so a worker waiting on it finds the bytes' row free.
          const work = (async () => {
            try {
              await download(next, round);
            } catch (error) {
              // A path or database failure on one document must not stop the others.
              setFailed.run(
                `Téléchargement impossible : ${error instanceof Error ? error.message : String(error)}`,
                next.id,
              );
              settled(next);
              round.failed++;
            } finally {
              inFlight.delete(next.sha256);
            }
          })();
          inFlight.set(next.sha256, work);
          await work;
        }
      });
      await Promise.all(workers);
      return round;
    },
    nextRetryAt(): string | null {
      const at = earliest.get()?.at ?? null;
      return at === '' ? clock.now().toISOString() : at;
    },
  };
}
export type DocumentDownloader = ReturnType<typeof createDocumentDownloader>;
