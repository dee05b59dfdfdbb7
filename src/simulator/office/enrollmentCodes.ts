import { createHash, randomInt } from 'node:crypto';

/**
 * One-time enrollment codes (design multi-desk §3.3): 12 characters of Crockford base32 (60 bits)
 * shown as `XXXX-XXXX-XXXX`. The portal keeps only the SHA-256 of the normalised code.
 */

export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 12;

/** A new random code, grouped by four: `K7QF-M2XD-94TB`. */
export function newEnrollmentCode(): string {
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) raw += CROCKFORD_ALPHABET[randomInt(32)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

/**
 * What a person typed, as the portal compares it: uppercase, dashes and spaces removed, Crockford's
 * confusables read as digits (O → 0, I and L → 1).
 */
export function normaliseEnrollmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The SHA-256 (hex) the portal stores for a code, computed on its normalised form. */
export function enrollmentCodeHash(typed: string): string {
  return createHash('sha256').update(normaliseEnrollmentCode(typed), 'utf8').digest('hex');
}
