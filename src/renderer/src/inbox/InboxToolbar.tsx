import { memo } from 'react';
import { ActionIcon, Button, Group, Kbd, Loader, Text, Title, Tooltip } from '@mantine/core';
import { IconKeyboard, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { QueueId } from '../../../shared/api/types';
import { BalanceButtons } from '../assignment/BalanceButtons';
import { formatNumber } from '../format/numbers';
import type { Language } from '../i18n/language';

interface Props {
  queue: QueueId;
  language: Language;
  /** Exact number of cases in view, when known; otherwise how many are loaded so far. */
  /** `capped`: more than `cap` cases (a searched or filtered list is counted up to its cap). */
  total: { exact: boolean; value: number; capped?: boolean; cap?: number } | null;
  /** The search in force, for « Résultats dans … ». */
  search: string;
  busy: boolean;
  onSearchAll(): void;
  onHelp(): void;
}

export const InboxToolbar = memo(function InboxToolbar(props: Props) {
  const { t } = useTranslation();
  const { total, language, search, queue } = props;
  return (
    <Group justify="space-between" align="flex-end" px="md" pt="md" pb="sm" wrap="nowrap" gap="md">
      <div style={{ minWidth: 0 }}>
        <Title order={2} size="h3" fw={650}>
          {t(`queues.${queue}`)}
        </Title>
        <Group gap="xs" mih={22} wrap="nowrap">
          <Text size="sm" c="dimmed" data-testid="inbox-total">
            {total &&
              (total.capped
                ? t('inbox.countOver', {
                    formatted: formatNumber(total.cap ?? total.value - 1, language),
                  })
                : total.exact
                  ? t('inbox.count', {
                      count: total.value,
                      formatted: formatNumber(total.value, language),
                    })
                  : t('inbox.loaded', {
                      count: total.value,
                      formatted: formatNumber(total.value, language),
                    }))}
          </Text>
          {props.busy && <Loader size={12} role="progressbar" aria-label={t('inbox.updating')} />}
          {search && queue !== 'all' && (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconSearch size={12} />}
              onClick={props.onSearchAll}
            >
              {t('search.searchAll')}
            </Button>
          )}
        </Group>
      </div>
      <Group gap="sm" wrap="nowrap" align="center">
        {queue === 'to_process' && <BalanceButtons />}
        <Text size="xs" c="dimmed" visibleFrom="xl" style={{ whiteSpace: 'nowrap' }}>
          <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> {t('inbox.keyboardMove')} ·{' '}
          <Kbd size="xs">{t('inbox.enterKey')}</Kbd> {t('inbox.keyboardOpen')} ·{' '}
          <Kbd size="xs">x</Kbd> {t('inbox.keyboardSelect')}
        </Text>
        <Tooltip label={`${t('shortcuts.openHelp')} (?)`}>
          <ActionIcon
            variant="default"
            size="md"
            onClick={props.onHelp}
            aria-label={t('shortcuts.openHelp')}
          >
            <IconKeyboard size={16} stroke={1.6} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
});
