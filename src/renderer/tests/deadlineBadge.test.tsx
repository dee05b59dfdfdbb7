// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DeadlineBadge } from '../src/badges/DeadlineBadge';
import { renderWithProviders } from './dom';

const badge = (row: Parameters<typeof DeadlineBadge>[0]['row']) => {
  const { unmount } = renderWithProviders(<DeadlineBadge row={row} />, new QueryClient());
  const text = screen.getByText(/./).textContent;
  unmount();
  return text;
};

describe('the deadline badge (issue 19)', () => {
  it('reads a late case as late, never « Aujourd’hui », whatever count it is given', () => {
    expect(badge({ deadlineState: 'overdue', workingDaysLeft: -2 })).toBe('En retard de 2 j');
    // A late case counted 0 working days away (a weekend after its deadline) is late all the same.
    expect(badge({ deadlineState: 'overdue', workingDaysLeft: 0 })).toBe('En retard de 1 j');
    expect(badge({ deadlineState: 'due_soon', workingDaysLeft: 0 })).toBe('Aujourd’hui');
    expect(badge({ deadlineState: 'due_soon', workingDaysLeft: 1 })).toBe('J-1');
  });
});
