import { create } from 'zustand';
import type { MethodInput } from '../../../shared/api/contract';
import type { CaseDetail } from '../../../shared/api/types';
import { api } from '../api/api';

/** The case actions: each answers with the case as it now stands. */
export type CaseActionMethod =
  | 'cases.claim'
  | 'cases.release'
  | 'cases.takeOver'
  | 'cases.tickChecklist'
  | 'cases.requestInfo'
  | 'cases.approve'
  | 'cases.reject'
  | 'cases.signOff'
  | 'cases.resolveConflict'
  | 'cases.confirmPortalChanges';

interface CaseState {
  id: string | null;
  detail: CaseDetail | null;
  loading: boolean;
  error: unknown;
  /** The action being sent, so its button shows a spinner and others wait. */
  busy: CaseActionMethod | null;
  open(id: string): Promise<void>;
  /** Reloads the shown case without the loading state (after a note, a sync). */
  refresh(): Promise<void>;
  /** Sends an action; the returned detail replaces the shown one. Throws the API's French error. */
  act<M extends CaseActionMethod>(method: M, input: MethodInput<M>): Promise<CaseDetail>;
}

let request = 0;

export const useCaseStore = create<CaseState>()((set, get) => ({
  id: null,
  detail: null,
  loading: false,
  error: null,
  busy: null,
  async open(id) {
    const mine = ++request;
    set({ id, detail: null, loading: true, error: null });
    try {
      const detail = await api.call('cases.get', { id });
      if (mine === request) set({ detail, loading: false });
    } catch (error) {
      if (mine === request) set({ error, loading: false });
    }
  },
  async refresh() {
    const id = get().id;
    if (!id) return;
    const mine = ++request;
    try {
      const detail = await api.call('cases.get', { id });
      if (mine === request) set({ detail });
    } catch {
      // Keep showing what we have; the next explicit action reports its own error.
    }
  },
  async act(method, input) {
    set({ busy: method });
    try {
      const detail = (await api.call(method, input as never)) as CaseDetail;
      if (get().id === detail.row.id) set({ detail });
      return detail;
    } finally {
      set({ busy: null });
    }
  },
}));
