import { Avatar, Badge, Group, Text, Tooltip } from '@mantine/core';
import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRow, ProcedureSummary } from '../../../shared/api/types';
import { DeadlineBadge } from '../badges/DeadlineBadge';
import { StatusBadge } from '../badges/StatusBadge';
import { formatDate } from '../format/dates';
import { initialsOf } from '../format/initials';
import type { Language } from '../i18n/language';
import type { ColumnId } from './inboxColumns';
import classes from './InboxTable.module.css';

interface Props {
  row: InboxRow;
  columns: readonly ColumnId[];
  procedure: ProcedureSummary | undefined;
  language: Language;
  selected: boolean;
  domId: string;
  style: CSSProperties;
  onOpen(id: string): void;
}

function Cell({
  row,
  column,
  procedure,
  language,
}: Omit<Props, 'columns' | 'selected' | 'domId' | 'style' | 'onOpen'> & { column: ColumnId }) {
  const { t } = useTranslation();
  switch (column) {
    case 'reference':
      return <span className={classes.reference}>{row.reference}</span>;
    case 'procedure':
      return (
        <Tooltip
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
        </Tooltip>
      );
    case 'applicant':
      return (
        <>
          <Text size="sm" fw={500} truncate="end" title={row.applicantName}>
            {row.applicantName}
          </Text>
          {row.companyName && (
            <Text size="xs" c="dimmed" truncate="end" title={row.companyName}>
              {row.companyName}
            </Text>
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
      return <StatusBadge status={row.status} />;
    case 'assignee':
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

export const InboxRowView = memo(function InboxRowView(props: Props) {
  const { row, columns, selected, domId, style, onOpen } = props;
  return (
    <div
      id={domId}
      role="row"
      aria-selected={selected}
      className={classes.row}
      style={style}
      onClick={() => onOpen(row.id)}
    >
      {columns.map((column) => (
        <div key={column} role="gridcell" className={classes.cell}>
          <Cell row={row} column={column} procedure={props.procedure} language={props.language} />
        </div>
      ))}
    </div>
  );
});
