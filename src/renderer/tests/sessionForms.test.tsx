// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../shared/api/client';
import type { SessionState } from '../../shared/api/sessionTypes';
import type { CurrentUser } from '../../shared/api/types';
import { deferred, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake, callsSettled: () => Promise.resolve() }));

const { createQueryClient } = await import('../src/api/queryClient');
const { LockForm } = await import('../src/session/LockForm');
const { SignInForm } = await import('../src/session/SignInForm');
const { useSignInFields } = await import('../src/session/signInFields');
const { useSessionStore } = await import('../src/stores/sessionStore');

const kossi = { id: 'u1', displayName: 'Kossi Agbodjan', role: 'agent' } as CurrentUser;
const active: SessionState = {
  status: 'active',
  user: kossi,
  lockAfterMinutes: 15,
  mustChangePassword: false,
};

const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method).length;
const submitButton = (name: string) => screen.getByRole('button', { name });

describe('the sign-in and unlock forms (were busy and error flags by hand)', () => {
  let answer: Deferred<SessionState>;
  let current: SessionState;
  beforeEach(() => {
    answer = deferred();
    current = { status: 'locked', user: kossi };
    useSessionStore.setState({ session: null, user: null });
    useSignInFields.setState({ username: '', password: '' });
    fake.call.mockImplementation((method: string) => {
      if (method === 'session.current') return Promise.resolve(current);
      if (method === 'catalog.procedures') return Promise.resolve([]);
      if (method === 'session.signIn' || method === 'session.unlock') return answer.promise;
      return Promise.reject(new Error(`unexpected ${method}`));
    });
  });

  it('signs in once, busy meanwhile, and adopts the session the core answered', async () => {
    renderWithProviders(<SignInForm />, createQueryClient());
    fireEvent.change(screen.getByLabelText(/Identifiant/), { target: { value: 'kossi' } });
    fireEvent.change(screen.getByLabelText(/Mot de passe/), { target: { value: 'secret-123' } });
    const submit = submitButton('Se connecter');
    fireEvent.click(submit);
    await waitFor(() => expect(submit.getAttribute('data-loading')).toBe('true'));
    fireEvent.submit(submit.closest('form')!);
    expect(callsOf('session.signIn')).toBe(1);
    expect(fake.call).toHaveBeenCalledWith('session.signIn', {
      username: 'kossi',
      password: 'secret-123',
    });
    act(() => answer.resolve(active));
    await waitFor(() => expect(useSessionStore.getState().user?.id).toBe('u1'));
    expect(useSignInFields.getState().password).toBe('');
  });

  it('a refusal is said, the password emptied, and a new attempt hides the old reason', async () => {
    renderWithProviders(<SignInForm />, createQueryClient());
    fireEvent.change(screen.getByLabelText(/Identifiant/), { target: { value: 'kossi' } });
    fireEvent.change(screen.getByLabelText(/Mot de passe/), { target: { value: 'wrong' } });
    fireEvent.click(submitButton('Se connecter'));
    await waitFor(() => expect(callsOf('session.signIn')).toBe(1));
    act(() =>
      answer.reject(
        new ApiCallError({
          code: 'unauthenticated',
          message: 'Identifiant ou mot de passe incorrect.',
        }),
      ),
    );
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Identifiant ou mot de passe incorrect.',
    );
    expect(useSignInFields.getState().password).toBe('');
    expect(useSessionStore.getState().user).toBeNull();

    answer = deferred();
    fireEvent.change(screen.getByLabelText(/Mot de passe/), { target: { value: 'secret-123' } });
    fireEvent.click(submitButton('Se connecter'));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('a refused unlock that locked the account out shows the sign-in screen', async () => {
    useSessionStore.setState({ session: { status: 'locked', user: kossi } });
    renderWithProviders(<LockForm user={kossi} />, createQueryClient());
    fireEvent.change(screen.getByLabelText(/Mot de passe/), { target: { value: 'wrong' } });
    const submit = submitButton('Déverrouiller');
    fireEvent.click(submit);
    await waitFor(() => expect(submit.getAttribute('data-loading')).toBe('true'));
    current = { status: 'signed_out', needsFirstAdministrator: false };
    act(() =>
      answer.reject(new ApiCallError({ code: 'locked', message: 'Compte bloqué 15 min.' })),
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Compte bloqué 15 min.');
    await waitFor(() => expect(useSessionStore.getState().session?.status).toBe('signed_out'));
    expect((screen.getByLabelText(/Mot de passe/) as HTMLInputElement).value).toBe('');
  });
});
