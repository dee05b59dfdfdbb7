// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../../shared/api/client';
import type { DeskSummary } from '../../../shared/api/officeTypes';
import type { SessionState } from '../../../shared/api/sessionTypes';
import { renderWithProviders } from '../dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../../src/api/api', () => ({ api: fake, callsSettled: () => Promise.resolve() }));

const { createQueryClient } = await import('../../src/api/queryClient');
const { SessionScreen } = await import('../../src/session/SessionScreen');
const { useSessionStore } = await import('../../src/stores/sessionStore');

/** What the core answers, per method: a value, or a function of the input. */
let answers: Record<string, unknown>;
const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method);

const firstStart: SessionState = { status: 'signed_out', needsFirstAdministrator: true };
const joinedDesk: DeskSummary = {
  mode: 'office',
  deskId: 'LOM-02',
  officeCode: 'LOM',
  label: 'Guichet 2',
  keyId: 'LOM-4c1d2e3f',
  enrolledAt: '2026-03-12T10:15:03.000Z',
  portalApi: 2,
  portalEnrolls: true,
};

beforeEach(() => {
  answers = {};
  useSessionStore.setState({ session: firstStart, user: null, trainingAccounts: [] });
  fake.call.mockImplementation(async (method: string, input: unknown) => {
    if (!(method in answers)) throw new Error(`no answer for ${method}`);
    const answer = answers[method];
    const value =
      typeof answer === 'function' ? (answer as (input: unknown) => unknown)(input) : answer;
    if (value instanceof Error) throw value;
    return structuredClone(value);
  });
});

async function chooseOffice(label: string) {
  fireEvent.click(screen.getByTestId('join-office'));
  fireEvent.click(await screen.findByRole('option', { name: label, hidden: true }));
}

describe('first start: « Rejoindre un bureau »', () => {
  it('offers the first desk by default, and the join form on demand', async () => {
    renderWithProviders(<SessionScreen />, createQueryClient());
    expect(screen.getByText('Ce poste n’appartient encore à aucun bureau.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Créer le compte et se connecter' })).toBeTruthy();
    expect(screen.queryByTestId('join-submit')).toBeNull();

    fireEvent.click(screen.getByTestId('setup-join'));
    expect(await screen.findByTestId('join-submit')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Créer le compte et se connecter' })).toBeNull();
    expect((screen.getByTestId('join-label') as HTMLInputElement).value).toBe('Guichet 2');
    expect(screen.getByTestId('join-code').getAttribute('placeholder')).toBe('K7QF-M2XD-94TB');

    fireEvent.click(screen.getByTestId('setup-first'));
    expect(
      await screen.findByRole('button', { name: 'Créer le compte et se connecter' }),
    ).toBeTruthy();
  });

  it('sends the typed office, code and label; says a refusal beside the code; then the success screen', async () => {
    renderWithProviders(<SessionScreen />, createQueryClient());
    fireEvent.click(screen.getByTestId('setup-join'));

    // Incomplete: nothing is sent, each field says what is missing.
    fireEvent.click(await screen.findByTestId('join-submit'));
    expect(await screen.findByText('Champ obligatoire.')).toBeTruthy();
    expect(screen.getByTestId('join-code-error').textContent).toBe(
      '12 lettres ou chiffres, avec ou sans tirets, par exemple K7QF-M2XD-94TB.',
    );
    expect(callsOf('office.join')).toHaveLength(0);

    await chooseOffice('LOM — Lomé');
    const code = screen.getByTestId('join-code') as HTMLInputElement;
    fireEvent.change(code, { target: { value: 'k7qfm2xd94tb' } });
    expect(code.value).toBe('K7QFM2XD94TB');
    fireEvent.change(screen.getByTestId('join-label'), { target: { value: '  Guichet 4 ' } });

    const refusal =
      "Code d'inscription inconnu pour le bureau LOM : vérifiez-le ou demandez-en un nouveau à un administrateur.";
    answers['office.join'] = new ApiCallError({ code: 'conflict', message: refusal });
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(screen.getByTestId('join-code-error').textContent).toBe(refusal));
    expect(screen.getByTestId('join-code').getAttribute('aria-invalid')).toBe('true');
    expect(callsOf('office.join').map(([, input]) => input)).toEqual([
      { officeCode: 'LOM', code: 'K7QF-M2XD-94TB', label: 'Guichet 4' },
    ]);

    // The portal out of reach is not the code's fault: said above the form.
    answers['office.join'] = new ApiCallError({
      code: 'unavailable',
      message: 'Le portail ne répond pas.',
    });
    fireEvent.click(screen.getByTestId('join-submit'));
    expect((await screen.findByTestId('join-error')).textContent).toContain(
      'Le portail ne répond pas.',
    );
    expect(screen.queryByTestId('join-code-error')).toBeNull();

    answers['office.join'] = joinedDesk;
    fireEvent.click(screen.getByTestId('join-submit'));
    expect((await screen.findByTestId('join-done-text')).textContent).toBe(
      'Poste LOM-02 inscrit dans le bureau LOM. Les comptes du bureau arrivent à la prochaine synchronisation : connectez-vous ensuite avec votre compte habituel.',
    );
    expect(screen.queryByTestId('join-submit')).toBeNull();

    // « Continuer » reads the session again: no first administrator needed, the sign-in form.
    answers['session.current'] = { status: 'signed_out', needsFirstAdministrator: false };
    fireEvent.click(screen.getByTestId('join-continue'));
    expect(await screen.findByRole('button', { name: 'Se connecter' })).toBeTruthy();
    expect(callsOf('session.current')).toHaveLength(1);
  });

  it('on an enrolled desk, an unknown account at sign-in says the directory may not be here yet', async () => {
    useSessionStore.setState({ session: { status: 'signed_out', needsFirstAdministrator: false } });
    answers['session.signIn'] = new ApiCallError({
      code: 'unauthenticated',
      message: 'Identifiant ou mot de passe incorrect.',
    });
    answers['office.desk'] = joinedDesk;
    renderWithProviders(<SessionScreen />, createQueryClient());
    fireEvent.change(screen.getByLabelText(/Identifiant/), { target: { value: 'ama.mensah' } });
    fireEvent.change(screen.getByLabelText(/Mot de passe/), { target: { value: 'secret-1234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect((await screen.findByTestId('sign-in-office-hint')).textContent).toContain(
      'Poste inscrit dans le bureau LOM : si votre compte vient d’être créé sur un autre poste',
    );
  });

  it('a desk alone says nothing more at a failed sign-in', async () => {
    useSessionStore.setState({ session: { status: 'signed_out', needsFirstAdministrator: false } });
    answers['session.signIn'] = new ApiCallError({
      code: 'unauthenticated',
      message: 'Identifiant ou mot de passe incorrect.',
    });
    answers['office.desk'] = { ...joinedDesk, mode: 'single', deskId: null };
    renderWithProviders(<SessionScreen />, createQueryClient());
    fireEvent.change(screen.getByLabelText(/Identifiant/), { target: { value: 'ama.mensah' } });
    fireEvent.change(screen.getByLabelText(/Mot de passe/), { target: { value: 'secret-1234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await screen.findByRole('alert');
    await waitFor(() => expect(callsOf('office.desk')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId('sign-in-office-hint')).toBeNull();
  });
});
