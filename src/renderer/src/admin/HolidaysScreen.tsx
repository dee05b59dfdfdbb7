import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Center,
  Checkbox,
  Group,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronLeft, IconChevronRight, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Holiday } from '../../../shared/api/adminTypes';
import { errorMessage } from '../api/errorMessage';
import { invalidateCaseLists } from '../api/liveInvalidation';
import { apiKey, useApiMutation, useApiQuery } from '../api/queries';
import { formatDate } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { useContractForm } from '../forms/useContractForm';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { AdminHeader } from './AdminHeader';
import { formatWeekday, isWeekend } from './adminFormats';
import { DayInput } from './DayInput';
import classes from './AdminScreen.module.css';

/** An orange dark enough to read at 14 px: 6:1 on white (Mantine's orange-9 is 4.3:1). */
const UNSAVED_COLOR = 'light-dark(#a8400b, var(--mantine-color-orange-4))';

interface DraftRow extends Holiday {
  key: number;
}

let nextKey = 1;
const toDraft = (holidays: Holiday[]): DraftRow[] =>
  holidays.map((holiday) => ({ ...holiday, key: nextKey++ }));
const toHolidays = (rows: DraftRow[]): Holiday[] =>
  rows
    .map(({ date, label, provisional }) => ({ date, label: label.trim(), provisional }))
    .sort((a, b) => a.date.localeCompare(b.date));

const ROW_FIELD = /^holidays\.(\d+)\.(date|label)$/;

/** What the contract cannot know, said beside the date: the year shown, one line per day. */
function yearRules(ordered: readonly Holiday[], year: number, t: TFunction) {
  const counts = new Map<string, number>();
  for (const row of ordered) counts.set(row.date, (counts.get(row.date) ?? 0) + 1);
  const rules: Record<string, string | undefined> = {};
  ordered.forEach((row, index) => {
    if (!ISO_DAY.test(row.date)) return;
    if (!row.date.startsWith(`${year}-`)) {
      rules[`holidays.${index}.date`] = t('admin.holidays.wrongYear', { year });
    } else if ((counts.get(row.date) ?? 0) > 1) {
      rules[`holidays.${index}.date`] = t('admin.holidays.duplicate');
    }
  });
  return rules;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const FRENCH_DAY = /^\d{1,2}\/\d{1,2}\/\d{4}$/;

function YearEditor({ year, holidays }: { year: number; holidays: Holiday[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<DraftRow[]>(() => toDraft(holidays));
  const saveYear = useApiMutation('admin.holidays.save', {
    onSuccess: (saved) => {
      const count = saved.recomputedDeadlines;
      notifications.show({
        color: 'teal',
        message:
          count === 0
            ? t('admin.holidays.savedNone', { year })
            : t('admin.holidays.saved', { year, count, formatted: formatNumber(count, language) }),
        autoClose: 8000,
      });
      setRows(toDraft(saved.holidays));
      queryClient.setQueryData(apiKey('admin.holidays.list', { year }), saved.holidays);
      // Working-day deadlines were recomputed: the lists sorted or filtered by them follow.
      if (count > 0) invalidateCaseLists(queryClient);
    },
  });
  const busy = saveYear.isPending;
  // Rows are sent by date: the contract's paths (`holidays.3.date`) count in that order.
  const ordered = [...rows].sort((a, b) => a.date.localeCompare(b.date));
  const indexOf = new Map(ordered.map((row, index) => [row.key, index]));
  const sent = toHolidays(rows);
  const form = useContractForm({
    method: 'admin.holidays.save',
    input: { year, holidays: sent },
    shows: (field) => ROW_FIELD.test(field),
    messageOf: (field, value) => {
      const part = ROW_FIELD.exec(field)?.[2];
      if (part === 'date') {
        if (value === '') return t('admin.holidays.dateRequired');
        // « 31/02/2026 » is written right but names no day; « 3/2 » is not written right yet.
        return typeof value === 'string' && FRENCH_DAY.test(value)
          ? t('forms.holidays.dateInvalid')
          : t('forms.holidays.dateFormat');
      }
      if (part === 'label') {
        return typeof value === 'string' && value.length > 120
          ? t('forms.holidays.labelTooLong')
          : t('admin.holidays.labelRequired');
      }
      return undefined;
    },
    rules: yearRules(sent, year, t),
    refusal: { error: saveYear.error, variables: saveYear.variables },
    immediate: true,
  });
  const failure =
    saveYear.isError && form.refusalUnplaced
      ? errorMessage(saveYear.error, t('app.unexpectedError'))
      : null;
  const dirty = JSON.stringify(sent) !== JSON.stringify(holidays);
  const invalid = !form.valid;

  const edit = (key: number, change: Partial<Holiday>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const save = () => {
    if (dirty && !invalid && !busy) saveYear.mutate({ year, holidays: sent });
  };

  return (
    <Stack gap="md" maw={900}>
      {rows.length === 0 ? (
        <Center py={40}>
          <Text c="dimmed">{t('admin.holidays.empty', { year })}</Text>
        </Center>
      ) : (
        <Table verticalSpacing={6} horizontalSpacing="sm" aria-label={t('admin.holidays.title')}>
          <Table.Thead>
            <Table.Tr className={classes.head}>
              <Table.Th w={170}>{t('admin.holidays.date')}</Table.Th>
              <Table.Th w={110}>{t('admin.holidays.weekday')}</Table.Th>
              <Table.Th>{t('admin.holidays.label')}</Table.Th>
              <Table.Th w={150}>{t('admin.holidays.provisional')}</Table.Th>
              <Table.Th w={50} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const index = indexOf.get(row.key) ?? -1;
              const realDay = ISO_DAY.test(row.date);
              return (
                <Table.Tr key={row.key} data-testid="holiday-row" data-date={row.date}>
                  <Table.Td>
                    <DayInput
                      size="xs"
                      value={row.date}
                      onChange={(date) => edit(row.key, { date })}
                      keepInvalidText
                      error={form.errorOf(`holidays.${index}.date`)}
                      aria-label={t('admin.holidays.date')}
                      data-testid="holiday-date"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Tooltip
                      label={t('admin.holidays.weekend')}
                      disabled={!realDay || !isWeekend(row.date)}
                    >
                      <Text size="sm" c={realDay && isWeekend(row.date) ? 'dimmed' : undefined}>
                        {realDay ? formatWeekday(row.date, language) : ''}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      value={row.label}
                      maxLength={120}
                      placeholder={t('admin.holidays.labelPlaceholder')}
                      onChange={(event) => edit(row.key, { label: event.currentTarget.value })}
                      error={form.errorOf(`holidays.${index}.label`)}
                      aria-label={t('admin.holidays.label')}
                      data-testid="holiday-label"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={t('admin.holidays.provisionalHint')} multiline w={260}>
                      <Checkbox
                        checked={row.provisional}
                        onChange={(event) =>
                          edit(row.key, { provisional: event.currentTarget.checked })
                        }
                        label={
                          row.provisional ? (
                            <Badge size="sm" color="yellow" variant="light">
                              {t('admin.holidays.provisionalBadge')}
                            </Badge>
                          ) : null
                        }
                        aria-label={t('admin.holidays.provisional')}
                      />
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() =>
                        setRows((current) => current.filter((other) => other.key !== row.key))
                      }
                      aria-label={
                        realDay
                          ? t('admin.holidays.remove', { date: formatDate(row.date, language) })
                          : t('admin.holidays.removeUnnamed')
                      }
                      data-testid="holiday-remove"
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            setRows((current) => [
              ...current,
              { key: nextKey++, date: '', label: '', provisional: false },
            ])
          }
          data-testid="holiday-add"
        >
          {t('admin.holidays.add')}
        </Button>
      </Group>
      {invalid && (
        <Text size="sm" c="var(--mantine-color-error)">
          {t('admin.holidays.fixErrors')}
        </Text>
      )}
      {failure && (
        <Alert color="red" variant="light" role="alert">
          <Text size="sm">{failure}</Text>
        </Alert>
      )}
      <Group justify="space-between">
        <Text size="sm" c={dirty ? UNSAVED_COLOR : 'dimmed'} fw={dirty ? 600 : undefined}>
          {dirty
            ? t('admin.holidays.unsaved')
            : t('admin.holidays.count', {
                count: rows.length,
                formatted: formatNumber(rows.length, language),
              })}
        </Text>
        <Group gap="sm">
          <Button
            variant="default"
            disabled={!dirty || busy}
            onClick={() => setRows(toDraft(holidays))}
          >
            {t('admin.holidays.discard')}
          </Button>
          <Button
            onClick={save}
            loading={busy}
            disabled={!dirty || invalid}
            data-testid="holidays-save"
          >
            {t('admin.holidays.save', { year })}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

/** The public holidays deadlines skip, edited one year at a time. */
export function HolidaysScreen() {
  const { t } = useTranslation();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const holidays = useApiQuery('admin.holidays.list', { year });
  return (
    <div className={classes.screen} data-testid="admin-holidays">
      <AdminHeader title={t('admin.holidays.title')} subtitle={t('admin.holidays.subtitle')}>
        <Group gap={4} aria-label={t('admin.holidays.year')} role="group">
          <ActionIcon
            variant="default"
            size="lg"
            onClick={() => setYear(year - 1)}
            aria-label={t('admin.holidays.previousYear')}
            disabled={year <= 2000}
          >
            <IconChevronLeft size={18} />
          </ActionIcon>
          <Text fw={650} w={64} ta="center" size="lg" data-testid="holidays-year">
            {year}
          </Text>
          <ActionIcon
            variant="default"
            size="lg"
            onClick={() => setYear(year + 1)}
            aria-label={t('admin.holidays.nextYear')}
            disabled={year >= 2100}
          >
            <IconChevronRight size={18} />
          </ActionIcon>
        </Group>
      </AdminHeader>
      <div className={classes.scroll}>
        <Stack px="md" pb="xl">
          {holidays.isPending ? (
            <Stack gap={8} maw={900} aria-busy="true" data-testid="holidays-loading">
              {Array.from({ length: 8 }, (_, index) => (
                <Skeleton key={index} height={30} radius="sm" />
              ))}
            </Stack>
          ) : holidays.isError ? (
            <Center py={60}>
              <RetryableError
                title={t('admin.holidays.loadError')}
                error={holidays.error}
                onRetry={() => void holidays.refetch()}
              />
            </Center>
          ) : (
            <YearEditor key={year} year={year} holidays={holidays.data} />
          )}
        </Stack>
      </div>
    </div>
  );
}
