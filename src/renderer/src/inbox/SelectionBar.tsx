import { memo } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AssignButton } from '../assignment/AssignButton';
import { CheckOutButton } from '../assignment/CheckOutButton';
import { BulkIssueButton } from '../certificates/BulkIssue';
import { formatNumber } from '../format/numbers';
import type { InboxRow } from '../../../shared/api/types';
import type { Language } from '../i18n/language';

/** How many cases are ticked, and the bulk actions on them (issuing certificates). */
export const SelectionBar = memo(function SelectionBar({
  count,
  rows,
  language,
  onClear,
}: {
  count: number;
  /** The rows on screen, of which the ticked ones are acted on. */
  rows: readonly InboxRow[];
  language: Language;
  onClear(): void;
}) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Group
      gap="sm"
      px="md"
      py={6}
      role="status"
      data-testid="selection-bar"
      style={{
        background: 'var(--mantine-primary-color-light)',
        borderTop: '1px solid var(--mantine-color-default-border)',
      }}
    >
      <Text size="sm" fw={600} c="var(--mantine-primary-color-light-color)">
        {t('selection.count', { count, formatted: formatNumber(count, language) })}
      </Text>
      <AssignButton rows={rows} />
      <CheckOutButton />
      <BulkIssueButton rows={rows} />
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconX size={12} />}
        onClick={onClear}
      >
        {t('selection.clear')}
      </Button>
    </Group>
  );
});
