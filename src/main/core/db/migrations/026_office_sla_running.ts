/**
 * Every queue and count is scoped to the reader's office (issue 19, « Who sees what »): « Échéance
 * proche » and « En retard » now count one office's cases whose SLA clock runs. This partial
 * index is `applications_sla_running` (migration 008) led by the office, so both counts stay a
 * range of one index that never reads the table, and the two lists walk it in deadline order.
 * Its WHERE is written exactly as the queues' condition (`DEADLINE_CONDITIONS`).
 */
export const sql = /* sql */ `
CREATE INDEX applications_office_sla_running ON applications (office_code, due_date, id, status, is_open)
  WHERE is_open = 1 AND status <> 'info_requested';
`;
