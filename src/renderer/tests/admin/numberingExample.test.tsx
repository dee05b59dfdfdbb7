// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OfficeSettings } from '../../../shared/api/adminTypes';
import type { NextCertificateNumber } from '../../../shared/api/certificateTypes';
import { deferred, renderWithProviders, type Deferred } from '../dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../../src/api/api', () => ({ api: fake }));

const { createQueryClient } = await import('../../src/api/queryClient');
const { OfficeScreen } = await import('../../src/admin/OfficeScreen');

let pending: { method: string; answer: Deferred<unknown> }[];
beforeEach(() => {
  pending = [];
  fake.call.mockImplementation((method: string) => {
    const request = { method, answer: deferred<unknown>() };
    pending.push(request);
    return request.answer.promise;
  });
});
async function answer(method: string, value: unknown) {
  await waitFor(() => expect(pending.some((entry) => entry.method === method)).toBe(true));
  const request = pending.find((entry) => entry.method === method)!;
  pending = pending.filter((entry) => entry !== request);
  act(() => request.answer.resolve(value));
}
/** The description Mantine links to a field (aria-describedby). */
function descriptionOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  const id = ids.find((candidate) => candidate.endsWith('-description'));
  return (id && document.getElementById(id)?.textContent) || '';
}

const office: OfficeSettings = {
  code: 'LOM',
  name: 'Bureau de Lomé',
  region: 'Maritime',
  numberingCode: 'LOM',
  opensAt: '07:30',
  closesAt: '17:30',
  lockAfterMinutes: 15,
};
const next: NextCertificateNumber = {
  procedureCode: 'COM-IMPEX',
  prefix: 'CIE',
  year: 2026,
  officeCode: 'LOM',
  numberedByDesk: false,
  seq: 124,
  number: 'CIE-2026-LOM-000124',
};

describe('office settings: the numbering example (issue 19)', () => {
  it('is the next real number, formatted as issued, with the code being typed', async () => {
    renderWithProviders(<OfficeScreen />, createQueryClient());
    await answer('admin.office.get', office);
    await answer('certificates.nextNumber', next);
    const numbering = await screen.findByTestId('office-numbering');
    await waitFor(() => expect(descriptionOf(numbering)).toContain('CIE-2026-LOM-000124'));
    fireEvent.change(numbering, { target: { value: 'LOMB' } });
    expect(descriptionOf(numbering)).toContain('Prochain numéro : CIE-2026-LOMB-000124');
  });

  it('on an enrolled desk, shows the office code its numbers carry and offers no code', async () => {
    renderWithProviders(<OfficeScreen />, createQueryClient());
    await answer('admin.office.get', office);
    await answer('certificates.nextNumber', { ...next, numberedByDesk: true, seq: 7 });
    const numbering = await screen.findByTestId('office-numbering');
    await waitFor(() => expect(descriptionOf(numbering)).toContain('CIE-2026-LOM-000007'));
    // The code would change nothing there: the field says why instead of taking one.
    expect((numbering as HTMLInputElement).disabled).toBe(true);
    expect(descriptionOf(numbering)).toContain('viennent des blocs du portail');
  });
});
