// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail } from '../../../shared/api/types';
import { renderWithProviders } from '../dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../../src/api/api', () => ({ api: fake }));
// pdf.js is not what is tested here: the stub shows which PDF it was given.
vi.mock('../../src/case/documents/PdfViewer', () => ({
  PdfViewer: (props: { content: { base64: string } }) => (
    <div data-testid="pdf-stub">{props.content.base64}</div>
  ),
}));

const { RejectDialog } = await import('../../src/case/review/RejectDialog');
const { RequestInfoDialog } = await import('../../src/case/review/RequestInfoDialog');
const { ApproveDialog } = await import('../../src/case/review/ApproveDialog');

const detail = {
  row: { id: 'c1', reference: 'COM-IMPEX-2026-000123' },
  procedure: {
    rejectReasons: [
      { code: 'RCCM_INVALIDE', label: { fr: 'Extrait RCCM invalide', en: 'Invalid RCCM' } },
    ],
    documents: [
      { code: 'EXTRAIT_RCCM', label: { fr: 'Extrait du registre du commerce', en: 'RCCM' } },
    ],
    sections: [],
  },
} as unknown as CaseDetail;

const previewCalls = () => fake.call.mock.calls.filter(([method]) => method === 'letters.preview');

describe('the decision dialogs show the letter the decision would send (issue 20 §1)', () => {
  beforeEach(() => {
    fake.call.mockReset();
    fake.call.mockImplementation((method: string, input: { decision: { comment?: string } }) =>
      method === 'letters.preview'
        ? Promise.resolve({ base64: `pdf:${input.decision.comment ?? ''}` })
        : Promise.reject(new Error(`unexpected ${method}`)),
    );
  });

  it('reject: waits for a reason, then draws the letter from the reasons and the comment once typing pauses', async () => {
    renderWithProviders(
      <RejectDialog detail={detail} opened onClose={() => {}} onConfirm={() => {}} busy={false} />,
      new QueryClient(),
    );
    const pane = screen.getByTestId('letter-preview');
    expect(pane.textContent).toContain('L’aperçu apparaîtra dès que la décision sera complète.');
    expect(previewCalls()).toEqual([]);

    fireEvent.click(screen.getByLabelText('Extrait RCCM invalide'));
    await waitFor(() => expect(screen.getByTestId('pdf-stub').textContent).toBe('pdf:'));
    expect(previewCalls()).toEqual([
      [
        'letters.preview',
        {
          caseId: 'c1',
          decision: { kind: 'rejection', reasonCodes: ['RCCM_INVALIDE'], comment: '' },
        },
      ],
    ]);

    // A burst of keystrokes: one new drawing, of the last text, after the pause.
    const box = screen.getByRole('textbox');
    for (const text of ['L’', 'L’extrait', 'L’extrait date de 2025.']) {
      act(() => void fireEvent.change(box, { target: { value: text } }));
    }
    await waitFor(() =>
      expect(screen.getByTestId('pdf-stub').textContent).toBe('pdf:L’extrait date de 2025.'),
    );
    expect(previewCalls()).toHaveLength(2);
  });

  it('request for information: the chosen documents and the message go to the preview', async () => {
    renderWithProviders(
      <RequestInfoDialog
        detail={detail}
        opened
        onClose={() => {}}
        onConfirm={() => {}}
        busy={false}
      />,
      new QueryClient(),
    );
    fireEvent.click(screen.getByLabelText('Extrait du registre du commerce'));
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Merci.' } });
    await waitFor(() => expect(screen.getByTestId('pdf-stub').textContent).toBe('pdf:'));
    await waitFor(() =>
      expect(previewCalls().at(-1)).toEqual([
        'letters.preview',
        {
          caseId: 'c1',
          decision: {
            kind: 'info_request',
            missingDocuments: ['EXTRAIT_RCCM'],
            fieldsToCorrect: [],
            message: 'Merci.',
          },
        },
      ]),
    );
  });

  it('approve: shows the cover letter only where the core says the procedure sends one', async () => {
    const coverFor = new Set<string>();
    fake.call.mockImplementation((method: string, input: { caseId: string }) =>
      method === 'letters.preview'
        ? Promise.resolve(coverFor.has(input.caseId) ? { base64: 'pdf:cover' } : null)
        : Promise.reject(new Error(`unexpected ${method}`)),
    );
    const { unmount } = renderWithProviders(
      <ApproveDialog detail={detail} opened onClose={() => {}} onConfirm={() => {}} busy={false} />,
      new QueryClient(),
    );
    await waitFor(() => expect(previewCalls()).toHaveLength(1));
    await act(async () => {
      await Promise.resolve();
    });
    expect(screen.queryByTestId('letter-preview')).toBeNull();
    unmount();

    coverFor.add('c1');
    renderWithProviders(
      <ApproveDialog detail={detail} opened onClose={() => {}} onConfirm={() => {}} busy={false} />,
      new QueryClient(),
    );
    await waitFor(() => expect(screen.getByTestId('pdf-stub').textContent).toBe('pdf:cover'));
  });
});
