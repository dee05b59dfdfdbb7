// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountDirectoryState, UserAccount } from '../../../shared/api/adminTypes';
import { ApiCallError } from '../../../shared/api/client';
import { renderWithProviders } from '../dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../../src/api/api', () => ({ api: fake }));
const toasts = vi.hoisted(() => ({ show: vi.fn(), clean: vi.fn() }));
vi.mock('@mantine/notifications', () => ({ notifications: toasts }));

const { createQueryClient } = await import('../../src/api/queryClient');
const { UsersScreen } = await import('../../src/admin/UsersScreen');

/** What the core answers, per method: a value, or a function of the input. */
let answers: Record<string, unknown>;
const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method);

beforeEach(() => {
  answers = {};
  fake.call.mockImplementation(async (method: string, input: unknown) => {
    if (!(method in answers)) throw new Error(`no answer for ${method}`);
    const answer = answers[method];
    const value =
      typeof answer === 'function' ? (answer as (input: unknown) => unknown)(input) : answer;
    if (value instanceof Error) throw value;
    return structuredClone(value);
  });
});

const account = (
  username: string,
  displayName: string,
  directory: AccountDirectoryState | null,
): UserAccount => ({
  id: `u-${username}`,
  username,
  displayName,
  role: 'agent',
  officeCode: 'LOM',
  procedureCodes: null,
  active: true,
  lockedUntil: null,
  mustChangePassword: false,
  lastSignInAt: null,
  createdAt: '2026-03-01T08:00:00.000Z',
  directory,
});

const upToDate: AccountDirectoryState = {
  pending: false,
  refusal: null,
  desksUpToDate: 3,
  desks: 3,
  behind: [],
};

const rowOf = (username: string) =>
  screen
    .getAllByTestId('user-row')
    .find((row) => row.getAttribute('data-username') === username) as HTMLElement;

describe('users on an enrolled desk: the office directory', () => {
  it('shows « Postes à jour », the desks behind in a tooltip, and a change waiting for the portal', async () => {
    answers['admin.users.list'] = [
      account('ama.mensah', 'Ama Mensah', {
        pending: true,
        refusal: null,
        desksUpToDate: 2,
        desks: 3,
        behind: [{ deskId: 'LOM-02', lastContactAt: '2026-03-10T16:02:00.000Z' }],
      }),
      account('kossi.agbodjan', 'Kossi Agbodjan', upToDate),
      account('yawa.dogbe', 'Yawa Dogbé', {
        ...upToDate,
        refusal: 'Identifiant déjà pris dans un autre bureau.',
      }),
    ];
    renderWithProviders(<UsersScreen />, createQueryClient());

    await screen.findAllByTestId('user-row');
    expect(screen.getByRole('columnheader', { name: 'Postes à jour' })).toBeTruthy();

    const ama = rowOf('ama.mensah');
    const behind = within(ama).getByTestId('user-desks');
    expect(behind.textContent).toBe('2/3');
    expect(behind.getAttribute('data-complete')).toBe('false');
    expect(within(ama).getByTestId('user-pending').textContent).toBe('En attente du portail');
    fireEvent.mouseEnter(behind);
    expect((await screen.findByTestId('user-desks-behind')).textContent).toBe(
      'LOM-02 : hors ligne depuis le 10/03/2026 — recevra ce changement à sa prochaine synchronisation',
    );

    const kossi = rowOf('kossi.agbodjan');
    expect(within(kossi).getByTestId('user-desks').textContent).toBe('3/3');
    expect(within(kossi).getByTestId('user-desks').getAttribute('data-complete')).toBe('true');
    expect(within(kossi).queryByTestId('user-pending')).toBeNull();

    const yawa = rowOf('yawa.dogbe');
    expect(within(yawa).getByTestId('user-refusal').getAttribute('aria-label')).toBe(
      'Refusé par le portail : Identifiant déjà pris dans un autre bureau.',
    );
  });

  it('a desk alone has no such column', async () => {
    answers['admin.users.list'] = [account('ama.mensah', 'Ama Mensah', null)];
    renderWithProviders(<UsersScreen />, createQueryClient());
    await screen.findAllByTestId('user-row');
    expect(screen.queryByRole('columnheader', { name: 'Postes à jour' })).toBeNull();
    expect(screen.queryByTestId('user-desks')).toBeNull();
  });

  it('a new account refused offline says the core’s sentence in the form', async () => {
    answers['admin.users.list'] = [account('kossi.agbodjan', 'Kossi Agbodjan', upToDate)];
    const offline =
      'Ce poste est hors ligne : un nouveau compte se crée avec le portail, pour tout le bureau. Réessayez une fois en ligne.';
    answers['admin.users.create'] = new ApiCallError({ code: 'unavailable', message: offline });
    renderWithProviders(<UsersScreen />, createQueryClient());
    fireEvent.click(await screen.findByTestId('user-create'));
    fireEvent.change(await screen.findByTestId('user-display-name'), {
      target: { value: 'Dzifa Akakpo' },
    });
    fireEvent.change(screen.getByTestId('user-username'), { target: { value: 'dzifa.akakpo' } });
    fireEvent.click(screen.getByTestId('user-save'));
    await waitFor(() => expect(screen.getByTestId('user-form-error').textContent).toBe(offline));
    expect(callsOf('admin.users.create')).toHaveLength(1);
  });
});
