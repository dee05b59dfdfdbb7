// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { createInstance } from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import type { SyncContact } from '../../shared/api/syncTypes';
import type { SyncStatus } from '../../shared/api/types';
import { renderWithProviders } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));

const { createQueryClient } = await import('../src/api/queryClient');
const { SyncIndicator } = await import('../src/shell/SyncIndicator');
const { lastContactLabel } = await import('../src/shell/syncLabel');
const { en } = await import('../src/i18n/en');
const { fr } = await import('../src/i18n/fr');

const i18n = createInstance();
await i18n.init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: 'fr',
  initAsync: false,
  interpolation: { escapeValue: false },
});
const tFr = i18n.getFixedT('fr');
const tEn = i18n.getFixedT('en');

/** Local wall-clock times: the label speaks of the desk's own days, whatever its time zone. */
const local = (y: number, m: number, d: number, h: number, min: number) =>
  new Date(y, m - 1, d, h, min);
const iso = (date: Date) => date.toISOString();

describe('the last contact with the portal, as the header says it', () => {
  const now = local(2026, 12, 7, 15, 30).getTime();

  it('today, yesterday, and a date before that', () => {
    expect(lastContactLabel(iso(local(2026, 12, 7, 10, 42)), now, 'fr', tFr)).toBe(
      'Dernier contact : aujourd’hui 10:42',
    );
    expect(lastContactLabel(iso(local(2026, 12, 6, 16, 5)), now, 'fr', tFr)).toBe(
      'Dernier contact : hier 16:05',
    );
    expect(lastContactLabel(iso(local(2026, 12, 5, 16, 5)), now, 'fr', tFr)).toBe(
      'Dernier contact : 05/12/2026 16:05',
    );
    expect(lastContactLabel(iso(local(2026, 12, 6, 16, 5)), now, 'en', tEn)).toBe(
      'Last contact: yesterday 16:05',
    );
  });

  it('goes by calendar days, not by 24 hours, across a month and a year', () => {
    const justAfterMidnight = local(2027, 1, 1, 0, 10).getTime();
    expect(lastContactLabel(iso(local(2026, 12, 31, 23, 55)), justAfterMidnight, 'fr', tFr)).toBe(
      'Dernier contact : hier 23:55',
    );
    expect(lastContactLabel(iso(local(2027, 1, 1, 0, 2)), justAfterMidnight, 'fr', tFr)).toBe(
      'Dernier contact : aujourd’hui 00:02',
    );
    expect(lastContactLabel(iso(local(2026, 12, 30, 23, 59)), justAfterMidnight, 'fr', tFr)).toBe(
      'Dernier contact : 30/12/2026 23:59',
    );
  });

  it('says so when the portal never answered this desk', () => {
    expect(lastContactLabel(null, now, 'fr', tFr)).toBe('Aucun contact avec le portail');
    expect(lastContactLabel(undefined, now, 'en', tEn)).toBe('No contact with the portal yet');
  });

  it('the header shows it offline, with the actions waiting to be sent', async () => {
    const lastContactAt = new Date(Date.now() - 5 * 60_000);
    const status: SyncStatus & SyncContact = {
      phase: 'offline',
      lastSuccessAt: null,
      offlineSince: new Date().toISOString(),
      lastContactAt: lastContactAt.toISOString(),
      pendingActions: 3,
      failedActions: 0,
      conflicts: 0,
      quarantined: 0,
      pulled: 0,
      remaining: null,
      errorMessage: null,
    };
    fake.call.mockImplementation((method: string) =>
      method === 'sync.status'
        ? Promise.resolve(status)
        : Promise.reject(new Error(`unexpected ${method}`)),
    );
    renderWithProviders(<SyncIndicator />, createQueryClient());
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Hors ligne'));
    const expected = lastContactLabel(status.lastContactAt, Date.now(), 'fr', tFr);
    expect(screen.getByTestId('sync-last-contact').textContent).toBe(expected);
    expect(expected).toMatch(/^Dernier contact : (aujourd’hui|hier) \d{2}:\d{2}$/);
    expect(screen.getByRole('status').textContent).toContain('3 actions en attente');
  });
});
