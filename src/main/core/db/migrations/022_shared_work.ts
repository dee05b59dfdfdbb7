/**
 * Work shared between the desks of an office (design multi-desk §3.9, §5.1): other desks' notes,
 * assignments and history lines arrive through the office activity feed, each keyed by the
 * portal event's idempotency key so a replayed page writes nothing twice.
 */
export const sql = /* sql */ `
ALTER TABLE notes ADD COLUMN event_key TEXT;
ALTER TABLE notes ADD COLUMN origin_desk_id TEXT;
CREATE UNIQUE INDEX notes_by_event ON notes (event_key) WHERE event_key IS NOT NULL;

ALTER TABLE history_events ADD COLUMN event_key TEXT;
ALTER TABLE history_events ADD COLUMN origin_desk_id TEXT;
CREATE UNIQUE INDEX history_by_event ON history_events (event_key, kind) WHERE event_key IS NOT NULL;

ALTER TABLE notifications ADD COLUMN event_key TEXT;
CREATE UNIQUE INDEX notifications_by_event ON notifications (event_key) WHERE event_key IS NOT NULL;
`;
