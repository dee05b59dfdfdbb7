import { create } from 'zustand';

/** Windows that the keyboard opens from anywhere in the app. */
interface ShellState {
  quickSearchOpen: boolean;
  helpOpen: boolean;
  setQuickSearchOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
}

export const useShellStore = create<ShellState>()((set) => ({
  quickSearchOpen: false,
  helpOpen: false,
  setQuickSearchOpen: (open) =>
    set({ quickSearchOpen: open, ...(open ? { helpOpen: false } : {}) }),
  setHelpOpen: (open) => set({ helpOpen: open, ...(open ? { quickSearchOpen: false } : {}) }),
}));
