import { Alert, Button, Center, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuarantineEntry } from '../../../shared/api/syncTypes';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
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
  const [rows, setRows] = useState<QuarantineEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const fetchPage = useCallback((from: number | null) => {
    api
      .call('sync.quarantine', { cursor: from, limit: PAGE_SIZE })
      .then((page) => {
        setRows((previous) => (from === null ? page.rows : [...previous, ...page.rows]));
        setTotal(page.total);
        setCursor(page.nextCursor);
        setError(null);
      })
      .catch((caught: unknown) => setError(caught))
      .finally(() => setLoading(false));
  }, []);

  useEffect(() => fetchPage(null), [fetchPage]);

  function loadMore() {
    setLoading(true);
    fetchPage(cursor);
  }

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
          {cursor !== null && (
            <Button variant="default" size="xs" loading={loading} onClick={loadMore}>
              {t('sync.quarantineLoadMore')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
