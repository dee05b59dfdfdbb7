import { generateKeyPairSync, randomUUID } from 'node:crypto';

/** A scrypt verifier in Bureau's format (the simulator never checks it against a password). */
export const TEST_VERIFIER =
  'scrypt$65536$8$1$kTh/0nAGcQRFL2F0dEF5gA==$+NJxHb9nGngrhmwfJpn3cMboTX4klX8JjXcabgUFPj0=';

export const idempotencyKey = () => `cle-${randomUUID()}`;

/** A fresh Ed25519 public key, SPKI PEM, as a desk enrolls with. */
export const newPublicKeyPem = () =>
  generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

/**
 * One HTTP call to a portal simulator as the v2 tests make them: bearer token (the portal's by
 * default, `null` for none), JSON body, idempotency key; the answer parsed loosely (the tests
 * check its shape).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiBody = Record<string, any>;

export interface CallInit {
  method?: string;
  token?: string | null;
  body?: unknown;
  key?: string | null;
}

export async function simulatorCall(
  baseUrl: string,
  defaultToken: string,
  path: string,
  init: CallInit = {},
) {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? defaultToken : init.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.key) headers['idempotency-key'] = init.key;
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return {
    response,
    status: response.status,
    body: (text === '' ? {} : JSON.parse(text)) as ApiBody,
  };
}

/** A person as v2 writes name them (`actor`). */
export interface SimPerson {
  id: string;
  displayName: string;
}

/** The body of `POST /api/v2/offices/:office/accounts` for `person` (username from the id). */
export function accountBody(admin: SimPerson, person: SimPerson, role: 'agent' | 'superviseur') {
  return {
    actor: admin,
    account: {
      id: person.id,
      username: person.id.slice(2),
      displayName: person.displayName,
      role,
      procedureCodes: null,
      verifier: TEST_VERIFIER,
      mustChangePassword: false,
    },
  };
}
