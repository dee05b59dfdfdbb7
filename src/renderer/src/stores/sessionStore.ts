import { create } from 'zustand';
import type { AppInfo, CurrentUser, ProcedureSummary } from '../../../shared/api/types';
import { api } from '../api/api';

interface SessionState {
  phase: 'loading' | 'ready' | 'error';
  error: unknown;
  info: AppInfo | null;
  user: CurrentUser | null;
  procedures: ProcedureSummary[];
  load(): Promise<void>;
}

/** Who is at the desk, which host we run in, and the procedure catalog the lists refer to. */
export const useSessionStore = create<SessionState>()((set) => ({
  phase: 'loading',
  error: null,
  info: null,
  user: null,
  procedures: [],
  async load() {
    set({ phase: 'loading', error: null });
    try {
      const [info, user] = await Promise.all([
        api.call('app.info', {}),
        api.call('session.current', {}),
      ]);
      // The catalog needs a signed-in user; without one the shell still shows and says so.
      const procedures = user ? await api.call('catalog.procedures', {}) : [];
      set({ phase: 'ready', info, user, procedures });
    } catch (error) {
      set({ phase: 'error', error });
    }
  },
}));

export function procedureByCode(
  procedures: readonly ProcedureSummary[],
  code: string,
): ProcedureSummary | undefined {
  return procedures.find((procedure) => procedure.code === code);
}
