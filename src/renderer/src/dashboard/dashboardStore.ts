import { create } from 'zustand';
import type { DashboardData } from '../../../shared/api/dashboardTypes';
import { api } from '../api/api';
import {
  isValidPeriod,
  periodOf,
  todayOf,
  type Period,
  type PeriodPreset,
} from './dashboardPeriod';

interface DashboardState {
  preset: PeriodPreset;
  /** The dates of « Personnalisé », kept when switching to a preset and back. */
  custom: Period;
  procedureCodes: string[];
  phase: 'loading' | 'ready' | 'error';
  /** A reload with the current figures still on screen (filter change, live update). */
  refreshing: boolean;
  data: DashboardData | null;
  error: unknown;
  period(): Period;
  setPreset(preset: PeriodPreset): void;
  setCustom(custom: Period): void;
  setProcedureCodes(codes: string[]): void;
  load(): Promise<void>;
}

/** Answers arriving after a newer request are dropped: the filters may change while loading. */
let latestRequest = 0;

const initialCustom = (): Period => periodOf('last30', todayOf(new Date()), { from: '', to: '' });

/** The supervisor's dashboard: filters and the figures for them. */
export const useDashboardStore = create<DashboardState>()((set, get) => ({
  preset: 'last30',
  custom: initialCustom(),
  procedureCodes: [],
  phase: 'loading',
  refreshing: false,
  data: null,
  error: null,
  period: () => periodOf(get().preset, todayOf(new Date()), get().custom),
  setPreset(preset) {
    // « Personnalisé » starts from what was on screen, so the dates need only a small change.
    const custom = preset === 'custom' && get().preset !== 'custom' ? get().period() : get().custom;
    set({ preset, custom });
    void get().load();
  },
  setCustom(custom) {
    set({ custom });
    if (isValidPeriod(custom)) void get().load();
  },
  setProcedureCodes(procedureCodes) {
    set({ procedureCodes });
    void get().load();
  },
  async load() {
    const period = get().period();
    if (!isValidPeriod(period)) return;
    const request = ++latestRequest;
    set(get().data ? { refreshing: true } : { phase: 'loading', error: null });
    try {
      const { procedureCodes } = get();
      const data = await api.call('dashboard.summary', {
        ...period,
        ...(procedureCodes.length > 0 ? { procedureCodes } : {}),
      });
      if (request === latestRequest) {
        set({ data, phase: 'ready', refreshing: false, error: null });
      }
    } catch (error) {
      if (request === latestRequest) set({ phase: 'error', error, refreshing: false });
    }
  },
}));
