import {
  ActionIcon,
  Badge,
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
import { IconChevronDown, IconChevronRight, IconFilterOff } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../shared/api/adminTypes';
import { api } from '../api/api';
import { apiKey, useApiQuery } from '../api/queries';
import { formatNumber } from '../format/numbers';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { AdminHeader } from './AdminHeader';
import { formatAuditTime } from './adminFormats';
import classes from './AdminScreen.module.css';
import { AuditVerifyPanel } from './AuditVerifyPanel';
import { DayInput } from './DayInput';
import { MONOSPACE_INPUT } from './monospaceInput';

const CATEGORIES = [
  'session',
  'user',
  'case',
  'note',
  'certificate',
  'conflict',
  'office',
  'holidays',
  'audit',
  'backup',
] as const;
const PAGE_SIZE = 100;
const TYPING_PAUSE_MS = 300;

interface Filters {
  actorId: string | null;
  category: (typeof CATEGORIES)[number] | null;
  entityId: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { actorId: null, category: null, entityId: '', from: '', to: '' };

function ActionLabel({ action }: { action: string }) {
  const { t, i18n } = useTranslation();
  const key = `admin.audit.actionLabels.${action.replace('.', '_')}`;
  const known = i18n.exists(key);
  return (
    <div>
      {known && (
        <Text size="sm" fw={500}>
          {t(key as 'admin.audit.actionLabels.user_created')}
        </Text>
      )}
      <Text size={known ? 'xs' : 'sm'} c={known ? 'dimmed' : undefined} ff="monospace">
        {action}
      </Text>
    </div>
  );
}

function AuditTableRow(props: { row: AuditRow; expanded: boolean; onToggle: () => void }) {
  const { row, expanded, onToggle } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const hasSummary = Object.keys(row.summary).length > 0;
  return (
    <Fragment>
      <Table.Tr data-testid="audit-row" data-seq={row.seq} data-action={row.action}>
        <Table.Td className={classes.numeric}>
          <Text size="sm" c="dimmed">
            {row.seq}
          </Text>
        </Table.Td>
        <Table.Td className={classes.numeric}>
          <Text size="sm">{formatAuditTime(row.at, language)}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm" c={row.actorId ? undefined : 'dimmed'}>
            {row.actorName ?? row.actorId ?? t('admin.audit.system')}
          </Text>
        </Table.Td>
        <Table.Td>
          <ActionLabel action={row.action} />
        </Table.Td>
        <Table.Td>
          <Group gap={6} wrap="nowrap">
            <Badge size="sm" variant="default" tt="none">
              {row.entityType}
            </Badge>
            {row.entityId && (
              <Text size="xs" ff="monospace" truncate maw={220} title={row.entityId}>
                {row.entityId}
              </Text>
            )}
          </Group>
        </Table.Td>
        <Table.Td ta="right">
          {hasSummary && (
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
          )}
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr>
          <Table.Td colSpan={6} bg="var(--mantine-color-default-hover)">
            <pre className={classes.summary} data-testid="audit-summary">
              {JSON.stringify(row.summary, null, 2)}
            </pre>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
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

/** The audit trail, newest first, filterable, with the chain's integrity check on top. */
export function AuditScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [entityId] = useDebouncedValue(filters.entityId.trim(), TYPING_PAUSE_MS);
  /** Where the list starts (« Afficher la ligne n° … » jumps there); null: the newest row. */
  const [startBefore, setStartBefore] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  // The same cached read as the users screen; without it the actor filter simply lists nobody.
  const actors = useApiQuery('admin.users.list', {}).data ?? [];

  const input = {
    actorId: filters.actorId ?? undefined,
    actionPrefix: filters.category ? `${filters.category}.` : undefined,
    entityId: entityId || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    beforeSeq: startBefore,
    limit: PAGE_SIZE,
  };
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
      <AdminHeader title={t('admin.audit.title')} subtitle={t('admin.audit.subtitle')} />
      <AuditVerifyPanel
        onShowLine={(seq) => {
          setFilters(NO_FILTERS);
          setStartBefore(seq + 1);
          setExpanded(new Set([seq]));
        }}
      />
      <Group px="md" pb="sm" gap="sm" align="flex-end">
        <Select
          label={t('admin.audit.filters.actor')}
          placeholder={t('admin.audit.filters.actorAll')}
          data={actors.map((actor) => ({ value: actor.id, label: actor.displayName }))}
          value={filters.actorId}
          onChange={(value) => edit({ actorId: value })}
          clearable
          searchable
          w={200}
          data-testid="audit-filter-actor"
        />
        <Select
          label={t('admin.audit.filters.action')}
          placeholder={t('admin.audit.filters.actionAll')}
          data={CATEGORIES.map((category) => ({
            value: category,
            label: t(`admin.audit.categories.${category}`),
          }))}
          value={filters.category}
          onChange={(value) => edit({ category: value as Filters['category'] })}
          clearable
          w={230}
          data-testid="audit-filter-action"
        />
        <TextInput
          label={t('admin.audit.filters.entity')}
          placeholder={t('admin.audit.filters.entityPlaceholder')}
          value={filters.entityId}
          onChange={(event) => edit({ entityId: event.currentTarget.value })}
          w={240}
          styles={MONOSPACE_INPUT}
          data-testid="audit-filter-entity"
        />
        <DayInput
          label={t('admin.audit.filters.from')}
          value={filters.from}
          onChange={(from) => edit({ from })}
          w={140}
          data-testid="audit-filter-from"
        />
        <DayInput
          label={t('admin.audit.filters.to')}
          value={filters.to}
          onChange={(to) => edit({ to })}
          w={140}
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
              miw={980}
              verticalSpacing={6}
              horizontalSpacing="md"
              aria-label={t('admin.audit.title')}
            >
              <Table.Thead>
                <Table.Tr className={classes.head}>
                  <Table.Th w={70}>{t('admin.audit.columns.seq')}</Table.Th>
                  <Table.Th w={180}>{t('admin.audit.columns.time')}</Table.Th>
                  <Table.Th w={170}>{t('admin.audit.columns.actor')}</Table.Th>
                  <Table.Th>{t('admin.audit.columns.action')}</Table.Th>
                  <Table.Th>{t('admin.audit.columns.entity')}</Table.Th>
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
