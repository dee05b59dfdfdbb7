import { Alert, Button, Center, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { apiKey } from '../api/queries';
import { formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { useLanguage } from '../shell/useLanguage';

const PAGE_SIZE = 50;

/** The quarantined portal records, newest first, fifty at a time. */
export function QuarantineModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('sync.quarantineTitle')}
      size="xl"
      data-testid="quarantine-modal"
    >
      {/* Mounted only while open: each opening reads the quarantine afresh. */}
      <QuarantineList />
    </Modal>
  );
}

function QuarantineList() {
  const { t } = useTranslation();
  const language = useLanguage();
  // Not kept once the modal closes (`gcTime: 0`): each opening reads the quarantine afresh.
  const pages = useInfiniteQuery({
    queryKey: apiKey('sync.quarantine', { cursor: null, limit: PAGE_SIZE }),
    queryFn: ({ pageParam }) =>
      api.call('sync.quarantine', { cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    gcTime: 0,
  });
  const rows = pages.data?.pages.flatMap((page) => page.rows) ?? [];
  const total = pages.data?.pages[pages.data.pages.length - 1]?.total ?? 0;
  const loading = pages.isFetching;
  const error = pages.error ?? null;
  const loadMore = () => {
    if (!pages.isFetching) void pages.fetchNextPage();
  };

  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" icon={<IconInfoCircle />}>
        {t('sync.quarantineExplain')}
      </Alert>
      {error !== null && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle />}
          title={t('sync.quarantineLoadError')}
        >
          {errorMessage(error, t('app.unexpectedError'))}
        </Alert>
      )}
      {rows.length === 0 && !loading && error === null ? (
        <Text size="sm" c="dimmed">
          {t('sync.quarantineEmpty')}
        </Text>
      ) : (
        rows.length > 0 && (
          <Table verticalSpacing={6} data-testid="quarantine-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>{t('sync.quarantineReceived')}</Table.Th>
                <Table.Th w={180}>{t('sync.quarantinePortalId')}</Table.Th>
                <Table.Th>{t('sync.quarantineReason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatDateTime(row.receivedAt, language)}
                    {row.seenCount > 1 && (
                      <Text size="xs" c="dimmed" data-testid="quarantine-seen">
                        {t('sync.quarantineSeen', {
                          count: row.seenCount,
                          first: formatDateTime(row.firstReceivedAt, language),
                        })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ff="monospace" c={row.portalId ? undefined : 'dimmed'}>
                    {row.portalId ?? t('sync.quarantineUnknownId')}
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      )}
      {loading && rows.length === 0 && (
        <Center py="md">
          <Loader size="sm" />
        </Center>
      )}
      {rows.length > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('sync.quarantineShown', {
              shown: formatNumber(rows.length, language),
              total: formatNumber(total, language),
            })}
          </Text>
          {pages.hasNextPage && (
            <Button variant="default" size="xs" loading={loading} onClick={loadMore}>
              {t('sync.quarantineLoadMore')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
