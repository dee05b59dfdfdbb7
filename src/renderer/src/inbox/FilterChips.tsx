import { memo } from 'react';
import { Button, Group, Pill } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InboxFilterOptions, InboxFilters, ProcedureSummary } from '../../../shared/api/types';
import type { CaseStatus } from '../../../shared/domain/caseStatus';
import { formatDate } from '../format/dates';
import type { Language } from '../i18n/language';
import { filterChips, withoutChip, type FilterChip, type ListFilterKey } from './inboxQuery';

const LABEL_KEYS = {
  procedureCodes: 'filters.procedure',
  statuses: 'filters.status',
  officeCodes: 'filters.office',
  regions: 'filters.region',
  assigneeIds: 'filters.assignee',
  deadlineStates: 'filters.deadline',
} as const satisfies Record<ListFilterKey, string>;

/** The active filters, one removable chip per value, and « Tout effacer ». */
export const FilterChips = memo(function FilterChips({
  filters,
  options,
  procedures,
  language,
  onChange,
}: {
  filters: InboxFilters;
  options: InboxFilterOptions | null;
  procedures: readonly ProcedureSummary[];
  language: Language;
  onChange(filters: InboxFilters): void;
}) {
  const { t } = useTranslation();
  const chips = filterChips(filters);
  if (chips.length === 0) return null;

  function describe(chip: FilterChip): { label: string; value: string; title?: string } {
    if (chip.kind === 'date') {
      const date = formatDate(chip.value, language);
      return {
        label: t('filters.submitted'),
        value:
          chip.bound === 'submittedFrom'
            ? t('filters.dateFrom', { date })
            : t('filters.dateTo', { date }),
      };
    }
    const label = t(LABEL_KEYS[chip.key]);
    switch (chip.key) {
      case 'procedureCodes':
        return {
          label,
          value: chip.value,
          title: procedures.find((entry) => entry.code === chip.value)?.title[language],
        };
      case 'statuses':
        return { label, value: t(`status.${chip.value as CaseStatus}`) };
      case 'officeCodes':
        return {
          label,
          value: options?.offices.find((entry) => entry.code === chip.value)?.name ?? chip.value,
        };
      case 'assigneeIds':
        return {
          label,
          value:
            chip.value === 'none'
              ? t('filters.unassigned')
              : (options?.assignees.find((entry) => entry.id === chip.value)?.displayName ??
                chip.value),
        };
      case 'deadlineStates':
        return {
          label,
          value: t(`filters.deadlineChip.${chip.value as 'on_time' | 'due_soon' | 'overdue'}`),
        };
      case 'regions':
        return { label, value: chip.value };
    }
  }

  return (
    <Group gap={6} px="md" pb="sm" data-testid="filter-chips">
      {chips.map((chip) => {
        const { label, value, title } = describe(chip);
        return (
          <Pill
            key={`${chip.kind === 'date' ? chip.bound : chip.key}:${chip.value}`}
            size="md"
            withRemoveButton
            onRemove={() => onChange(withoutChip(filters, chip))}
            // Mantine hides the cross from the keyboard by default; a clerk without a mouse needs it.
            removeButtonProps={{
              'aria-label': t('filters.removeChip', { label, value }),
              'aria-hidden': false,
              tabIndex: 0,
            }}
            title={title}
            data-testid="filter-chip"
            styles={{
              root: {
                background: 'var(--mantine-primary-color-light)',
                color: 'var(--mantine-primary-color-light-color)',
                fontWeight: 500,
              },
            }}
          >
            {t('filters.chip', { label, value })}
          </Pill>
        );
      })}
      <Button size="compact-xs" variant="subtle" color="gray" onClick={() => onChange({})}>
        {t('filters.clearAll')}
      </Button>
    </Group>
  );
});
