import { Avatar, Badge, Checkbox, Group, Text } from '@mantine/core';
import { HoverHint } from '../components/HoverHint';
import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRow, ProcedureSummary } from '../../../shared/api/types';
import { leaseLabel } from '../../../shared/domain/leaseLabel';
import { DeadlineBadge } from '../badges/DeadlineBadge';
import { StatusBadge } from '../badges/StatusBadge';
import { formatDate } from '../format/dates';
import { initialsOf } from '../format/initials';
import type { Language } from '../i18n/language';
import { Highlight } from '../search/Highlight';
import type { ColumnId } from './inboxColumns';
import classes from './InboxTable.module.css';

interface Props {
  row: InboxRow;
  columns: readonly ColumnId[];
  procedure: ProcedureSummary | undefined;
  language: Language;
  selected: boolean;
  checked: boolean;
  domId: string;
  style: CSSProperties;
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
            <Badge variant="outline" color="gray" size="sm" radius="sm" tt="none" ff="monospace">
              {row.procedureCode}
            </Badge>
            {procedure && (
              <Text size="xs" c="dimmed" truncate="end" mt={2}>
                {procedure.shortTitle[language]}
              </Text>
            )}
          </div>
        </HoverHint>
      );
    case 'applicant':
      return (
        <>
          <Text size="sm" fw={500} truncate="end" title={row.applicantName}>
            <Highlight text={row.applicantName} ranges={rangesFor('applicantName')} />
          </Text>
          {match && UNDER_APPLICANT.has(match.field) ? (
            // The identifier that matched replaces the company line, so the clerk sees why.
            <Text size="xs" c="dimmed" truncate="end" title={match.value} data-testid="match-value">
              {t(`search.fields.${match.field}`)} :{' '}
              <Highlight text={match.value} ranges={match.ranges} />
            </Text>
          ) : (
            row.companyName && (
              <Text size="xs" c="dimmed" truncate="end" title={row.companyName}>
                <Highlight text={row.companyName} ranges={rangesFor('companyName')} />
              </Text>
            )
          )}
        </>
      );
    case 'place':
      return (
        <>
          <Text size="sm" truncate="end">
            {row.city}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {row.region}
          </Text>
        </>
      );
    case 'submitted':
      return (
        <Text size="sm" className={classes.numeric}>
          {formatDate(row.submittedAt, language)}
        </Text>
      );
    case 'deadline':
      return (
        <>
          <Text
            size="sm"
            className={classes.numeric}
            c={row.workingDaysLeft === null ? 'dimmed' : undefined}
          >
            {formatDate(row.dueDate, language)}
          </Text>
          <DeadlineBadge row={row} />
        </>
      );
    case 'status':
      // Each badge whole: a second one goes to the next line rather than being cut.
      return row.portalChangesToConfirm || row.inConflict ? (
        <Group gap={2} wrap="wrap" className={classes.badges}>
          <StatusBadge status={row.status} />
          {row.inConflict && (
            <HoverHint label={t('syncWork.inboxMarkerHint')} openDelay={300} multiline maw={320}>
              <Badge
                color="red.8"
                variant="filled"
                size="sm"
                radius="sm"
                tt="none"
                data-testid="conflict-flag"
              >
                {t('syncWork.inboxMarker')}
              </Badge>
            </HoverHint>
          )}
          {row.portalChangesToConfirm && (
            <HoverHint label={t('inbox.portalChangesHint')} openDelay={300}>
              <Badge
                color="orange"
                variant="light"
                size="sm"
                radius="sm"
                tt="none"
                data-testid="portal-changes-flag"
              >
                {t('inbox.portalChanges')}
              </Badge>
            </HoverHint>
          )}
        </Group>
      ) : (
        <StatusBadge status={row.status} />
      );
    case 'assignee':
      // A held case names its holder, as every desk does (the assignee is in the tooltip).
      if (row.holder) return <HolderLine row={row} holder={row.holder} language={language} />;
      return row.assignee ? (
        <Group gap={8} wrap="nowrap">
          <Avatar size={26} radius="xl" color="togo" variant="light">
            <span style={{ fontSize: 11 }}>{initialsOf(row.assignee.displayName)}</span>
          </Avatar>
          <Text size="sm" truncate="end" title={row.assignee.displayName}>
            {row.assignee.displayName}
          </Text>
        </Group>
      ) : (
        <Text size="sm" c="dimmed" fs="italic">
          {t('inbox.unassigned')}
        </Text>
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
    <Text
      size="xs"
      lh={1.2}
      lineClamp={3}
      c={holder.kind === 'checkout' ? 'orange.9' : undefined}
      title={`${label}\n${t('inbox.columns.assignee')} : ${assignee}`}
      data-testid="row-holder"
    >
      {label}
    </Text>
  );
}

export const InboxRowView = memo(function InboxRowView(props: Props) {
  const { row, columns, selected, checked, domId, style, onOpen, onToggle } = props;
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
        <Checkbox
          size="xs"
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
      {columns.map((column) => (
        <div key={column} role="gridcell" className={classes.cell}>
          <Cell row={row} column={column} procedure={props.procedure} language={props.language} />
        </div>
      ))}
    </div>
  );
});
