import { describe, expect, it } from 'vitest';
import {
  CURRENT_SCRYPT_PARAMETERS,
  InvalidPasswordHashError,
  KEY_BYTES,
  SALT_BYTES,
  hashPassword,
  needsRehash,
  parsePasswordHash,
  verifyPassword,
} from '../../src/main/core/auth/passwordHash';

/** Cheap parameters for the tests that are about the format, not the cost. */
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const PASSWORD = 'Ablavi-Lomé-2026!';

/** Flips one bit of one base64 field of a stored string (index 4 = salt, 5 = key). */
function flipBit(stored: string, field: 4 | 5): string {
  const parts = stored.split('$');
  const bytes = Buffer.from(parts[field]!, 'base64');
  bytes[bytes.length - 1]! ^= 0x01;
  parts[field] = bytes.toString('base64');
  return parts.join('$');
}

describe('scrypt password hashes', () => {
  it('uses sane parameters: N ≥ 2^15 (a power of two), r = 8, p = 1, 16-byte salt, 32-byte key', async () => {
    const { N, r, p } = CURRENT_SCRYPT_PARAMETERS;
    expect(Number.isInteger(Math.log2(N))).toBe(true);
    expect(N).toBeGreaterThanOrEqual(2 ** 15);
    expect({ r, p }).toEqual({ r: 8, p: 1 });
    expect(SALT_BYTES).toBe(16);
    expect(KEY_BYTES).toBeGreaterThanOrEqual(32);

    const stored = await hashPassword(PASSWORD);
    expect(stored).toMatch(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    const parsed = parsePasswordHash(stored);
    expect(parsed).toMatchObject({ N, r: 8, p: 1 });
    expect(parsed.salt).toHaveLength(SALT_BYTES);
    expect(parsed.key).toHaveLength(KEY_BYTES);
    expect(stored).not.toContain(PASSWORD);
  });

  it('round trip: the right password is accepted, a wrong one refused', async () => {
    const stored = await hashPassword(PASSWORD);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword('Ablavi-Lome-2026!', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    expect(await verifyPassword(`${PASSWORD} `, stored)).toBe(false);
  });

  it('the same accented password typed composed or decomposed verifies the same', async () => {
    const stored = await hashPassword('Essowè', FAST);
    expect(await verifyPassword('Essowe\u0300', stored)).toBe(true);
  });

  it('two hashes of the same password differ (fresh salt), and both verify', async () => {
    const first = await hashPassword(PASSWORD, FAST);
    const second = await hashPassword(PASSWORD, FAST);
    expect(first).not.toBe(second);
    expect(parsePasswordHash(first).salt.equals(parsePasswordHash(second).salt)).toBe(false);
    expect(await verifyPassword(PASSWORD, first)).toBe(true);
    expect(await verifyPassword(PASSWORD, second)).toBe(true);
  });

  it('reads the parameters from the stored string, so older hashes still verify after a raise', async () => {
    const old = await hashPassword(PASSWORD, { N: 2 ** 12, r: 8, p: 2 });
    expect(old.split('$').slice(0, 4)).toEqual(['scrypt', '4096', '8', '2']);
    expect(parsePasswordHash(old)).toMatchObject({ N: 4096, r: 8, p: 2 });
    expect(await verifyPassword(PASSWORD, old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword(PASSWORD))).toBe(false);
  });

  it('a tampered stored string is refused: salt, key or parameters changed', async () => {
    const stored = await hashPassword(PASSWORD, FAST);
    expect(await verifyPassword(PASSWORD, flipBit(stored, 4))).toBe(false);
    expect(await verifyPassword(PASSWORD, flipBit(stored, 5))).toBe(false);
    // Another valid cost: the derived key differs, so the password no longer matches.
    const cheaper = stored.replace(/^scrypt\$1024\$/, 'scrypt$2048$');
    expect(cheaper).not.toBe(stored);
    expect(await verifyPassword(PASSWORD, cheaper)).toBe(false);
    const otherR = stored.replace(/^scrypt\$1024\$8\$/, 'scrypt$1024$9$');
    expect(await verifyPassword(PASSWORD, otherR)).toBe(false);
  });

  it('a stored string that is not a readable hash throws, naming the problem in French', async () => {
    const stored = await hashPassword(PASSWORD, FAST);
    const [, , , , salt, key] = stored.split('$');
    const unreadable = [
      '',
      PASSWORD,
      stored.replace(/^scrypt/, 'bcrypt'),
      `${stored}$extra`,
      `scrypt$1000$8$1$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 24}$8$1$${salt}$${key}`, // far too costly: refused before any work
      `scrypt$1024$0$1$${salt}$${key}`,
      `scrypt$1024$8$99$${salt}$${key}`,
      `scrypt$01024$8$1$${salt}$${key}`,
      `scrypt$1024$8$1$${salt}$${key!.slice(0, 20)}`, // key too short
      `scrypt$1024$8$1$${Buffer.alloc(8).toString('base64')}$${key}`, // salt too short
      `scrypt$1024$8$1$${salt}$${key}!`,
    ];
    for (const text of unreadable) {
      await expect(verifyPassword(PASSWORD, text), text).rejects.toBeInstanceOf(
        InvalidPasswordHashError,
      );
    }
    await expect(verifyPassword(PASSWORD, '')).rejects.toThrow(/Empreinte de mot de passe/);
  });

  it('costs a desk 32 to 128 MiB per hash, computed off the main thread', async () => {
    // How long a hash takes is a figure of the machine: `BENCH_ONLY=timings npm run bench`.
    // What the test holds is the cost that figure comes from, and that it never stalls the UI.
    const { N, r } = CURRENT_SCRYPT_PARAMETERS;
    expect(128 * N * r).toBeGreaterThanOrEqual(32 * 1024 * 1024);
    expect(128 * N * r).toBeLessThanOrEqual(128 * 1024 * 1024);
    let turns = 0;
    let hashing = true;
    const spin = () => {
      turns++;
      if (hashing) setImmediate(spin);
    };
    setImmediate(spin);
    const hashed = hashPassword(PASSWORD).finally(() => (hashing = false));
    const turnsWhenDone = await hashed.then(() => turns);
    // A hash computed on the main thread would be done before any turn of the event loop.
    expect(turnsWhenDone).toBeGreaterThan(0);
    await expect(verifyPassword(PASSWORD, await hashed)).resolves.toBe(true);
  });
});
