// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackupsOverview, BackupSummary } from '../../shared/api/backupTypes';
import { ApiCallError } from '../../shared/api/client';
import type { QuarantinePage } from '../../shared/api/syncTypes';
import type { CaseDetail, CurrentUser } from '../../shared/api/types';
import { deferred, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));
const toasts = vi.hoisted(() => ({ show: vi.fn(), clean: vi.fn() }));
vi.mock('@mantine/notifications', () => ({ notifications: toasts }));

const { createQueryClient } = await import('../src/api/queryClient');
const { BackupsPanel } = await import('../src/backup/BackupsPanel');
const { NotesPanel } = await import('../src/case/review/NotesPanel');
const { QuarantineModal } = await import('../src/sync/QuarantineModal');
const { useSessionStore } = await import('../src/stores/sessionStore');

const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method).length;

/** Each call waits until the test answers it. */
let pending: { method: string; input: Record<string, unknown>; answer: Deferred<unknown> }[];
function answer(method: string, value: unknown) {
  const request = pending.find((entry) => entry.method === method);
  if (!request) throw new Error(`no ${method} request`);
  pending = pending.filter((entry) => entry !== request);
  act(() => request.answer.resolve(value));
}
function refuse(method: string, message: string) {
  const request = pending.find((entry) => entry.method === method)!;
  pending = pending.filter((entry) => entry !== request);
  act(() => request.answer.reject(new ApiCallError({ code: 'conflict', message })));
}

beforeEach(() => {
  pending = [];
  fake.call.mockImplementation((method: string, input: Record<string, unknown>) => {
    const request = { method, input, answer: deferred<unknown>() };
    pending.push(request);
    return request.answer.promise;
  });
});

describe('case notes (was a sending flag by hand)', () => {
  const detail = { row: { id: 'c1' }, review: { notes: [] } } as unknown as CaseDetail;

  it('sends a note once, even with Ctrl+Entrée while it is on its way, then empties the field', async () => {
    useSessionStore.setState({ user: { id: 'u1', role: 'agent' } as CurrentUser });
    renderWithProviders(<NotesPanel detail={detail} />, createQueryClient());
    const field = screen.getByRole('textbox');
    fireEvent.change(field, { target: { value: '  Pièce 3 illisible  ' } });
    const add = screen.getByRole('button', { name: 'Ajouter la note' });
    fireEvent.click(add);
    await waitFor(() => expect(add.getAttribute('data-loading')).toBe('true'));
    fireEvent.keyDown(field, { key: 'Enter', ctrlKey: true });
    expect(callsOf('notes.add')).toBe(1);
    expect(fake.call).toHaveBeenCalledWith('notes.add', {
      applicationId: 'c1',
      body: 'Pièce 3 illisible',
    });
    answer('notes.add', { id: 1 });
    await waitFor(() => expect((field as HTMLTextAreaElement).value).toBe(''));
    expect(add.hasAttribute('data-loading')).toBe(false);
  });

  it('a refused note stays in the field, and the toast says why', async () => {
    useSessionStore.setState({ user: { id: 'u1', role: 'agent' } as CurrentUser });
    renderWithProviders(<NotesPanel detail={detail} />, createQueryClient());
    const field = screen.getByRole('textbox');
    fireEvent.change(field, { target: { value: 'Note' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter la note' }));
    await waitFor(() => expect(callsOf('notes.add')).toBe(1));
    refuse('notes.add', 'Ce dossier relève d’un autre bureau.');
    await waitFor(() =>
      expect(toasts.show).toHaveBeenCalledWith(
        expect.objectContaining({ message: 'Ce dossier relève d’un autre bureau.' }),
      ),
    );
    expect((field as HTMLTextAreaElement).value).toBe('Note');
  });
});

describe('the quarantine (was its own rows, cursor and loading flag)', () => {
  const entry = (id: number) => ({
    id,
    portalId: `P-${id}`,
    reason: 'Statut inconnu',
    receivedAt: '2026-11-20T10:00:00.000Z',
    firstReceivedAt: '2026-11-20T10:00:00.000Z',
    seenCount: 1,
  });
  const page = (ids: number[], nextCursor: number | null): QuarantinePage =>
    ({ rows: ids.map(entry), total: 3, nextCursor }) as QuarantinePage;

  it('pages with « Charger plus », and each opening reads it afresh', async () => {
    const queryClient = createQueryClient();
    const { rerender } = renderWithProviders(
      <QuarantineModal opened onClose={() => undefined} />,
      queryClient,
    );
    await waitFor(() => expect(callsOf('sync.quarantine')).toBe(1));
    answer('sync.quarantine', page([3, 2], 2));
    expect(await screen.findByText('2 sur 3')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Charger plus' }));
    await waitFor(() => expect(callsOf('sync.quarantine')).toBe(2));
    expect(pending[0]!.input).toEqual({ cursor: 2, limit: 50 });
    answer('sync.quarantine', page([1], null));
    expect(await screen.findByText('3 sur 3')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Charger plus' })).toBeNull();

    rerender(<QuarantineModal opened={false} onClose={() => undefined} />);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    rerender(<QuarantineModal opened onClose={() => undefined} />);
    await waitFor(() => expect(callsOf('sync.quarantine')).toBe(3));
    expect(pending[0]!.input).toEqual({ cursor: null, limit: 50 });
  });
});

describe('backups (was its own list, error and busy flags; restore on ConfirmFormDialog)', () => {
  const backup: BackupSummary = {
    id: 'b1',
    createdAt: '2026-11-20T02:00:00.000Z',
    reason: 'daily',
    appVersion: '0.1.0',
    schemaVersion: 12,
    sizeBytes: 4_000_000,
    sha256: 'abc',
    integrity: 'ok',
  } as BackupSummary;
  const overview = (pendingRestore: BackupsOverview['pendingRestore'] = null): BackupsOverview => ({
    backups: [backup],
    directory: '/data/backups',
    retentionDays: 30,
    pendingRestore,
  });

  it('« Sauvegarder maintenant » runs once and the list follows', async () => {
    renderWithProviders(<BackupsPanel />, createQueryClient());
    answer('backups.list', overview());
    const now = await screen.findByRole('button', { name: 'Sauvegarder maintenant' });
    fireEvent.click(now);
    await waitFor(() => expect(now.getAttribute('data-loading')).toBe('true'));
    fireEvent.click(now);
    expect(callsOf('backups.create')).toBe(1);
    answer('backups.create', backup);
    await waitFor(() => expect(callsOf('backups.list')).toBe(2));
    expect(toasts.show).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Sauvegarde enregistrée et vérifiée.' }),
    );
  });

  it('a restore is checked and scheduled, then the panel says it is pending', async () => {
    renderWithProviders(<BackupsPanel />, createQueryClient());
    answer('backups.list', overview());
    fireEvent.click(await screen.findByRole('button', { name: /^Restaurer la sauvegarde du / }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Vérifier et programmer' });
    fireEvent.click(confirm);
    await waitFor(() => expect(confirm.getAttribute('data-loading')).toBe('true'));
    refuse('backups.scheduleRestore', 'La sauvegarde est endommagée.');
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'La sauvegarde est endommagée.',
    );

    fireEvent.click(confirm);
    await waitFor(() => expect(callsOf('backups.scheduleRestore')).toBe(2));
    answer('backups.scheduleRestore', { backup, restartAvailable: false });
    expect(await within(dialog).findByText(/Fermez Bureau puis relancez-le/)).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Redémarrer maintenant' })).toBeNull();
    await waitFor(() => expect(callsOf('backups.list')).toBe(2));
    answer('backups.list', overview({ backupId: 'b1', requestedAt: '2026-11-21T09:00:00.000Z' }));
    expect(await screen.findByText(/Restauration de la sauvegarde du .* programmée/)).toBeTruthy();
  });
});
