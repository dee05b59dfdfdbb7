// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from './dom';
import { createQueryClient } from '../src/api/queryClient';
import { viewerKeyAction } from '../src/case/documents/viewerControls';
import { zoomKey } from '../src/desktop/zoomSteps';
import { en } from '../src/i18n/en';
import { fr } from '../src/i18n/fr';
import { neighbourCase } from '../src/inbox/caseSequence';
import { listShortcut } from '../src/inbox/listShortcuts';
import { ShortcutHelp } from '../src/shell/ShortcutHelp';
import {
  decisionFor,
  matchesCombo,
  SHORTCUT_GROUPS,
  SHORTCUTS,
  shortcutFor,
  type KeyCombo,
  type ShortcutId,
} from '../src/shell/shortcuts';
import { useShellStore } from '../src/stores/shellStore';

/** The key press a combination of the table stands for (a capital for Shift with a letter). */
function pressOf(combo: KeyCombo) {
  const key = combo[combo.length - 1]!;
  const shift = combo.includes('Shift');
  return {
    key: shift && /^[a-z]$/.test(key) ? key.toUpperCase() : key,
    code: key === '0' ? 'Digit0' : '',
    shiftKey: shift,
    altKey: combo.includes('Alt'),
    ctrlKey: combo.includes('Mod'),
    metaKey: false,
  };
}
const press = (key: string, modifiers: Partial<ReturnType<typeof pressOf>> = {}) => ({
  ...pressOf([key]),
  ...modifiers,
});

const handled = SHORTCUTS.filter((entry) => !('shownOnly' in entry && entry.shownOnly));
const keyboardCombos = (id: ShortcutId) =>
  SHORTCUTS.find((entry) => entry.id === id)!.keys.filter((combo) => !combo.includes('Click'));

describe('the shortcuts table', () => {
  it('matches letters with and without Shift, characters on any layout, named keys exactly', () => {
    expect(matchesCombo(press('x'), ['x'])).toBe(true);
    expect(matchesCombo(press('X', { shiftKey: true }), ['x'])).toBe(false);
    expect(matchesCombo(press('X', { shiftKey: true }), ['Shift', 'x'])).toBe(true);
    // Caps Lock: a capital without Shift is still the letter.
    expect(matchesCombo(press('X'), ['x'])).toBe(true);
    // « + » and « ? » take Shift on a QWERTY keyboard, « ? » on AZERTY too, « / » not always.
    expect(matchesCombo(press('+', { shiftKey: true }), ['+'])).toBe(true);
    expect(matchesCombo(press('?', { shiftKey: true }), ['?'])).toBe(true);
    expect(matchesCombo(press('k', { ctrlKey: true }), ['Mod', 'k'])).toBe(true);
    expect(matchesCombo(press('k', { metaKey: true }), ['Mod', 'k'])).toBe(true);
    expect(matchesCombo(press('k', { ctrlKey: true }), ['k'])).toBe(false);
    expect(matchesCombo(press('+', { ctrlKey: true }), ['+'])).toBe(false);
    expect(matchesCombo(press('ArrowRight', { shiftKey: true }), ['ArrowRight'])).toBe(false);
    expect(matchesCombo(press('ArrowRight', { shiftKey: true }), ['Shift', 'ArrowRight'])).toBe(
      true,
    );
  });

  it('gives every shortcut a label in French and in English', () => {
    for (const messages of [fr, en]) {
      const labels = messages.shortcuts.do as Record<string, Record<string, string>>;
      for (const entry of SHORTCUTS) {
        const [group, name] = entry.id.split('.') as [string, string];
        expect(labels[group]?.[name], `${entry.id} in ${messages.shortcuts.title}`).toBeTruthy();
      }
      for (const group of SHORTCUT_GROUPS) expect(messages.shortcuts.groups[group]).toBeTruthy();
    }
  });

  it('hands each list key to the list action it is listed for', () => {
    for (const entry of handled.filter((shortcut) => shortcut.group === 'list')) {
      for (const combo of keyboardCombos(entry.id))
        expect(listShortcut(pressOf(combo)), combo.join('+')).toBe(entry.id);
    }
  });

  it('hands each viewer key to the viewer when it has the focus, and the others from anywhere', () => {
    const actions: Partial<Record<ShortcutId, string>> = {
      'viewer.nextPage': 'next',
      'viewer.previousPage': 'previous',
      'viewer.firstPage': 'first',
      'viewer.lastPage': 'last',
      'viewer.zoomIn': 'zoomIn',
      'viewer.zoomOut': 'zoomOut',
      'viewer.fit': 'fit',
      'viewer.rotate': 'rotate',
    };
    for (const [id, action] of Object.entries(actions)) {
      for (const combo of keyboardCombos(id as ShortcutId)) {
        const key = combo[combo.length - 1]!;
        expect(viewerKeyAction(pressOf(combo), true), combo.join('+')).toBe(action);
        // The keys that scroll the case page turn pages only once the viewer has the focus.
        const scrolls = ['PageUp', 'PageDown', 'Home', 'End'].includes(key);
        expect(viewerKeyAction(pressOf(combo), false), combo.join('+')).toBe(
          scrolls ? null : action,
        );
      }
    }
    // Ctrl with + stays the window's zoom.
    expect(viewerKeyAction(press('+', { ctrlKey: true }), false)).toBeNull();
  });

  it('lists the display zoom as the desktop layer reads it', () => {
    const expected = {
      'general.displayLarger': 'in',
      'general.displaySmaller': 'out',
      'general.displayReset': 'reset',
    } as const;
    for (const [id, direction] of Object.entries(expected)) {
      for (const combo of keyboardCombos(id as ShortcutId))
        expect(zoomKey(pressOf(combo)), combo.join('+')).toBe(direction);
    }
  });

  it('never gives one key two meanings where both are live', () => {
    // The inbox page: the list, search and general keys; the case page: the case, viewer,
    // search and general keys.
    for (const groups of [
      ['list', 'search', 'general'],
      ['case', 'viewer', 'search', 'general'],
    ]) {
      const seen = new Map<string, ShortcutId>();
      for (const entry of SHORTCUTS.filter((shortcut) => groups.includes(shortcut.group))) {
        if (entry.id === 'search.quickMove') continue; // inside the quick search window only
        // Escape is layered on purpose: it closes a window or leaves a field before leaving a case.
        if (entry.id === 'general.close') continue;
        for (const combo of entry.keys) {
          const key = combo.join('+');
          expect(seen.get(key), `${key}: ${seen.get(key)} and ${entry.id}`).toBeUndefined();
          seen.set(key, entry.id);
        }
      }
    }
  });

  it('reads the decision keys of an open case', () => {
    expect(decisionFor(press('c'))).toBe('claim');
    expect(decisionFor(press('a'))).toBe('approve');
    expect(decisionFor(press('r'))).toBe('reject');
    expect(decisionFor(press('i'))).toBe('requestInfo');
    expect(decisionFor(press('v'))).toBe('signOff');
    expect(decisionFor(press('w'))).toBe('withdrawProposal');
    expect(decisionFor(press('C', { shiftKey: true }))).toBe('takeOver');
    expect(decisionFor(press('l'))).toBe('release');
    expect(decisionFor(press('a', { ctrlKey: true }))).toBeNull();
    expect(decisionFor(press('t'))).toBeNull();
  });

  it('finds the case-page keys for next and previous case', () => {
    const ids = ['case.next', 'case.previous'] as const;
    expect(shortcutFor(press('j'), ids)).toBe('case.next');
    expect(shortcutFor(press('k'), ids)).toBe('case.previous');
    expect(shortcutFor(press('j', { altKey: true }), ids)).toBeNull();
  });
});

describe('the next and previous case from inside a case', () => {
  const shown = ['a', 'b', 'c', 'd'];

  it('follows the list shown, and stops at its ends', () => {
    expect(neighbourCase(shown, [], 'b', 1, false)).toEqual({ kind: 'case', id: 'c' });
    expect(neighbourCase(shown, [], 'b', -1, false)).toEqual({ kind: 'case', id: 'a' });
    expect(neighbourCase(shown, [], 'a', -1, true)).toEqual({
      kind: 'end',
      direction: -1,
      more: false,
    });
    expect(neighbourCase(shown, [], 'd', 1, true)).toEqual({
      kind: 'end',
      direction: 1,
      more: true,
    });
  });

  it('finds its place in the list seen when the case has left it (claimed, decided)', () => {
    const seen = ['a', 'b', 'x', 'y', 'c'];
    // « x » was claimed and left the list; « y » left too: the next still listed is « c ».
    expect(neighbourCase(shown, seen, 'x', 1, false)).toEqual({ kind: 'case', id: 'c' });
    expect(neighbourCase(shown, seen, 'x', -1, false)).toEqual({ kind: 'case', id: 'b' });
    // The list's rows have left the cache: the list seen is all there is.
    expect(neighbourCase([], seen, 'x', 1, false)).toEqual({ kind: 'case', id: 'y' });
    expect(neighbourCase(shown, seen, 'q', 1, false)).toEqual({ kind: 'notInList' });
  });
});

describe('the « ? » help', () => {
  it('shows every key of the table, grouped, with its label', async () => {
    renderWithProviders(<ShortcutHelp />, createQueryClient());
    act(() => useShellStore.getState().setHelpOpen(true));
    const help = await screen.findByTestId('shortcut-help');
    for (const group of SHORTCUT_GROUPS)
      expect(within(help).getByRole('heading', { name: fr.shortcuts.groups[group] })).toBeTruthy();
    const rows = help.querySelectorAll('[data-shortcut]');
    // Each exactly once (the groups sit in two columns).
    expect([...rows].map((row) => row.getAttribute('data-shortcut')).sort()).toEqual(
      SHORTCUTS.map((entry) => entry.id).sort(),
    );
    const approve = help.querySelector('[data-shortcut="case.approve"]')!;
    expect(approve.textContent).toBe('aApprouver');
    const zoomIn = help.querySelector('[data-shortcut="viewer.zoomIn"]')!;
    expect(zoomIn.textContent).toBe('+Agrandir');
    const quick = help.querySelector('[data-shortcut="search.quick"]')!;
    expect(quick.textContent).toBe('Ctrl+KRecherche rapide dans tous les dossiers');
  });
});
