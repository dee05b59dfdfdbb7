import type { SortKey } from '../../../shared/api/types';

export type ColumnId =
  | 'reference'
  | 'procedure'
  | 'applicant'
  | 'place'
  | 'submitted'
  | 'deadline'
  | 'status'
  | 'assignee';

interface Column {
  id: ColumnId;
  /** CSS grid track. */
  track: string;
  /** Narrowest width the track may take, to decide what fits. */
  min: number;
}

export const COLUMNS: readonly Column[] = [
  { id: 'reference', track: '168px', min: 168 },
  { id: 'procedure', track: '130px', min: 130 },
  { id: 'applicant', track: 'minmax(150px, 1.6fr)', min: 150 },
  { id: 'place', track: 'minmax(100px, 1fr)', min: 100 },
  { id: 'submitted', track: '104px', min: 104 },
  { id: 'deadline', track: '120px', min: 120 },
  { id: 'status', track: '164px', min: 164 },
  // Wide enough for « Pris en charge par Kossi Agbodjan jusqu'à 16:40 » on two or three lines.
  { id: 'assignee', track: 'minmax(130px, 1.5fr)', min: 130 },
];

// On a narrow window the least needed columns give way first; the case view shows them all.
const DROP_ORDER: readonly ColumnId[] = ['place', 'submitted', 'assignee'];

export const COLUMN_GAP = 10;
export const ROW_PADDING_X = 16;

export function visibleColumns(width: number): readonly Column[] {
  let columns = COLUMNS;
  const needed = (list: readonly Column[]) =>
    list.reduce((sum, column) => sum + column.min, 0) +
    COLUMN_GAP * (list.length - 1) +
    ROW_PADDING_X * 2 +
    CHECK_TRACK +
    COLUMN_GAP;
  for (const drop of DROP_ORDER) {
    if (width <= 0 || needed(columns) <= width) break;
    columns = columns.filter((column) => column.id !== drop);
  }
  return columns;
}

/** Width of the tick-box column that precedes the data columns. */
export const CHECK_TRACK = 22;

export const gridTemplate = (columns: readonly Column[]) =>
  [`${CHECK_TRACK}px`, ...columns.map((column) => column.track)].join(' ');

/** Columns whose header sorts the list, with the sort key they use. */
export const SORTABLE: Partial<Record<ColumnId, SortKey>> = {
  reference: 'reference',
  applicant: 'applicant',
  submitted: 'submitted',
  deadline: 'deadline',
};
