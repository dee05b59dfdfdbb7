import { create } from 'zustand';
import type { InboxQuery, SavedView } from '../../../shared/api/types';
import { api } from '../api/api';

interface ViewsState {
  views: SavedView[];
  loaded: boolean;
  load(): Promise<void>;
  /** Throws the API error (its French message is for a toast). */
  save(name: string, query: InboxQuery): Promise<SavedView>;
  remove(id: string): Promise<void>;
}

const byName = (a: SavedView, b: SavedView) => a.name.localeCompare(b.name, 'fr');

/** The clerk's saved inbox views; the list mirrors the server after each change. */
export const useViewsStore = create<ViewsState>()((set, get) => ({
  views: [],
  loaded: false,
  async load() {
    try {
      set({ views: await api.call('views.list', {}), loaded: true });
    } catch {
      // Views are a convenience; the navbar simply shows none.
      set({ loaded: true });
    }
  },
  async save(name, query) {
    const view = await api.call('views.save', { name, query });
    set({ views: [...get().views.filter((other) => other.id !== view.id), view].sort(byName) });
    return view;
  },
  async remove(id) {
    await api.call('views.delete', { id });
    set({ views: get().views.filter((view) => view.id !== id) });
  },
}));
