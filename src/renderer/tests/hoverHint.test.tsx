// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HoverHint } from '../src/components/HoverHint';
import { renderWithProviders } from './dom';

/**
 * A list row's hints are built only once reached (issue 18 §3, a render cost the bench measures):
 * the hint still shows when the pointer rests on the element, and the element's own handlers run.
 */
describe('a hint built on first reach', () => {
  it('renders the element alone, then its tooltip once the pointer reaches it', async () => {
    let entered = 0;
    renderWithProviders(
      <HoverHint label="Délai de traitement dépassé de 2 jours ouvrés">
        <span onPointerEnter={() => (entered += 1)}>En retard de 2 j</span>
      </HoverHint>,
      new QueryClient(),
    );
    const badge = screen.getByText('En retard de 2 j');
    fireEvent.pointerEnter(badge);
    expect(entered).toBe(1); // the element's own handler still runs
    fireEvent.mouseEnter(screen.getByText('En retard de 2 j'));
    fireEvent.mouseMove(screen.getByText('En retard de 2 j'));
    await waitFor(() =>
      expect(screen.getByText('Délai de traitement dépassé de 2 jours ouvrés')).toBeTruthy(),
    );
  });
});
