import type { StaffLoad } from '../../../shared/api/assignmentTypes';
import { errorMessage } from '../api/errorMessage';
import { useApiQuery } from '../api/queries';

type StaffState =
  | { phase: 'loading' }
  | { phase: 'ready'; staff: StaffLoad[] }
  | { phase: 'error'; message: string };

/**
 * The office's case workers and their open load, fetched when the dialog opens. The answer is
 * not kept once no dialog shows it (`gcTime: 0`), so each opening shows the loads of the moment
 * rather than those of an earlier opening.
 */
export function useOfficeStaff(active: boolean, fallbackError: string): StaffState {
  const staff = useApiQuery('assignment.staff', {}, { enabled: active, gcTime: 0 });
  if (staff.data) return { phase: 'ready', staff: staff.data };
  if (staff.isError) return { phase: 'error', message: errorMessage(staff.error, fallbackError) };
  return { phase: 'loading' };
}
