/**
 * Quarantine, one row per refused item: a replayed page used to add the same items again (132
 * rows for 45 items). `item_key` names the item (`id:<portal id>`, or `raw:<sha-256 of its text>`
 * when it has no usable id); a refusal seen again updates its row (latest reason and text) and
 * counts it. Existing duplicates are folded into their latest row.
 *
 * Documents: an attachment now lives under its SHA-256, never under a name the portal chose; the
 * old per-case folders are read once more and moved (documentContent.ts). `oversize` refusals and
 * attempt counting need no new column.
 */
export const sql = /* sql */ `
ALTER TABLE quarantine ADD COLUMN item_key TEXT;
ALTER TABLE quarantine ADD COLUMN seen_count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE quarantine ADD COLUMN first_received_at TEXT;
UPDATE quarantine SET
  item_key = CASE WHEN portal_id IS NOT NULL THEN 'id:' || portal_id ELSE 'row:' || id END;
UPDATE quarantine SET
  seen_count = (SELECT count(*) FROM quarantine AS same WHERE same.item_key = quarantine.item_key),
  first_received_at = (SELECT min(received_at) FROM quarantine AS same
                       WHERE same.item_key = quarantine.item_key);
DELETE FROM quarantine WHERE id NOT IN (SELECT max(id) FROM quarantine GROUP BY item_key);
CREATE UNIQUE INDEX quarantine_by_item ON quarantine (item_key);
`;
