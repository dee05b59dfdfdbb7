// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../shared/api/client';
import type { DashboardData } from '../../shared/api/dashboardTypes';
import type { CurrentUser } from '../../shared/api/types';
import { deferred, fakeEvents, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));
const toasts = vi.hoisted(() => ({ show: vi.fn(), clean: vi.fn() }));
vi.mock('@mantine/notifications', () => ({ notifications: toasts }));
// The figures' own components are not what is tested here: stubs say which answer they show.
vi.mock('../src/dashboard/KpiCards', () => ({
  KpiCards: ({ data }: { data: DashboardData }) => (
    <div data-testid="kpi">{`${data.period.from}→${data.period.to}:${data.totals.received}`}</div>
  ),
  KpiCardsSkeleton: () => null,
}));
vi.mock('../src/dashboard/DashboardCharts', () => ({
  InflowChart: () => null,
  BacklogByAgeChart: () => null,
  BacklogByProcedureChart: () => null,
}));
vi.mock('../src/dashboard/ClerksTable', () => ({ ClerksTable: () => null }));
vi.mock('../src/dashboard/OverdueTable', () => ({ OverdueTable: () => null }));
vi.mock('../src/dashboard/DashboardFilters', () => ({ DashboardFilters: () => null }));

const { connectLiveInvalidation } = await import('../src/api/liveInvalidation');
const { createQueryClient } = await import('../src/api/queryClient');
const { DashboardView } = await import('../src/dashboard/DashboardView');
const { ExportButtons } = await import('../src/dashboard/ExportButtons');
const { useDashboardStore } = await import('../src/dashboard/dashboardStore');
const { useSessionStore } = await import('../src/stores/sessionStore');

interface Request {
  input: { from: string; to: string; procedureCodes?: string[] };
  answer: Deferred<DashboardData>;
}
let requests: Request[];

const figures = (input: Request['input'], received: number) =>
  ({
    period: { from: input.from, to: input.to },
    totals: { received, decided: 1 },
  }) as DashboardData;

function answer(index: number, received: number) {
  const request = requests[index]!;
  act(() => request.answer.resolve(figures(request.input, received)));
}

const kpi = () => screen.getByTestId('kpi').textContent;
const updating = () => screen.queryByLabelText('Mise à jour…');

describe('the dashboard (was its own loading, stale-answer counter and live timer)', () => {
  beforeEach(() => {
    requests = [];
    useSessionStore.setState({
      user: { id: 'u1', role: 'superviseur', officeCode: 'LOM' } as CurrentUser,
    });
    useDashboardStore.setState({
      preset: 'custom',
      custom: { from: '2026-11-01', to: '2026-11-30' },
      procedureCodes: [],
    });
    fake.call.mockImplementation((method: string, input: Request['input']) => {
      if (method !== 'dashboard.summary') return Promise.reject(new Error(`unexpected ${method}`));
      const request = { input, answer: deferred<DashboardData>() };
      requests.push(request);
      return request.answer.promise;
    });
  });

  it('keeps the figures on screen while new filters load, and never shows an older answer over a newer one', async () => {
    renderWithProviders(<DashboardView />, createQueryClient());
    expect(screen.getByTestId('dashboard-loading')).toBeTruthy();
    await waitFor(() => expect(requests).toHaveLength(1));
    answer(0, 10);
    await waitFor(() => expect(kpi()).toBe('2026-11-01→2026-11-30:10'));
    expect(updating()).toBeNull();

    act(() => useDashboardStore.getState().setProcedureCodes(['IMPEX']));
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]!.input).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      procedureCodes: ['IMPEX'],
    });
    act(() => useDashboardStore.getState().setProcedureCodes(['APIPS']));
    await waitFor(() => expect(requests).toHaveLength(3));
    expect(kpi()).toBe('2026-11-01→2026-11-30:10');
    expect(updating()).toBeTruthy();

    answer(2, 3);
    await waitFor(() => expect(kpi()).toBe('2026-11-01→2026-11-30:3'));
    answer(1, 7);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(kpi()).toBe('2026-11-01→2026-11-30:3');
    expect(updating()).toBeNull();
  });

  it('a half-typed custom period asks nothing and keeps the figures', async () => {
    renderWithProviders(<DashboardView />, createQueryClient());
    await waitFor(() => expect(requests).toHaveLength(1));
    answer(0, 10);
    await waitFor(() => expect(kpi()).toContain(':10'));
    act(() => useDashboardStore.getState().setCustom({ from: '2026-12-01', to: '2026-1' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests).toHaveLength(1);
    expect(kpi()).toBe('2026-11-01→2026-11-30:10');
    act(() => useDashboardStore.getState().setCustom({ from: '2026-12-01', to: '2026-12-05' }));
    await waitFor(() => expect(requests).toHaveLength(2));
  });

  it('follows the core’s events: a change of cases refetches the figures on screen', async () => {
    const queryClient = createQueryClient();
    const events = fakeEvents();
    const off = connectLiveInvalidation(events, queryClient, { quietMs: 5, maxWaitMs: 20 });
    renderWithProviders(<DashboardView />, queryClient);
    await waitFor(() => expect(requests).toHaveLength(1));
    answer(0, 10);
    await waitFor(() => expect(kpi()).toContain(':10'));
    act(() => events.emit('cases.changed', { ids: ['c1', 'c2'] }));
    await waitFor(() => expect(requests).toHaveLength(2));
    answer(1, 12);
    await waitFor(() => expect(kpi()).toContain(':12'));
    off();
  });

  it('a failure offers a retry', async () => {
    renderWithProviders(<DashboardView />, createQueryClient());
    await waitFor(() => expect(requests).toHaveLength(1));
    act(() =>
      requests[0]!.answer.reject(
        new ApiCallError({ code: 'internal', message: 'Base indisponible.' }),
      ),
    );
    expect((await screen.findByTestId('dashboard-error')).textContent).toContain(
      'Base indisponible.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(requests).toHaveLength(2));
    answer(1, 4);
    await waitFor(() => expect(kpi()).toContain(':4'));
  });
});

describe('the export buttons (were a busy flag by hand)', () => {
  it('exports with the filters on screen, one format at a time, and names the file', async () => {
    URL.createObjectURL ??= () => 'blob:bureau';
    URL.revokeObjectURL ??= () => undefined;
    useDashboardStore.setState({
      preset: 'custom',
      custom: { from: '2026-11-01', to: '2026-11-30' },
      procedureCodes: ['IMPEX'],
    });
    const exported = deferred<unknown>();
    fake.call.mockImplementation(() => exported.promise);
    renderWithProviders(<ExportButtons table="clerks" />, createQueryClient());
    const csv = screen.getByTestId('export-clerks-csv');
    const xlsx = screen.getByTestId('export-clerks-xlsx');
    fireEvent.click(csv);
    await waitFor(() => expect(csv.getAttribute('data-loading')).toBe('true'));
    expect(xlsx.hasAttribute('disabled')).toBe(true);
    fireEvent.click(csv);
    expect(fake.call).toHaveBeenCalledTimes(1);
    expect(fake.call).toHaveBeenCalledWith('dashboard.export', {
      query: { from: '2026-11-01', to: '2026-11-30', procedureCodes: ['IMPEX'] },
      table: 'clerks',
      format: 'csv',
    });
    act(() =>
      exported.resolve({ fileName: 'agents.csv', mimeType: 'text/csv', base64: btoa('a;b') }),
    );
    await waitFor(() => expect(csv.hasAttribute('data-loading')).toBe(false));
    expect(xlsx.hasAttribute('disabled')).toBe(false);
    expect(toasts.show).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Fichier enregistré : agents.csv' }),
    );
  });
});
