import { shortcutFor, type KeyPress } from '../shell/shortcuts';

const LIST_SHORTCUTS = [
  'list.next',
  'list.previous',
  'list.pageDown',
  'list.pageUp',
  'list.first',
  'list.last',
  'list.open',
  'list.toggle',
  'list.toggleRange',
] as const;

export type ListShortcut = (typeof LIST_SHORTCUTS)[number];

/** The list action a key press means (from the shortcuts table), or null. */
export function listShortcut(event: KeyPress): ListShortcut | null {
  return shortcutFor(event, LIST_SHORTCUTS);
}

/** How far a list shortcut moves the current row, or null for « open » and « tick ». */
export function listMove(action: ListShortcut, pageRows: number, rowCount: number): number | null {
  switch (action) {
    case 'list.next':
      return 1;
    case 'list.previous':
      return -1;
    case 'list.pageDown':
      return pageRows;
    case 'list.pageUp':
      return -pageRows;
    case 'list.first':
      return -rowCount;
    case 'list.last':
      return rowCount;
    default:
      return null;
  }
}

/** The shortcuts the window hands to the list from a link or a button (they mean nothing there). */
export function worksFromAnyControl(action: ListShortcut): boolean {
  return (
    action === 'list.next' ||
    action === 'list.previous' ||
    action === 'list.toggle' ||
    action === 'list.toggleRange'
  );
}
