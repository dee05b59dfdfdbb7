import type { CaseStatus } from '../domain/caseStatus';

/**
 * What Bureau reports to the portal (`POST /api/v1/applications/:id/events`) and what each report
 * does to the portal's copy of the case. Shared by the outbox (which writes them) and the portal
 * simulator (which applies them like the real portal would). See docs/portal-api.md.
 */
export const PORTAL_EVENT_KINDS = [
  'note.added',
  'case.claimed',
  'case.released',
  'case.assigned',
  'info.requested',
  'signoff.requested',
  'signoff.returned',
  'decision.approved',
  'decision.rejected',
  'certificate.issued',
  'certificate.revoked',
  'case.duplicate_marked',
] as const;
export type PortalEventKind = (typeof PORTAL_EVENT_KINDS)[number];

/**
 * The portal status an accepted event leads to, from the status it finds. `null`: the event does
 * not change the status (notes, assignment, releasing a claim). A claim only moves a case out of
 * `submitted`.
 */
export function portalStatusAfter(kind: PortalEventKind, current: CaseStatus): CaseStatus | null {
  switch (kind) {
    case 'case.claimed':
      return current === 'submitted' ? 'in_review' : null;
    case 'info.requested':
      return 'info_requested';
    case 'signoff.requested':
      return 'pending_signoff';
    case 'signoff.returned':
      return 'in_review';
    case 'decision.approved':
      return 'approved';
    case 'decision.rejected':
      return 'rejected';
    case 'certificate.issued':
      return 'issued';
    case 'note.added':
    case 'case.released':
    case 'case.assigned':
    case 'certificate.revoked':
    case 'case.duplicate_marked':
      return null;
  }
}

export function isPortalEventKind(kind: string): kind is PortalEventKind {
  return (PORTAL_EVENT_KINDS as readonly string[]).includes(kind);
}
