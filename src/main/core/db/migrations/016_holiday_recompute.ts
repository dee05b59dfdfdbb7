/**
 * The holiday-change deadline rewrite still to finish (`admin/dueDateRecompute.ts`): one row while
 * pending. Created by that module until now; caches that already have it keep it as it is.
 */
export const sql = /* sql */ `
CREATE TABLE IF NOT EXISTS holiday_recompute (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  changed_dates      TEXT NOT NULL,
  after_submitted_at TEXT NOT NULL,
  after_id           TEXT NOT NULL
) STRICT;
`;
