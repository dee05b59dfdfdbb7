// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { COMMENT_MAX_LENGTH } from '../../../shared/api/contract/common';
import type { CaseDetail } from '../../../shared/api/types';
import { renderWithProviders } from '../dom';

const { RejectDialog } = await import('../../src/case/review/RejectDialog');
const { RequestInfoDialog } = await import('../../src/case/review/RequestInfoDialog');
const { ApproveDialog } = await import('../../src/case/review/ApproveDialog');

/** The little of a case these dialogs read. */
const detail = {
  row: { reference: 'COM-2026-000123' },
  procedure: {
    rejectReasons: [{ code: 'incomplete', label: { fr: 'Dossier incomplet', en: 'Incomplete' } }],
    documents: [],
    sections: [],
  },
} as unknown as CaseDetail;

const counter = () => (screen.getByTestId('comment-counter').textContent ?? '').replace(/\s/g, ' ');
const box = () => screen.getByRole('textbox') as HTMLTextAreaElement;

describe('decision comments: the contract’s limit and a counter (issue 19)', () => {
  it('reject: the box takes no more than the contract and counts what is left', () => {
    const onConfirm = vi.fn();
    renderWithProviders(
      <RejectDialog detail={detail} opened onClose={() => {}} onConfirm={onConfirm} busy={false} />,
      new QueryClient(),
    );
    expect(COMMENT_MAX_LENGTH).toBe(2000);
    expect(box().maxLength).toBe(COMMENT_MAX_LENGTH);
    expect(counter()).toBe('0 / 2 000');
    fireEvent.change(box(), { target: { value: 'x'.repeat(1850) } });
    expect(counter()).toBe('1 850 / 2 000');
    expect(screen.getByTestId('comment-counter').dataset.tone).toBe('near');
    fireEvent.change(box(), { target: { value: 'x'.repeat(2000) } });
    expect(screen.getByTestId('comment-counter').dataset.tone).toBe('full');
    // Past the limit (set by a script, say): said beside the box.
    fireEvent.change(box(), { target: { value: 'x'.repeat(6120) } });
    expect((document.body.textContent ?? '').replace(/\s/g, ' ')).toContain(
      'Trop long : 2 000 caractères au plus (actuellement 6 120).',
    );
  });

  it('request for information and approval: the same counter under their box', () => {
    const { unmount } = renderWithProviders(
      <RequestInfoDialog
        detail={detail}
        opened
        onClose={() => {}}
        onConfirm={() => {}}
        busy={false}
      />,
      new QueryClient(),
    );
    fireEvent.change(box(), { target: { value: 'Merci de joindre le RCCM.' } });
    expect(counter()).toBe('25 / 2 000');
    unmount();
    renderWithProviders(
      <ApproveDialog detail={detail} opened onClose={() => {}} onConfirm={() => {}} busy={false} />,
      new QueryClient(),
    );
    expect(box().maxLength).toBe(COMMENT_MAX_LENGTH);
    expect(counter()).toBe('0 / 2 000');
  });
});
