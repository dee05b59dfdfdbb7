import type { CaseStatus } from '../../../shared/domain/caseStatus';
import type { DeadlineState } from '../../../shared/api/types';

export const STATUS_COLORS: Record<CaseStatus, string> = {
  submitted: 'blue',
  in_review: 'cyan',
  info_requested: 'orange',
  pending_signoff: 'grape',
  approved: 'teal',
  issued: 'togo',
  rejected: 'red',
  withdrawn: 'gray',
};

export const DEADLINE_COLORS: Record<DeadlineState, string> = {
  on_time: 'gray',
  due_soon: 'orange',
  // Worn filled, with white text: red.8 is the first red on which it reads at 4.5:1 (WCAG AA).
  overdue: 'red.8',
  paused: 'gray',
  none: 'gray',
};
