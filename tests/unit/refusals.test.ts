import { describe, expect, it } from 'vitest';
import { frenchRefusal, REFUSALS_FR } from '../../src/shared/api/refusals';
import { refusalsEn } from '../../src/renderer/src/forms/refusalMessages';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('refusals said as a key and parameters (issue 19)', () => {
  it('writes the French sentence the core sends as its message', () => {
    expect(frenchRefusal('usernameTaken', { username: 'kossi.agbodjan' })).toBe(
      "L'identifiant « kossi.agbodjan » est déjà pris. Choisissez-en un autre (par exemple avec l'initiale du second prénom).",
    );
    expect(frenchRefusal('numberingCode', { office: 'KAR' })).toContain('(KAR, par exemple KARB');
  });

  it('has an English sentence for every key, with the same parameters', () => {
    for (const [key, french] of Object.entries(REFUSALS_FR)) {
      const english = refusalsEn[key as keyof typeof REFUSALS_FR];
      expect(english, key).toBeTruthy();
      expect(placeholders(english), key).toEqual(placeholders(french));
    }
  });
});
