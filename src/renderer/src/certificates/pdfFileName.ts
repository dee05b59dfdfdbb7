/** The name a saved certificate gets: its number, never anything the clerk typed. */
export function pdfFileName(number: string, duplicate: boolean): string {
  const safe = number.replace(/[^A-Za-z0-9_-]+/g, '-');
  return `${safe}${duplicate ? '-DUPLICATA' : ''}.pdf`;
}
