import type { DashboardData, DashboardTable } from '../../../shared/api/dashboardTypes';

/** One exported cell: text, a whole number, or a calendar day (`YYYY-MM-DD`). */
export type TableCell =
  | { kind: 'text'; value: string | null }
  | { kind: 'number'; value: number }
  | { kind: 'day'; value: string };

export interface TableColumn<Row> {
  header: string;
  /** Width in characters, for the spreadsheet. */
  width: number;
  cell: (row: Row) => TableCell;
}

export interface ExportTable {
  /** Part of the file name: French, no accents. */
  slug: string;
  /** The spreadsheet's tab (31 characters at most). */
  sheetName: string;
  headers: string[];
  widths: number[];
  rows: TableCell[][];
}

const text = (value: string | null): TableCell => ({ kind: 'text', value });
const number = (value: number): TableCell => ({ kind: 'number', value });
const day = (value: string): TableCell => ({ kind: 'day', value });

const ROLE_LABELS = { agent: 'Agent instructeur', superviseur: 'Superviseur' } as const;

type Rows<T extends DashboardTable> = T extends 'daily'
  ? DashboardData['daily']
  : T extends 'backlogByProcedure'
    ? DashboardData['backlogByProcedure']
    : T extends 'backlogByAge'
      ? DashboardData['backlogByAge']
      : T extends 'clerks'
        ? DashboardData['clerks']
        : DashboardData['overdue'];

interface TableDefinition<T extends DashboardTable> {
  slug: string;
  sheetName: string;
  columns: TableColumn<Rows<T>[number]>[];
}

/** The dashboard's tables as a supervisor exports them: French headers, one row per entry. */
const TABLES: { [T in DashboardTable]: TableDefinition<T> } = {
  daily: {
    slug: 'flux-quotidien',
    sheetName: 'Flux quotidien',
    columns: [
      { header: 'Jour', width: 12, cell: (row) => day(row.day) },
      { header: 'Dossiers reçus', width: 16, cell: (row) => number(row.received) },
      { header: 'Décisions', width: 12, cell: (row) => number(row.decided) },
    ],
  },
  backlogByProcedure: {
    slug: 'stock-par-procedure',
    sheetName: 'Stock par procédure',
    columns: [
      { header: 'Code procédure', width: 16, cell: (row) => text(row.procedureCode) },
      { header: 'Procédure', width: 40, cell: (row) => text(row.shortTitle) },
      { header: 'Dossiers ouverts', width: 18, cell: (row) => number(row.open) },
      { header: 'Dont en retard', width: 16, cell: (row) => number(row.overdue) },
    ],
  },
  backlogByAge: {
    slug: 'stock-par-anciennete',
    sheetName: 'Stock par ancienneté',
    columns: [
      { header: 'Ancienneté', width: 26, cell: (row) => text(row.label) },
      { header: 'Dossiers ouverts', width: 18, cell: (row) => number(row.open) },
    ],
  },
  clerks: {
    slug: 'agents',
    sheetName: 'Agents',
    columns: [
      { header: 'Agent', width: 28, cell: (row) => text(row.displayName) },
      { header: 'Rôle', width: 18, cell: (row) => text(ROLE_LABELS[row.role]) },
      { header: 'Décisions sur la période', width: 24, cell: (row) => number(row.decided) },
      { header: 'Dossiers ouverts', width: 18, cell: (row) => number(row.open) },
      { header: 'Dont en retard', width: 16, cell: (row) => number(row.overdue) },
    ],
  },
  overdue: {
    slug: 'dossiers-en-retard',
    sheetName: 'Dossiers en retard',
    columns: [
      { header: 'Référence', width: 24, cell: (row) => text(row.reference) },
      { header: 'Procédure', width: 14, cell: (row) => text(row.procedureCode) },
      { header: 'Demandeur', width: 28, cell: (row) => text(row.applicantName) },
      { header: 'Entreprise', width: 32, cell: (row) => text(row.companyName) },
      { header: 'Agent attribué', width: 24, cell: (row) => text(row.assigneeName) },
      { header: 'Échéance', width: 12, cell: (row) => day(row.dueDate) },
      { header: 'Jours ouvrés de retard', width: 22, cell: (row) => number(row.workingDaysLate) },
    ],
  },
};

function build<T extends DashboardTable>(table: T, rows: Rows<T>): ExportTable {
  const definition = TABLES[table] as TableDefinition<T>;
  return {
    slug: definition.slug,
    sheetName: definition.sheetName,
    headers: definition.columns.map((column) => column.header),
    widths: definition.columns.map((column) => column.width),
    rows: (rows as Rows<T>[number][]).map((row) =>
      definition.columns.map((column) => column.cell(row)),
    ),
  };
}

export function exportTableOf(data: DashboardData, table: DashboardTable): ExportTable {
  switch (table) {
    case 'daily':
      return build('daily', data.daily);
    case 'backlogByProcedure':
      return build('backlogByProcedure', data.backlogByProcedure);
    case 'backlogByAge':
      return build('backlogByAge', data.backlogByAge);
    case 'clerks':
      return build('clerks', data.clerks);
    case 'overdue':
      return build('overdue', data.overdue);
  }
}
