/**
 * The supervisor's dashboard from tallies (issue 18 §5: the 365-day dashboard took 232–265 ms at
 * 1M cases, and 0.5 s at 100k for one procedure, where the intake count read every case's row for
 * its procedure; any period cost ~35 ms at 1M for the open backlog alone).
 *
 * - `dashboard_intake`: cases received per office, calendar day of submission and procedure.
 * - `dashboard_decisions`: decisions per office, decision day, procedure, submission day, on time
 *   or late, and clerk ('' for none, a key column cannot be NULL) — exactly the groups the
 *   dashboard's figures are computed from (working days, medians and lateness stay in the code
 *   that knows the calendar, so a change of holidays needs nothing rewritten here).
 * - `dashboard_open`: today's open cases per office, procedure, clerk, submission day, deadline
 *   and whether the clock is paused (waiting for the applicant): lateness is read against today
 *   when asked. It replaces `applications_open_backlog` (migration 011), dropped here: one write
 *   fewer per open case.
 * Both are kept by triggers on `applications`, inside whatever transaction writes the case (the
 * pull's batches, a decision, a portal update, a deletion): never out of step with the cases, and
 * nothing else writes them. A group whose count falls to zero is removed. The dashboard reads a
 * range of days of one office, a few hundred rows a year, instead of every case of the period.
 */
const INTAKE_KEY = (row: 'new' | 'old') =>
  `${row}.office_code, substr(${row}.submitted_at, 1, 10), ${row}.procedure_code`;
const DECISION_KEY = (row: 'new' | 'old') =>
  `${row}.office_code, ${row}.decided_on, ${row}.procedure_code, substr(${row}.submitted_at, 1, 10),
   ${row}.decided_on <= ${row}.due_date, coalesce(${row}.decided_by, '')`;

const OPEN_KEY = (row: 'new' | 'old') =>
  `${row}.office_code, ${row}.procedure_code, coalesce(${row}.assignee_id, ''),
   substr(${row}.submitted_at, 1, 10), ${row}.due_date, ${row}.status = 'info_requested'`;

const addIntake = (row: 'new' | 'old', delta: 1 | -1) => `
  INSERT INTO dashboard_intake (office_code, day, procedure_code, n) VALUES (${INTAKE_KEY(row)}, ${delta})
    ON CONFLICT DO UPDATE SET n = n + excluded.n;`;
const addDecision = (row: 'new' | 'old', delta: 1 | -1) => `
  INSERT INTO dashboard_decisions (office_code, decided_on, procedure_code, submitted_on, on_time, decided_by, n)
    SELECT ${DECISION_KEY(row)}, ${delta} WHERE ${row}.decided_on IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + excluded.n;`;
const addOpen = (row: 'new' | 'old', delta: 1 | -1) => `
  INSERT INTO dashboard_open (office_code, procedure_code, assignee_id, submitted_on, due_date, paused, n)
    SELECT ${OPEN_KEY(row)}, ${delta} WHERE ${row}.is_open = 1
    ON CONFLICT DO UPDATE SET n = n + excluded.n;`;
/** The groups the old row counted in, removed once empty (by key: never a scan of the tallies). */
const dropEmpty = `
  DELETE FROM dashboard_intake WHERE n = 0
    AND (office_code, day, procedure_code) = (${INTAKE_KEY('old')});
  DELETE FROM dashboard_decisions WHERE n = 0 AND old.decided_on IS NOT NULL
    AND (office_code, decided_on, procedure_code, submitted_on, on_time, decided_by) = (${DECISION_KEY('old')});
  DELETE FROM dashboard_open WHERE n = 0 AND old.is_open = 1
    AND (office_code, procedure_code, assignee_id, submitted_on, due_date, paused) = (${OPEN_KEY('old')});`;

export const sql = /* sql */ `
CREATE TABLE dashboard_intake (
  office_code    TEXT NOT NULL,
  day            TEXT NOT NULL,
  procedure_code TEXT NOT NULL,
  n              INTEGER NOT NULL,
  PRIMARY KEY (office_code, day, procedure_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE dashboard_decisions (
  office_code    TEXT NOT NULL,
  decided_on     TEXT NOT NULL,
  procedure_code TEXT NOT NULL,
  submitted_on   TEXT NOT NULL,
  on_time        INTEGER NOT NULL,
  decided_by     TEXT NOT NULL,
  n              INTEGER NOT NULL,
  PRIMARY KEY (office_code, decided_on, procedure_code, submitted_on, on_time, decided_by)
) STRICT, WITHOUT ROWID;

CREATE TABLE dashboard_open (
  office_code    TEXT NOT NULL,
  procedure_code TEXT NOT NULL,
  assignee_id    TEXT NOT NULL,
  submitted_on   TEXT NOT NULL,
  due_date       TEXT NOT NULL,
  paused         INTEGER NOT NULL,
  n              INTEGER NOT NULL,
  PRIMARY KEY (office_code, procedure_code, assignee_id, submitted_on, due_date, paused)
) STRICT, WITHOUT ROWID;

INSERT INTO dashboard_intake (office_code, day, procedure_code, n)
  SELECT ${INTAKE_KEY('new').replaceAll('new.', '')}, count(*) FROM applications GROUP BY 1, 2, 3;
INSERT INTO dashboard_decisions (office_code, decided_on, procedure_code, submitted_on, on_time, decided_by, n)
  SELECT ${DECISION_KEY('new').replaceAll('new.', '')}, count(*) FROM applications
  WHERE decided_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO dashboard_open (office_code, procedure_code, assignee_id, submitted_on, due_date, paused, n)
  SELECT ${OPEN_KEY('new').replaceAll('new.', '')}, count(*) FROM applications
  WHERE is_open = 1 GROUP BY 1, 2, 3, 4, 5, 6;
DROP INDEX applications_open_backlog;

CREATE TRIGGER dashboard_tally_insert AFTER INSERT ON applications BEGIN
  ${addIntake('new', 1)}
  ${addDecision('new', 1)}
  ${addOpen('new', 1)}
END;

CREATE TRIGGER dashboard_tally_delete AFTER DELETE ON applications BEGIN
  ${addIntake('old', -1)}
  ${addDecision('old', -1)}
  ${addOpen('old', -1)}
  ${dropEmpty}
END;

-- A portal update rewrites every column of the case: only a change of a tallied value moves it.
CREATE TRIGGER dashboard_tally_update AFTER UPDATE ON applications
  WHEN old.office_code IS NOT new.office_code OR old.procedure_code IS NOT new.procedure_code
    OR old.submitted_at IS NOT new.submitted_at OR old.decided_on IS NOT new.decided_on
    OR old.due_date IS NOT new.due_date OR old.decided_by IS NOT new.decided_by
    OR old.is_open IS NOT new.is_open OR old.assignee_id IS NOT new.assignee_id
    OR (old.status = 'info_requested') IS NOT (new.status = 'info_requested')
BEGIN
  ${addIntake('old', -1)}
  ${addDecision('old', -1)}
  ${addOpen('old', -1)}
  ${addIntake('new', 1)}
  ${addDecision('new', 1)}
  ${addOpen('new', 1)}
  ${dropEmpty}
END;
`;
