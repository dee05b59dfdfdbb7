import { create } from 'zustand';
import type { CaseDetail } from '../../../shared/api/types';
import { api } from '../api/api';

interface CaseState {
  id: string | null;
  detail: CaseDetail | null;
  loading: boolean;
  error: unknown;
  open(id: string): Promise<void>;
}

let request = 0;

export const useCaseStore = create<CaseState>()((set) => ({
  id: null,
  detail: null,
  loading: false,
  error: null,
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
}));
