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
