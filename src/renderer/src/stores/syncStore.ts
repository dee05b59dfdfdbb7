import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/api/types';
import { api } from '../api/api';

interface SyncState {
  status: SyncStatus | null;
  error: unknown;
  /** A « Synchroniser maintenant » request is in flight. */
  requested: boolean;
  load(): Promise<void>;
  apply(status: SyncStatus): void;
  /** Resolves with the status after the run; rejects with the API error. */
  syncNow(): Promise<SyncStatus>;
}

export const useSyncStore = create<SyncState>()((set) => ({
  status: null,
  error: null,
  requested: false,
  async load() {
    try {
      set({ status: await api.call('sync.status', {}), error: null });
    } catch (error) {
      set({ error });
    }
  },
  apply(status) {
    set({ status, error: null });
  },
  async syncNow() {
    set({ requested: true });
    try {
      const status = await api.call('sync.now', {});
      set({ status, error: null });
      return status;
    } finally {
      set({ requested: false });
    }
  },
}));
