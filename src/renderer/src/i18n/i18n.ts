import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr } from './fr';
import { isLanguage, type Language } from './language';

const STORAGE_KEY = 'bureau.language';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'fr';
  } catch {
    return 'fr';
  }
}

const initial = storedLanguage();
document.documentElement.lang = initial;

void i18next.use(initReactI18next).init({
  lng: initial,
  fallbackLng: 'fr',
  supportedLngs: ['fr', 'en'],
  resources: { fr: { translation: fr }, en: { translation: en } },
  // Resources are bundled: initialise synchronously so the first render is already translated.
  initAsync: false,
  // React escapes what it renders; escaping here too would show `&amp;` in names like « Kpodar & Fils ».
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'fr';
}

export async function switchLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // A locked-down profile may refuse storage; the switch still holds for this session.
  }
}

export { i18next };
