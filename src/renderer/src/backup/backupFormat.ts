import type { Language } from '../i18n/language';
import { localeFor } from '../format/locale';

/** Backup sizes in megabytes (1 Mo = 1 048 576 octets), one decimal. */
export function formatMegabytes(bytes: number, language: Language): string {
  return new Intl.NumberFormat(localeFor(language), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(bytes / 1_048_576);
}

/** The page reloads after an in-process restart: sessions ended, the core is a new one. */
export function reloadWhenBureauIsBack(): void {
  setTimeout(() => window.location.reload(), 400);
}
