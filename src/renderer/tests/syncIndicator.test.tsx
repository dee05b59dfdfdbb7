// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../shared/api/client';
import type { SyncStatus } from '../../shared/api/types';
import { deferred, fakeEvents, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));
const toasts = vi.hoisted(() => ({ show: vi.fn(), clean: vi.fn() }));
vi.mock('@mantine/notifications', () => ({ notifications: toasts }));

const { connectLiveInvalidation } = await import('../src/api/liveInvalidation');
const { createQueryClient } = await import('../src/api/queryClient');
const { SyncIndicator } = await import('../src/shell/SyncIndicator');

const status = (patch: Partial<SyncStatus> = {}): SyncStatus => ({
  phase: 'idle',
  lastSuccessAt: null,
  offlineSince: null,
  pendingActions: 0,
  failedActions: 0,
  conflicts: 0,
  quarantined: 0,
  pulled: 0,
  remaining: null,
  errorMessage: null,
  ...patch,
});

const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method).length;
const label = () => screen.getByRole('status').textContent;
const syncButtons = () => screen.getAllByRole('button', { name: 'Synchroniser maintenant' });

describe('the sync indicator (was syncStore)', () => {
  let run: Deferred<SyncStatus>;
  beforeEach(() => {
    run = deferred();
    fake.call.mockImplementation((method: string) =>
      method === 'sync.status'
        ? Promise.resolve(status({ pendingActions: 2 }))
        : method === 'sync.now'
          ? run.promise
          : Promise.reject(new Error(`unexpected ${method}`)),
    );
  });

  it('asks the status once, then follows the core’s pushed progress without asking again', async () => {
    const queryClient = createQueryClient();
    const events = fakeEvents();
    const off = connectLiveInvalidation(events, queryClient);
    renderWithProviders(<SyncIndicator />, queryClient);
    await waitFor(() => expect(label()).toContain('Jamais synchronisé'));
    expect(screen.getByText('2 actions en attente')).toBeTruthy();
    // The waiting actions are listed in « Envois au portail »: the badge opens it.
    expect(screen.getByTestId('sync-pending').getAttribute('href')).toBe('#/outbox');

    act(() => events.emit('sync.progress', status({ phase: 'syncing', pulled: 3, remaining: 7 })));
    await waitFor(() => expect(label()).toContain('Synchronisation… 7 restants'));
    expect(screen.queryByText('2 actions en attente')).toBeNull();
    act(() => events.emit('sync.progress', status({ conflicts: 1 })));
    await waitFor(() =>
      expect(screen.getByTestId('sync-conflicts').textContent).toBe('1 dossier en conflit'),
    );
    expect(callsOf('sync.status')).toBe(1);
    off();
  });

  it('« Synchroniser maintenant » is busy until the run answers, runs once, and shows its outcome', async () => {
    renderWithProviders(<SyncIndicator />, createQueryClient());
    await waitFor(() => expect(label()).toContain('Jamais synchronisé'));
    fireEvent.click(syncButtons()[0]!);
    await waitFor(() =>
      syncButtons().forEach((button) => expect(button.getAttribute('data-loading')).toBe('true')),
    );
    fireEvent.click(syncButtons()[1]!);
    expect(callsOf('sync.now')).toBe(1);

    act(() => run.resolve(status({ lastSuccessAt: new Date().toISOString(), pulled: 5 })));
    await waitFor(() => expect(label()).toContain('À jour'));
    syncButtons().forEach((button) => expect(button.hasAttribute('data-loading')).toBe(false));
    expect(screen.queryByText('2 actions en attente')).toBeNull();
    expect(toasts.show).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Synchronisation terminée',
        message: '5 dossiers reçus du portail.',
      }),
    );
    expect(callsOf('sync.status')).toBe(1);
  });

  it('a refused run says why, and the status stays as it was', async () => {
    renderWithProviders(<SyncIndicator />, createQueryClient());
    await waitFor(() => expect(label()).toContain('Jamais synchronisé'));
    fireEvent.click(syncButtons()[0]!);
    await waitFor(() => expect(callsOf('sync.now')).toBe(1));
    act(() => run.reject(new ApiCallError({ code: 'forbidden', message: 'Session verrouillée.' })));
    await waitFor(() =>
      expect(toasts.show).toHaveBeenCalledWith(
        expect.objectContaining({
          title: 'La synchronisation a échoué',
          message: 'Session verrouillée.',
        }),
      ),
    );
    expect(screen.getByText('2 actions en attente')).toBeTruthy();
    syncButtons().forEach((button) => expect(button.hasAttribute('data-loading')).toBe(false));
  });

  it('says so when the status cannot be read', async () => {
    fake.call.mockImplementation(() => Promise.reject(new Error('down')));
    renderWithProviders(<SyncIndicator />, createQueryClient());
    await waitFor(() => expect(label()).toContain('État de synchronisation indisponible'));
  });
});
