// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditPage, AuditRow, OfficeSettings } from '../../shared/api/adminTypes';
import { ApiCallError } from '../../shared/api/client';
import { deferred, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));
const toasts = vi.hoisted(() => ({ show: vi.fn(), clean: vi.fn() }));
vi.mock('@mantine/notifications', () => ({ notifications: toasts }));

const { createQueryClient } = await import('../src/api/queryClient');
const { OfficeScreen } = await import('../src/admin/OfficeScreen');
const { HolidaysScreen } = await import('../src/admin/HolidaysScreen');
const { AuditScreen } = await import('../src/admin/AuditScreen');

const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method).length;

/** Each call waits until the test answers it. */
let pending: { method: string; input: Record<string, unknown>; answer: Deferred<unknown> }[];
function answer(method: string, value: unknown) {
  const request = pending.find((entry) => entry.method === method);
  if (!request) throw new Error(`no ${method} request`);
  pending = pending.filter((entry) => entry !== request);
  act(() => request.answer.resolve(structuredClone(value)));
}
function refuse(method: string, message: string) {
  const request = pending.find((entry) => entry.method === method)!;
  pending = pending.filter((entry) => entry !== request);
  act(() => request.answer.reject(new ApiCallError({ code: 'invalid_input', message })));
}

beforeEach(() => {
  pending = [];
  fake.call.mockImplementation((method: string, input: Record<string, unknown>) => {
    const request = { method, input, answer: deferred<unknown>() };
    pending.push(request);
    return request.answer.promise;
  });
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

describe('office settings (was useAdminData and a busy flag)', () => {
  it('saves once, busy meanwhile, says a refusal, then shows the core’s answer', async () => {
    renderWithProviders(<OfficeScreen />, createQueryClient());
    await waitFor(() => expect(callsOf('admin.office.get')).toBe(1));
    answer('admin.office.get', office);
    const name = await screen.findByTestId('office-name');
    const save = screen.getByTestId('office-save');
    expect(save.hasAttribute('disabled')).toBe(true);

    fireEvent.change(name, { target: { value: 'Bureau de Lomé-Port' } });
    fireEvent.click(save);
    await waitFor(() => expect(save.getAttribute('data-loading')).toBe('true'));
    fireEvent.submit(name.closest('form')!);
    expect(callsOf('admin.office.update')).toBe(1);
    refuse('admin.office.update', 'Le nom est déjà pris.');
    expect((await screen.findByRole('alert')).textContent).toBe('Le nom est déjà pris.');

    fireEvent.click(save);
    await waitFor(() => expect(callsOf('admin.office.update')).toBe(2));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    answer('admin.office.update', { ...office, name: 'Bureau de Lomé-Port (centre)' });
    await waitFor(() =>
      expect((name as HTMLInputElement).value).toBe('Bureau de Lomé-Port (centre)'),
    );
    // Saved: nothing left to save, and the screen was not fetched again.
    expect(save.hasAttribute('disabled')).toBe(true);
    expect(callsOf('admin.office.get')).toBe(1);
    expect(toasts.show).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Réglages du bureau enregistrés.' }),
    );
  });
});

describe('holidays (was useAdminData and a busy flag)', () => {
  it('each year is its own read; a late answer for the previous year never shows', async () => {
    const year = new Date().getFullYear();
    renderWithProviders(<HolidaysScreen />, createQueryClient());
    await waitFor(() => expect(callsOf('admin.holidays.list')).toBe(1));
    fireEvent.click(screen.getByRole('button', { name: 'Année suivante' }));
    await waitFor(() => expect(callsOf('admin.holidays.list')).toBe(2));
    expect(pending.map((request) => request.input['year'])).toEqual([year, year + 1]);
    expect(screen.getByTestId('holidays-loading')).toBeTruthy();

    const next = pending[1]!;
    pending = [pending[0]!];
    act(() =>
      next.answer.resolve([
        { date: `${year + 1}-01-01`, label: 'Jour de l’an', provisional: false },
      ]),
    );
    await waitFor(() => expect(screen.getAllByTestId('holiday-row')).toHaveLength(1));
    answer('admin.holidays.list', [
      { date: `${year}-01-01`, label: 'Jour de l’an', provisional: false },
      { date: `${year}-04-27`, label: 'Fête de l’indépendance', provisional: false },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(
      screen.getAllByTestId('holiday-row').map((row) => row.getAttribute('data-date')),
    ).toEqual([`${year + 1}-01-01`]);
  });

  it('saves the year, busy meanwhile, and keeps what the core answered', async () => {
    const year = new Date().getFullYear();
    renderWithProviders(<HolidaysScreen />, createQueryClient());
    await waitFor(() => expect(callsOf('admin.holidays.list')).toBe(1));
    answer('admin.holidays.list', []);
    fireEvent.click(await screen.findByTestId('holiday-add'));
    fireEvent.change(screen.getByTestId('holiday-label'), { target: { value: 'Fête du travail' } });
    fireEvent.change(screen.getByTestId('holiday-date'), { target: { value: `01/05/${year}` } });
    const save = screen.getByTestId('holidays-save');
    await waitFor(() => expect(save.hasAttribute('disabled')).toBe(false));
    fireEvent.click(save);
    await waitFor(() => expect(save.getAttribute('data-loading')).toBe('true'));
    fireEvent.click(save);
    expect(callsOf('admin.holidays.save')).toBe(1);
    answer('admin.holidays.save', {
      holidays: [{ date: `${year}-05-01`, label: 'Fête du travail', provisional: false }],
      recomputedDeadlines: 0,
    });
    await waitFor(() => expect(screen.getByText('1 jour férié')).toBeTruthy());
    expect(save.hasAttribute('disabled')).toBe(true);
    expect(callsOf('admin.holidays.list')).toBe(1);
  });
});

const auditRow = (seq: number): AuditRow => ({
  seq,
  at: '2026-11-20T10:00:00.000Z',
  actorId: null,
  actorName: 'Système',
  officeCode: 'LOM',
  action: 'session.signIn',
  entityType: 'session',
  entityId: null,
  summary: {},
  description: { sentence: 'session.signed_in', params: {}, case: null, person: null, details: [] },
});
const auditPage = (from: number, count: number, next: number | null): AuditPage => ({
  rows: Array.from({ length: count }, (_, index) => auditRow(from - index)),
  nextBeforeSeq: next,
});

describe('the audit trail (was useAdminData and hand-kept « Charger plus » pages)', () => {
  it('adds older pages, and a verification runs on demand', async () => {
    renderWithProviders(<AuditScreen />, createQueryClient());
    await waitFor(() => expect(callsOf('audit.list')).toBe(1));
    answer('admin.users.list', []);
    answer('audit.list', auditPage(200, 3, 198));
    expect((await screen.findByTestId('audit-shown')).textContent).toBe('3 lignes affichées');

    fireEvent.click(screen.getByTestId('audit-more'));
    await waitFor(() => expect(callsOf('audit.list')).toBe(2));
    expect(pending[0]!.input['beforeSeq']).toBe(198);
    answer('audit.list', auditPage(197, 2, null));
    await waitFor(() =>
      expect(screen.getByTestId('audit-shown').textContent).toBe('5 lignes affichées'),
    );
    expect(screen.getByTestId('audit-end')).toBeTruthy();

    const verify = screen.getByTestId('audit-verify');
    fireEvent.click(verify);
    await waitFor(() => expect(verify.getAttribute('data-loading')).toBe('true'));
    answer('audit.verify', {
      ok: true,
      checkedRows: 200,
      firstBroken: null,
      lastHash: 'f00d',
      durationMs: 12,
    });
    expect(await screen.findByText('f00d')).toBeTruthy();
    expect(verify.hasAttribute('data-loading')).toBe(false);
  });
});
