import 'dayjs/locale/fr';
import { DatesProvider } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useLanguage } from '../shell/useLanguage';

/**
 * The date and time pickers speak the interface's language (French unless the user chose
 * English): month and day names, weeks from Monday, Saturday and Sunday as the weekend.
 */
export function DatesLocale({ children }: { children: ReactNode }) {
  const language = useLanguage();
  return (
    <DatesProvider settings={{ locale: language, firstDayOfWeek: 1, weekendDays: [0, 6] }}>
      {children}
    </DatesProvider>
  );
}
