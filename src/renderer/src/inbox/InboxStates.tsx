import { Button, Center, Group, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFilterOff, IconInboxOff, IconSearchOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { QueueId } from '../../../shared/api/types';
import { RetryableError } from '../shell/RetryableError';

export function InboxSkeleton() {
  return (
    <Stack gap={0} px="md" aria-busy="true" data-testid="inbox-loading">
      <Skeleton height={36} radius={0} mb={4} />
      {Array.from({ length: 10 }, (_, index) => (
        <Stack
          key={index}
          gap={6}
          py={12}
          style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
        >
          <Skeleton height={12} width={`${70 - (index % 3) * 12}%`} radius="sm" />
          <Skeleton height={10} width={`${40 - (index % 4) * 5}%`} radius="sm" />
        </Stack>
      ))}
    </Stack>
  );
}

/** Why the list is empty: the search, the filters, or simply nothing in this queue. */
export function InboxEmpty({
  queue,
  search,
  filtered,
  onClearFilters,
  onSearchAll,
}: {
  queue: QueueId;
  search: string;
  filtered: boolean;
  onClearFilters(): void;
  /** Offered when the search ran in one queue and « Tous » may hold the case. */
  onSearchAll: (() => void) | null;
}) {
  const { t } = useTranslation();
  const Icon = search ? IconSearchOff : filtered ? IconFilterOff : IconInboxOff;
  const message = search
    ? t('search.noResults', { query: search })
    : filtered
      ? t('filters.emptyFiltered')
      : t(`emptyQueue.${queue}`);
  return (
    <Center py={80} px="md" data-testid="inbox-empty">
      <Stack align="center" gap="sm">
        <ThemeIcon size={56} radius="xl" variant="light" color="gray">
          <Icon size={30} stroke={1.5} />
        </ThemeIcon>
        <Text c="dimmed" ta="center">
          {message}
        </Text>
        {(filtered || onSearchAll) && (
          <Group gap="xs">
            {filtered && (
              <Button size="xs" variant="light" onClick={onClearFilters}>
                {t('filters.clearFilters')}
              </Button>
            )}
            {onSearchAll && (
              <Button size="xs" variant="default" onClick={onSearchAll}>
                {t('search.searchAll')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Center>
  );
}

export function InboxError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <Center py={60} px="md">
      <RetryableError
        title={t('inbox.loadError')}
        error={error}
        onRetry={onRetry}
        testId="inbox-error"
      />
    </Center>
  );
}
