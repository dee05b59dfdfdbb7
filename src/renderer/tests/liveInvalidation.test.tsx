// @vitest-environment jsdom
import { act, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvents } from '../../shared/api/events';
import { fakeEvents, renderWithProviders } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));

const { connectLiveInvalidation } = await import('../src/api/liveInvalidation');
const { apiKey, useApiQuery } = await import('../src/api/queries');
const { createQueryClient } = await import('../src/api/queryClient');

/** How many times each `[method, input]` was asked of the core. */
function callsOf(method: string, input?: unknown): number {
  return fake.call.mock.calls.filter(
    ([name, given]) =>
      name === method && (input === undefined || JSON.stringify(given) === JSON.stringify(input)),
  ).length;
}

const INBOX = { queue: 'all', filters: {}, search: '' } as const;

function Screen() {
  // Four reads on screen at once, as the desk has them: two cases, a list, the saved views.
  useApiQuery('cases.get', { id: 'a' });
  useApiQuery('cases.get', { id: 'b' });
  useApiQuery('inbox.list', INBOX);
  useApiQuery('views.list', {});
  return null;
}

/** The queue navigation's read, as QueueNav makes it. */
function QueueCounts() {
  useApiQuery('inbox.counts', {}, { staleTime: Infinity });
  return null;
}

describe('the core events invalidate the cached reads they concern', () => {
  beforeEach(() => {
    fake.call.mockImplementation(async (method: string, input: { id?: string }) => {
      if (method === 'cases.get') return { row: { id: input.id } };
      if (method === 'inbox.list') return { rows: [], nextCursor: null };
      return [];
    });
  });

  it('refetches the changed case at once and the lists after a pause, and nothing else', async () => {
    const queryClient = createQueryClient();
    const events = fakeEvents();
    const off = connectLiveInvalidation(events, queryClient, { quietMs: 20, maxWaitMs: 100 });
    renderWithProviders(<Screen />, queryClient);
    await waitFor(() => expect(fake.call).toHaveBeenCalledTimes(4));

    act(() => events.emit('cases.changed', { ids: ['a'] }));
    await waitFor(() => expect(callsOf('cases.get', { id: 'a' })).toBe(2));
    expect(callsOf('cases.get', { id: 'b' })).toBe(1);
    // The lists wait for the burst to end…
    expect(callsOf('inbox.list')).toBe(1);
    // …then follow.
    await waitFor(() => expect(callsOf('inbox.list')).toBe(2));
    expect(callsOf('views.list')).toBe(1);
    expect(callsOf('cases.get', { id: 'b' })).toBe(1);
    off();
  });

  it('a burst of sync progress is one refetch of the lists', async () => {
    const queryClient = createQueryClient();
    const events = fakeEvents();
    const off = connectLiveInvalidation(events, queryClient, { quietMs: 20, maxWaitMs: 1000 });
    renderWithProviders(<Screen />, queryClient);
    await waitFor(() => expect(fake.call).toHaveBeenCalledTimes(4));

    const status = { phase: 'syncing' } as ApiEvents['sync.progress'];
    act(() => {
      for (let pulled = 1; pulled <= 5; pulled++)
        events.emit('sync.progress', { ...status, pulled });
    });
    await waitFor(() => expect(callsOf('inbox.list')).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(callsOf('inbox.list')).toBe(2);
    expect(callsOf('cases.get')).toBe(2);
    expect(callsOf('views.list')).toBe(1);
    off();
  });

  it('refetches the queue counts when cases change, although they never go stale by time', async () => {
    fake.call.mockImplementation(async (method: string) =>
      method === 'inbox.counts' ? { mine: callsOf('inbox.counts') } : [],
    );
    const queryClient = createQueryClient();
    const events = fakeEvents();
    const off = connectLiveInvalidation(events, queryClient, { quietMs: 5, maxWaitMs: 50 });
    renderWithProviders(<QueueCounts />, queryClient);
    await waitFor(() => expect(callsOf('inbox.counts')).toBe(1));

    act(() => events.emit('cases.changed', { ids: ['a'] }));
    await waitFor(() => expect(callsOf('inbox.counts')).toBe(2));
    await waitFor(() =>
      expect(queryClient.getQueryData(apiKey('inbox.counts', {}))).toEqual({ mine: 2 }),
    );
    off();
  });

  it('an open case’s linked records are read again when any case changes (issue 20 §2)', async () => {
    const queryClient = createQueryClient();
    const events = fakeEvents();
    const off = connectLiveInvalidation(events, queryClient, { quietMs: 20, maxWaitMs: 100 });
    function Linked() {
      useApiQuery('cases.linked', { id: 'a' });
      return null;
    }
    renderWithProviders(<Linked />, queryClient);
    await waitFor(() => expect(callsOf('cases.linked', { id: 'a' })).toBe(1));
    // The card it cites was revoked on another case.
    act(() => events.emit('cases.changed', { ids: ['card-case'] }));
    await waitFor(() => expect(callsOf('cases.linked', { id: 'a' })).toBe(2));
    off();
  });

  it('every case is read again when the desk is cut off from the portal, and when it is back', async () => {
    const queryClient = createQueryClient();
    const events = fakeEvents();
    const off = connectLiveInvalidation(events, queryClient, { quietMs: 5, maxWaitMs: 10 });
    renderWithProviders(<Screen />, queryClient);
    await waitFor(() => expect(fake.call).toHaveBeenCalledTimes(4));
    const status = (phase: string) => ({ phase, pulled: 0 }) as ApiEvents['sync.progress'];

    act(() => events.emit('sync.progress', status('idle')));
    act(() => events.emit('sync.progress', status('idle')));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(callsOf('cases.get', { id: 'a' })).toBe(1);
    // Offline: an enrolled desk's claim becomes provisional, although no case changed.
    act(() => events.emit('sync.progress', status('offline')));
    await waitFor(() => expect(callsOf('cases.get', { id: 'a' })).toBe(2));
    await waitFor(() => expect(callsOf('cases.get', { id: 'b' })).toBe(2));
    act(() => events.emit('sync.progress', status('paused')));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(callsOf('cases.get', { id: 'a' })).toBe(2);
    act(() => events.emit('sync.progress', status('idle')));
    await waitFor(() => expect(callsOf('cases.get', { id: 'a' })).toBe(3));
    off();
  });

  it('documents settled: only the cases named are read again, not the lists', async () => {
    const queryClient = createQueryClient();
    const events = fakeEvents();
    const off = connectLiveInvalidation(events, queryClient, { quietMs: 5, maxWaitMs: 10 });
    renderWithProviders(<Screen />, queryClient);
    await waitFor(() => expect(fake.call).toHaveBeenCalledTimes(4));
    act(() => events.emit('documents.changed', { caseIds: ['b', 'elsewhere'] }));
    await waitFor(() => expect(callsOf('cases.get', { id: 'b' })).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(callsOf('cases.get', { id: 'a' })).toBe(1);
    expect(callsOf('inbox.list')).toBe(1);
    off();
  });

  it('a pushed sync status is the indicator’s answer, without a request', () => {
    const queryClient = createQueryClient();
    const events = fakeEvents();
    const off = connectLiveInvalidation(events, queryClient);
    const status = { phase: 'syncing', pulled: 4, remaining: 6 } as ApiEvents['sync.progress'];
    events.emit('sync.progress', status);
    expect(queryClient.getQueryData(apiKey('sync.status', {}))).toEqual(status);
    expect(fake.call).not.toHaveBeenCalled();
    off();
  });

  it('stops listening when disconnected', async () => {
    const queryClient = createQueryClient();
    const events = fakeEvents();
    const off = connectLiveInvalidation(events, queryClient, { quietMs: 5, maxWaitMs: 10 });
    renderWithProviders(<Screen />, queryClient);
    await waitFor(() => expect(fake.call).toHaveBeenCalledTimes(4));
    off();
    events.emit('cases.changed', { ids: ['a', 'b'] });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.call).toHaveBeenCalledTimes(4);
  });
});
