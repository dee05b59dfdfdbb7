import writeExcelFile, { type Cell, type SheetData } from 'write-excel-file/node';
import type { ExportedFile } from '../../../shared/api/dashboardTypes';
import { toCsv } from './csv';
import type { ExportTable, TableCell } from './dashboardTables';

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

function excelCell(cell: TableCell): Cell {
  switch (cell.kind) {
    case 'text':
      return cell.value === null ? null : { value: cell.value, type: String };
    case 'number':
      return { value: cell.value, type: Number };
    case 'day':
      return { value: new Date(`${cell.value}T00:00:00Z`), type: Date, format: 'dd/mm/yyyy' };
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
): Promise<ExportedFile> {
  let bytes: Buffer;
  if (format === 'csv') {
    bytes = Buffer.from(
      toCsv([table.headers, ...table.rows.map((row) => row.map(csvText))]),
      'utf8',
    );
  } else {
    const sheet: SheetData = [
      table.headers.map((header) => ({ value: header, type: String, fontWeight: 'bold' as const })),
      ...table.rows.map((row) => row.map(excelCell)),
    ];
    bytes = await writeExcelFile(sheet, {
      sheet: table.sheetName,
      columns: table.widths.map((width) => ({ width })),
      stickyRowsCount: 1,
    }).toBuffer();
  }
  return {
    fileName: fileNameOf(table, period, format),
    mimeType: MIME_TYPES[format],
    base64: bytes.toString('base64'),
  };
}
