import { Alert, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CachePreparation } from '../../../shared/api/types';
import { formatNumber } from '../format/numbers';
import type { Language } from '../i18n/language';
import { useSyncStatus } from './syncQueries';

/**
 * Above the inbox while a bulk first sync is under way or unfinished (issue 18 §4): how far the
 * download or the preparation is, and, honestly, what does not work yet (search, counts).
 * Nothing otherwise.
 */
export function CachePreparationBanner({ language }: { language: Language }) {
  const { t } = useTranslation();
  const preparing = useSyncStatus().data?.preparing ?? null;
  if (!preparing) return null;
  const { done, total } = preparing;
  const line = lineOf(preparing)
    ? t(`cachePreparation.${preparing.phase}`, {
        done: formatNumber(done, language),
        total: formatNumber(total, language),
      })
    : t('cachePreparation.pending');
  return (
    <Alert color="blue" variant="light" title={t('cachePreparation.title')} role="status">
      <Stack gap={6}>
        <Text size="sm">{line}</Text>
        {total > 0 && (
          <Progress
            value={Math.min(100, (done / total) * 100)}
            aria-label={t('cachePreparation.progressLabel')}
          />
        )}
        <Text size="sm" c="dimmed">
          {t('cachePreparation.notYet')}
        </Text>
      </Stack>
    </Alert>
  );
}

/** A preparation without a count (interrupted, waiting for the next sync) has no line of its own. */
function lineOf(preparing: CachePreparation): boolean {
  return preparing.total > 0 || preparing.phase === 'tallies';
}
