// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkedSignal } from '../../shared/api/linkedTypes';
import type { InboxRow } from '../../shared/api/types';
import { renderWithProviders } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));

const { queryClient } = await import('../src/api/queryClient');
const { RowSignals } = await import('../src/inbox/RowSignals');
const { useRowSignals } = await import('../src/inbox/useRowSignals');

/**
 * The inbox row's warning mark (issue 20 §2): a short label, a name and a hint that say each
 * signal with what it rests on; no hint in the page until the pointer or the focus reaches it.
 * The hook asks for the signals of the rows in view in chunks of 100, never a row at a time.
 */

const REVOKED: LinkedSignal = {
  kind: 'revoked_prerequisite',
  cases: [{ id: 'app-card', reference: 'COM-IMPEX-2026-000031' }],
  certificateNumber: 'CIE-2026-LOM-900003',
  procedureCode: 'COM-IMPEX',
  label: { fr: "Carte d'importateur", en: 'Importer card' },
  revokedAt: '2026-06-01T09:00:00.000Z',
  revocationReason: 'Pièces falsifiées',
};
const FRAUD: LinkedSignal = {
  kind: 'previous_fraud_rejection',
  cases: [{ id: 'app-old', reference: 'COM-APIPS-2025-000042' }],
  reasonCodes: ['PIECE_FALSIFIEE'],
  reasons: [{ fr: 'Pièce falsifiée ou usurpée', en: 'Forged or misused document' }],
};

describe('the inbox row’s warning mark', () => {
  it('one signal: a short label; its name and its hint say what it rests on', async () => {
    renderWithProviders(<RowSignals signals={[REVOKED]} />, queryClient);
    const mark = screen.getByTestId('row-signals');
    expect(mark.textContent).toBe('Document révoqué');
    const sentence =
      "Carte d'importateur CIE-2026-LOM-900003 révoquée le 01/06/2026 (Pièces falsifiées) — délivrée pour COM-IMPEX-2026-000031";
    expect(mark.getAttribute('aria-label')).toBe(
      `Document révoqué — signal à vérifier : ${sentence}`,
    );
    // Nothing floats over the page until the mark is reached.
    expect(screen.queryByRole('tooltip')).toBeNull();
    fireEvent.pointerEnter(mark);
    const hint = await screen.findByRole('tooltip');
    expect(hint.textContent).toContain(sentence);
    expect(hint.textContent).toContain('il ne décide rien');
    expect(mark.getAttribute('aria-describedby')).toBe(hint.id);
    fireEvent.pointerLeave(mark);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('the keyboard reaches it too: focus shows the hint, Escape or leaving hides it', async () => {
    renderWithProviders(<RowSignals signals={[REVOKED, FRAUD]} />, queryClient);
    const mark = screen.getByTestId('row-signals');
    expect(mark.textContent).toBe('2 signaux');
    expect(mark.tabIndex).toBe(0);
    fireEvent.focus(mark);
    const hint = await screen.findByRole('tooltip');
    expect(hint.textContent).toContain(
      'Même demandeur refusé pour fraude : Pièce falsifiée ou usurpée (COM-APIPS-2025-000042)',
    );
    fireEvent.keyDown(mark, { key: 'Escape' });
    expect(screen.queryByRole('tooltip')).toBeNull();
    fireEvent.focus(mark);
    await screen.findByRole('tooltip');
    fireEvent.blur(mark);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('says nothing for a case without a signal', () => {
    renderWithProviders(<RowSignals signals={[]} />, queryClient);
    expect(screen.queryByTestId('row-signals')).toBeNull();
  });
});

function Probe({ rows, first, last }: { rows: InboxRow[]; first: number; last: number }) {
  const signals = useRowSignals(rows, first, last);
  return (
    <span data-testid="marked">
      {rows
        .filter((row) => signals.has(row.id))
        .map((row) => row.id)
        .join(',')}
    </span>
  );
}

describe('the rows’ signals, fetched with the page', () => {
  const rows = Array.from({ length: 250 }, (_, i) => ({ id: `app-${i}` }) as InboxRow);

  beforeEach(() => {
    queryClient.clear();
    fake.call.mockReset();
    fake.call.mockImplementation((method: string, input: { ids: string[] }) => {
      if (method !== 'cases.signals') throw new Error(method);
      // Every 40th case has a signal.
      return Promise.resolve(
        Object.fromEntries(
          input.ids.map((id) => [id, Number(id.slice(4)) % 40 === 0 ? [REVOKED] : []]),
        ),
      );
    });
  });

  it('asks once per chunk of 100 rows in view, and again only for a chunk newly in view', async () => {
    const view = renderWithProviders(<Probe rows={rows} first={0} last={30} />, queryClient);
    await waitFor(() =>
      expect(screen.getByTestId('marked').textContent).toBe('app-0,app-40,app-80'),
    );
    expect(fake.call).toHaveBeenCalledTimes(1);
    expect(fake.call.mock.calls[0]![1].ids).toHaveLength(100);

    // Scrolled across the first chunk's end: the second chunk is asked for, the first is kept.
    view.rerender(<Probe rows={rows} first={85} last={120} />);
    await waitFor(() =>
      expect(screen.getByTestId('marked').textContent).toBe('app-0,app-40,app-80,app-120,app-160'),
    );
    expect(fake.call).toHaveBeenCalledTimes(2);
    expect(fake.call.mock.calls[1]![1].ids[0]).toBe('app-100');

    // Back to the top: read already.
    view.rerender(<Probe rows={rows} first={0} last={30} />);
    await waitFor(() =>
      expect(screen.getByTestId('marked').textContent).toBe('app-0,app-40,app-80'),
    );
    expect(fake.call).toHaveBeenCalledTimes(2);
  });

  it('asks nothing for an empty list', () => {
    renderWithProviders(<Probe rows={[]} first={0} last={-1} />, queryClient);
    expect(fake.call).not.toHaveBeenCalled();
  });
});
