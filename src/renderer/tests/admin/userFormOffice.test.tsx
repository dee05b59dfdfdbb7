// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OfficeSettings, UserAccount } from '../../../shared/api/adminTypes';
import { renderWithProviders } from '../dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../../src/api/api', () => ({ api: fake }));

const { createQueryClient } = await import('../../src/api/queryClient');
const { UserFormDialog } = await import('../../src/admin/UserFormDialog');

const KARA: OfficeSettings = {
  code: 'KAR',
  name: 'Bureau régional de Kara',
  region: 'Kara',
  numberingCode: 'KAR',
  opensAt: '07:30',
  closesAt: '17:30',
  lockAfterMinutes: 10,
};

const officeField = () => screen.getByTestId('user-office') as HTMLInputElement;

beforeEach(() => {
  fake.call.mockImplementation((method: string) =>
    method === 'admin.office.get'
      ? Promise.resolve(KARA)
      : Promise.reject(new Error(`unexpected ${method}`)),
  );
});

describe('a new account defaults to the installation’s office (issue 19)', () => {
  it('on a Kara installation, « Bureau » starts at Kara, not Lomé', async () => {
    renderWithProviders(
      <UserFormDialog account={null} onClose={() => {}} onSaved={() => {}} />,
      createQueryClient(),
    );
    await waitFor(() => expect(officeField().value).toBe('KAR — Kara'));
  });

  it('an existing account keeps its own office', async () => {
    const account = {
      id: 'u-1',
      username: 'kossi.agbodjan',
      displayName: 'Kossi Agbodjan',
      role: 'agent',
      officeCode: 'LOM',
      procedureCodes: null,
      active: true,
    } as unknown as UserAccount;
    renderWithProviders(
      <UserFormDialog account={account} onClose={() => {}} onSaved={() => {}} />,
      createQueryClient(),
    );
    await waitFor(() => expect(fake.call).toHaveBeenCalledWith('admin.office.get', {}));
    expect(officeField().value).toBe('LOM — Lomé');
  });
});
