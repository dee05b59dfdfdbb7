/**
 * Every key of the app, in one table: the handlers ask it which action a key press means, and the
 * `?` help lists it, so the two cannot drift apart. A combination is written as the keys pressed
 * together, the last one a `KeyboardEvent.key` (`Mod` is Ctrl, or ⌘ on a Mac).
 */

export type ShortcutGroup = 'list' | 'case' | 'viewer' | 'search' | 'general';

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  'list',
  'case',
  'viewer',
  'search',
  'general',
];

type Modifier = 'Shift' | 'Alt' | 'Mod';
/** `['Shift', 'x']`, `['Mod', 'k']`, `['ArrowDown']`; `Click` stands for the mouse (shown only). */
export type KeyCombo = readonly [...Modifier[], string];

interface ShortcutSpec {
  group: ShortcutGroup;
  /** The combinations shown in the help, and accepted. */
  keys: readonly KeyCombo[];
  /** Accepted too, not shown (the same key on another keyboard layout). */
  alsoKeys?: readonly KeyCombo[];
  /** Shown in the help, handled elsewhere (a field's own keys, the desktop menu). */
  shownOnly?: true;
}

const SPECS = {
  // The case list (the grid, or anywhere on the inbox page when no field has the focus).
  'list.next': { group: 'list', keys: [['j'], ['ArrowDown']] },
  'list.previous': { group: 'list', keys: [['k'], ['ArrowUp']] },
  'list.pageDown': { group: 'list', keys: [['PageDown']] },
  'list.pageUp': { group: 'list', keys: [['PageUp']] },
  'list.first': { group: 'list', keys: [['Home']] },
  'list.last': { group: 'list', keys: [['End']] },
  'list.open': { group: 'list', keys: [['Enter']] },
  'list.toggle': { group: 'list', keys: [['x']] },
  'list.toggleRange': {
    group: 'list',
    keys: [
      ['Shift', 'x'],
      ['Shift', 'Click'],
    ],
  },

  // An open case: decisions (case/review/CaseActionBar.tsx, through decisionFor), moving along the list it was opened
  // from (useGlobalShortcuts), back to the list (CaseView).
  'case.claim': { group: 'case', keys: [['c']] },
  'case.approve': { group: 'case', keys: [['a']] },
  'case.reject': { group: 'case', keys: [['r']] },
  'case.requestInfo': { group: 'case', keys: [['i']] },
  'case.signOff': { group: 'case', keys: [['v']] },
  'case.withdrawProposal': { group: 'case', keys: [['w']] },
  'case.takeOver': { group: 'case', keys: [['Shift', 'c']] },
  'case.release': { group: 'case', keys: [['l']] },
  'case.next': { group: 'case', keys: [['j']] },
  'case.previous': { group: 'case', keys: [['k']] },
  'case.back': { group: 'case', keys: [['Escape']], shownOnly: true },

  // The attachment viewer, on the case page whenever no field has the focus.
  'viewer.nextPage': { group: 'viewer', keys: [['ArrowRight'], ['PageDown']] },
  'viewer.previousPage': { group: 'viewer', keys: [['ArrowLeft'], ['PageUp']] },
  'viewer.firstPage': { group: 'viewer', keys: [['Home']] },
  'viewer.lastPage': { group: 'viewer', keys: [['End']] },
  'viewer.zoomIn': { group: 'viewer', keys: [['+']], alsoKeys: [['=']] },
  'viewer.zoomOut': { group: 'viewer', keys: [['-']], alsoKeys: [['_']] },
  'viewer.fit': { group: 'viewer', keys: [['0']] },
  'viewer.rotate': { group: 'viewer', keys: [['t']] },
  'viewer.nextDocument': { group: 'viewer', keys: [['Shift', 'ArrowRight']] },
  'viewer.previousDocument': { group: 'viewer', keys: [['Shift', 'ArrowLeft']] },

  'search.focus': { group: 'search', keys: [['/']] },
  'search.quick': { group: 'search', keys: [['Mod', 'k']] },
  'search.quickMove': {
    group: 'search',
    keys: [['ArrowDown'], ['ArrowUp']],
    shownOnly: true,
  },

  'general.help': { group: 'general', keys: [['?']] },
  'general.toggleNav': { group: 'general', keys: [['Mod', 'b']] },
  'general.close': { group: 'general', keys: [['Escape']], shownOnly: true },
  'general.submitField': { group: 'general', keys: [['Mod', 'Enter']], shownOnly: true },
  // Typed in a comment, a message to the applicant or a note (textModules/TextModuleTextarea.tsx).
  'general.textModule': { group: 'general', keys: [['::']], shownOnly: true },
  // The display zoom (desktop/zoomSteps.ts) and the desktop menu's own keys.
  'general.displayLarger': { group: 'general', keys: [['Mod', '+']], shownOnly: true },
  'general.displaySmaller': { group: 'general', keys: [['Mod', '-']], shownOnly: true },
  'general.displayReset': { group: 'general', keys: [['Mod', '0']], shownOnly: true },
  'general.print': { group: 'general', keys: [['Mod', 'p']], shownOnly: true },
  'general.fullScreen': { group: 'general', keys: [['F11']], shownOnly: true },
} as const satisfies Record<string, ShortcutSpec>;

export type ShortcutId = keyof typeof SPECS;

export interface Shortcut extends ShortcutSpec {
  id: ShortcutId;
}

/** The table, in the order the help shows it. */
export const SHORTCUTS: readonly Shortcut[] = Object.entries(SPECS).map(([id, spec]) => ({
  id: id as ShortcutId,
  ...(spec as ShortcutSpec),
}));

const byId = new Map(SHORTCUTS.map((shortcut) => [shortcut.id, shortcut]));

export function shortcut(id: ShortcutId): Shortcut {
  return byId.get(id)!;
}

/** What a handler reads of a key press (a DOM or React keyboard event). */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

const isLetter = (key: string) => /^[a-z]$/i.test(key);

export function matchesCombo(event: KeyPress, combo: KeyCombo): boolean {
  const key = combo[combo.length - 1]!;
  const modifiers = new Set(combo.slice(0, -1));
  if ((event.ctrlKey || event.metaKey) !== modifiers.has('Mod')) return false;
  if (event.altKey !== modifiers.has('Alt')) return false;
  if (isLetter(key)) {
    // Caps Lock gives « X » without Shift: the letter counts, and Shift only when pressed.
    return event.key.toLowerCase() === key && event.shiftKey === modifiers.has('Shift');
  }
  // « + », « ? », « / », « 0 » need Shift on some layouts and not on others: the character counts.
  if (key.length === 1) return event.key === key;
  return event.key === key && event.shiftKey === modifiers.has('Shift');
}

export function matchesShortcut(event: KeyPress, id: ShortcutId): boolean {
  const { keys, alsoKeys = [] } = shortcut(id);
  return [...keys, ...alsoKeys].some((combo) => matchesCombo(event, combo));
}

/** The first of `ids` the key press means, or null. */
export function shortcutFor<Id extends ShortcutId>(event: KeyPress, ids: readonly Id[]): Id | null {
  return ids.find((id) => matchesShortcut(event, id)) ?? null;
}

const DECISIONS = {
  'case.claim': 'claim',
  'case.approve': 'approve',
  'case.reject': 'reject',
  'case.requestInfo': 'requestInfo',
  'case.signOff': 'signOff',
  'case.withdrawProposal': 'withdrawProposal',
  'case.takeOver': 'takeOver',
  'case.release': 'release',
} as const satisfies Partial<Record<ShortcutId, string>>;

/** The decision a key press asks for on an open case, or null. */
export function decisionFor(event: KeyPress): (typeof DECISIONS)[keyof typeof DECISIONS] | null {
  const id = shortcutFor(event, Object.keys(DECISIONS) as (keyof typeof DECISIONS)[]);
  return id ? DECISIONS[id] : null;
}
