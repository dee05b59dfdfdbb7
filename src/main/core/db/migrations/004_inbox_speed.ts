/**
 * Inbox speed at a million cases.
 *
 * Sort by submission date within the open/closed split: "done + Kara, dépôt ↓" walked
 * applications_by_submitted (or the region index) and sorted or skipped most of the closed
 * history (seconds at 1M). These indexes serve the filter and the order together, so a page reads
 * about `limit` entries: queue is_open (done, and the open queues' leading condition), and the
 * same under a region or office filter (each office serves its own region).
 *
 * Search ranking: the weighted bm25 becomes the table's `rank`, so FTS5 can answer
 * `ORDER BY rank LIMIT n` itself (see buildListQuery: relevance ranks a bounded set of hits).
 */
export const sql = /* sql */ `
CREATE INDEX applications_by_open_submitted ON applications (is_open, submitted_at, id);
CREATE INDEX applications_by_region_submitted ON applications (region, is_open, submitted_at, id);
CREATE INDEX applications_by_office_submitted ON applications (office_code, is_open, submitted_at, id);
INSERT INTO inbox_search (inbox_search, rank)
  VALUES ('rank', 'bm25(10.0, 5.0, 4.0, 8.0, 8.0, 6.0, 6.0, 1.0, 4.0)');
`;
