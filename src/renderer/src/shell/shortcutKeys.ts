import type { TFunction } from 'i18next';
import type { KeyCombo } from './shortcuts';

/** Ctrl on Windows and Linux, ⌘ on a Mac (the web host may be opened from one). */
const onMac = () => typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** How a key is written on a keycap, in the interface's language. */
export function keyCap(key: string, t: TFunction): string {
  switch (key) {
    case 'ArrowDown':
      return '↓';
    case 'ArrowUp':
      return '↑';
    case 'ArrowLeft':
      return '←';
    case 'ArrowRight':
      return '→';
    case '-':
      return '−';
    case 'PageDown':
      return t('shortcuts.pageDown');
    case 'PageUp':
      return t('shortcuts.pageUp');
    case 'Home':
      return t('shortcuts.home');
    case 'End':
      return t('shortcuts.end');
    case 'Enter':
      return t('shortcuts.enter');
    case 'Escape':
      return t('shortcuts.escape');
    case 'Shift':
      return t('shortcuts.shift');
    case 'Click':
      return t('shortcuts.click');
    case 'Mod':
      return onMac() ? '⌘' : t('shortcuts.ctrl');
    default:
      return key;
  }
}

/** The keycaps of one combination, in order. */
export function comboCaps(combo: KeyCombo, t: TFunction): string[] {
  // Single keys read as typed (j, x); with Ctrl a letter is written as on the keycap (Ctrl+K).
  const withMod = combo.includes('Mod');
  return combo.map((key) => (withMod && /^[a-z]$/.test(key) ? key.toUpperCase() : keyCap(key, t)));
}

/** A combination as plain text (« Maj+→ »), for hints in a sentence. */
export function comboText(combo: KeyCombo, t: TFunction): string {
  return comboCaps(combo, t).join('+');
}
