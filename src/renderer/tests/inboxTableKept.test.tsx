// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboxPage, InboxQuery, InboxRow } from '../../shared/api/types';
import { inboxRow } from '../../../tests/support/inboxRows';
import { deferred, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));

const { queryClient } = await import('../src/api/queryClient');
const { useInboxStore } = await import('../src/stores/inboxStore');
const { InboxView } = await import('../src/inbox/InboxView');

const row = (id: string, applicantName = `Demandeur ${id}`): InboxRow =>
  inboxRow(id, { applicantName });
const page = (...rows: InboxRow[]): InboxPage => ({ rows, nextCursor: null });

let pending: { input: InboxQuery; answer: Deferred<InboxPage> }[];

async function answer(search: string, result: InboxPage) {
  await waitFor(() =>
    expect(pending.some((request) => request.input.search === search)).toBe(true),
  );
  const request = pending.find((other) => other.input.search === search)!;
  pending = pending.filter((other) => other !== request);
  act(() => request.answer.resolve(result));
}

const rowElement = (id: string) => document.getElementById(`inbox-row-${id}`);

describe('the inbox table when another list arrives (issue 18 §3)', () => {
  beforeEach(() => {
    // The list's size as a browser lays it out (jsdom lays nothing out): rows in view to draw.
    const isGrid = (element: HTMLElement) => element.dataset.testid === 'inbox-grid';
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return isGrid(this) ? 600 : 0;
    });
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return isGrid(this) ? 1100 : 0;
    });
    queryClient.clear();
    useInboxStore.setState(useInboxStore.getInitialState(), true);
    useInboxStore.getState().applyQuery({ queue: 'all', filters: {}, search: '' });
    window.location.hash = '#/inbox/all';
    pending = [];
    fake.call.mockImplementation((method: string, input: InboxQuery) => {
      if (method === 'inbox.list') {
        const request = { input, answer: deferred<InboxPage>() };
        pending.push(request);
        return request.answer.promise;
      }
      if (method === 'inbox.total') return Promise.resolve(3);
      if (method === 'inbox.filterOptions')
        return Promise.resolve({ offices: [], regions: [], assignees: [] });
      if (method === 'cases.signals') return Promise.resolve({});
      return new Promise(() => undefined);
    });
  });

  afterEach(() => vi.restoreAllMocks());

  it('keeps the rows a search typed further still shows, and shows what changed in the others', async () => {
    renderWithProviders(<InboxView queue="all" />, queryClient);
    await answer('', page(row('a'), row('b'), row('c')));
    await waitFor(() => expect(rowElement('c')).not.toBeNull());
    const grid = screen.getByTestId('inbox-grid');
    const [b, c] = [rowElement('b'), rowElement('c')];

    act(() => useInboxStore.getState().setSearch('dem'));
    // New objects from the core: « b » says the same, « c » another name, « d » is new.
    await answer('dem', page(row('b'), row('c', 'Demandeuse Akossiwa'), row('d')));
    await waitFor(() => expect(rowElement('d')).not.toBeNull());

    expect(screen.getByTestId('inbox-grid')).toBe(grid);
    expect(rowElement('a')).toBeNull();
    expect(rowElement('b')).toBe(b);
    expect(rowElement('c')).toBe(c);
    expect(rowElement('c')?.textContent).toContain('Demandeuse Akossiwa');
    // The new list starts on its first row.
    await waitFor(() => expect(grid.getAttribute('aria-activedescendant')).toBe('inbox-row-b'));
  });

  it('draws a list scrolled away from its top afresh for a new query, at the top', async () => {
    renderWithProviders(<InboxView queue="all" />, queryClient);
    await answer('', page(row('a'), row('b')));
    await waitFor(() => expect(rowElement('b')).not.toBeNull());
    const grid = screen.getByTestId('inbox-grid');
    Object.defineProperty(grid, 'scrollTop', { configurable: true, value: 400 });
    fireEvent.scroll(grid);

    act(() => useInboxStore.getState().setSearch('dem'));
    await answer('dem', page(row('b')));
    await waitFor(() => expect(rowElement('a')).toBeNull());

    expect(screen.getByTestId('inbox-grid')).not.toBe(grid);
    expect(screen.getByTestId('inbox-grid').scrollTop).toBe(0);
  });
});
