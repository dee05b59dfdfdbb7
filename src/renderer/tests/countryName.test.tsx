import { describe, expect, it } from 'vitest';
import { countryName } from '../src/case/fieldValueText';

describe('countries on the case page', () => {
  it('names a country in the reader’s language instead of its ISO code', () => {
    expect(countryName('CN', 'fr')).toBe('Chine');
    expect(countryName('fr', 'fr')).toBe('France');
    expect(countryName('CN', 'en')).toBe('China');
  });

  it('keeps what it cannot name, as sent', () => {
    expect(countryName('ZZ', 'fr')).toBe('ZZ');
    expect(countryName('not a code', 'fr')).toBe('not a code');
  });
});
