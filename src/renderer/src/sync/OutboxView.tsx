import {
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry, OutboxFilter } from '../../../shared/api/worklistTypes';
import { OUTBOX_FILTERS } from '../../../shared/api/worklistTypes';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { apiKey } from '../api/queries';
import { formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { hrefOf } from '../routing/route';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { useActionLabel } from './actionLabel';
import classes from './SyncWork.module.css';

const PAGE_SIZE = 100;
/** « Toutes » first: what the view opens on. */
const SHOWN_FILTERS: readonly OutboxFilter[] = [
  'all',
  ...OUTBOX_FILTERS.filter((filter) => filter !== 'all'),
];

const STATE_COLOR: Record<OutboxEntry['state'], string> = {
  pending: 'yellow',
  sending: 'blue',
  sent: 'togo',
  failed: 'red',
  cancelled: 'gray',
};

/** The office's actions bound for the portal: waiting, sent, refused or dropped, newest first. */
export function OutboxView() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [filter, setFilter] = useState<OutboxFilter>('all');
  const pages = useInfiniteQuery({
    queryKey: apiKey('sync.outbox', { filter, cursor: null, limit: PAGE_SIZE }),
    queryFn: ({ pageParam }) =>
      api.call('sync.outbox', { filter, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = pages.data?.pages.flatMap((page) => page.rows) ?? [];
  const counts = pages.data?.pages[0]?.counts ?? null;
  const total = counts ? Object.values(counts).reduce((sum, n) => sum + n, 0) : null;
  const countOf = (value: OutboxFilter) =>
    counts === null ? null : value === 'all' ? total : counts[value];

  return (
    <div className={classes.screen} data-testid="outbox-view">
      <Group justify="space-between" align="flex-start" px="md" pt="md" pb="sm" gap="md">
        <div style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs">
            <Title order={2} size="h3" fw={650}>
              {t('syncWork.outbox.title')}
            </Title>
            {pages.isFetching && pages.data !== undefined && <Loader size={12} aria-hidden />}
          </Group>
          <Text size="sm" c="dimmed" maw={760}>
            {t('syncWork.outbox.intro')}
          </Text>
        </div>
        <Button
          component="a"
          href={hrefOf({ view: 'worklist' })}
          variant="default"
          size="xs"
          leftSection={<IconListCheck size={16} stroke={1.6} />}
        >
          {t('syncWork.outbox.worklistLink')}
        </Button>
      </Group>
      <Group px="md" pb="sm">
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(value) => setFilter(value as OutboxFilter)}
          aria-label={t('syncWork.outbox.filterLabel')}
          data-testid="outbox-filter"
          data={SHOWN_FILTERS.map((value) => {
            const count = countOf(value);
            const label = t(`syncWork.outbox.filters.${value}`);
            return {
              value,
              label: count === null ? label : `${label} · ${formatNumber(count, language)}`,
            };
          })}
        />
      </Group>
      <div className={classes.scroll}>
        {pages.isPending ? (
          <Stack gap={6} px="md" aria-busy="true">
            {Array.from({ length: 8 }, (_, index) => (
              <Skeleton key={index} height={34} radius="sm" />
            ))}
          </Stack>
        ) : pages.isError && rows.length === 0 ? (
          <Center py={60} px="md">
            <RetryableError
              title={t('syncWork.outbox.loadError')}
              error={pages.error}
              onRetry={() => void pages.refetch()}
            />
          </Center>
        ) : rows.length === 0 ? (
          <Center py={80} px="md" data-testid="outbox-empty">
            <Text c="dimmed">{t('syncWork.outbox.empty')}</Text>
          </Center>
        ) : (
          <>
            <Table
              stickyHeader
              highlightOnHover
              miw={900}
              verticalSpacing="xs"
              horizontalSpacing="md"
              aria-label={t('syncWork.outbox.listLabel')}
              data-testid="outbox-table"
            >
              <Table.Thead>
                <Table.Tr className={classes.nowrap}>
                  <Table.Th w={230}>{t('syncWork.outbox.columns.case')}</Table.Th>
                  <Table.Th w={220}>{t('syncWork.outbox.columns.action')}</Table.Th>
                  <Table.Th w={150}>{t('syncWork.outbox.columns.createdAt')}</Table.Th>
                  <Table.Th w={130}>{t('syncWork.outbox.columns.state')}</Table.Th>
                  <Table.Th>{t('syncWork.outbox.columns.detail')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <OutboxRow key={row.id} row={row} />
                ))}
              </Table.Tbody>
            </Table>
            <Stack align="center" gap={6} py="md">
              <Text size="xs" c="dimmed">
                {t('syncWork.outbox.shown', { shown: formatNumber(rows.length, language) })}
              </Text>
              {pages.isFetchNextPageError && (
                <Text size="sm" c="red" role="alert">
                  {errorMessage(pages.error, t('app.unexpectedError'))}
                </Text>
              )}
              {pages.hasNextPage && (
                <Button
                  variant="default"
                  size="xs"
                  loading={pages.isFetchingNextPage}
                  onClick={() => void pages.fetchNextPage()}
                >
                  {t('syncWork.outbox.loadMore')}
                </Button>
              )}
            </Stack>
          </>
        )}
      </div>
    </div>
  );
}

function OutboxRow({ row }: { row: OutboxEntry }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const actionLabel = useActionLabel();
  const waiting = row.state === 'pending' || row.state === 'sending';
  let detail: string | null = null;
  if (row.state === 'sent' && row.sentAt) {
    detail = t('syncWork.outbox.sentAt', { date: formatDateTime(row.sentAt, language) });
  } else if (row.state === 'cancelled') {
    detail = t('syncWork.outbox.cancelledHint');
  } else if (row.state === 'failed') {
    detail = row.lastError;
  } else if (waiting && row.caseInConflict) {
    detail = t('syncWork.outbox.blocked');
  } else if (waiting && row.nextAttemptAt) {
    detail = t('syncWork.outbox.nextAttempt', {
      date: formatDateTime(row.nextAttemptAt, language),
    });
  }
  return (
    <Table.Tr data-testid="outbox-row" data-state={row.state} data-case-id={row.case.id}>
      <Table.Td>
        <Anchor href={hrefOf({ view: 'case', id: row.case.id })} ff="monospace" size="sm" fw={600}>
          {row.case.reference}
        </Anchor>
        <Text size="xs" c="dimmed" truncate="end" title={row.case.applicantName}>
          {row.case.applicantName}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{actionLabel(row.kind)}</Text>
        {row.actorName && (
          <Text size="xs" c="dimmed">
            {t('syncWork.outbox.by', { name: row.actorName })}
          </Text>
        )}
      </Table.Td>
      <Table.Td className={classes.numeric}>
        <Text size="sm">{formatDateTime(row.createdAt, language)}</Text>
      </Table.Td>
      <Table.Td>
        <Badge color={STATE_COLOR[row.state]} variant="light" size="sm" radius="sm" tt="none">
          {t(`syncWork.outbox.states.${row.state}`)}
        </Badge>
        {row.attempts > 1 && (
          <Text size="xs" c="dimmed">
            {t('syncWork.outbox.attempts', { count: row.attempts })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text
          size="sm"
          c={row.state === 'failed' ? 'red.8' : 'dimmed'}
          className={classes.reason}
          lineClamp={3}
          title={detail ?? undefined}
        >
          {detail ?? ''}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
