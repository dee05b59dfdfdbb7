import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { useSessionStore } from './sessionStore';

/** Windows that the keyboard opens from anywhere in the app, and how the sidebar is laid out. */
interface ShellState {
  quickSearchOpen: boolean;
  helpOpen: boolean;
  /**
   * Whose sidebar shows icons only: each person's own choice on a shared desk (issue 19), kept
   * across restarts.
   */
  navCollapsedBy: Record<string, boolean>;
  setQuickSearchOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
  /** Collapses or expands the signed-in person's sidebar (the header's button, a key). */
  toggleNav(): void;
}

const ANONYMOUS = 'anonymous';
const signedInId = () => useSessionStore.getState().user?.id ?? ANONYMOUS;

export const useShellStore = create<ShellState>()(
  persist(
    (set, get) => ({
      quickSearchOpen: false,
      helpOpen: false,
      navCollapsedBy: {},
      setQuickSearchOpen: (open) =>
        set({ quickSearchOpen: open, ...(open ? { helpOpen: false } : {}) }),
      setHelpOpen: (open) => set({ helpOpen: open, ...(open ? { quickSearchOpen: false } : {}) }),
      toggleNav: () => {
        const id = signedInId();
        const collapsed = get().navCollapsedBy;
        set({ navCollapsedBy: { ...collapsed, [id]: !collapsed[id] } });
      },
    }),
    {
      name: 'bureau.shell',
      storage: createJSONStorage(() => localStorage),
      // Only the layout is remembered; open windows are not.
      partialize: (state) => ({ navCollapsedBy: state.navCollapsedBy }),
    },
  ),
);

/** Whether the signed-in person's sidebar is collapsed to icons. */
export function useNavCollapsed(): boolean {
  const id = useSessionStore((state) => state.user?.id ?? ANONYMOUS);
  return useShellStore((state) => state.navCollapsedBy[id] ?? false);
}
