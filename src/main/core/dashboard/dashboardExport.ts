import type { ExportedFile } from '../../../shared/api/dashboardTypes';
import { toCsv } from './csv';
import type { ExportTable, TableCell } from './dashboardTables';
import { buildWorkbook } from './xlsxWorkbook';

export type ExportFormat = 'csv' | 'xlsx';

const MIME_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** « 2026-11-09 » → « 09/11/2026 », the way French Excel reads a date in a CSV. */
export function frenchDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

function csvText(cell: TableCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.value ?? '';
    case 'number':
      return String(cell.value).replace('.', ',');
    case 'day':
      return frenchDay(cell.value);
  }
}

export function fileNameOf(
  table: ExportTable,
  period: { from: string; to: string },
  format: ExportFormat,
) {
  return `bureau-tableau-de-bord-${table.slug}-${period.from}_${period.to}.${format}`;
}

/** The table as a file the renderer saves as is. */
export async function exportTable(
  table: ExportTable,
  period: { from: string; to: string },
  format: ExportFormat,
  log?: (message: string, error?: unknown) => void,
): Promise<ExportedFile> {
  let bytes: Buffer;
  if (format === 'csv') {
    bytes = Buffer.from(
      toCsv([table.headers, ...table.rows.map((row) => row.map(csvText))]),
      'utf8',
    );
  } else {
    bytes = await buildWorkbook(table, { log });
  }
  return {
    fileName: fileNameOf(table, period, format),
    mimeType: MIME_TYPES[format],
    base64: bytes.toString('base64'),
  };
}
