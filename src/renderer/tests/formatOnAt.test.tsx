import { describe, expect, it } from 'vitest';
import { formatOnAt } from '../src/format/dates';

describe('an instant inside a sentence', () => {
  it('reads « le 06/12/2026 à 09:15 » in French, « 06/12/2026 at 09:15 » in English', () => {
    // Local time: the test runs in the machine's zone, as the screen does.
    const at = new Date(2026, 11, 6, 9, 15).toISOString();
    expect(formatOnAt(at, 'fr')).toBe('le 06/12/2026 à 09:15');
    expect(formatOnAt(at, 'en')).toMatch(/^\d{2}\/\d{2}\/2026 at 09:15$/);
  });

  it('keeps what is not a date as sent', () => {
    expect(formatOnAt('bientôt', 'fr')).toBe('bientôt');
  });
});
