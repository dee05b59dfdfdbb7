export const CASE_STATUSES = [
  'submitted',
  'in_review',
  'info_requested',
  'pending_signoff',
  'approved',
  'issued',
  'rejected',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which the case is still someone's work; the SLA clock only matters here. */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'submitted',
  'in_review',
  'info_requested',
  'pending_signoff',
];

export function isOpenStatus(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
