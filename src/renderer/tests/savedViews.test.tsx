// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../shared/api/client';
import type { InboxQuery, SavedView } from '../../shared/api/types';
import { deferred, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));
const toasts = vi.hoisted(() => ({ show: vi.fn(), clean: vi.fn() }));
vi.mock('@mantine/notifications', () => ({ notifications: toasts }));

const { createQueryClient } = await import('../src/api/queryClient');
const { SavedViewsNav } = await import('../src/views/SavedViewsNav');
const { SaveViewModal } = await import('../src/views/SaveViewModal');

const QUERY: InboxQuery = { queue: 'all', filters: { deadlineStates: ['overdue'] }, search: '' };
const view = (id: string, name: string): SavedView =>
  ({ id, name, query: QUERY }) as unknown as SavedView;

const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method).length;
const shownViews = () => screen.queryAllByTestId('saved-view').map((row) => row.textContent);

describe('saved views (was viewsStore)', () => {
  let change: Deferred<unknown>;
  beforeEach(() => {
    change = deferred();
    fake.call.mockImplementation((method: string) =>
      method === 'views.list'
        ? Promise.resolve([view('v2', 'Urgents'), view('v1', 'APIPS en retard')])
        : change.promise,
    );
  });

  function setup(saving = false) {
    renderWithProviders(
      <>
        <SavedViewsNav compact={false} onInbox={false} />
        <SaveViewModal opened={saving} query={QUERY} onClose={() => undefined} />
      </>,
      createQueryClient(),
    );
  }

  it('lists the views by name, and a saved view joins them once the core confirms', async () => {
    setup(true);
    await waitFor(() => expect(shownViews()).toEqual(['APIPS en retard', 'Urgents']));
    const dialog = await screen.findByTestId('save-view-dialog');
    const save = within(dialog).getByRole('button', { name: 'Enregistrer' });
    expect(save.hasAttribute('disabled')).toBe(true);
    fireEvent.change(within(dialog).getByLabelText(/Nom de la vue/), {
      target: { value: '  Cette semaine ' },
    });
    fireEvent.click(save);
    await waitFor(() => expect(save.getAttribute('data-loading')).toBe('true'));
    expect(fake.call).toHaveBeenCalledWith('views.save', { name: 'Cette semaine', query: QUERY });
    expect(shownViews()).toHaveLength(2);

    act(() => change.resolve(view('v3', 'Cette semaine')));
    await waitFor(() =>
      expect(shownViews()).toEqual(['APIPS en retard', 'Cette semaine', 'Urgents']),
    );
    expect(toasts.show).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Vue « Cette semaine » enregistrée.' }),
    );
    expect(callsOf('views.list')).toBe(1);
  });

  it('a refused save says why in the dialog and changes nothing', async () => {
    setup(true);
    await waitFor(() => expect(shownViews()).toHaveLength(2));
    const dialog = await screen.findByTestId('save-view-dialog');
    fireEvent.change(within(dialog).getByLabelText(/Nom de la vue/), {
      target: { value: 'Urgents' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(callsOf('views.save')).toBe(1));
    act(() =>
      change.reject(
        new ApiCallError({
          code: 'conflict',
          message: 'Vous avez déjà une vue nommée « Urgents ».',
        }),
      ),
    );
    expect((await screen.findByTestId('save-view-error')).textContent).toBe(
      'Vous avez déjà une vue nommée « Urgents ».',
    );
    expect(shownViews()).toEqual(['APIPS en retard', 'Urgents']);
    expect(toasts.show).not.toHaveBeenCalled();
  });

  it('deletes a view after a confirmation whose focus is on « Annuler »', async () => {
    setup();
    await waitFor(() => expect(shownViews()).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer la vue « Urgents »' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/La vue « Urgents » sera supprimée/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Annuler'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Supprimer' }));
    await waitFor(() => expect(fake.call).toHaveBeenCalledWith('views.delete', { id: 'v2' }));
    // Still listed until the core confirms.
    expect(shownViews()).toEqual(['APIPS en retard', 'Urgents']);
    act(() => change.resolve(undefined));
    await waitFor(() => expect(shownViews()).toEqual(['APIPS en retard']));
    expect(toasts.show).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Vue « Urgents » supprimée.' }),
    );
  });

  it('views that cannot be read show as none', async () => {
    fake.call.mockImplementation(() => Promise.reject(new Error('down')));
    setup();
    await waitFor(() => expect(screen.getByText('Aucune vue enregistrée.')).toBeTruthy());
    await waitFor(() => expect(callsOf('views.list')).toBe(1));
  });
});
