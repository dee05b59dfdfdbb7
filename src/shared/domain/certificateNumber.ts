/**
 * A certificate's number, `<prefix>-<year>-<office>-<sequence>` (`CIE-2026-LOM-000123`): the one
 * formatter for issued numbers and for the example the office settings show.
 */
export function formatCertificateNumber(
  prefix: string,
  year: number,
  officeCode: string,
  seq: number,
): string {
  return `${prefix}-${year}-${officeCode}-${String(seq).padStart(6, '0')}`;
}
