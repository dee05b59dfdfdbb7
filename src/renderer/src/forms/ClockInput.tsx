import { TimePicker, type TimePickerProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

/**
 * A time of day, `HH:MM` on 24 hours (« 07:30 », never « 07:30 AM »): two fields typed or picked
 * from a list, whatever the browser's or the system's own clock format.
 */
export function ClockInput({
  value,
  onChange,
  ...rest
}: { value: string; onChange: (time: string) => void } & Omit<
  TimePickerProps,
  'value' | 'onChange' | 'format'
>) {
  const { t } = useTranslation();
  return (
    <TimePicker
      format="24h"
      withDropdown
      minutesStep={5}
      hoursInputLabel={t('forms.pickers.hours')}
      minutesInputLabel={t('forms.pickers.minutes')}
      hoursPlaceholder={t('forms.pickers.clockPlaceholder')}
      minutesPlaceholder={t('forms.pickers.clockPlaceholder')}
      {...rest}
      value={value}
      onChange={onChange}
    />
  );
}
