import type { TFunction } from 'i18next';
import type { FieldDefinition } from '../../../shared/catalog/procedureSchema';
import type { FormValue } from '../../../shared/portal/portalApplication';
import { formatDate } from '../format/dates';
import { formatAmount, formatNumber } from '../format/numbers';
import type { Language } from '../i18n/language';
import { formValueText } from './formValueText';

/** A submitted value as the procedure defines it: FCFA amounts, French dates, option labels, units. */
export function fieldValueText(
  field: FieldDefinition,
  value: FormValue,
  language: Language,
  t: TFunction,
): string {
  if (value === null || value === '' || typeof value === 'boolean') return formValueText(value, t);
  switch (field.type) {
    case 'amount':
      return typeof value === 'number' ? formatAmount(value, language) : String(value);
    case 'number': {
      if (typeof value !== 'number') return String(value);
      const unit = field.unit?.[language];
      return unit ? `${formatNumber(value, language)} ${unit}` : formatNumber(value, language);
    }
    case 'date':
      return formatDate(String(value), language);
    case 'select':
      return (
        field.options.find((option) => option.value === value)?.label[language] ?? String(value)
      );
    default:
      return String(value);
  }
}
