import { Group, Kbd, Select, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureSummary, QueueId } from '../../../shared/api/types';
import { formatNumber } from '../format/numbers';
import type { Language } from '../i18n/language';

interface Props {
  queue: QueueId;
  procedures: readonly ProcedureSummary[];
  procedureCode: string | null;
  language: Language;
  /** Exact number of cases in view, when known; otherwise how many are loaded so far. */
  total: { exact: boolean; value: number } | null;
  onProcedureChange(code: string | null): void;
}

export function InboxToolbar(props: Props) {
  const { t } = useTranslation();
  const { total, language } = props;
  const data = useMemo(
    () =>
      props.procedures.map((procedure) => ({
        value: procedure.code,
        label: `${procedure.code} — ${procedure.shortTitle[language]}`,
      })),
    [props.procedures, language],
  );
  return (
    <Group justify="space-between" align="flex-end" px="md" pt="md" pb="sm" wrap="nowrap" gap="md">
      <div style={{ minWidth: 0 }}>
        <Title order={2} size="h3" fw={650}>
          {t(`queues.${props.queue}`)}
        </Title>
        <Text size="sm" c="dimmed" mih={20} data-testid="inbox-total">
          {total &&
            (total.exact
              ? t('inbox.count', {
                  count: total.value,
                  formatted: formatNumber(total.value, language),
                })
              : t('inbox.loaded', {
                  count: total.value,
                  formatted: formatNumber(total.value, language),
                }))}
        </Text>
      </div>
      <Group gap="md" wrap="nowrap" align="flex-end">
        <Text size="xs" c="dimmed" visibleFrom="xl" pb={10} style={{ whiteSpace: 'nowrap' }}>
          <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> {t('inbox.keyboardMove')} ·{' '}
          <Kbd size="xs">{t('inbox.enterKey')}</Kbd> {t('inbox.keyboardOpen')}
        </Text>
        <Select
          label={t('inbox.procedureFilter')}
          placeholder={t('inbox.allProcedures')}
          data={data}
          value={props.procedureCode}
          onChange={(value) => props.onProcedureChange(value)}
          clearable
          searchable
          nothingFoundMessage="—"
          w={320}
          comboboxProps={{ width: 380, position: 'bottom-end' }}
        />
      </Group>
    </Group>
  );
}
