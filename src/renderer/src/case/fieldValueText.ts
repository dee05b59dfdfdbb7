import type { TFunction } from 'i18next';
import type { FieldDefinition } from '../../../shared/catalog/procedureSchema';
import type { FormValue } from '../../../shared/portal/portalApplication';
import { formatDate } from '../format/dates';
import { formatAmount, formatNumber } from '../format/numbers';
import type { Language } from '../i18n/language';
import { formValueText } from './formValueText';

const regionNames = new Map<Language, Intl.DisplayNames>();

/** « Chine » for `CN` in French, « China » in English; the code itself when unknown. */
export function countryName(code: string, language: Language): string {
  let names = regionNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    regionNames.set(language, names);
  }
  const upper = code.toUpperCase();
  // Not a region code (the form's validation says so beside the field), or CLDR's « unknown ».
  if (!/^[A-Z]{2}$/.test(upper) || upper === 'ZZ') return code;
  return names.of(upper) ?? code;
}

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
    case 'country':
      return countryName(String(value), language);
    case 'select':
      return (
        field.options.find((option) => option.value === value)?.label[language] ?? String(value)
      );
    default:
      return String(value);
  }
}
