import { Button, Group, Menu, Popover, Stack } from '@mantine/core';
import {
  IconArrowsSort,
  IconCheck,
  IconDeviceFloppy,
  IconSortAscending,
  IconSortDescending,
} from '@tabler/icons-react';
import { memo, useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES } from '../../../shared/domain/caseStatus';
import {
  RANKED_HITS_MAX,
  SORT_KEYS,
  type InboxFilterOptions,
  type InboxFilters,
  type InboxSort,
  type ProcedureSummary,
} from '../../../shared/api/types';
import { formatNumber } from '../format/numbers';
import type { Language } from '../i18n/language';
import { DayInput } from '../admin/DayInput';
import { FilterButton, FilterMenu, type FilterOption } from './FilterMenu';
import { DEFAULT_SORT, LIST_FILTER_KEYS, type ListFilterKey } from './inboxQuery';

const NONE: readonly string[] = [];

export const DEADLINE_FILTER_STATES = ['on_time', 'due_soon', 'overdue'] as const;

interface Props {
  filters: InboxFilters;
  sort: InboxSort | undefined;
  searching: boolean;
  /** A search without a sort that the core listed by deadline: too many hits to rank. */
  broadSearch: boolean;
  procedures: readonly ProcedureSummary[];
  options: InboxFilterOptions | null;
  language: Language;
  onFiltersChange(filters: InboxFilters): void;
  onSortChange(sort: InboxSort | undefined): void;
  onSaveView(): void;
}

export const FilterBar = memo(function FilterBar(props: Props) {
  const { t } = useTranslation();
  const { filters, options, language, onFiltersChange } = props;

  const lists = useMemo(() => {
    const procedure: FilterOption[] = props.procedures.map((entry) => ({
      value: entry.code,
      label: `${entry.code} — ${entry.shortTitle[language]}`,
    }));
    const status: FilterOption[] = CASE_STATUSES.map((value) => ({
      value,
      label: t(`status.${value}`),
    }));
    const office: FilterOption[] = (options?.offices ?? []).map((entry) => ({
      value: entry.code,
      label: `${entry.name} (${entry.code})`,
    }));
    const region: FilterOption[] = (options?.regions ?? []).map((value) => ({
      value,
      label: value,
    }));
    const assignee: FilterOption[] = [
      { value: 'none', label: t('filters.unassigned') },
      ...(options?.assignees ?? []).map((entry) => ({
        value: entry.id,
        label: entry.displayName,
      })),
    ];
    const deadline: FilterOption[] = DEADLINE_FILTER_STATES.map((value) => ({
      value,
      label: t(`filters.deadlineOptions.${value}`),
    }));
    return { procedure, status, office, region, assignee, deadline };
  }, [props.procedures, options, language, t]);

  // The menus' handlers read the filters in force, so that they stay the same functions and a
  // menu renders again only when its own ticks change (a chip toggled redrew all seven).
  const filtersNow = useRef(filters);
  useLayoutEffect(() => {
    filtersNow.current = filters;
  }, [filters]);
  const setList = useMemo(() => {
    const setters = {} as Record<ListFilterKey, (values: string[]) => void>;
    for (const key of LIST_FILTER_KEYS) {
      setters[key] = (values) => onFiltersChange({ ...filtersNow.current, [key]: values });
    }
    return (key: ListFilterKey) => setters[key];
  }, [onFiltersChange]);
  const setDates = useCallback(
    (dates: Pick<InboxFilters, 'submittedFrom' | 'submittedTo'>) =>
      onFiltersChange({ ...filtersNow.current, ...dates }),
    [onFiltersChange],
  );

  return (
    <Group gap={6} wrap="wrap" justify="space-between" px="md" pb="sm">
      <Group gap={6} wrap="wrap" role="toolbar" aria-label={t('filters.label')}>
        <FilterMenu
          label={t('filters.procedure')}
          options={lists.procedure}
          selected={filters.procedureCodes ?? NONE}
          onChange={setList('procedureCodes')}
          width={380}
        />
        <FilterMenu
          label={t('filters.status')}
          options={lists.status}
          selected={filters.statuses ?? NONE}
          onChange={setList('statuses')}
        />
        {/* Every queue is the clerk's office: the menu is there only for more than one. */}
        {lists.office.length > 1 && (
          <FilterMenu
            label={t('filters.office')}
            options={lists.office}
            selected={filters.officeCodes ?? NONE}
            onChange={setList('officeCodes')}
          />
        )}
        <FilterMenu
          label={t('filters.region')}
          options={lists.region}
          selected={filters.regions ?? NONE}
          onChange={setList('regions')}
        />
        <FilterMenu
          label={t('filters.assignee')}
          options={lists.assignee}
          selected={filters.assigneeIds ?? NONE}
          onChange={setList('assigneeIds')}
        />
        <DateRangeMenu from={filters.submittedFrom} to={filters.submittedTo} onChange={setDates} />
        <FilterMenu
          label={t('filters.deadline')}
          options={lists.deadline}
          selected={filters.deadlineStates ?? NONE}
          onChange={setList('deadlineStates')}
          width={220}
        />
      </Group>
      <Group gap={6} wrap="nowrap">
        <SortMenu
          sort={props.sort}
          searching={props.searching}
          broadSearch={props.broadSearch}
          language={language}
          onChange={props.onSortChange}
        />
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDeviceFloppy size={14} />}
          onClick={props.onSaveView}
        >
          {t('views.save')}
        </Button>
      </Group>
    </Group>
  );
});

/**
 * The browser's own date field: it reads and writes ISO days, follows the system's locale
 * (jj/mm/aaaa in French) and needs no date-picker library for two bounds.
 */
const CALENDAR_BESIDE = { withinPortal: false, position: 'right-start' } as const;

const DateRangeMenu = memo(function DateRangeMenu({
  from,
  to,
  onChange,
}: {
  from: string | undefined;
  to: string | undefined;
  onChange(dates: Pick<InboxFilters, 'submittedFrom' | 'submittedTo'>): void;
}) {
  const { t } = useTranslation();
  const count = (from ? 1 : 0) + (to ? 1 : 0);
  return (
    <Popover position="bottom-start" width={240} shadow="md" trapFocus>
      <Popover.Target>
        <FilterButton label={t('filters.submitted')} count={count} />
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <DayInput
            size="xs"
            label={t('filters.from')}
            value={from ?? ''}
            onChange={(day) => onChange({ submittedFrom: day || undefined })}
            // Inside this popover: a calendar in a portal would count as a click outside it.
            // Beside the fields, not below: the « Du » calendar would cover the « Au » field.
            popoverProps={CALENDAR_BESIDE}
            clearable
            data-autofocus
            data-testid="filter-submitted-from"
          />
          <DayInput
            size="xs"
            label={t('filters.to')}
            value={to ?? ''}
            onChange={(day) => onChange({ submittedTo: day || undefined })}
            popoverProps={CALENDAR_BESIDE}
            clearable
            data-testid="filter-submitted-to"
          />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
});

const SortMenu = memo(function SortMenu({
  sort,
  searching,
  broadSearch,
  language,
  onChange,
}: {
  language: Language;
  sort: InboxSort | undefined;
  searching: boolean;
  /** The search hits too many cases to rank: the core lists them by deadline. */
  broadSearch: boolean;
  onChange(sort: InboxSort | undefined): void;
}) {
  const { t } = useTranslation();
  const relevance = !sort && searching;
  const effective = sort ?? DEFAULT_SORT;
  const keyLabel = relevance
    ? t(broadSearch ? 'sort.broadSearch' : 'sort.relevance')
    : t(`sort.keys.${effective.key}`);
  const DirectionIcon = effective.direction === 'asc' ? IconSortAscending : IconSortDescending;
  return (
    <Menu position="bottom-end" width={220} shadow="md">
      <Menu.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={
            relevance ? <IconArrowsSort size={14} /> : <DirectionIcon size={14} stroke={1.8} />
          }
          // The visible « Tri : Échéance » first (speech input), then the order it hides.
          aria-label={`${t('sort.button', { key: keyLabel })}${
            relevance
              ? ''
              : `, ${effective.direction === 'asc' ? t('sort.ascending') : t('sort.descending')}`
          }`}
          data-testid="sort-menu"
          title={
            relevance && broadSearch
              ? t('sort.broadSearchHint', { formatted: formatNumber(RANKED_HITS_MAX, language) })
              : undefined
          }
        >
          {t('sort.button', { key: keyLabel })}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('sort.label')}</Menu.Label>
        {searching && (
          <Menu.Item
            onClick={() => onChange(undefined)}
            rightSection={relevance ? <IconCheck size={14} /> : null}
          >
            {t('sort.relevance')}
          </Menu.Item>
        )}
        {SORT_KEYS.map((key) => (
          <Menu.Item
            key={key}
            onClick={() => onChange({ key, direction: effective.direction })}
            rightSection={!relevance && effective.key === key ? <IconCheck size={14} /> : null}
          >
            {t(`sort.keys.${key}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Label>{t('sort.direction')}</Menu.Label>
        {(['asc', 'desc'] as const).map((direction) => (
          <Menu.Item
            key={direction}
            disabled={relevance}
            leftSection={
              direction === 'asc' ? (
                <IconSortAscending size={14} />
              ) : (
                <IconSortDescending size={14} />
              )
            }
            onClick={() => onChange({ key: effective.key, direction })}
            rightSection={
              !relevance && effective.direction === direction ? <IconCheck size={14} /> : null
            }
          >
            {t(`sort.${direction}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
});
