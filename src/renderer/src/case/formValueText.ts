import type { TFunction } from 'i18next';
import type { FormValue } from '../../../shared/portal/portalApplication';

/** The submitted value as the applicant typed it; only booleans and blanks need words. */
export function formValueText(value: FormValue, t: TFunction): string {
  if (value === null || value === '') return t('case.empty');
  if (typeof value === 'boolean') return value ? t('case.yes') : t('case.no');
  return String(value);
}
