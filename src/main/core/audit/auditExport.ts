import type { AuditRow } from '../../../shared/api/adminTypes';
import { frenchDetails, frenchInstant, frenchSentence } from '../../../shared/audit/auditFrench';
import type { AuditExport } from '../../../shared/audit/auditView';
import { toCsv } from '../dashboard/csv';
import type { ExportTable, TableCell } from '../dashboard/dashboardTables';
import { buildWorkbook } from '../dashboard/xlsxWorkbook';

export type AuditExportFormat = 'csv' | 'xlsx';

const MIME_TYPES: Record<AuditExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const text = (value: string | null): TableCell => ({ kind: 'text', value });

/** The columns an auditor reads, French; the action's code last, for whoever filters by it. */
const COLUMNS: { header: string; width: number; cell: (row: AuditRow) => TableCell }[] = [
  { header: 'N°', width: 8, cell: (row) => ({ kind: 'number', value: row.seq }) },
  { header: 'Date et heure (UTC)', width: 18, cell: (row) => text(frenchInstant(row.at)) },
  {
    header: 'Auteur',
    width: 24,
    cell: (row) => text(row.actorName ?? row.actorId ?? 'Le système'),
  },
  { header: 'Action', width: 70, cell: (row) => text(frenchSentence(row)) },
  { header: 'Dossier', width: 22, cell: (row) => text(row.description.case?.reference ?? null) },
  {
    header: 'Personne concernée',
    width: 24,
    cell: (row) => text(row.description.person?.name ?? null),
  },
  {
    header: 'Détails',
    width: 80,
    cell: (row) => text(frenchDetails(row.description.details) || null),
  },
  { header: 'Bureau', width: 8, cell: (row) => text(row.officeCode) },
  { header: 'Code de l’action', width: 26, cell: (row) => text(row.action) },
];

/** The rows as the spreadsheet's table (also what the unit test reads). */
export function auditTable(rows: readonly AuditRow[]): ExportTable {
  return {
    slug: 'journal-audit',
    sheetName: 'Journal d’audit',
    headers: COLUMNS.map((column) => column.header),
    widths: COLUMNS.map((column) => column.width),
    rows: rows.map((row) => COLUMNS.map((column) => column.cell(row))),
  };
}

function csvText(cell: TableCell): string {
  if (cell.kind === 'number') return String(cell.value);
  if (cell.kind === 'day') return cell.value;
  return cell.value ?? '';
}

/** The journal as a file the renderer saves as is: same CSV and workbook as the dashboard's. */
export async function exportAudit(
  rows: readonly AuditRow[],
  options: {
    format: AuditExportFormat;
    today: string;
    truncated: boolean;
    log?: (message: string, error?: unknown) => void;
  },
): Promise<AuditExport> {
  const table = auditTable(rows);
  const bytes =
    options.format === 'csv'
      ? Buffer.from(toCsv([table.headers, ...table.rows.map((row) => row.map(csvText))]), 'utf8')
      : await buildWorkbook(table, { log: options.log });
  return {
    fileName: `bureau-journal-audit-${options.today}.${options.format}`,
    mimeType: MIME_TYPES[options.format],
    base64: bytes.toString('base64'),
    rows: rows.length,
    truncated: options.truncated,
  };
}
