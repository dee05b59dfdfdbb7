/**
 * The attachment downloader's queue as a partial index (issue 18): only the documents still to
 * fetch (pending, or cut while downloading) are in it, keyed by when they are next due (NULL: due
 * now, in arrival order since an index orders equal keys by rowid). Picking the next documents,
 * and the time of the next retry, read a few entries of it instead of every document of the
 * cache: on a 100k cache (~500k documents) each pick was a `SCAN documents` of 115–250 ms on the
 * main thread, and the periodic sync paid it even with nothing to download. A ready document
 * leaves the index, so it stays the size of the backlog. The downloader's queries repeat the
 * index's condition word for word (`state IN ('pending', 'downloading')`): SQLite uses a
 * partial index only for a query whose WHERE implies the index's. `documents_pending` stays: the
 * worklist reads the failed documents through it.
 */
export const sql = /* sql */ `
CREATE INDEX documents_due ON documents (next_attempt_at)
  WHERE state IN ('pending', 'downloading');
`;
