import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';

const FRENCH_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function toFrench(iso: string): string {
  const [year, month, day] = iso.split('-');
  return iso ? `${day}/${month}/${year}` : '';
}

/** `JJ/MM/AAAA` → `YYYY-MM-DD`, or null when it is not a real calendar day. */
function parseFrench(text: string): string | null {
  const match = FRENCH_DAY.exec(text.trim());
  if (!match) return null;
  const [, day, month, year] = match;
  const iso = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/**
 * A calendar day typed as clerks write it, DD/MM/YYYY, whatever the browser's own language (the
 * native date field follows the system's, often English). `onChange` gets `YYYY-MM-DD`, or ''
 * while the text is empty or not yet a valid day — or, with `keepInvalidText`, the text itself,
 * so that a form can tell « 31/02/2026 » (no such day) from an empty field.
 */
export function DayInput(
  props: { value: string; onChange: (iso: string) => void; keepInvalidText?: boolean } & Omit<
    TextInputProps,
    'value' | 'onChange'
  >,
) {
  const { value, onChange, keepInvalidText = false, ...rest } = props;
  const [text, setText] = useState(() => toFrench(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    // Changed from outside (a reset): show the new value.
    setShown(value);
    setText(ISO_DAY.test(value) || value === '' ? toFrench(value) : value);
  }
  return (
    <TextInput
      placeholder="JJ/MM/AAAA"
      inputMode="numeric"
      maxLength={10}
      {...rest}
      value={text}
      onChange={(event) => {
        const next = event.currentTarget.value;
        const iso = parseFrench(next) ?? (keepInvalidText ? next.trim() : '');
        setText(next);
        setShown(iso);
        onChange(iso);
      }}
    />
  );
}
