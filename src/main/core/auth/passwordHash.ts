import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes for sign-in: scrypt (node:crypto), stored as
 * `scrypt$<N>$<r>$<p>$<salt base64>$<key base64>` so the cost can be raised later without
 * invalidating existing passwords: each stored string carries the parameters it was made with,
 * and `needsRehash` says when to replace it at the next successful sign-in.
 *
 * N = 2^16 (64 MiB, about 0.3 s on a 2-core build machine): above the 2^15 floor, below
 * OWASP's 2^17 for p = 1, which takes about 0.5 s here and would be slower still on the older
 * PCs of regional offices. scrypt runs on libuv's thread pool, so the event loop keeps turning.
 */
export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

export const CURRENT_SCRYPT_PARAMETERS: Readonly<ScryptParameters> = Object.freeze({
  N: 2 ** 16,
  r: 8,
  p: 1,
});
export const SALT_BYTES = 16;
export const KEY_BYTES = 32;

/**
 * What a stored string may ask for. The upper bounds keep a corrupted or hostile string from
 * making one sign-in attempt allocate gigabytes or run for minutes.
 */
const LIMITS = {
  minLogN: 10,
  maxLogN: 20,
  maxR: 32,
  maxP: 16,
  maxMemoryBytes: 1024 * 1024 * 1024,
  minSaltBytes: 16,
  minKeyBytes: 32,
  maxKeyBytes: 64,
} as const;

const PREFIX = 'scrypt';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DECIMAL = /^[1-9][0-9]{0,9}$/;

/** A stored string that is not a password hash this module can check (corrupted or foreign). */
export class InvalidPasswordHashError extends Error {
  constructor(detail: string) {
    super(`Empreinte de mot de passe illisible : ${detail}.`);
    this.name = 'InvalidPasswordHashError';
  }
}

export interface ParsedPasswordHash extends ScryptParameters {
  salt: Buffer;
  key: Buffer;
}

/** scrypt needs 128·N·r bytes for its main array, plus 128·r·p; give it twice that as head room. */
function maxmemFor({ N, r, p }: ScryptParameters): number {
  return 2 * 128 * r * (N + p);
}

function derive(password: string, salt: Buffer, keyLength: number, parameters: ScryptParameters) {
  const options: ScryptOptions = { ...parameters, maxmem: maxmemFor(parameters) };
  // The same password typed as « é » or as « e + ◌́ » (keyboards differ) must give the same key.
  const normalized = password.normalize('NFC');
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(normalized, salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function checkParameters({ N, r, p }: ScryptParameters): void {
  const logN = Math.log2(N);
  if (!Number.isInteger(logN) || logN < LIMITS.minLogN || logN > LIMITS.maxLogN) {
    throw new InvalidPasswordHashError(
      `N doit être une puissance de deux entre 2^${LIMITS.minLogN} et 2^${LIMITS.maxLogN}`,
    );
  }
  if (r < 1 || r > LIMITS.maxR) throw new InvalidPasswordHashError(`r hors limites (${r})`);
  if (p < 1 || p > LIMITS.maxP) throw new InvalidPasswordHashError(`p hors limites (${p})`);
  if (128 * N * r > LIMITS.maxMemoryBytes) {
    throw new InvalidPasswordHashError('paramètres demandant trop de mémoire');
  }
}

function decodeBase64(text: string, what: string): Buffer {
  if (!BASE64.test(text)) throw new InvalidPasswordHashError(`${what} n'est pas en base64`);
  const bytes = Buffer.from(text, 'base64');
  // Reject non-canonical encodings, so one stored value has exactly one spelling.
  if (bytes.toString('base64') !== text) {
    throw new InvalidPasswordHashError(`${what} mal encodé`);
  }
  return bytes;
}

/** Reads a stored string; throws InvalidPasswordHashError when it is not one of ours. */
export function parsePasswordHash(stored: string): ParsedPasswordHash {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) {
    throw new InvalidPasswordHashError('format attendu scrypt$N$r$p$sel$clé');
  }
  const [, nText, rText, pText, saltText, keyText] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  for (const [name, text] of [
    ['N', nText],
    ['r', rText],
    ['p', pText],
  ] as const) {
    if (!DECIMAL.test(text)) throw new InvalidPasswordHashError(`${name} n'est pas un entier`);
  }
  const parameters = { N: Number(nText), r: Number(rText), p: Number(pText) };
  checkParameters(parameters);
  const salt = decodeBase64(saltText, 'le sel');
  const key = decodeBase64(keyText, 'la clé');
  if (salt.length < LIMITS.minSaltBytes) throw new InvalidPasswordHashError('sel trop court');
  if (key.length < LIMITS.minKeyBytes || key.length > LIMITS.maxKeyBytes) {
    throw new InvalidPasswordHashError('longueur de clé inattendue');
  }
  return { ...parameters, salt, key };
}

/** Hashes a new password with a fresh random salt and the current (or given) parameters. */
export async function hashPassword(
  password: string,
  parameters: ScryptParameters = CURRENT_SCRYPT_PARAMETERS,
): Promise<string> {
  checkParameters(parameters);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, parameters);
  const { N, r, p } = parameters;
  return [PREFIX, N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * True when the password matches the stored hash, false when it does not (a wrong password, or a
 * stored salt or key altered). Throws InvalidPasswordHashError when the stored string cannot be
 * read at all: that is damaged data, not a wrong password, and deserves to be reported.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { salt, key, ...parameters } = parsePasswordHash(stored);
  const candidate = await derive(password, salt, key.length, parameters);
  return timingSafeEqual(candidate, key);
}

/** True when the stored hash was made with weaker parameters than today's: rehash at sign-in. */
export function needsRehash(
  stored: string,
  current: ScryptParameters = CURRENT_SCRYPT_PARAMETERS,
): boolean {
  const parsed = parsePasswordHash(stored);
  return (
    parsed.N < current.N ||
    parsed.r < current.r ||
    parsed.p < current.p ||
    parsed.key.length < KEY_BYTES ||
    parsed.salt.length < SALT_BYTES
  );
}
