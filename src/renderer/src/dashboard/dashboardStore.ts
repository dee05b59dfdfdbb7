import { keepPreviousData } from '@tanstack/react-query';
import { create } from 'zustand';
import { useApiQuery } from '../api/queries';
import {
  isValidPeriod,
  periodOf,
  todayOf,
  type Period,
  type PeriodPreset,
} from './dashboardPeriod';

/**
 * The supervisor's dashboard filters. UI state only: the figures for them are server state,
 * cached by TanStack Query (`useDashboardSummary`).
 */
interface DashboardState {
  preset: PeriodPreset;
  /** The dates of « Personnalisé », kept when switching to a preset and back. */
  custom: Period;
  procedureCodes: string[];
  period(): Period;
  setPreset(preset: PeriodPreset): void;
  setCustom(custom: Period): void;
  setProcedureCodes(codes: string[]): void;
}

const initialCustom = (): Period => periodOf('last30', todayOf(new Date()), { from: '', to: '' });

export const useDashboardStore = create<DashboardState>()((set, get) => ({
  preset: 'last30',
  custom: initialCustom(),
  procedureCodes: [],
  period: () => periodOf(get().preset, todayOf(new Date()), get().custom),
  setPreset(preset) {
    // « Personnalisé » starts from what was on screen, so the dates need only a small change.
    const custom = preset === 'custom' && get().preset !== 'custom' ? get().period() : get().custom;
    set({ preset, custom });
  },
  setCustom(custom) {
    set({ custom });
  },
  setProcedureCodes(procedureCodes) {
    set({ procedureCodes });
  },
}));

/**
 * The figures for the chosen filters, cached under `['dashboard.summary', input]`. While new
 * filters are being fetched (or « Personnalisé » is half typed) the previous figures stay on
 * screen; a sync or a change of cases refetches them (`liveInvalidation.ts`).
 */
export function useDashboardSummary() {
  const preset = useDashboardStore((state) => state.preset);
  const custom = useDashboardStore((state) => state.custom);
  const procedureCodes = useDashboardStore((state) => state.procedureCodes);
  const period = periodOf(preset, todayOf(new Date()), custom);
  const summary = useApiQuery(
    'dashboard.summary',
    { ...period, ...(procedureCodes.length > 0 ? { procedureCodes } : {}) },
    { enabled: isValidPeriod(period), placeholderData: keepPreviousData },
  );
  return {
    period,
    data: summary.data ?? null,
    error: summary.isError ? summary.error : null,
    /** A reload with figures still on screen (filter change, live update). */
    refreshing: summary.isFetching && summary.data !== undefined,
    retry: () => void summary.refetch(),
  };
}
