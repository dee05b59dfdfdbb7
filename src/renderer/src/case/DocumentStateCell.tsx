import { Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from '../../../shared/api/syncTypes';

/** A document's download state; nothing once it is ready. */
export function DocumentStateCell({ status }: { status: DocumentStatus | undefined }) {
  const { t } = useTranslation();
  if (!status || status.state === 'ready') return null;
  if (status.state === 'failed') {
    return (
      <Group gap={4} wrap="nowrap" data-testid="document-state">
        <IconAlertTriangle size={14} color="var(--mantine-color-red-filled)" />
        <Text size="sm" c="red" style={{ overflowWrap: 'anywhere' }}>
          {t('case.documentFailed', {
            reason: status.lastError ?? t('case.documentFailedUnknown'),
          })}
        </Text>
      </Group>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" data-testid="document-state">
      <Loader size={12} />
      <Text size="sm" c="dimmed">
        {t(status.state === 'downloading' ? 'case.documentDownloading' : 'case.documentPending')}
      </Text>
    </Group>
  );
}
