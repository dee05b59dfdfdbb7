import type { Language } from '../i18n/language';

function firstSupported(candidates: string[]): string {
  const supported = Intl.DateTimeFormat.supportedLocalesOf(candidates);
  return supported[0] ?? candidates[candidates.length - 1] ?? 'fr-FR';
}

// Togo's own locale when the runtime's ICU has it; its conventions are France's anyway.
const FRENCH = firstSupported(['fr-TG', 'fr-FR']);
// British English keeps day-first dates, which is what Togolese staff read on every form.
const ENGLISH = firstSupported(['en-GB', 'en']);

export function localeFor(language: Language): string {
  return language === 'en' ? ENGLISH : FRENCH;
}
