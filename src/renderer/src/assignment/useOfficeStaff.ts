import { useCallback, useEffect, useState } from 'react';
import type { StaffLoad } from '../../../shared/api/assignmentTypes';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';

type StaffState =
  | { phase: 'loading' }
  | { phase: 'ready'; staff: StaffLoad[] }
  | { phase: 'error'; message: string };

/** The office's case workers and their open load, fetched each time a dialog opens. */
export function useOfficeStaff(active: boolean, fallbackError: string) {
  const [state, setState] = useState<StaffState>({ phase: 'loading' });
  const load = useCallback(async () => {
    setState({ phase: 'loading' });
    try {
      setState({ phase: 'ready', staff: await api.call('assignment.staff', {}) });
    } catch (error) {
      setState({ phase: 'error', message: errorMessage(error, fallbackError) });
    }
  }, [fallbackError]);
  useEffect(() => {
    if (active) void load();
  }, [active, load]);
  return { state, reload: load };
}
