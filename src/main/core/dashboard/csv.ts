/**
 * CSV as French Excel opens it with a double click: UTF-8 with a byte-order mark (else accents
 * come out garbled), `;` between fields (`,` is the decimal separator in French), CRLF lines.
 */
const BOM = '\uFEFF';
const SEPARATOR = ';';
const NEEDS_QUOTES = /[;"\r\n]/;
// A cell starting with one of these is run as a formula by spreadsheets: names and references
// come from the portal, so they are never allowed to be one (OWASP « CSV injection »).
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => row.map(csvField).join(SEPARATOR)).join('\r\n') + '\r\n';
}
