/**
 * The SLA clock stops while a case waits for the applicant: « Échéance proche » and « En retard »
 * count only cases whose clock runs. This partial index serves both counts and their lists
 * (its WHERE is written exactly as the queues' condition, so SQLite can use it; status and
 * is_open are carried so a count never reads the table).
 */
export const sql = /* sql */ `
CREATE INDEX applications_sla_running ON applications (due_date, id, status, is_open)
  WHERE is_open = 1 AND status <> 'info_requested';
`;
