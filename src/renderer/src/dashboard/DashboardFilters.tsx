import { Group, MultiSelect, Pill, SegmentedControl, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../admin/DayInput';
import { useLanguage } from '../shell/useLanguage';
import { useSessionStore } from '../stores/sessionStore';
import { PERIOD_PRESETS, periodProblem, type PeriodPreset } from './dashboardPeriod';
import { useDashboardStore } from './dashboardStore';

/** Period (presets or two dates) and procedures: every figure below follows them. */
export function DashboardFilters() {
  const { t } = useTranslation();
  const language = useLanguage();
  const procedures = useSessionStore((state) => state.procedures);
  const preset = useDashboardStore((state) => state.preset);
  const custom = useDashboardStore((state) => state.custom);
  const procedureCodes = useDashboardStore((state) => state.procedureCodes);
  const { setPreset, setCustom, setProcedureCodes } = useDashboardStore.getState();
  const problem = preset === 'custom' ? periodProblem(custom) : null;
  const invalid = problem === 'order' || problem === 'length';

  return (
    <Group
      gap="sm"
      align="flex-end"
      wrap="wrap"
      role="group"
      aria-label={t('dashboard.filters.label')}
      data-testid="dashboard-filters"
    >
      <div>
        <Text size="sm" fw={500} mb={4} id="dashboard-period-label">
          {t('dashboard.filters.period')}
        </Text>
        <SegmentedControl
          size="sm"
          value={preset}
          onChange={(value) => setPreset(value as PeriodPreset)}
          aria-labelledby="dashboard-period-label"
          data-testid="period-presets"
          data={PERIOD_PRESETS.map((value) => ({
            value,
            label: t(`dashboard.filters.presets.${value}`),
          }))}
        />
      </div>
      {preset === 'custom' && (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <DayInput
            size="sm"
            w={150}
            label={t('dashboard.filters.from')}
            value={custom.from}
            onChange={(from) => setCustom({ ...custom, from })}
            error={invalid ? true : undefined}
            data-testid="period-from"
          />
          <DayInput
            size="sm"
            w={150}
            label={t('dashboard.filters.to')}
            value={custom.to}
            onChange={(to) => setCustom({ ...custom, to })}
            error={
              problem === 'order'
                ? t('dashboard.filters.invalidRange')
                : problem === 'length'
                  ? t('dashboard.filters.tooLong')
                  : undefined
            }
            data-testid="period-to"
          />
        </Group>
      )}
      <MultiSelect
        size="sm"
        w={320}
        label={t('dashboard.filters.procedures')}
        placeholder={procedureCodes.length === 0 ? t('dashboard.filters.allProcedures') : undefined}
        data={procedures.map((procedure) => ({
          value: procedure.code,
          label: `${procedure.code} — ${procedure.shortTitle[language]}`,
        }))}
        value={procedureCodes}
        onChange={setProcedureCodes}
        // The pill shows the code alone, so several fit on one line; the list shows the titles.
        renderPill={({ option, value, onRemove, disabled }) => (
          <Pill withRemoveButton onRemove={onRemove} disabled={disabled} title={option.label}>
            {value}
          </Pill>
        )}
        clearable
        searchable
        maxValues={20}
        comboboxProps={{ withinPortal: true }}
        data-testid="procedure-filter"
      />
    </Group>
  );
}
