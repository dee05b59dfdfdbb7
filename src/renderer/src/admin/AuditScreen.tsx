import {
  ActionIcon,
  Button,
  Center,
  Group,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconChevronDown,
  IconChevronRight,
  IconFileTypeCsv,
  IconFileTypeXls,
  IconFilter,
  IconFilterOff,
} from '@tabler/icons-react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../shared/api/adminTypes';
import { AUDIT_CATEGORIES, type AuditCategory } from '../../../shared/audit/auditSentences';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { apiKey, useApiQuery } from '../api/queries';
import { saveFile } from '../dashboard/exportDownload';
import { formatNumber } from '../format/numbers';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { AdminHeader } from './AdminHeader';
import { formatAuditTime } from './adminFormats';
import classes from './AdminScreen.module.css';
import { AuditVerifyPanel } from './AuditVerifyPanel';
import { AuditSentence, useAuditDetailLines } from './auditText';
import { DayInput } from './DayInput';
import { MONOSPACE_INPUT } from './monospaceInput';

/** The filters as `audit.list` and `audit.export` take them. */
interface AuditFilterInput {
  personId?: string;
  actionPrefix?: string;
  caseRef?: string;
  from?: string;
  to?: string;
}

const PAGE_SIZE = 100;
const TYPING_PAUSE_MS = 300;

interface Filters {
  personId: string | null;
  category: AuditCategory | null;
  caseRef: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { personId: null, category: null, caseRef: '', from: '', to: '' };

/**
 * Filters a link opened the journal with: « Voir dans le journal » on a case gives
 * `#/admin/audit?case=<référence>`, a person `?person=<id>`.
 */
function filtersFromLocation(): Filters {
  const query = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  return { ...NO_FILTERS, caseRef: query.get('case') ?? '', personId: query.get('person') };
}

function AuditTableRow(props: {
  row: AuditRow;
  expanded: boolean;
  onToggle: () => void;
  onOnlyCase: (reference: string) => void;
  onOnlyPerson: (id: string) => void;
}) {
  const { row, expanded, onToggle } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const detailLines = useAuditDetailLines();
  const lines = detailLines(row.description.details);
  const { case: concerned, person } = row.description;
  const detailsId = `audit-details-${row.seq}`;
  return (
    <Table.Tr data-testid="audit-row" data-seq={row.seq} data-action={row.action}>
      <Table.Td className={classes.numeric} valign="top">
        <Text size="sm" c="dimmed">
          {row.seq}
        </Text>
      </Table.Td>
      <Table.Td className={classes.numeric} valign="top">
        <Text size="sm">{formatAuditTime(row.at, language)}</Text>
      </Table.Td>
      <Table.Td valign="top">
        <Text size="sm" data-testid="audit-sentence">
          <AuditSentence row={row} />
        </Text>
        {lines.length > 0 && (
          <Text
            size="xs"
            c="dimmed"
            lineClamp={expanded ? undefined : 1}
            id={detailsId}
            data-testid="audit-details"
          >
            {lines.join(' · ')}
          </Text>
        )}
        {expanded && (
          <Group gap="xs" mt={4} data-testid="audit-summary">
            <Text size="xs" c="dimmed" ff="monospace">
              {t('admin.audit.code', { code: row.action })}
            </Text>
            {concerned && (
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconFilter size={13} aria-hidden />}
                onClick={() => props.onOnlyCase(concerned.reference)}
              >
                {t('admin.audit.onlyCase', { reference: concerned.reference })}
              </Button>
            )}
            {person && (
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconFilter size={13} aria-hidden />}
                onClick={() => props.onOnlyPerson(person.id)}
              >
                {t('admin.audit.onlyPerson', { name: person.name })}
              </Button>
            )}
          </Group>
        )}
      </Table.Td>
      <Table.Td ta="right" valign="top">
        <ActionIcon
          variant="subtle"
          color="gray"
          onClick={onToggle}
          aria-expanded={expanded}
          aria-label={
            expanded
              ? t('admin.audit.hideDetails', { seq: row.seq })
              : t('admin.audit.showDetails', { seq: row.seq })
          }
          data-testid="audit-toggle"
        >
          {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}

const EXPORT_FORMATS = [
  { format: 'csv', label: 'admin.audit.export.csv', name: 'CSV', Icon: IconFileTypeCsv },
  { format: 'xlsx', label: 'admin.audit.export.xlsx', name: 'Excel', Icon: IconFileTypeXls },
] as const;

/** « Exporter CSV » / « Exporter Excel »: the journal as filtered, every page of it. */
function AuditExportButtons({ filters }: { filters: AuditFilterInput }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const download = useMutation({
    mutationFn: async (format: 'csv' | 'xlsx') => {
      const file = await api.call('audit.export', { ...filters, format });
      saveFile(file);
      return file;
    },
    onSuccess: (file) =>
      notifications.show({
        // The toast's close button, named like every window's (theme/modalDefaults.ts).
        closeButtonProps: { 'aria-label': t('certificates.close') },
        color: file.truncated ? 'orange' : 'togo',
        message: [
          t('admin.audit.export.done', {
            fileName: file.fileName,
            count: file.rows,
            formatted: formatNumber(file.rows, language),
          }),
          file.truncated
            ? t('admin.audit.export.truncated', { formatted: formatNumber(file.rows, language) })
            : '',
        ].join(' '),
      }),
    onError: (error) =>
      notifications.show({
        closeButtonProps: { 'aria-label': t('certificates.close') },
        color: 'red',
        title: t('admin.audit.export.failed'),
        message: errorMessage(error, t('app.unexpectedError')),
      }),
  });
  const busy = download.isPending ? download.variables : null;
  return (
    <>
      {EXPORT_FORMATS.map(({ format, label, name, Icon }) => (
        <Button
          key={format}
          variant="default"
          size="xs"
          leftSection={<Icon size={16} stroke={1.6} aria-hidden />}
          loading={busy === format}
          disabled={busy !== null && busy !== format}
          onClick={() => busy === null && download.mutate(format)}
          title={t('admin.audit.export.label', { format: name })}
          data-testid={`audit-export-${format}`}
        >
          {t(label)}
        </Button>
      ))}
    </>
  );
}

function AuditSkeleton() {
  return (
    <Stack gap={0} px="md" aria-busy="true" data-testid="audit-loading">
      <Skeleton height={36} radius={0} mb={4} />
      {Array.from({ length: 10 }, (_, index) => (
        <Group key={index} gap="lg" py={12} wrap="nowrap">
          <Skeleton height={12} width={40} radius="sm" />
          <Skeleton height={12} width={150} radius="sm" />
          <Skeleton height={12} width={120} radius="sm" />
          <Skeleton height={12} width="22%" radius="sm" />
          <Skeleton height={12} width="18%" radius="sm" />
        </Group>
      ))}
    </Stack>
  );
}

/**
 * The audit trail, newest first, one French sentence per row (names, case references linked to
 * the case, readable details), filterable by case, person, kind and days, exportable as filtered;
 * the chain's integrity check on top.
 */
export function AuditScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [filters, setFilters] = useState<Filters>(filtersFromLocation);
  const [caseRef] = useDebouncedValue(filters.caseRef.trim(), TYPING_PAUSE_MS);
  /** Where the list starts (« Afficher la ligne n° … » jumps there); null: the newest row. */
  const [startBefore, setStartBefore] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  // The same cached read as the users screen; without it the person filter simply lists nobody.
  const people = useApiQuery('admin.users.list', {}).data ?? [];

  const filterInput: AuditFilterInput = {
    ...(filters.personId ? { personId: filters.personId } : {}),
    ...(filters.category ? { actionPrefix: `${filters.category}.` } : {}),
    ...(caseRef ? { caseRef } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
  const input = { ...filterInput, beforeSeq: startBefore, limit: PAGE_SIZE };
  /** Newest first from `startBefore`, older pages added by « Charger plus ». */
  const pages = useInfiniteQuery({
    queryKey: apiKey('audit.list', input),
    queryFn: ({ pageParam }) => api.call('audit.list', { ...input, beforeSeq: pageParam }),
    initialPageParam: startBefore,
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
  });
  const rows = pages.data?.pages.flatMap((page) => page.rows) ?? [];
  const moreError = pages.isFetchNextPageError ? pages.error : null;
  const loadMore = () => {
    if (!pages.isFetching) void pages.fetchNextPage();
  };

  const edit = (change: Partial<Filters>) => {
    setStartBefore(null);
    setFilters((current) => ({ ...current, ...change }));
  };
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS) || startBefore !== null;
  const toggle = (seq: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <div className={classes.screen} data-testid="admin-audit">
      <AdminHeader title={t('admin.audit.title')} subtitle={t('admin.audit.subtitle')}>
        <AuditExportButtons filters={filterInput} />
      </AdminHeader>
      <AuditVerifyPanel
        onShowLine={(seq) => {
          setFilters(NO_FILTERS);
          setStartBefore(seq + 1);
          setExpanded(new Set([seq]));
        }}
      />
      <Group px="md" pb="sm" gap="sm" align="flex-end">
        <TextInput
          label={t('admin.audit.filters.case')}
          placeholder={t('admin.audit.filters.casePlaceholder')}
          value={filters.caseRef}
          onChange={(event) => edit({ caseRef: event.currentTarget.value })}
          w={250}
          styles={MONOSPACE_INPUT}
          data-testid="audit-filter-case"
        />
        <Select
          label={t('admin.audit.filters.person')}
          placeholder={t('admin.audit.filters.personAll')}
          data={people.map((person) => ({ value: person.id, label: person.displayName }))}
          value={filters.personId}
          onChange={(value) => edit({ personId: value })}
          clearable
          searchable
          w={200}
          data-testid="audit-filter-person"
        />
        <Select
          label={t('admin.audit.filters.action')}
          placeholder={t('admin.audit.filters.actionAll')}
          data={AUDIT_CATEGORIES.map((category) => ({
            value: category,
            label: t(`admin.audit.categories.${category}`),
          }))}
          value={filters.category}
          onChange={(value) => edit({ category: value as AuditCategory | null })}
          clearable
          w={210}
          data-testid="audit-filter-action"
        />
        <DayInput
          label={t('admin.audit.filters.from')}
          value={filters.from}
          onChange={(from) => edit({ from })}
          w={120}
          data-testid="audit-filter-from"
        />
        <DayInput
          label={t('admin.audit.filters.to')}
          value={filters.to}
          onChange={(to) => edit({ to })}
          w={120}
          data-testid="audit-filter-to"
        />
        {filtered && (
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconFilterOff size={16} />}
            onClick={() => {
              setFilters(NO_FILTERS);
              setStartBefore(null);
            }}
          >
            {t('admin.audit.filters.clear')}
          </Button>
        )}
      </Group>
      <div className={classes.scroll}>
        {pages.isPending ? (
          <AuditSkeleton />
        ) : pages.isError && !pages.data ? (
          <Center py={60} px="md">
            <RetryableError
              title={t('admin.audit.loadError')}
              error={pages.error}
              onRetry={() => void pages.refetch()}
            />
          </Center>
        ) : rows.length === 0 ? (
          <Center py={80} data-testid="audit-empty">
            <Text c="dimmed">{filtered ? t('admin.audit.empty') : t('admin.audit.emptyLog')}</Text>
          </Center>
        ) : (
          <>
            <Table
              stickyHeader
              highlightOnHover
              miw={760}
              verticalSpacing={6}
              horizontalSpacing="md"
              aria-label={t('admin.audit.title')}
            >
              <Table.Thead>
                <Table.Tr className={classes.head}>
                  <Table.Th w={70}>{t('admin.audit.columns.seq')}</Table.Th>
                  <Table.Th w={170}>{t('admin.audit.columns.time')}</Table.Th>
                  <Table.Th>{t('admin.audit.columns.action')}</Table.Th>
                  <Table.Th w={60} ta="right">
                    {t('admin.audit.columns.details')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <AuditTableRow
                    key={row.seq}
                    row={row}
                    expanded={expanded.has(row.seq)}
                    onToggle={() => toggle(row.seq)}
                    onOnlyCase={(reference) => edit({ caseRef: reference })}
                    onOnlyPerson={(personId) => edit({ personId })}
                  />
                ))}
              </Table.Tbody>
            </Table>
            <Stack align="center" gap={6} py="md">
              {moreError !== null && (
                <RetryableError
                  title={t('admin.audit.loadError')}
                  error={moreError}
                  onRetry={loadMore}
                />
              )}
              <Text size="xs" c="dimmed" data-testid="audit-shown">
                {t('admin.audit.shown', {
                  count: rows.length,
                  formatted: formatNumber(rows.length, language),
                })}
              </Text>
              {pages.hasNextPage ? (
                <Button
                  variant="default"
                  onClick={loadMore}
                  loading={pages.isFetchingNextPage}
                  data-testid="audit-more"
                >
                  {t('admin.audit.loadMore')}
                </Button>
              ) : (
                <Text size="xs" c="dimmed" data-testid="audit-end">
                  {t('admin.audit.end')}
                </Text>
              )}
            </Stack>
          </>
        )}
      </div>
    </div>
  );
}
