import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import classes from './DayInput.module.css';

const FRENCH_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `JJ/MM/AAAA` → `YYYY-MM-DD`, or null when it is not a real calendar day (« 31/02/2026 »). */
export function parseFrenchDay(text: string): string | null {
  const match = FRENCH_DAY.exec(text.trim());
  if (!match) return null;
  const [, day, month, year] = match;
  const iso = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

type DayInputProps = {
  /** `YYYY-MM-DD`, '' when empty (or, with `keepInvalidText`, the text typed). */
  value: string;
  onChange: (iso: string) => void;
  /**
   * Hands the typed text itself to `onChange` while it is not a real day, so that a form can
   * tell « 31/02/2026 » (no such day) from an empty field.
   */
  keepInvalidText?: boolean;
} & Omit<DateInputProps, 'value' | 'onChange' | 'defaultValue'>;

/**
 * A calendar day, picked in a month calendar or typed as clerks write it, DD/MM/YYYY — in the
 * interface's language (month names from the DatesProvider), never the browser's or the system's
 * (a native date field shows « mm/dd/yyyy » on an English system).
 */
export function DayInput({ value, onChange, keepInvalidText = false, ...rest }: DayInputProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      placeholder={t('forms.pickers.dayPlaceholder')}
      dateParser={parseFrenchDay}
      inputMode="numeric"
      maxLength={10}
      clearButtonProps={{ 'aria-label': t('forms.pickers.clearDay') }}
      ariaLabels={{
        previousMonth: t('forms.pickers.previousMonth'),
        nextMonth: t('forms.pickers.nextMonth'),
        previousYear: t('forms.pickers.previousYear'),
        nextYear: t('forms.pickers.nextYear'),
        previousDecade: t('forms.pickers.previousDecade'),
        nextDecade: t('forms.pickers.nextDecade'),
      }}
      hideOutsideDates
      classNames={{ day: classes.day }}
      // Keeps « 31/02/2026 » in the field on blur, beside the error that explains it.
      fixOnBlur={!keepInvalidText}
      {...rest}
      value={ISO_DAY.test(value) ? value : null}
      onChange={(iso) => onChange(iso ?? '')}
      // Before the picker's own handler (which only reports real days): the text as typed.
      onChangeCapture={(event: React.ChangeEvent<HTMLInputElement>) => {
        const text = event.currentTarget.value;
        if (text.trim() === '') onChange('');
        else if (keepInvalidText && parseFrenchDay(text) === null) onChange(text.trim());
      }}
    />
  );
}
