import { useEffect } from 'react';
import { shownInboxRows } from '../inbox/inboxList';
import { focusInboxGrid, HEADER_SEARCH_ID } from '../search/HeaderSearch';
import { useInboxStore } from '../stores/inboxStore';
import { useShellStore } from '../stores/shellStore';
import { isTypingTarget } from './typingTarget';

const MOVES: Record<string, number> = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1 };

/**
 * App-wide keys: Ctrl/⌘+K anywhere (even in a field, like every quick-open), and `/`, `?` only when
 * the clerk is not typing. The list's own keys live on the grid; here they are only picked up when
 * nothing has focus, so j after a click on empty space still moves.
 */
export function useGlobalShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const shell = useShellStore.getState();
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        shell.setQuickSearchOpen(!shell.quickSearchOpen);
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      // An open window (help, quick search, a confirmation) keeps its keys to itself.
      if (document.querySelector('[role="dialog"]')) return;

      if (event.key === '/') {
        event.preventDefault();
        const box = document.getElementById(HEADER_SEARCH_ID);
        // Below the width where the header box shows, `/` opens the quick search instead.
        if (box && box.offsetParent !== null) {
          box.focus();
          if (box instanceof HTMLInputElement) box.select();
        } else shell.setQuickSearchOpen(true);
      } else if (event.key === '?') {
        event.preventDefault();
        shell.setHelpOpen(true);
      } else if (document.activeElement === document.body || document.activeElement === null) {
        const delta = MOVES[event.key];
        if (delta !== undefined && focusInboxGrid()) {
          event.preventDefault();
          useInboxStore.getState().moveSelection(shownInboxRows(), delta);
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
