/**
 * Case review (issue 5): who holds a case, who proposed a decision awaiting sign-off, how long the
 * SLA clock was paused while the applicant was asked for more, the latest decision, and the
 * checklist ticks. Columns are added (no table rewrite), so this is instant on a large cache.
 */
export const sql = /* sql */ `
ALTER TABLE applications ADD COLUMN claimed_by TEXT REFERENCES users (id);
ALTER TABLE applications ADD COLUMN claim_activity_at TEXT;
ALTER TABLE applications ADD COLUMN signoff_requested_by TEXT REFERENCES users (id);
ALTER TABLE applications ADD COLUMN info_requested_at TEXT;
ALTER TABLE applications ADD COLUMN sla_paused_days INTEGER NOT NULL DEFAULT 0
  CHECK (sla_paused_days >= 0);
ALTER TABLE applications ADD COLUMN decision_json TEXT;

CREATE TABLE checklist_ticks (
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  item_id        TEXT NOT NULL,
  checked        INTEGER NOT NULL CHECK (checked IN (0, 1)),
  by_user_id     TEXT NOT NULL REFERENCES users (id),
  at             TEXT NOT NULL,
  PRIMARY KEY (application_id, item_id)
) STRICT, WITHOUT ROWID;
`;
