// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../../shared/api/types';
import type { Worklist, WorklistItem } from '../../shared/api/worklistTypes';
import { fakeEvents, renderWithProviders } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));

const { connectLiveInvalidation } = await import('../src/api/liveInvalidation');
const { createQueryClient } = await import('../src/api/queryClient');
const { WorklistView } = await import('../src/sync/WorklistView');
const { WorklistNavEntry } = await import('../src/sync/WorklistNavEntry');
const { useSessionStore } = await import('../src/stores/sessionStore');

const workCase = (id: string) => ({
  id,
  reference: `ART-CP-2026-${id}`,
  applicantName: 'Afi Mensah',
  procedureCode: 'ART-CP',
  status: 'in_review' as const,
});

const item = (patch: Partial<WorklistItem> & Pick<WorklistItem, 'kind' | 'key'>): WorklistItem => ({
  at: '2026-11-16T09:30:00.000Z',
  case: null,
  portalId: null,
  detail: null,
  actionKind: null,
  count: 1,
  seenCount: 1,
  ...patch,
});

const FOUR: Worklist = {
  items: [
    item({
      key: 'conflict:1',
      kind: 'conflict',
      case: workCase('000001'),
      detail:
        'Le demandeur a retiré sa demande alors que des actions locales n’étaient pas encore transmises.',
      actionKind: 'case.claimed',
    }),
    item({
      key: 'refused_action:2',
      kind: 'refused_action',
      case: workCase('000002'),
      detail: 'Dossier pris en charge par Kossi Agbodjan sur un autre poste.',
      actionKind: 'decision.approved',
      count: 2,
    }),
    item({ key: 'quarantined:7', kind: 'quarantined', detail: 'identifiant absent', seenCount: 3 }),
    item({
      key: 'document_failed:3',
      kind: 'document_failed',
      case: workCase('000003'),
      at: null,
      detail: 'statuts.pdf : après 6 essais, SHA-256 différent',
      count: 2,
    }),
  ],
  total: 4,
  counts: { conflict: 1, refused_action: 1, quarantined: 1, document_failed: 1 },
};
const EMPTY: Worklist = {
  items: [],
  total: 0,
  counts: { conflict: 0, refused_action: 0, quarantined: 0, document_failed: 0 },
};

const rowOf = (key: string) =>
  screen
    .getAllByTestId('worklist-item')
    .find((row) => row.dataset.caseId === key || row.dataset.kind === key)!;

describe('« À régulariser »', () => {
  let answer: Worklist;
  beforeEach(() => {
    answer = FOUR;
    fake.call.mockImplementation((method: string) =>
      method === 'sync.worklist'
        ? Promise.resolve(answer)
        : method === 'sync.worklistCount'
          ? Promise.resolve(answer.total)
          : Promise.reject(new Error(`unexpected ${method}`)),
    );
    useSessionStore.setState({ user: { id: 'u1', role: 'agent' } as CurrentUser });
  });

  it('says, for each item, what happened and what to do', async () => {
    renderWithProviders(<WorklistView />, createQueryClient());
    await waitFor(() => expect(screen.getAllByTestId('worklist-item')).toHaveLength(4));
    expect(screen.getByTestId('worklist-total').textContent).toBe('4 éléments à régulariser');

    const conflict = within(rowOf('000001'));
    expect(conflict.getByTestId('worklist-what').textContent).toMatch(/^Le demandeur a retiré/);
    expect(conflict.getByTestId('worklist-todo').textContent).toMatch(/choisissez celle à garder/);

    const refused = within(rowOf('000002'));
    expect(refused.getByTestId('worklist-what').textContent).toBe(
      'Le portail a refusé l’action « Approbation » et 1 autre(s) faite(s) dans Bureau.',
    );
    expect(refused.getByText(/^Motif : Dossier pris en charge par Kossi Agbodjan/)).toBeTruthy();

    const quarantined = within(rowOf('quarantined'));
    expect(quarantined.getByText('Sans identifiant')).toBeTruthy();
    expect(quarantined.getByText(/Reçu 3 fois/)).toBeTruthy();
    expect(quarantined.getByRole('button', { name: 'Voir la quarantaine' })).toBeTruthy();

    const documents = within(rowOf('000003'));
    expect(documents.getByTestId('worklist-what').textContent).toBe(
      '2 pièces jointes n’ont pas pu être téléchargées depuis le portail.',
    );
    expect(documents.getByText('Date inconnue')).toBeTruthy();
    expect(
      documents.getByRole('link', { name: /Ouvrir le dossier ART-CP-2026-000003/ }),
    ).toBeTruthy();
  });

  it('tells an administrator, who reads cases but does not decide them, who must', async () => {
    useSessionStore.setState({ user: { id: 'u9', role: 'administrateur' } as CurrentUser });
    renderWithProviders(<WorklistView />, createQueryClient());
    await waitFor(() => expect(screen.getAllByTestId('worklist-item')).toHaveLength(4));
    for (const key of ['000001', '000002']) {
      expect(within(rowOf(key)).getByTestId('worklist-todo').textContent).toBe(
        'Un agent ou un superviseur du bureau doit ouvrir le dossier et choisir la version à garder.',
      );
    }
  });

  it('follows the core’s case changes: the list and the navigation’s count empty together', async () => {
    const queryClient = createQueryClient();
    const events = fakeEvents();
    const off = connectLiveInvalidation(events, queryClient, { quietMs: 0, maxWaitMs: 0 });
    renderWithProviders(
      <>
        <WorklistNavEntry compact={false} />
        <WorklistView />
      </>,
      queryClient,
    );
    await waitFor(() => expect(screen.getAllByTestId('worklist-item')).toHaveLength(4));
    expect(screen.getByTestId('worklist-count').textContent).toBe('4');

    answer = EMPTY;
    act(() => events.emit('cases.changed', { ids: ['000001'] }));
    await waitFor(() =>
      expect(screen.getByTestId('worklist-empty').textContent).toMatch(/Rien à régulariser/),
    );
    expect(screen.getByTestId('worklist-count').textContent).toBe('0');
    off();
  });
});
