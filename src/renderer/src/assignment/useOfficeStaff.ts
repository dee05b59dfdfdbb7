import { useEffect, useState } from 'react';
import type { StaffLoad } from '../../../shared/api/assignmentTypes';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';

type StaffState =
  | { phase: 'loading' }
  | { phase: 'ready'; staff: StaffLoad[] }
  | { phase: 'error'; message: string };

/**
 * The office's case workers and their open load, fetched when the dialog opens (the dialogs are
 * mounted afresh at each opening, so the loads are those of the moment).
 */
export function useOfficeStaff(active: boolean, fallbackError: string): StaffState {
  const [state, setState] = useState<StaffState>({ phase: 'loading' });
  useEffect(() => {
    if (!active) return;
    let current = true;
    api.call('assignment.staff', {}).then(
      (staff) => current && setState({ phase: 'ready', staff }),
      (error: unknown) =>
        current && setState({ phase: 'error', message: errorMessage(error, fallbackError) }),
    );
    return () => {
      current = false;
    };
  }, [active, fallbackError]);
  return state;
}
