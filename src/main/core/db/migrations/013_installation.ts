/**
 * What the cache was created for. A training cache (simulated portal, seeded accounts whose
 * password is printed on the sign-in screen) must never become a real office's cache when a
 * portal is configured later: see trainingCacheGuard.ts.
 */
export const sql = /* sql */ `
CREATE TABLE installation (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  training   INTEGER NOT NULL CHECK (training IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;
`;
