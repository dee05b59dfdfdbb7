/**
 * Supervisor dashboard (issue 7): when each case was decided, by whom, and the indexes its
 * queries read.
 *
 * - `decided_at` / `decided_by`: written where Bureau sees a decision happen — a local approval,
 *   rejection or sign-off (caseWorkflowActions), or the portal moving a cached case to a decided
 *   status (portalTransitions). A signed-off decision counts for the clerk who proposed it.
 * - `decided_on`: the decision's calendar day, derived. Cases that arrive from the portal already
 *   decided (most of a first sync's history) have no `decided_at`: their last portal update is the
 *   best date there is. A VIRTUAL column costs the ingest nothing beyond its index entry, where a
 *   trigger would rewrite each such row once more (the batch insert is the ingest hot path, see 006).
 *   Closed cases that are not decisions (withdrawn) have none.
 * - Backfill: local decisions from `decision_json`, portal transitions from the history.
 */
const DECIDED = `('approved', 'issued', 'rejected')`;

export const sql = /* sql */ `
ALTER TABLE applications ADD COLUMN decided_at TEXT;
ALTER TABLE applications ADD COLUMN decided_by TEXT REFERENCES users (id);
ALTER TABLE applications ADD COLUMN decided_on TEXT GENERATED ALWAYS AS (
  CASE WHEN status IN ${DECIDED} THEN substr(coalesce(decided_at, portal_updated_at), 1, 10) END
) VIRTUAL;

UPDATE applications
SET decided_at = json_extract(decision_json, '$.at'),
    decided_by = (SELECT u.id FROM users u
                  WHERE u.id = coalesce(applications.signoff_requested_by,
                                        json_extract(applications.decision_json, '$.by.id')))
WHERE decision_json IS NOT NULL AND status IN ${DECIDED}
  AND json_extract(decision_json, '$.kind') IN ('approved', 'rejected');

UPDATE applications
SET decided_at = (SELECT min(h.at) FROM history_events h
                  WHERE h.application_id = applications.id AND h.kind <> 'received'
                    AND h.to_status IN ${DECIDED})
WHERE decided_at IS NULL AND status IN ${DECIDED}
  AND id IN (SELECT application_id FROM history_events
             WHERE kind <> 'received' AND to_status IN ${DECIDED});

-- Decisions of a period in one office (daily decisions, SLA compliance, median, per clerk). It
-- covers those queries: a year of a large office is ~25k decisions, and reading each case's row
-- for its dates cost ~150 ms at 100k cases where the index alone answers in a few.
CREATE INDEX applications_decisions ON applications
  (office_code, decided_on, procedure_code, submitted_at, due_date, decided_by)
  WHERE decided_on IS NOT NULL;
-- The open backlog of an office: by procedure, by age, per clerk, overdue. Partial on open cases,
-- so closed history (most of the cache) costs no write here; it covers the backlog queries.
CREATE INDEX applications_open_backlog ON applications
  (office_code, procedure_code, due_date, status, submitted_at, assignee_id) WHERE is_open = 1;
`;
