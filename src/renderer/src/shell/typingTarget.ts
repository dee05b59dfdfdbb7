/** True when a key press belongs to a field being typed in, where single-key shortcuts must not fire. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  // A ticked checkbox keeps focus after a click; x and j must still work from there.
  return type !== 'checkbox' && type !== 'radio' && type !== 'button';
}

/** Widgets whose arrow keys are their own (a radio group, a menu, a horizontal tab list…). */
const ARROW_WIDGETS = [
  'input[type="radio"]',
  'input[type="range"]',
  '[role="radio"]',
  '[role="slider"]',
  '[role="spinbutton"]',
  '[role="menuitem"]',
  '[role="menuitemcheckbox"]',
  '[role="menuitemradio"]',
  '[role="option"]',
  '[role="treeitem"]',
  '[role="tablist"]:not([aria-orientation="vertical"]) [role="tab"]',
].join(', ');

/** True when the focused element uses the arrow keys itself, so the window must leave them. */
export function usesArrowKeys(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(ARROW_WIDGETS) !== null;
}

/**
 * True when a window-wide single-key shortcut may act on this key press: nobody handled it yet,
 * the clerk is not typing, and no window or menu is open (it keeps its keys to itself).
 */
export function isFreeKeyPress(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.isComposing) return false;
  if (isTypingTarget(event.target)) return false;
  return document.querySelector('[role="dialog"], [data-position][role="menu"]') === null;
}
