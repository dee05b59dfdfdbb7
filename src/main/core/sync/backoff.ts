/** Retry timing shared by the puller, the outbox pusher, the downloader and the offline probe. */
export interface SyncTuning {
  /** Records per change-feed page: small enough that one page's transaction stays short. */
  pageSize: number;
  /** Records per batched upsert; a write transaction takes batches until its ~20 ms budget is spent. */
  applyBatchSize: number;
  /** Transient failures tolerated per page within one pull before the pull gives up. */
  pageAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** A `Retry-After` longer than this is capped, so a misconfigured portal cannot park us for days. */
  retryAfterMaxMs: number;
  probeBaseMs: number;
  probeMaxMs: number;
  pushConcurrency: number;
  downloadConcurrency: number;
  /**
   * Failed downloads of one document before it is marked failed and listed for a person. Every
   * failure counts except a cut link that brought bytes (the .part file keeps them).
   */
  downloadAttempts: number;
  /** A download that receives nothing for this long is cut (a portal that hangs). */
  downloadStallMs: number;
  /** One download attempt never lasts longer (a trickle); the next resumes from the .part. */
  downloadAttemptMaxMs: number;
  /**
   * A first sync (an empty cache, or one far behind) with at least this many records in the feed
   * loads them in bulk: indexes, search and tallies built afterwards (bulkSync.ts). 0: never —
   * the default: measured side by side at 100k (BENCH_ONLY=ingest, loaded 2-core machine), the
   * build afterwards (indexes 17 s, search 12 s, keys 13 s, tallies 5 s) cost more than the
   * writer thread's page-by-page upkeep saved (bulk 82 s against 44 s for the writer alone).
   */
  bulkFirstSyncMin: number;
  /** Pages of at least this many new cases are written by the writer thread (pullWriter.ts). */
  writerMinRecords: number;
}

export const DEFAULT_TUNING: SyncTuning = {
  pageSize: 200,
  applyBatchSize: 10,
  pageAttempts: 5,
  retryBaseMs: 1_000,
  retryMaxMs: 5 * 60_000,
  retryAfterMaxMs: 10 * 60_000,
  probeBaseMs: 2_000,
  probeMaxMs: 60_000,
  pushConcurrency: 4,
  downloadConcurrency: 3,
  downloadAttempts: 6,
  downloadStallMs: 30_000,
  downloadAttemptMaxMs: 15 * 60_000,
  bulkFirstSyncMin: 0,
  writerMinRecords: 100,
};

/**
 * Exponential backoff with full jitter (a uniform pick in [0, min(cap, base·2^attempt)]): many
 * offices coming back online at once then spread their retries instead of hitting the portal in step.
 */
export function fullJitterDelay(
  attempt: number,
  tuning: Pick<SyncTuning, 'retryBaseMs' | 'retryMaxMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(tuning.retryMaxMs, tuning.retryBaseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** The wait before the next attempt: the portal's `Retry-After` wins over our own backoff. */
export function nextDelay(
  attempt: number,
  retryAfterMs: number | null,
  tuning: SyncTuning,
): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, tuning.retryAfterMaxMs);
  return fullJitterDelay(attempt, tuning);
}
