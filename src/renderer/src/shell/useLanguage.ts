import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../i18n/language';

/** The active language, re-rendering the caller when the user switches it. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'fr';
}
