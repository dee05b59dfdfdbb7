// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboxNotification, NotificationList } from '../../shared/api/assignmentTypes';
import type { CurrentUser } from '../../shared/api/types';
import { deferred, fakeEvents, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));

const { connectLiveInvalidation } = await import('../src/api/liveInvalidation');
const { createQueryClient } = await import('../src/api/queryClient');
const { NotificationBell } = await import('../src/assignment/NotificationBell');
const { useSessionStore } = await import('../src/stores/sessionStore');

const item = (id: number, read = false): InboxNotification => ({
  id,
  kind: 'case.assigned',
  caseId: `c${id}`,
  reference: `REF-${id}`,
  byName: 'Afi Amouzou',
  at: '2026-11-20T10:00:00.000Z',
  read,
  count: 1,
  ids: [id],
});

const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method).length;
const bell = () => screen.getByTestId('notification-bell');
const readStates = () =>
  screen.getAllByTestId('notification-item').map((row) => row.getAttribute('data-read'));

// jsdom lays nothing out, so Mantine's focus trap finds no « visible » element in the popover.
const quiet = (log: (...args: unknown[]) => void) =>
  function (...args: unknown[]) {
    if (String(args[0]).startsWith('[@mantine/hooks/use-focus-trap]')) return;
    log(...args);
  };
console.error = quiet(console.error.bind(console));
console.warn = quiet(console.warn.bind(console));

describe('the notification bell (was its own fetch and reload)', () => {
  let list: NotificationList;
  let markRead: Deferred<void>;
  beforeEach(() => {
    list = { unread: 2, items: [item(1), item(2), item(3, true)] };
    markRead = deferred();
    useSessionStore.setState({ user: { id: 'u1', role: 'agent' } as CurrentUser });
    fake.call.mockImplementation((method: string) =>
      method === 'notifications.list'
        ? Promise.resolve(structuredClone(list))
        : method === 'notifications.markRead'
          ? markRead.promise
          : Promise.reject(new Error(`unexpected ${method}`)),
    );
  });

  it('refetches when the core says this user’s notifications changed, and only then', async () => {
    const queryClient = createQueryClient();
    const events = fakeEvents();
    const off = connectLiveInvalidation(events, queryClient, { userId: 'u1' });
    renderWithProviders(<NotificationBell />, queryClient);
    await waitFor(() =>
      expect(bell().getAttribute('aria-label')).toBe('Notifications : 2 non lues'),
    );

    act(() => events.emit('notifications.changed', { userIds: ['u2'] }));
    list = { unread: 3, items: [item(4), ...list.items] };
    act(() => events.emit('notifications.changed', { userIds: ['u2', 'u1'] }));
    await waitFor(() =>
      expect(bell().getAttribute('aria-label')).toBe('Notifications : 3 non lues'),
    );
    expect(callsOf('notifications.list')).toBe(2);
    off();
  });

  it('« Tout marquer comme lu » shows them read at once, and the core’s list confirms it', async () => {
    renderWithProviders(<NotificationBell />, createQueryClient());
    await waitFor(() =>
      expect(bell().getAttribute('aria-label')).toBe('Notifications : 2 non lues'),
    );
    fireEvent.click(bell());
    fireEvent.click(await screen.findByRole('button', { name: 'Tout marquer comme lu' }));
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications'));
    expect(readStates()).toEqual(['true', 'true', 'true']);
    expect(fake.call).toHaveBeenCalledWith('notifications.markRead', {});

    list = { unread: 0, items: list.items.map((entry) => ({ ...entry, read: true })) };
    act(() => markRead.resolve());
    await waitFor(() => expect(callsOf('notifications.list')).toBe(2));
    expect(bell().getAttribute('aria-label')).toBe('Notifications');
  });

  it('a refused « marquer comme lu » puts the list back as it was', async () => {
    renderWithProviders(<NotificationBell />, createQueryClient());
    await waitFor(() =>
      expect(bell().getAttribute('aria-label')).toBe('Notifications : 2 non lues'),
    );
    fireEvent.click(bell());
    fireEvent.click(await screen.findByRole('button', { name: 'Tout marquer comme lu' }));
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications'));
    act(() => markRead.reject(new Error('refused')));
    await waitFor(() =>
      expect(bell().getAttribute('aria-label')).toBe('Notifications : 2 non lues'),
    );
    expect(readStates()).toEqual(['false', 'false', 'true']);
  });

  it('says who took a case over and when, beside the assignments', async () => {
    const at = new Date().toISOString();
    list = {
      unread: 2,
      items: [{ ...item(5), kind: 'case.taken_over', byName: 'Edem Lawson', at }, item(1)],
    };
    renderWithProviders(<NotificationBell />, createQueryClient());
    fireEvent.click(bell());
    const rows = await screen.findAllByTestId('notification-item');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(
        /^Dossier REF-5 repris par Edem Lawson à (\d{2}\/\d{2}\/\d{4} )?\d{2}:\d{2}/,
      ),
      expect.stringMatching(/^Dossier REF-1 vous a été affecté par Afi Amouzou/),
    ]);
  });

  it('tells a bulk assignment as one entry; opening it reads them all', async () => {
    const ids = Array.from({ length: 73 }, (_, index) => 100 + index);
    list = { unread: 74, items: [{ ...item(172), count: 73, ids }, item(1)] };
    renderWithProviders(<NotificationBell />, createQueryClient());
    await waitFor(() =>
      expect(bell().getAttribute('aria-label')).toBe('Notifications : 74 non lues'),
    );
    fireEvent.click(bell());
    const rows = await screen.findAllByTestId('notification-item');
    expect(rows[0]!.textContent).toMatch(/^73 dossiers vous ont été affectés par Afi Amouzou/);
    fireEvent.click(rows[0]!);
    await waitFor(() => expect(fake.call).toHaveBeenCalledWith('notifications.markRead', { ids }));
    await waitFor(() =>
      expect(bell().getAttribute('aria-label')).toBe('Notifications : 1 non lue'),
    );
  });

  it('says so when the list cannot be read', async () => {
    fake.call.mockImplementation(() => Promise.reject(new Error('down')));
    renderWithProviders(<NotificationBell />, createQueryClient());
    await waitFor(() => expect(callsOf('notifications.list')).toBe(1));
    fireEvent.click(bell());
    expect(await screen.findByRole('alert')).toBeTruthy();
  });
});
