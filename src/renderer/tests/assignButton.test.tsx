// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssignmentOutcome, StaffLoad } from '../../shared/api/assignmentTypes';
import { ApiCallError } from '../../shared/api/client';
import type { CurrentUser, InboxRow } from '../../shared/api/types';
import { deferred, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));
const toasts = vi.hoisted(() => ({ show: vi.fn(), clean: vi.fn() }));
vi.mock('@mantine/notifications', () => ({ notifications: toasts }));

const { queryClient } = await import('../src/api/queryClient');
const { AssignButton } = await import('../src/assignment/AssignButton');
const { useInboxStore } = await import('../src/stores/inboxStore');
const { useSessionStore } = await import('../src/stores/sessionStore');

const rows = ['c1', 'c2', 'c3'].map(
  (id) => ({ id, reference: id.toUpperCase(), procedureCode: 'IMPEX' }) as InboxRow,
);
const clerk = (userId: string, displayName: string): StaffLoad => ({
  userId,
  displayName,
  role: 'agent',
  procedureCodes: null,
  openCases: 4,
  overdue: 0,
  dueSoon: 1,
});

const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method).length;

describe('« Affecter… » (was a modal with its own busy flag)', () => {
  let assign: Deferred<AssignmentOutcome>;
  beforeEach(() => {
    queryClient.clear();
    assign = deferred();
    useSessionStore.setState({ user: { id: 's1', role: 'superviseur' } as CurrentUser });
    useInboxStore.setState(useInboxStore.getInitialState(), true);
    useInboxStore.getState().toggleChecked(rows, 'c1');
    useInboxStore.getState().toggleChecked(rows, 'c3');
    fake.call.mockImplementation((method: string) =>
      method === 'assignment.staff'
        ? Promise.resolve([clerk('u1', 'Kossi Agbodjan'), clerk('u2', 'Mawuli Adjo')])
        : method === 'assignment.assign'
          ? assign.promise
          : Promise.reject(new Error(`unexpected ${method}`)),
    );
  });

  async function open() {
    fireEvent.click(screen.getByTestId('assign-selection'));
    const dialog = await screen.findByTestId('assign-dialog');
    await within(dialog).findByTestId('assign-to-u2');
    return dialog;
  }

  it('sends the ticked cases to the chosen clerk once, then clears the ticks and says how it went', async () => {
    renderWithProviders(<AssignButton rows={rows} />, queryClient);
    const dialog = await open();
    const submit = within(dialog).getByTestId('assign-submit');
    expect(submit.hasAttribute('disabled')).toBe(true);
    fireEvent.click(within(dialog).getByTestId('assign-to-u2'));
    // Choosing a clerk does not send anything by itself.
    expect(callsOf('assignment.assign')).toBe(0);
    fireEvent.click(submit);
    await waitFor(() => expect(submit.getAttribute('data-loading')).toBe('true'));
    fireEvent.click(submit);
    expect(callsOf('assignment.assign')).toBe(1);
    expect(fake.call).toHaveBeenCalledWith('assignment.assign', {
      caseIds: ['c1', 'c3'],
      assigneeId: 'u2',
    });

    act(() => assign.resolve({ assigned: 2, skipped: [] }));
    await waitFor(() => expect(useInboxStore.getState().checked.size).toBe(0));
    expect(toasts.show).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Affectation terminée', message: '2 dossiers affectés' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('a refusal is said in the dialog; the ticks stay for another try', async () => {
    renderWithProviders(<AssignButton rows={rows} />, queryClient);
    const dialog = await open();
    fireEvent.click(within(dialog).getByTestId('assign-to-u1'));
    fireEvent.click(within(dialog).getByTestId('assign-submit'));
    await waitFor(() => expect(callsOf('assignment.assign')).toBe(1));
    act(() =>
      assign.reject(new ApiCallError({ code: 'forbidden', message: 'Réservé aux superviseurs.' })),
    );
    expect((await within(dialog).findByTestId('assign-error')).textContent).toBe(
      'Réservé aux superviseurs.',
    );
    expect(useInboxStore.getState().checked.size).toBe(2);
    expect(toasts.show).not.toHaveBeenCalled();
  });

  it('each opening shows the clerks’ loads of the moment', async () => {
    renderWithProviders(<AssignButton rows={rows} />, queryClient);
    const dialog = await open();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await open();
    expect(callsOf('assignment.staff')).toBe(2);
  });
});
