// @vitest-environment jsdom
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useBelowTheFold } from '../../src/case/useBelowTheFold';

/**
 * The case page draws its header, applicant and company first; the form, notes and history
 * (below the fold at 1366×768) a frame later — measured side by side at 100k, open case p50
 * 93–101 → 64–68 ms (bench/feltLatency.ts). Each case opened (j/k inside a case too) starts over.
 */
describe('useBelowTheFold', () => {
  it('is false for the first frame of a case, true after it, and false again for the next case', async () => {
    const { result, rerender } = renderHook(({ id }) => useBelowTheFold(id), {
      initialProps: { id: 'case-1' },
    });
    expect(result.current).toBe(false);
    await waitFor(() => expect(result.current).toBe(true));

    rerender({ id: 'case-2' });
    expect(result.current).toBe(false);
    await waitFor(() => expect(result.current).toBe(true));
  });
});
