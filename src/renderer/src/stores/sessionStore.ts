import { notifications } from '@mantine/notifications';
import { create } from 'zustand';
import type {
  SessionState as ServerSession,
  TrainingAccount,
} from '../../../shared/api/sessionTypes';
import type { AppInfo, CurrentUser, ProcedureSummary } from '../../../shared/api/types';
import { api, callsSettled } from '../api/api';
import { queryClient } from '../api/queryClient';
import { prefetchInbox } from '../inbox/prefetchInbox';
import { DEFAULT_QUEUE, hrefOf } from '../routing/route';
import { useInboxStore } from './inboxStore';

interface SessionStore {
  phase: 'loading' | 'ready' | 'error';
  error: unknown;
  info: AppInfo | null;
  /** What the core says of this window's session. */
  session: ServerSession | null;
  /** The signed-in user of an active session (not of a locked one). */
  user: CurrentUser | null;
  procedures: ProcedureSummary[];
  /** Between « Se déconnecter » and the core's answer: neither the desk nor the sign-in form. */
  signingOut: boolean;
  /** Training mode only: the seeded accounts shown on the sign-in screen. */
  trainingAccounts: TrainingAccount[];
  load(): Promise<void>;
  /** Fetches this window's session state again (after a refused call) without a loading screen. */
  refresh(): Promise<void>;
  /** Adopts a state the core returned (sign-in, unlock, password change…). */
  adopt(session: ServerSession): Promise<void>;
  signOut(): Promise<void>;
  lock(): Promise<void>;
}

const SIGN_OUT_WAIT_MS = 1_500;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Toasts, lists, cached answers and the screen belong to whoever was at the desk: the next person
 * starts afresh, from the home (« Mes dossiers », no filter, sort or case of the previous person).
 * The address is replaced, not pushed: Back must not lead to the previous person's case.
 */
function forgetDesk() {
  notifications.clean();
  useInboxStore.setState(useInboxStore.getInitialState(), true);
  queryClient.clear();
  const home = hrefOf({ view: 'inbox', queue: DEFAULT_QUEUE });
  if (window.location.hash !== home) {
    window.history.replaceState(null, '', home);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
}

const activeUser = (session: ServerSession | null): CurrentUser | null =>
  session?.status === 'active' && !session.mustChangePassword ? session.user : null;

/** Who is at the desk, which host we run in, and the procedure catalog the lists refer to. */
export const useSessionStore = create<SessionStore>()((set, get) => ({
  phase: 'loading',
  error: null,
  info: null,
  session: null,
  user: null,
  procedures: [],
  signingOut: false,
  trainingAccounts: [],
  async adopt(session) {
    const user = activeUser(session);
    // Toasts belong to whoever was at the desk: the next person must not read them.
    // So are the lists: « Mes dossiers » of the previous user must not show for a moment.
    // (A lock keeps them: the same person comes back to the same screen.)
    const holderOf = (state: ServerSession | null) =>
      state && state.status !== 'signed_out' ? state.user.id : null;
    const previous = holderOf(get().session);
    if (previous !== null && previous !== holderOf(session)) {
      forgetDesk();
    }
    if (user) prefetchInbox(window.location.hash);
    const procedures = user ? await api.call('catalog.procedures', {}) : get().procedures;
    set({ session, user, procedures });
  },
  async refresh() {
    await get().adopt(await api.call('session.current', {}));
  },
  async signOut() {
    // The desk goes first (a « signing out » screen, not yet the sign-in form): live updates and
    // timers stop, and calls already sent are answered under the session they started in (for
    // at most SIGN_OUT_WAIT_MS: a long `sync.now` need not hold the desk). Only then does the
    // core end the session, so no call of the previous user is refused as signed out and nobody
    // can sign in before the core has ended the previous session.
    set({ signingOut: true, user: null });
    try {
      await Promise.race([callsSettled(), delay(SIGN_OUT_WAIT_MS)]);
      forgetDesk();
      await get().adopt(await api.call('session.signOut', {}));
    } catch {
      // The core did not answer: show what it says of this window now (still signed in, most
      // likely), rather than a sign-in form over a session that is still open.
      await get()
        .refresh()
        .catch((error: unknown) => set({ phase: 'error', error }));
    } finally {
      set({ signingOut: false });
    }
  },
  async lock() {
    await get().adopt(await api.call('session.lock', {}));
  },
  async load() {
    set({ phase: 'loading', error: null });
    try {
      const [info, session, trainingAccounts] = await Promise.all([
        api.call('app.info', {}),
        api.call('session.current', {}),
        api.call('session.trainingAccounts', {}),
      ]);
      set({ info, trainingAccounts });
      await get().adopt(session);
      set({ phase: 'ready' });
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
