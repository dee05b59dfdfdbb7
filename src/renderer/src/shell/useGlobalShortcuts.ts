import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { openCaseFromList, stepCase, type Neighbour } from '../inbox/caseSequence';
import { shownInboxRows } from '../inbox/inboxList';
import { rowsPerPage } from '../inbox/InboxTable';
import { listMove, listShortcut, worksFromAnyControl } from '../inbox/listShortcuts';
import { parseRoute } from '../routing/route';
import { HEADER_SEARCH_ID } from '../search/HeaderSearch';
import { useInboxStore } from '../stores/inboxStore';
import { useShellStore } from '../stores/shellStore';
import { matchesShortcut, shortcutFor } from './shortcuts';
import { isFreeKeyPress, usesArrowKeys } from './typingTarget';

/**
 * App-wide keys, read from the shortcuts table: Ctrl/⌘+K anywhere (even in a field, like every
 * quick-open) and Ctrl/⌘+B (the sidebar); `/`, `?`, j/k inside a case, and the list's keys outside the list only when the
 * clerk is not typing. The list's own keys live on the grid; here they reach it from elsewhere on
 * the inbox page (a link just clicked, a button, nothing at all).
 */
export function useGlobalShortcuts(enabled: boolean): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const shell = useShellStore.getState();
      if (matchesShortcut(event, 'search.quick')) {
        event.preventDefault();
        shell.setQuickSearchOpen(!shell.quickSearchOpen);
        return;
      }
      if (matchesShortcut(event, 'general.toggleNav')) {
        if (document.querySelector('[role="dialog"]')) return;
        event.preventDefault();
        shell.toggleNav();
        return;
      }
      if (!isFreeKeyPress(event)) return;

      if (matchesShortcut(event, 'search.focus')) {
        event.preventDefault();
        const box = document.getElementById(HEADER_SEARCH_ID);
        // Below the width where the header box shows, `/` opens the quick search instead.
        if (box && box.offsetParent !== null) {
          box.focus();
          if (box instanceof HTMLInputElement) box.select();
        } else shell.setQuickSearchOpen(true);
      } else if (matchesShortcut(event, 'general.help')) {
        event.preventDefault();
        shell.setHelpOpen(true);
      } else {
        const route = parseRoute(window.location.hash);
        if (route.view === 'case') stepThroughCases(event, route.id);
        else if (route.view === 'inbox') handToList(event);
      }
    };

    const stepThroughCases = (event: KeyboardEvent, currentId: string) => {
      const step = shortcutFor(event, ['case.next', 'case.previous'] as const);
      if (!step) return;
      event.preventDefault();
      sayWhere(stepCase(currentId, step === 'case.next' ? 1 : -1));
    };

    /** At an end of the list, or outside it: said once, quietly, and the case stays open. */
    const sayWhere = (found: Neighbour) => {
      if (found.kind === 'case') return;
      const message =
        found.kind === 'notInList'
          ? t('shortcuts.caseNav.notInList')
          : found.direction === -1
            ? t('shortcuts.caseNav.first')
            : found.more
              ? t('shortcuts.caseNav.lastLoaded')
              : t('shortcuts.caseNav.last');
      notifications.hide(CASE_NAV_NOTICE);
      notifications.show({ id: CASE_NAV_NOTICE, message, autoClose: 3000 });
    };

    const handToList = (event: KeyboardEvent) => {
      const grid = document.querySelector<HTMLElement>('[data-testid="inbox-grid"]');
      const active = document.activeElement;
      if (!grid || grid.contains(active)) return;
      const action = listShortcut(event);
      if (!action) return;
      const nothingFocused = active === null || active === document.body;
      // Enter, PageDown, Home… keep their meaning on a link or a button; j, k, x have none there.
      if (!nothingFocused && !(worksFromAnyControl(action) && !usesArrowKeys(active))) return;
      event.preventDefault();
      grid.focus({ preventScroll: true });
      const store = useInboxStore.getState();
      const rows = shownInboxRows();
      const delta = listMove(action, rowsPerPage(grid), rows.length);
      if (delta !== null) store.moveSelection(rows, delta);
      else if (!store.selectedId) return;
      else if (action === 'list.open') openCaseFromList(store.selectedId, rows);
      else store.toggleChecked(rows, store.selectedId, action === 'list.toggleRange');
    };

    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled, t]);
}

const CASE_NAV_NOTICE = 'case-navigation-end';
