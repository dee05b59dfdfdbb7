import { expect, type Page } from '@playwright/test';
import type { UserAccount } from '../../src/shared/api/adminTypes';
import type { EnrollmentCode } from '../../src/shared/api/officeTypes';
import { pageRpc } from './e2eHost';

/**
 * An office of two desks for the e2e tests of casework across desks: desk 1 becomes the first
 * desk (its administrator creates the accounts), desk 2 joins with a code shown on desk 1.
 */

export const OFFICE_ADMIN = { username: 'ablavi.dossou', password: 'une longue phrase de passe' };
const TEMPORARY = 'mot de passe provisoire 1';
const CHOSEN = 'ma phrase à moi 2026';

export interface OfficeAccount {
  username: string;
  displayName: string;
  role: 'agent' | 'superviseur';
}

/** Enrolls both desks, creates `accounts` on desk 1 and signs its administrator out. */
export async function setUpOffice(
  pageA: Page,
  pageB: Page,
  accounts: readonly OfficeAccount[],
): Promise<Record<string, UserAccount>> {
  await expect(pageA.getByTestId('setup-first')).toBeVisible({ timeout: 30_000 });
  await pageRpc(pageA, 'session.createFirstAdministrator', {
    username: OFFICE_ADMIN.username,
    displayName: 'Ablavi Dossou',
    officeCode: 'LOM',
    password: OFFICE_ADMIN.password,
  });
  await pageRpc(pageA, 'office.enrollFirst', { label: 'Guichet 1' });
  const { code } = await pageRpc<EnrollmentCode>(pageA, 'office.issueCode', {
    label: 'Guichet 2',
  });
  await expect(pageB.getByTestId('setup-join')).toBeVisible({ timeout: 30_000 });
  await pageRpc(pageB, 'office.join', { officeCode: 'LOM', code, label: 'Guichet 2' });
  const created: Record<string, UserAccount> = {};
  for (const account of accounts) {
    created[account.username] = await pageRpc<UserAccount>(pageA, 'admin.users.create', {
      ...account,
      officeCode: 'LOM',
      procedureCodes: null,
      temporaryPassword: TEMPORARY,
    });
  }
  await pageRpc(pageA, 'session.signOut', {});
  return created;
}

/** Signs in through the API with the temporary password, chooses a new one, shows the inbox. */
export async function firstSignIn(page: Page, username: string): Promise<void> {
  // On a joined desk the account arrives with the directory: retried until it is there, from the
  // page's context but outside the page (a refused try is no console error of the page).
  const url = `${new URL(page.url()).origin}/api/rpc/session.signIn`;
  await expect(async () => {
    const response = await page.request.post(url, {
      data: JSON.stringify({ username, password: TEMPORARY }),
    });
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
  }).toPass({ timeout: 60_000 });
  await pageRpc(page, 'session.changePassword', {
    currentPassword: TEMPORARY,
    newPassword: CHOSEN,
  });
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Corbeilles' })).toBeVisible({
    timeout: 30_000,
  });
}
