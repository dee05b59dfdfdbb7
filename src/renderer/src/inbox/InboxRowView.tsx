import { HoverHint } from '../components/HoverHint';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkedSignal } from '../../../shared/api/linkedTypes';
import type { InboxRow, ProcedureSummary } from '../../../shared/api/types';
import { leaseLabel } from '../../../shared/domain/leaseLabel';
import { DeadlineBadge } from '../badges/DeadlineBadge';
import { Pill } from '../badges/Pill';
import { StatusBadge } from '../badges/StatusBadge';
import { formatDate } from '../format/dates';
import { initialsOf } from '../format/initials';
import type { Language } from '../i18n/language';
import { Highlight } from '../search/Highlight';
import type { ColumnId } from './inboxColumns';
import classes from './InboxTable.module.css';
import { RowSignals } from './RowSignals';
import { sameRow } from './sameRow';

interface Props {
  row: InboxRow;
  columns: readonly ColumnId[];
  procedure: ProcedureSummary | undefined;
  language: Language;
  selected: boolean;
  checked: boolean;
  /** The case's warning signals (issue 20 §2), once read; none: no mark. */
  signals?: readonly LinkedSignal[];
  domId: string;
  /** The row's place in the list (px from the top of the rows) and the columns' template. */
  top: number;
  height: number;
  template: string;
  onOpen(id: string): void;
  /** `range`: shift-click, ticks every row from the last ticked one. */
  onToggle(id: string, range: boolean): void;
}

const UNDER_APPLICANT = new Set(['nif', 'rccm', 'phone', 'email']);

function Cell({
  row,
  column,
  procedure,
  language,
}: Pick<Props, 'row' | 'procedure' | 'language'> & { column: ColumnId }) {
  const { t } = useTranslation();
  const match = row.searchMatch ?? null;
  const rangesFor = (field: string) => (match?.field === field ? match.ranges : undefined);
  switch (column) {
    case 'reference':
      return (
        <span className={classes.reference}>
          <Highlight text={row.reference} ranges={rangesFor('reference')} />
        </span>
      );
    case 'procedure':
      return (
        <HoverHint
          label={procedure?.title[language] ?? row.procedureCode}
          multiline
          maw={360}
          openDelay={300}
        >
          <div>
            <Pill color="gray" variant="outline" monospace>
              {row.procedureCode}
            </Pill>
            {procedure && (
              <div
                className={`${classes.xs} ${classes.dimmed} ${classes.truncate} ${classes.under}`}
              >
                {procedure.shortTitle[language]}
              </div>
            )}
          </div>
        </HoverHint>
      );
    case 'applicant':
      return (
        <>
          <div
            className={`${classes.sm} ${classes.strong} ${classes.truncate}`}
            title={row.applicantName}
          >
            <Highlight text={row.applicantName} ranges={rangesFor('applicantName')} />
          </div>
          {match && UNDER_APPLICANT.has(match.field) ? (
            // The identifier that matched replaces the company line, so the clerk sees why.
            <div
              className={`${classes.xs} ${classes.dimmed} ${classes.truncate}`}
              title={match.value}
              data-testid="match-value"
            >
              {t(`search.fields.${match.field}`)} :{' '}
              <Highlight text={match.value} ranges={match.ranges} />
            </div>
          ) : (
            row.companyName && (
              <div
                className={`${classes.xs} ${classes.dimmed} ${classes.truncate}`}
                title={row.companyName}
              >
                <Highlight text={row.companyName} ranges={rangesFor('companyName')} />
              </div>
            )
          )}
        </>
      );
    case 'place':
      return (
        <>
          <div className={`${classes.sm} ${classes.truncate}`}>{row.city}</div>
          <div className={`${classes.xs} ${classes.dimmed} ${classes.truncate}`}>{row.region}</div>
        </>
      );
    case 'submitted':
      return (
        <div className={`${classes.sm} ${classes.numeric}`}>
          {formatDate(row.submittedAt, language)}
        </div>
      );
    case 'deadline':
      return (
        <>
          <div
            className={`${classes.sm} ${classes.numeric} ${row.workingDaysLeft === null ? classes.dimmed : ''}`}
          >
            {formatDate(row.dueDate, language)}
          </div>
          <DeadlineBadge row={row} />
        </>
      );
    case 'status':
      // Each badge whole: a second one goes to the next line rather than being cut.
      return row.portalChangesToConfirm || row.inConflict ? (
        <div className={classes.badges}>
          <StatusBadge status={row.status} />
          {row.inConflict && (
            <HoverHint label={t('syncWork.inboxMarkerHint')} openDelay={300} multiline maw={320}>
              <Pill color="red.8" variant="filled" data-testid="conflict-flag">
                {t('syncWork.inboxMarker')}
              </Pill>
            </HoverHint>
          )}
          {row.portalChangesToConfirm && (
            <HoverHint label={t('inbox.portalChangesHint')} openDelay={300}>
              <Pill color="orange" data-testid="portal-changes-flag">
                {t('inbox.portalChanges')}
              </Pill>
            </HoverHint>
          )}
        </div>
      ) : (
        <StatusBadge status={row.status} />
      );
    case 'assignee':
      // A held case names its holder, as every desk does (the assignee is in the tooltip).
      if (row.holder) return <HolderLine row={row} holder={row.holder} language={language} />;
      return row.assignee ? (
        <div className={classes.person}>
          <span className={classes.initials} aria-hidden="true">
            {initialsOf(row.assignee.displayName)}
          </span>
          <span className={`${classes.sm} ${classes.truncate}`} title={row.assignee.displayName}>
            {row.assignee.displayName}
          </span>
        </div>
      ) : (
        <div className={`${classes.sm} ${classes.dimmed} ${classes.italic}`}>
          {t('inbox.unassigned')}
        </div>
      );
  }
}

/**
 * « Pris en charge par Kossi Agbodjan jusqu'à 16:40 », « Emporté hors ligne par … jusqu'au 21/03 »:
 * the portal's holder, worded as on every desk and in the case view (design multi-desk §8).
 */
function HolderLine({
  row,
  holder,
  language,
}: {
  row: InboxRow;
  holder: NonNullable<InboxRow['holder']>;
  language: Language;
}) {
  const { t } = useTranslation();
  const label = leaseLabel(
    { holderName: holder.displayName, kind: holder.kind, expiresAt: holder.expiresAt },
    new Date(holder.portalNow),
    language,
  );
  const assignee = row.assignee ? row.assignee.displayName : t('inbox.unassigned');
  return (
    <div
      className={`${classes.xs} ${classes.clamp3}`}
      data-checkout={holder.kind === 'checkout' || undefined}
      title={`${label}\n${t('inbox.columns.assignee')} : ${assignee}`}
      data-testid="row-holder"
    >
      {label}
    </div>
  );
}

/**
 * A row's cells, drawn again only when what they show changes: a row that moves in the list, is
 * selected or ticked keeps them as they are (issue 18 §3).
 */
const RowCells = memo(
  function RowCells({
    row,
    columns,
    procedure,
    language,
    signals,
  }: Pick<Props, 'row' | 'columns' | 'procedure' | 'language' | 'signals'>) {
    return columns.map((column) => (
      <div key={column} role="gridcell" className={classes.cell}>
        <Cell row={row} column={column} procedure={procedure} language={language} />
        {column === 'reference' && signals && <RowSignals signals={signals} />}
      </div>
    ));
  },
  (before, after) =>
    before.columns === after.columns &&
    before.procedure === after.procedure &&
    before.language === after.language &&
    before.signals === after.signals &&
    sameRow(before.row, after.row),
);

/**
 * Each answer of the core brings new row objects, also for the cases a list already shows (a
 * search typed further, a filter added): a row whose content is the same is not drawn again.
 */
function sameProps(before: Props, after: Props): boolean {
  const keys = Object.keys(after) as (keyof Props)[];
  if (keys.length !== Object.keys(before).length) return false;
  for (const key of keys) {
    if (key !== 'row' && before[key] !== after[key]) return false;
  }
  return sameRow(before.row, after.row);
}

export const InboxRowView = memo(function InboxRowView(props: Props) {
  const { row, selected, checked, domId, top, height, template, onOpen, onToggle } = props;
  // Built here from numbers, so that a list's render does not hand every row a new object (which
  // made every row on screen render again at each of the list's renders).
  const style = useMemo(
    () => ({ height, transform: `translateY(${top}px)`, gridTemplateColumns: template }),
    [height, top, template],
  );
  const { t } = useTranslation();
  return (
    <div
      id={domId}
      role="row"
      aria-selected={selected}
      data-checked={checked || undefined}
      className={classes.row}
      style={style}
      onClick={() => onOpen(row.id)}
    >
      <div
        role="gridcell"
        className={classes.check}
        // The tick box's cell is not part of the row's « open » target.
        onClick={(event) => {
          event.stopPropagation();
          if (event.target === event.currentTarget) onToggle(row.id, event.shiftKey);
        }}
      >
        <input
          type="checkbox"
          className={classes.tick}
          checked={checked}
          onChange={() => undefined}
          onClick={(event) => {
            event.stopPropagation();
            onToggle(row.id, event.shiftKey);
          }}
          tabIndex={-1}
          aria-label={t('selection.toggle', { reference: row.reference })}
        />
      </div>
      <RowCells
        row={row}
        columns={props.columns}
        procedure={props.procedure}
        language={props.language}
        signals={props.signals}
      />
    </div>
  );
}, sameProps);
