// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboxPage, InboxQuery, InboxRow } from '../../shared/api/types';
import { deferred, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));

const { queryClient } = await import('../src/api/queryClient');
const { shownInboxRows, useInboxList } = await import('../src/inbox/inboxList');
const { useInboxStore } = await import('../src/stores/inboxStore');

const row = (id: string) => ({ id, reference: id }) as InboxRow;
const page = (...ids: string[]): InboxPage => ({ rows: ids.map(row), nextCursor: null });

/** Each `inbox.list` request waits until the test answers it, in the order the test chooses. */
let pending: { input: InboxQuery & { cursor: string | null }; answer: Deferred<InboxPage> }[];

function answer(search: string, result: InboxPage, which: 'first' | 'last' = 'first') {
  const matching = pending.filter((request) => request.input.search === search);
  const request = which === 'first' ? matching[0] : matching[matching.length - 1];
  if (!request) throw new Error(`no request for « ${search} »`);
  pending = pending.filter((other) => other !== request);
  act(() => request.answer.resolve(result));
}

function Probe() {
  const list = useInboxList('all');
  return (
    <div>
      <span data-testid="phase">{list.phase}</span>
      <span data-testid="rows">{list.rows.map((item) => item.id).join(',')}</span>
      <span data-testid="stale">{String(list.stale)}</span>
      <span data-testid="shown">{list.shownQuery?.search ?? '-'}</span>
    </div>
  );
}

const text = (id: string) => screen.getByTestId(id).textContent;

describe('the inbox list (server state in TanStack Query, UI state in the store)', () => {
  beforeEach(() => {
    queryClient.clear();
    useInboxStore.setState(useInboxStore.getInitialState(), true);
    useInboxStore.getState().applyQuery({ queue: 'all', filters: {}, search: '' });
    pending = [];
    fake.call.mockImplementation((method: string, input: InboxQuery & { cursor: null }) => {
      if (method === 'inbox.total') return Promise.resolve(0);
      const request = { input, answer: deferred<InboxPage>() };
      pending.push(request);
      return request.answer.promise;
    });
  });

  it('a late answer to an older search never replaces the newer one', async () => {
    renderWithProviders(<Probe />, queryClient);
    await waitFor(() => expect(pending).toHaveLength(1));
    answer('', page('a1', 'a2'));
    await waitFor(() => expect(text('rows')).toBe('a1,a2'));

    act(() => useInboxStore.getState().setSearch('ko'));
    await waitFor(() => expect(pending.map((request) => request.input.search)).toEqual(['ko']));
    act(() => useInboxStore.getState().setSearch('kodjo'));
    await waitFor(() => expect(pending).toHaveLength(2));

    // While both are on their way, the previous rows stay on screen, dimmed: no empty flash.
    expect(text('rows')).toBe('a1,a2');
    expect(text('stale')).toBe('true');

    answer('kodjo', page('k1'));
    await waitFor(() => expect(text('rows')).toBe('k1'));
    expect(text('shown')).toBe('kodjo');
    expect(text('stale')).toBe('false');

    // « ko » answers last, slowly: it is kept for « ko », never shown for « kodjo ».
    answer('ko', page('x1', 'x2', 'x3'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(text('rows')).toBe('k1');
    expect(shownInboxRows().map((item) => item.id)).toEqual(['k1']);
  });

  it('a refresh answering late never replaces the refresh that followed it', async () => {
    renderWithProviders(<Probe />, queryClient);
    await waitFor(() => expect(pending).toHaveLength(1));
    answer('', page('a1'));
    await waitFor(() => expect(text('rows')).toBe('a1'));

    // Two events in a row: the first refresh is overtaken by the second.
    act(() => void queryClient.invalidateQueries({ queryKey: ['inbox.list'] }));
    await waitFor(() => expect(pending).toHaveLength(1));
    act(() => void queryClient.invalidateQueries({ queryKey: ['inbox.list'] }));
    await waitFor(() => expect(pending).toHaveLength(2));

    answer('', page('new1', 'new2'), 'last');
    await waitFor(() => expect(text('rows')).toBe('new1,new2'));
    answer('', page('old1'), 'first');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(text('rows')).toBe('new1,new2');
  });

  it('another queue shows a skeleton rather than the previous queue’s rows', async () => {
    renderWithProviders(<Probe />, queryClient);
    await waitFor(() => expect(pending).toHaveLength(1));
    answer('', page('a1'));
    await waitFor(() => expect(text('phase')).toBe('ready'));
    act(() => useInboxStore.getState().show('mine'));
    // The probe is the view of « Tous »: the store now holds « Mes dossiers ».
    expect(text('phase')).toBe('loading');
  });

  it('keeps the current row and the ticks coherent when fresh rows arrive', () => {
    const store = useInboxStore.getState();
    const before = ['a', 'b', 'c', 'd'].map(row);
    store.select('c');
    store.toggleChecked(before, 'b');
    store.toggleChecked(before, 'd');
    // « c » and « d » left the list (claimed by a colleague): the row now at c's place is current.
    useInboxStore.getState().reconcile(['a', 'b', 'e'].map(row), before);
    expect(useInboxStore.getState().selectedId).toBe('e');
    expect([...useInboxStore.getState().checked]).toEqual(['b']);
    // A new list starts on its first row.
    useInboxStore.getState().setSort({ key: 'reference', direction: 'asc' });
    useInboxStore.getState().reconcile(['z', 'y'].map(row), []);
    expect(useInboxStore.getState().selectedId).toBe('z');
  });
});
