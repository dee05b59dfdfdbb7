import type { InboxRow } from '../../src/shared/api/types';

/** An inbox row as the core answers it: a COM-IMPEX case on time, unassigned unless told. */
export function inboxRow(id: string, fields: Partial<InboxRow> = {}): InboxRow {
  return {
    id,
    reference: `COM-IMPEX-2026-${id}`,
    procedureCode: 'COM-IMPEX',
    status: 'submitted',
    applicantName: `Demandeur ${id}`,
    companyName: null,
    region: 'Maritime',
    city: 'Lomé',
    officeCode: 'LOM',
    submittedAt: '2026-03-02',
    dueDate: '2026-03-20',
    workingDaysLeft: 5,
    deadlineState: 'on_time',
    portalChangesToConfirm: false,
    inConflict: false,
    assignee: null,
    ...fields,
  };
}
