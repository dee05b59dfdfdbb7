// @vitest-environment jsdom
import { TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../shared/api/client';
import { ConfirmFormDialog } from '../src/components/ConfirmFormDialog';
import { createQueryClient } from '../src/api/queryClient';
import { deferred, renderWithProviders, type Deferred } from './dom';

function RenameDialog(props: {
  send(name: string): Promise<string>;
  onDone(result: string): void;
  onClose(): void;
}) {
  const [name, setName] = useState('');
  const mutation = useMutation({ mutationFn: props.send });
  return (
    <ConfirmFormDialog
      title="Renommer le dossier"
      testId="rename-dialog"
      mutation={mutation}
      variables={name.trim() ? name.trim() : null}
      onDone={props.onDone}
      onClose={props.onClose}
      submit={{ label: 'Renommer', testId: 'rename-confirm' }}
      failureTestId="rename-error"
    >
      <TextInput
        label="Nom"
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        data-autofocus
        data-testid="rename-name"
      />
    </ConfirmFormDialog>
  );
}

function setup() {
  let answer: Deferred<string> = deferred();
  const send = vi.fn((_name: string) => {
    answer = deferred();
    return answer.promise;
  });
  const onDone = vi.fn();
  const onClose = vi.fn();
  renderWithProviders(
    <RenameDialog send={send} onDone={onDone} onClose={onClose} />,
    createQueryClient(),
  );
  return { send, onDone, onClose, answer: () => answer };
}

const confirm = () => screen.getByTestId('rename-confirm');
const field = () => screen.getByTestId('rename-name');
const escape = () => fireEvent.keyDown(field(), { key: 'Escape', code: 'Escape' });

describe('ConfirmFormDialog', () => {
  it('waits for a complete form, gives the field the focus, and sends on Enter', async () => {
    const { send } = setup();
    expect(confirm().hasAttribute('disabled')).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(field()));
    fireEvent.change(field(), { target: { value: '  Kodjo  ' } });
    expect(confirm().hasAttribute('disabled')).toBe(false);
    fireEvent.submit(field().closest('form')!);
    await waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send.mock.calls[0]?.[0]).toBe('Kodjo');
  });

  it('is busy while the change is sent: no second send, Escape and « Annuler » wait', async () => {
    const { send, onClose, onDone, answer } = setup();
    fireEvent.change(field(), { target: { value: 'Kodjo' } });
    fireEvent.click(confirm());
    await waitFor(() => expect(confirm().getAttribute('data-loading')).toBe('true'));
    expect(screen.getByRole('button', { name: 'Annuler' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(confirm());
    fireEvent.submit(field().closest('form')!);
    escape();
    expect(send).toHaveBeenCalledTimes(1);
    expect(onClose).not.toHaveBeenCalled();

    answer().resolve('ok');
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('ok'));
    expect(confirm().hasAttribute('data-loading')).toBe(false);
  });

  it('shows the core’s French reason when it refuses, and lets the clerk try again', async () => {
    const { send, onDone, answer } = setup();
    fireEvent.change(field(), { target: { value: 'Kodjo' } });
    fireEvent.click(confirm());
    await waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    answer().reject(
      new ApiCallError({ code: 'conflict', message: 'Un dossier porte déjà ce nom.' }),
    );
    const failure = await screen.findByTestId('rename-error');
    expect(failure.getAttribute('role')).toBe('alert');
    expect(failure.textContent).toBe('Un dossier porte déjà ce nom.');
    expect(onDone).not.toHaveBeenCalled();

    fireEvent.click(confirm());
    await waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    // The new attempt hides the old reason while it is under way.
    await waitFor(() => expect(screen.queryByTestId('rename-error')).toBeNull());
  });

  it('a failure that is not the core’s says so in plain French', async () => {
    const { answer } = setup();
    fireEvent.change(field(), { target: { value: 'Kodjo' } });
    fireEvent.click(confirm());
    await waitFor(() => expect(confirm().getAttribute('data-loading')).toBe('true'));
    answer().reject(new TypeError('fetch failed'));
    expect((await screen.findByTestId('rename-error')).textContent).toBe(
      'Une erreur inattendue est survenue. Réessayez.',
    );
  });

  it('closes on Escape and on « Annuler » when nothing is under way', async () => {
    const { onClose } = setup();
    escape();
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
