// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  DeskSummary,
  DesksOverview,
  EnrollmentCode,
  OfficeDesk,
} from '../../../shared/api/officeTypes';
import { ApiCallError } from '../../../shared/api/client';
import { V1_ONLY_LINE } from '../../../shared/domain/portalApi';
import { renderWithProviders } from '../dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../../src/api/api', () => ({ api: fake }));
const toasts = vi.hoisted(() => ({ show: vi.fn(), clean: vi.fn() }));
vi.mock('@mantine/notifications', () => ({ notifications: toasts }));

const { createQueryClient } = await import('../../src/api/queryClient');
const { DesksScreen } = await import('../../src/admin/DesksScreen');

/** What the core answers, per method: a value, or a function of the input. */
let answers: Record<string, unknown>;
const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method);

beforeEach(() => {
  answers = {};
  fake.call.mockImplementation(async (method: string, input: unknown) => {
    if (!(method in answers)) throw new Error(`no answer for ${method}`);
    const answer = answers[method];
    const value =
      typeof answer === 'function' ? (answer as (input: unknown) => unknown)(input) : answer;
    if (value instanceof Error) throw value;
    return structuredClone(value);
  });
});

const single: DeskSummary = {
  mode: 'single',
  deskId: null,
  officeCode: 'LOM',
  label: null,
  keyId: null,
  enrolledAt: null,
  portalApi: 2,
  portalEnrolls: true,
};

const enrolled: DeskSummary = {
  mode: 'office',
  deskId: 'LOM-03',
  officeCode: 'LOM',
  label: 'Guichet 3',
  keyId: 'LOM-9b02e4c1',
  enrolledAt: '2026-03-12T10:15:03.000Z',
  portalApi: 2,
  portalEnrolls: true,
};

const officeDesk = (id: string, label: string, extra: Partial<OfficeDesk> = {}): OfficeDesk => ({
  id,
  label,
  keyId: `LOM-${id.slice(-2)}aa11bb`,
  enrolledAt: '2026-03-12T10:15:03.000Z',
  lastContactAt: new Date(Date.now() - 2 * 60_000).toISOString(),
  directorySequence: 131,
  appVersion: '1.9.0',
  pendingActions: 0,
  failedActions: 0,
  retiredAt: null,
  ...extra,
});

const overview = (desk: DeskSummary, rest: Partial<DesksOverview> = {}): DesksOverview => ({
  desk,
  desks: [],
  toPublish: { accounts: 5, keys: 1, certificates: 6 },
  trainingMode: false,
  ...rest,
});

describe('« Postes de travail »', () => {
  it('a desk alone on a v2 portal is offered to become the first desk, with what it publishes', async () => {
    answers['office.desks'] = overview(single);
    renderWithProviders(<DesksScreen />, createQueryClient());

    expect((await screen.findByTestId('desks-identity')).textContent).toBe(
      'Poste seul (non inscrit dans un bureau) · Portail : API v2',
    );
    const offer = screen.getByTestId('desks-first-offer');
    expect(offer.textContent).toContain('Faire de ce poste le premier poste du bureau LOM');
    expect(screen.getByTestId('desks-to-publish').textContent).toBe(
      'Seront publiés sur le portail : 5 comptes, 6 certificats, 1 clé.',
    );
    expect(screen.queryByTestId('desks-v1-only')).toBeNull();
    expect(screen.queryByTestId('desks-table')).toBeNull();

    // The label is checked beside the field.
    const label = screen.getByTestId('desks-first-label') as HTMLInputElement;
    expect(label.value).toBe('Poste 1');
    fireEvent.change(label, { target: { value: '   ' } });
    expect(await screen.findByText('Entre 1 et 60 caractères.')).toBeTruthy();
    expect(screen.getByTestId('desks-first-button').hasAttribute('disabled')).toBe(true);

    // Confirmed, then refused: the core's French reason is shown; then accepted.
    fireEvent.change(label, { target: { value: 'Guichet 1' } });
    answers['office.enrollFirst'] = new ApiCallError({
      code: 'conflict',
      message: 'Le bureau LOM a déjà des postes : demandez un code d’inscription.',
    });
    fireEvent.click(screen.getByTestId('desks-first-button'));
    fireEvent.click(await screen.findByTestId('desks-first-confirm'));
    expect((await screen.findByTestId('desks-first-error')).textContent).toBe(
      'Le bureau LOM a déjà des postes : demandez un code d’inscription.',
    );
    expect(callsOf('office.enrollFirst').map(([, input]) => input)).toEqual([
      { label: 'Guichet 1' },
    ]);

    const now = { ...enrolled, deskId: 'LOM-01', label: 'Guichet 1' };
    answers['office.enrollFirst'] = now;
    answers['office.desks'] = overview(now, {
      desks: [officeDesk('LOM-01', 'Guichet 1')],
      toPublish: null,
    });
    fireEvent.click(screen.getByTestId('desks-first-confirm'));
    await waitFor(() =>
      expect(toasts.show).toHaveBeenCalledWith(
        expect.objectContaining({
          color: 'teal',
          message: 'Ce poste est maintenant LOM-01, premier poste du bureau LOM.',
        }),
      ),
    );
    await screen.findByTestId('desks-table');
    expect(callsOf('office.desks')).toHaveLength(2);
  });

  it('a v1-only portal shows the one v1 line and no offer', async () => {
    answers['office.desks'] = overview({ ...single, portalApi: 1, portalEnrolls: false });
    renderWithProviders(<DesksScreen />, createQueryClient());
    expect((await screen.findByTestId('desks-v1-only')).textContent).toBe(V1_ONLY_LINE);
    expect(screen.getByTestId('desks-identity').textContent).toContain('Portail : API v1');
    expect(screen.queryByTestId('desks-first-offer')).toBeNull();
  });

  it('training mode says so and offers no enrollment', async () => {
    answers['office.desks'] = overview(single, { trainingMode: true });
    renderWithProviders(<DesksScreen />, createQueryClient());
    expect((await screen.findByTestId('desks-training')).textContent).toBe(
      "En mode formation, ce poste n'est inscrit dans aucun bureau réel.",
    );
    expect(screen.queryByTestId('desks-first-offer')).toBeNull();
    expect(screen.queryByTestId('desks-enroll')).toBeNull();
  });

  it('an enrolled desk lists the office’s desks and marks itself', async () => {
    answers['office.desks'] = overview(enrolled, {
      toPublish: null,
      desks: [
        officeDesk('LOM-01', 'Guichet 1', { pendingActions: 3 }),
        officeDesk('LOM-02', 'Guichet 2', {
          lastContactAt: null,
          appVersion: null,
          retiredAt: '2026-03-20T09:00:00.000Z',
        }),
        officeDesk('LOM-03', 'Guichet 3'),
        officeDesk('LOM-04', 'Accueil', { lastContactAt: '2026-03-10T16:02:00.000Z' }),
      ],
    });
    renderWithProviders(<DesksScreen />, createQueryClient());

    const rows = await screen.findAllByTestId('desk-row');
    expect(screen.getByTestId('desks-identity').textContent).toBe(
      'LOM-03 (Guichet 3) · Bureau LOM · Clé LOM-9b02e4c1 · Inscrit le 12/03/2026 · Portail : API v2',
    );
    expect(rows.map((row) => row.getAttribute('data-desk'))).toEqual([
      'LOM-01',
      'LOM-02',
      'LOM-03',
      'LOM-04',
    ]);
    const [first, retired, self, away] = rows as [
      HTMLElement,
      HTMLElement,
      HTMLElement,
      HTMLElement,
    ];
    expect(first.textContent).toContain('LOM-01 · Guichet 1');
    expect(first.textContent).toMatch(/il y a 2\smin/);
    expect(first.textContent).toContain('Actif');
    expect(first.textContent).not.toContain('ce poste');
    expect(retired.textContent).toContain('jamais');
    expect(retired.textContent).toContain('Retiré le 20/03/2026');
    expect(within(self).getByTestId('desk-this').textContent).toBe('ce poste');
    expect(screen.getAllByTestId('desk-this')).toHaveLength(1);
    expect(away.textContent).toContain('hors ligne depuis le 10/03/2026');
    expect(screen.getByText('4 postes')).toBeTruthy();
  });

  it('an empty list says so', async () => {
    answers['office.desks'] = overview(enrolled, { toPublish: null, desks: [] });
    renderWithProviders(<DesksScreen />, createQueryClient());
    expect((await screen.findByTestId('desks-empty')).textContent).toBe(
      'Le portail ne liste encore aucun poste pour ce bureau.',
    );
  });

  it('a failed load can be retried', async () => {
    answers['office.desks'] = new ApiCallError({
      code: 'unavailable',
      message: 'Le portail ne répond pas.',
    });
    const queryClient = createQueryClient();
    queryClient.setDefaultOptions({ queries: { retry: false } });
    renderWithProviders(<DesksScreen />, queryClient);
    expect(await screen.findByText('Le portail ne répond pas.')).toBeTruthy();
    answers['office.desks'] = overview(enrolled, { desks: [officeDesk('LOM-03', 'Guichet 3')] });
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByTestId('desks-table')).toBeTruthy();
  });

  it('the enrollment code dialog shows the code, its validity and a countdown that runs out', async () => {
    answers['office.desks'] = overview(enrolled, {
      toPublish: null,
      desks: [officeDesk('LOM-03', 'Guichet 3')],
    });
    const code = (expiresInMs: number): EnrollmentCode => ({
      code: 'K7QF-M2XD-94TB',
      label: 'Guichet 2',
      expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    });
    answers['office.issueCode'] = () => code(29 * 60_000 + 30_000);
    renderWithProviders(<DesksScreen />, createQueryClient());

    fireEvent.click(await screen.findByTestId('desks-enroll'));
    const dialog = await screen.findByTestId('enrollment-dialog');
    const issue = within(dialog).getByTestId('enrollment-issue');
    expect(issue.hasAttribute('disabled')).toBe(true);
    fireEvent.change(within(dialog).getByTestId('enrollment-label'), {
      target: { value: 'Guichet 2' },
    });
    fireEvent.click(issue);

    expect((await screen.findByTestId('enrollment-code')).textContent).toBe('K7QF-M2XD-94TB');
    expect(callsOf('office.issueCode').map(([, input]) => input)).toEqual([{ label: 'Guichet 2' }]);
    expect(screen.getByTestId('enrollment-countdown').textContent).toMatch(
      /^Expire dans 29:(30|29|28)$/,
    );
    // The time alone, or with its date when the 30 minutes cross midnight.
    expect(
      screen.getByText(
        /^Bureau LOM · valable jusqu'à (\d\d\/\d\d\/\d{4} )?\d\d:\d\d, une seule fois$/,
      ),
    ).toBeTruthy();
    expect(screen.getByTestId('enrollment-code-copy')).toBeTruthy();

    // A new code that runs out within the second: the countdown says it is over.
    answers['office.issueCode'] = () => code(1200);
    fireEvent.click(screen.getByRole('button', { name: 'Fermer' }));
    await waitFor(() => expect(screen.queryByTestId('enrollment-dialog')).toBeNull());
    fireEvent.click(screen.getByTestId('desks-enroll'));
    fireEvent.change(await screen.findByTestId('enrollment-label'), {
      target: { value: 'Guichet 2' },
    });
    fireEvent.click(screen.getByTestId('enrollment-issue'));
    expect((await screen.findByTestId('enrollment-countdown')).textContent).toMatch(
      /^Expire dans 00:0[12]$/,
    );
    await waitFor(
      () =>
        expect(screen.getByTestId('enrollment-countdown').textContent).toContain(
          'Code expiré : demandez-en un nouveau',
        ),
      { timeout: 4000 },
    );
    expect(screen.queryByTestId('enrollment-code-copy')).toBeNull();
  });
});
