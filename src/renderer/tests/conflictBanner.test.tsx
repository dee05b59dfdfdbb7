// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../shared/api/client';
import type { CaseConflict } from '../../shared/api/syncTypes';
import type { CaseDetail } from '../../shared/api/types';
import { deferred, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));
const toasts = vi.hoisted(() => ({ show: vi.fn(), clean: vi.fn() }));
vi.mock('@mantine/notifications', () => ({ notifications: toasts }));

const { apiKey, useApiQuery } = await import('../src/api/queries');
const { createQueryClient } = await import('../src/api/queryClient');
const { ConflictBanner } = await import('../src/case/ConflictBanner');

const conflict: CaseConflict = {
  reason: 'action_rejected',
  detectedAt: '2026-11-20T10:00:00.000Z',
  message: 'La demande a été retirée par l’usager.',
  local: { status: 'in_review', officeCode: 'LOM', portalVersion: 3, actions: [] },
  portal: null,
};
const detail = (status: string) => ({ row: { id: 'c1', status } }) as unknown as CaseDetail;

/** The header's status, read as the sync indicator does. */
function SyncProbe() {
  const sync = useApiQuery('sync.status', {});
  return <span data-testid="conflicts">{sync.data?.conflicts ?? '-'}</span>;
}

const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method).length;
const dialog = () => screen.findByRole('dialog');

describe('the conflict banner’s choice', () => {
  let resolve: Deferred<CaseDetail>;
  let conflicts: number;
  beforeEach(() => {
    resolve = deferred();
    conflicts = 1;
    fake.call.mockImplementation((method: string) =>
      method === 'sync.status'
        ? Promise.resolve({ conflicts })
        : method === 'cases.resolveConflict'
          ? resolve.promise
          : Promise.reject(new Error(`unexpected ${method}`)),
    );
  });

  function setup() {
    const queryClient = createQueryClient();
    queryClient.setQueryData(apiKey('cases.get', { id: 'c1' }), detail('in_review'));
    renderWithProviders(
      <>
        <ConflictBanner caseId="c1" conflict={conflict} />
        <SyncProbe />
      </>,
      queryClient,
    );
    return queryClient;
  }

  it('asks for confirmation, sends once, then shows the case the core answered and the new counts', async () => {
    const queryClient = setup();
    await waitFor(() => expect(screen.getByTestId('conflicts').textContent).toBe('1'));
    fireEvent.click(screen.getByRole('button', { name: 'Garder la version du portail' }));
    expect(
      within(await dialog()).getByText(/Les actions faites ici et non transmises/),
    ).toBeTruthy();
    // A choice that cannot be undone: Enter would cancel.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Annuler'));

    const confirm = within(await dialog()).getByRole('button', { name: 'Confirmer' });
    fireEvent.click(confirm);
    await waitFor(() => expect(confirm.getAttribute('data-loading')).toBe('true'));
    fireEvent.click(confirm);
    expect(fake.call).toHaveBeenCalledWith('cases.resolveConflict', { id: 'c1', keep: 'portal' });
    expect(callsOf('cases.resolveConflict')).toBe(1);

    conflicts = 0;
    act(() => resolve.resolve(detail('withdrawn')));
    await waitFor(() => expect(screen.getByTestId('conflicts').textContent).toBe('0'));
    expect(
      (queryClient.getQueryData(apiKey('cases.get', { id: 'c1' })) as CaseDetail).row.status,
    ).toBe('withdrawn');
    expect(toasts.show).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Le dossier suit désormais la version du portail.' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('a refusal is said in the dialog, and the case stays as it was', async () => {
    const queryClient = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Garder ma version' }));
    fireEvent.click(within(await dialog()).getByRole('button', { name: 'Confirmer' }));
    await waitFor(() => expect(callsOf('cases.resolveConflict')).toBe(1));
    expect(fake.call).toHaveBeenCalledWith('cases.resolveConflict', { id: 'c1', keep: 'local' });
    act(() =>
      resolve.reject(
        new ApiCallError({ code: 'forbidden', message: 'Ce dossier relève d’un autre bureau.' }),
      ),
    );
    expect((await screen.findByTestId('conflict-resolve-error')).textContent).toBe(
      'Ce dossier relève d’un autre bureau.',
    );
    expect(
      (queryClient.getQueryData(apiKey('cases.get', { id: 'c1' })) as CaseDetail).row.status,
    ).toBe('in_review');
    expect(toasts.show).not.toHaveBeenCalled();
  });
});
