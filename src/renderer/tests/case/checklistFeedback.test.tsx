// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../../shared/api/client';
import type { CaseDetail } from '../../../shared/api/types';
import { renderWithProviders } from '../dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../../src/api/api', () => ({ api: fake }));
const toasts = vi.hoisted(() => ({ show: vi.fn(), clean: vi.fn() }));
vi.mock('@mantine/notifications', () => ({ notifications: toasts }));

const { queryClient } = await import('../../src/api/queryClient');
const { ChecklistPanel } = await import('../../src/case/review/ChecklistPanel');

const ITEMS = ['pays', 'regles', 'facture', 'code-sh'];
const KOSSI = { id: 'u-agent-kossi', displayName: 'Kossi Agbodjan' };

/** The little of a case the checklist reads, with `ticked` points ticked by Kossi. */
function caseOf(ticked: readonly string[]): CaseDetail {
  return {
    row: { id: 'app-1', reference: 'COM-CO-2026-000018' },
    procedure: {
      checklist: ITEMS.map((id) => ({ id, label: { fr: `Point ${id}`, en: `Point ${id}` } })),
    },
    review: {
      checklist: ticked.map((itemId) => ({
        itemId,
        checked: true,
        by: KOSSI,
        at: '2026-12-07T03:40:00Z',
      })),
      workflow: { allowedActions: ['tickChecklist'] },
    },
  } as unknown as CaseDetail;
}

const box = (id: string) => screen.getByTestId(`checklist-${id}`);

beforeEach(() => {
  queryClient.clear();
  toasts.show.mockClear();
});

describe('checklist ticks say how they went beside the point, never in a toast (issue 19)', () => {
  it('four ticks: « Enregistré » beside the last one ticked, no toast', async () => {
    const ticked: string[] = [];
    fake.call.mockImplementation((method: string, input: { itemId: string }) => {
      expect(method).toBe('cases.tickChecklist');
      ticked.push(input.itemId);
      return Promise.resolve(caseOf([...ticked]));
    });
    const view = renderWithProviders(<ChecklistPanel detail={caseOf([])} />, queryClient);
    for (const [index, id] of ITEMS.entries()) {
      fireEvent.click(box(id));
      await waitFor(() =>
        expect(screen.getByTestId(`checklist-feedback-${id}`).dataset.state).toBe('saved'),
      );
      expect(screen.getByTestId(`checklist-feedback-${id}`).textContent).toBe('Enregistré');
      // The panel shows the case the core answered with, as the case view does.
      view.rerender(<ChecklistPanel detail={caseOf(ITEMS.slice(0, index + 1))} />);
    }
    expect(screen.getAllByTestId(/^checklist-feedback-/)).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe('Point code-sh : Enregistré');
    expect(toasts.show).not.toHaveBeenCalled();
  });

  it('a refused tick says the core’s French reason under the point, as an alert', async () => {
    const reason = 'Prenez d’abord le dossier en charge pour cocher la liste de contrôle.';
    fake.call.mockRejectedValue(new ApiCallError({ code: 'workflow_refused', message: reason }));
    renderWithProviders(<ChecklistPanel detail={caseOf([])} />, queryClient);
    fireEvent.click(box('facture'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(`Non enregistré : ${reason}`);
    expect(alert.dataset.testid).toBe('checklist-feedback-facture');
    expect((box('facture') as HTMLInputElement).checked).toBe(false);
    expect(toasts.show).not.toHaveBeenCalled();
  });
});
