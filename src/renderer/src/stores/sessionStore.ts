import { create } from 'zustand';
import type { AppInfo, CurrentUser, ProcedureSummary } from '../../../shared/api/types';
import { api } from '../api/api';

interface SessionState {
  phase: 'loading' | 'ready' | 'error';
  error: unknown;
  info: AppInfo | null;
  user: CurrentUser | null;
  procedures: ProcedureSummary[];
  /** Training mode only: the seeded staff one may act as (until sign-in exists). */
  trainingUsers: CurrentUser[];
  load(): Promise<void>;
  /** Training mode: act as another seeded user; resolves to that user. */
  switchUser(userId: string): Promise<CurrentUser>;
}

/** Who is at the desk, which host we run in, and the procedure catalog the lists refer to. */
export const useSessionStore = create<SessionState>()((set) => ({
  phase: 'loading',
  error: null,
  info: null,
  user: null,
  procedures: [],
  trainingUsers: [],
  async switchUser(userId) {
    const user = await api.call('session.switchUser', { userId });
    set({ user });
    return user;
  },
  async load() {
    set({ phase: 'loading', error: null });
    try {
      const [info, user] = await Promise.all([
        api.call('app.info', {}),
        api.call('session.current', {}),
      ]);
      // The catalog needs a signed-in user; without one the shell still shows and says so.
      const [procedures, trainingUsers] = await Promise.all([
        user ? api.call('catalog.procedures', {}) : [],
        info.trainingMode ? api.call('session.trainingUsers', {}) : [],
      ]);
      set({ phase: 'ready', info, user, procedures, trainingUsers });
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
