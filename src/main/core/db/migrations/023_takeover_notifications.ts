/**
 * Take-over notifications (issue 16, design multi-desk §3.7): a supervisor's take-over tells the
 * former holder « Dossier COM-CO-2026-000123 repris par Edem Lawson à 11:02 ». The kind's CHECK
 * gains 'case.taken_over'; SQLite changes a CHECK only by rebuilding the table, so every row is
 * copied with its id, the AUTOINCREMENT high-water mark is carried over (an id is never reused,
 * even one whose row was deleted), and the three indexes are made again as they were.
 */
export const sql = /* sql */ `
CREATE TABLE notifications_v23 (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id        TEXT NOT NULL REFERENCES users (id),
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  kind           TEXT NOT NULL CHECK (kind IN ('case.assigned', 'case.taken_over')),
  by_user_id     TEXT REFERENCES users (id),
  at             TEXT NOT NULL,
  read_at        TEXT,
  event_key      TEXT
) STRICT;
INSERT INTO notifications_v23 (id, user_id, application_id, kind, by_user_id, at, read_at, event_key)
  SELECT id, user_id, application_id, kind, by_user_id, at, read_at, event_key FROM notifications;
DELETE FROM sqlite_sequence WHERE name = 'notifications_v23';
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'notifications_v23', seq FROM sqlite_sequence WHERE name = 'notifications';
DROP TABLE notifications;
ALTER TABLE notifications_v23 RENAME TO notifications;
CREATE INDEX notifications_by_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
CREATE UNIQUE INDEX notifications_by_event ON notifications (event_key) WHERE event_key IS NOT NULL;
`;
