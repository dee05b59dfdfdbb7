// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OfficeSettings, UserAccount } from '../../../shared/api/adminTypes';
import { ApiCallError } from '../../../shared/api/client';
import type { ApiError } from '../../../shared/api/result';
import { deferred, renderWithProviders, type Deferred } from '../dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../../src/api/api', () => ({ api: fake }));
const toasts = vi.hoisted(() => ({ show: vi.fn(), clean: vi.fn() }));
vi.mock('@mantine/notifications', () => ({ notifications: toasts }));

const { createQueryClient } = await import('../../src/api/queryClient');
const { UserFormDialog } = await import('../../src/admin/UserFormDialog');
const { OfficeScreen } = await import('../../src/admin/OfficeScreen');
const { HolidaysScreen } = await import('../../src/admin/HolidaysScreen');
const { ResetPasswordDialog } = await import('../../src/admin/ResetPasswordDialog');

/** Each call waits until the test answers it. */
let pending: { method: string; input: Record<string, unknown>; answer: Deferred<unknown> }[];
const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method).length;
function take(method: string) {
  const request = pending.find((entry) => entry.method === method);
  if (!request) throw new Error(`no ${method} request`);
  pending = pending.filter((entry) => entry !== request);
  return request;
}
const answer = (method: string, value: unknown) => {
  const request = take(method);
  act(() => request.answer.resolve(structuredClone(value)));
};
const refuse = (method: string, error: ApiError) => {
  const request = take(method);
  act(() => request.answer.reject(new ApiCallError(error)));
};

beforeEach(() => {
  pending = [];
  fake.call.mockImplementation((method: string, input: Record<string, unknown>) => {
    const request = { method, input, answer: deferred<unknown>() };
    pending.push(request);
    return request.answer.promise;
  });
});

/** The text Mantine shows under a field as its error (linked by aria-describedby), or null. */
function errorBeside(input: HTMLElement): string | null {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  const id = ids.find((candidate) => candidate.endsWith('-error'));
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}
const type = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } });

const USERNAME_RULE =
  'De 3 à 64 caractères : lettres sans accent, chiffres, « . », « _ » ou « - » (ex. dzifa.akakpo).';

describe('administration forms say what is wrong beside the field (issue 19)', () => {
  it('new user: the contract’s rules beside each field, never the raw refusal', async () => {
    renderWithProviders(
      <UserFormDialog account={null} onClose={() => {}} onSaved={() => {}} />,
      createQueryClient(),
    );
    const name = await screen.findByTestId('user-display-name');
    const username = screen.getByTestId('user-username');
    const save = screen.getByTestId('user-save');
    // Nothing said before the clerk has typed anything…
    expect(errorBeside(name)).toBeNull();
    // … the rule once the field is left wrong, beside it.
    type(username, 'dzifa akakpo');
    fireEvent.blur(username);
    expect(errorBeside(username)).toBe(USERNAME_RULE);
    expect(username.getAttribute('aria-invalid')).toBe('true');
    // Pressing « Créer le compte » is not a dead grey button: it says what is missing, sends nothing.
    expect(save.hasAttribute('disabled')).toBe(false);
    fireEvent.click(save);
    expect(errorBeside(name)).toBe('Le nom complet compte de 2 à 120 caractères.');
    expect(callsOf('admin.users.create')).toBe(0);

    type(name, 'Dzifa Akakpo');
    type(username, 'dzifa.akakpo');
    expect(errorBeside(name)).toBeNull();
    expect(errorBeside(username)).toBeNull();
    fireEvent.click(save);
    await waitFor(() => expect(callsOf('admin.users.create')).toBe(1));
    // A rule only the core knows (the name is taken) comes back beside its field, not as an alert.
    const taken = "L'identifiant « dzifa.akakpo » est déjà pris. Choisissez-en un autre.";
    refuse('admin.users.create', {
      code: 'conflict',
      message: taken,
      issues: [{ field: 'username', message: taken }],
    });
    await waitFor(() => expect(errorBeside(username)).toBe(taken));
    expect(screen.queryByTestId('user-form-error')).toBeNull();
    expect(document.body.textContent).not.toContain('Requête invalide');
    // Changed, the field no longer carries the refusal of the old value.
    type(username, 'dzifa.akakpo2');
    expect(errorBeside(username)).toBeNull();
  });

  it('new user: a refusal naming no field of the form is said as a whole', async () => {
    renderWithProviders(
      <UserFormDialog account={null} onClose={() => {}} onSaved={() => {}} />,
      createQueryClient(),
    );
    type(await screen.findByTestId('user-display-name'), 'Dzifa Akakpo');
    type(screen.getByTestId('user-username'), 'dzifa.akakpo');
    fireEvent.click(screen.getByTestId('user-save'));
    await waitFor(() => expect(callsOf('admin.users.create')).toBe(1));
    refuse('admin.users.create', { code: 'unavailable', message: 'Ce poste est hors ligne.' });
    await waitFor(() =>
      expect(screen.getByTestId('user-form-error').textContent).toBe('Ce poste est hors ligne.'),
    );
  });

  it('password reset: a temporary password too short says its rule, and nothing is sent', async () => {
    const account: UserAccount = {
      id: 'u-kossi',
      username: 'kossi.agbodjan',
      displayName: 'Kossi Agbodjan',
      role: 'agent',
      officeCode: 'LOM',
      procedureCodes: null,
      active: true,
      lockedUntil: null,
      mustChangePassword: false,
      lastSignInAt: null,
      createdAt: '2026-03-01T08:00:00.000Z',
      directory: null,
    };
    renderWithProviders(
      <ResetPasswordDialog account={account} onClose={() => {}} onSaved={() => {}} />,
      createQueryClient(),
    );
    const password = await screen.findByTestId('reset-password');
    type(password, 'court');
    fireEvent.click(screen.getByTestId('reset-confirm'));
    expect(errorBeside(password)).toBe('Au moins 10 caractères (200 au plus).');
    expect(callsOf('admin.users.resetPassword')).toBe(0);
  });

  const office: OfficeSettings = {
    code: 'LOM',
    name: 'Bureau de Lomé',
    region: 'Maritime',
    numberingCode: 'LOM',
    opensAt: '07:30',
    closesAt: '17:30',
    lockAfterMinutes: 15,
  };

  it('office: an emptied name and a wrong numbering code say why at once', async () => {
    renderWithProviders(<OfficeScreen />, createQueryClient());
    await waitFor(() => expect(callsOf('admin.office.get')).toBe(1));
    answer('admin.office.get', office);
    const name = await screen.findByTestId('office-name');
    const numbering = screen.getByTestId('office-numbering');
    type(name, '');
    expect(errorBeside(name)).toBe('Le nom du bureau compte de 2 à 120 caractères.');
    type(numbering, 'L0M');
    expect(errorBeside(numbering)).toBe(
      'De 2 à 10 lettres sans accent ni chiffre (ex. LOM ou LOMB).',
    );
    fireEvent.click(screen.getByTestId('office-save'));
    expect(callsOf('admin.office.update')).toBe(0);

    // The core's own rule on the numbering code (it must extend the office's) comes back beside it.
    type(name, 'Bureau de Lomé');
    type(numbering, 'KAR');
    fireEvent.click(screen.getByTestId('office-save'));
    await waitFor(() => expect(callsOf('admin.office.update')).toBe(1));
    const rule = 'Le code de numérotation doit commencer par le code du bureau (LOM).';
    refuse('admin.office.update', {
      code: 'invalid_input',
      message: rule,
      issues: [{ field: 'numberingCode', message: rule }],
    });
    await waitFor(() => expect(errorBeside(numbering)).toBe(rule));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('holidays: « 31/02/2026 » is a day that does not exist, not a missing date', async () => {
    renderWithProviders(<HolidaysScreen />, createQueryClient());
    await waitFor(() => expect(callsOf('admin.holidays.list')).toBe(1));
    answer('admin.holidays.list', []);
    fireEvent.click(await screen.findByTestId('holiday-add'));
    const year = screen.getByTestId('holidays-year').textContent;
    const date = await screen.findByTestId('holiday-date');
    const label = screen.getByTestId('holiday-label');
    expect(errorBeside(date)).toBe('Date requise');
    type(date, `31/02/${year}`);
    expect(errorBeside(date)).toBe('Date invalide : ce jour n’existe pas');
    expect(errorBeside(label)).toBe('Libellé requis (2 caractères au moins)');
    type(date, '31/02');
    expect(errorBeside(date)).toBe('Au format JJ/MM/AAAA');
    type(date, `27/04/${year}`);
    expect(errorBeside(date)).toBeNull();
    type(label, 'Fête de l’indépendance');
    expect(errorBeside(label)).toBeNull();
    expect(screen.getByTestId('holidays-save').hasAttribute('disabled')).toBe(false);
  });
});

describe('the core’s refusals in the user’s language (issue 19)', () => {
  afterEach(async () => {
    await i18next.changeLanguage('fr');
  });

  it('in English, a username taken reads in English beside the field, with its name', async () => {
    await i18next.changeLanguage('en');
    renderWithProviders(
      <UserFormDialog account={null} onClose={() => {}} onSaved={() => {}} />,
      createQueryClient(),
    );
    const username = await screen.findByTestId('user-username');
    type(screen.getByTestId('user-display-name'), 'Kossi Agbodjan');
    type(username, 'kossi agbodjan');
    fireEvent.blur(username);
    expect(errorBeside(username)).toBe(
      '3 to 64 characters: unaccented letters, digits, “.”, “_” or “-” (e.g. dzifa.akakpo).',
    );
    type(username, 'kossi.agbodjan');
    fireEvent.click(screen.getByTestId('user-save'));
    await waitFor(() => expect(callsOf('admin.users.create')).toBe(1));
    const french =
      "L'identifiant « kossi.agbodjan » est déjà pris. Choisissez-en un autre (par exemple avec l'initiale du second prénom).";
    const reason = { key: 'usernameTaken', params: { username: 'kossi.agbodjan' } } as const;
    refuse('admin.users.create', {
      code: 'conflict',
      message: french,
      reason,
      issues: [{ field: 'username', message: french, reason }],
    });
    await waitFor(() =>
      expect(errorBeside(username)).toBe(
        'The username “kossi.agbodjan” is already taken. Choose another one (for instance with the initial of a middle name).',
      ),
    );
  });

  it('a refusal shown as a whole is translated too, and a key unknown here keeps the French', async () => {
    await i18next.changeLanguage('en');
    renderWithProviders(
      <UserFormDialog account={null} onClose={() => {}} onSaved={() => {}} />,
      createQueryClient(),
    );
    type(await screen.findByTestId('user-display-name'), 'Dzifa Akakpo');
    type(screen.getByTestId('user-username'), 'dzifa.akakpo');
    fireEvent.click(screen.getByTestId('user-save'));
    await waitFor(() => expect(callsOf('admin.users.create')).toBe(1));
    refuse('admin.users.create', {
      code: 'forbidden',
      message: 'Votre rôle ne permet pas cette opération. Adressez-vous à votre superviseur.',
      reason: { key: 'roleForbidden', params: {} },
    });
    await waitFor(() =>
      expect(screen.getByTestId('user-form-error').textContent).toBe(
        'Your role does not allow this operation. Ask your supervisor.',
      ),
    );
    fireEvent.click(screen.getByTestId('user-save'));
    await waitFor(() => expect(callsOf('admin.users.create')).toBe(2));
    refuse('admin.users.create', {
      code: 'conflict',
      message: 'Phrase française venue d’un cœur plus récent.',
      reason: { key: 'somethingNewer' as 'roleForbidden', params: {} },
    });
    await waitFor(() =>
      expect(screen.getByTestId('user-form-error').textContent).toBe(
        'Phrase française venue d’un cœur plus récent.',
      ),
    );
  });
});
