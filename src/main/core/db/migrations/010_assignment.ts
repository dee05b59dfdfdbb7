/**
 * Assignment (issue 7): a clerk's inbox of « Dossier X vous a été affecté par Y ».
 *
 * One row per assignment to someone else than the supervisor themself. The bell reads the latest
 * rows of one user and counts the unread ones: both served by `notifications_by_user` (the
 * partial index keeps the unread count a short range scan however long the history grows).
 */
export const sql = /* sql */ `
CREATE TABLE notifications (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id        TEXT NOT NULL REFERENCES users (id),
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  kind           TEXT NOT NULL CHECK (kind IN ('case.assigned')),
  by_user_id     TEXT REFERENCES users (id),
  at             TEXT NOT NULL,
  read_at        TEXT
) STRICT;
CREATE INDEX notifications_by_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
`;
