import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { KeyBundle, SigningKeyInfo } from '../../../shared/api/certificateTypes';
import { keyIdFor } from './qrPayload';

/**
 * One Ed25519 key pair per issuing office. The private half lives only in
 * `<dataDir>/keys/<keyId>.pem` (PKCS#8, mode 0600, never in the database, never sent to the
 * renderer); the public half (SPKI PEM) is in `signing_keys`, exportable for verifiers.
 * Public keys of other offices can be recorded too (`holds_private = 0`) so their certificates
 * verify here.
 */

interface KeyRow {
  key_id: string;
  office_code: string;
  public_key_pem: string;
  created_at: string;
  holds_private: number;
  desk_id: string | null;
  registered_at: string | null;
  revoked_at: string | null;
  revocation_reason: 'retired' | 'compromised' | null;
  compromised_since: string | null;
}

/** A key's revocation as the registry says it (design multi-desk §3.5). */
export interface KeyRevocation {
  revokedAt: string;
  reason: 'retired' | 'compromised';
  compromisedSince: string | null;
}

/** A key the national registry lists (`key.registered`), checked before it is kept. */
export interface RegisteredKey {
  keyId: string;
  officeCode: string;
  deskId: string | null;
  publicKeyPem: string;
  at: string;
}

export interface OfficeKey {
  keyId: string;
  officeCode: string;
  privateKey: KeyObject;
}

/** `keyIdFor`'s shape: an office code and the key's 8-hex fingerprint (`LOM-926ebf39`). */
export const KEY_ID = /^[A-Z]{2,10}-[0-9a-f]{8}$/;

/**
 * The private key file of `keyId` in `directory`. Key ids are made here (`keyIdFor`), but the
 * registry of other desks' keys will bring ids from outside: no id of another shape becomes a
 * path, and the path is checked to stay in the keys folder.
 */
export function keyFileOf(directory: string, keyId: string): string {
  const root = resolve(directory);
  const file = join(root, `${keyId}.pem`);
  const rel = relative(root, file);
  if (!KEY_ID.test(keyId) || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`Identifiant de clé refusé (« ${keyId.slice(0, 80)} ») : forme inattendue.`);
  }
  return file;
}

export function createSigningKeys(db: Database.Database, dataDir: string) {
  const directory = join(dataDir, 'keys');
  const ownKeys = db.prepare<[string], KeyRow>(
    'SELECT * FROM signing_keys WHERE office_code = ? AND holds_private = 1 AND revoked_at IS NULL ORDER BY created_at DESC, key_id',
  );
  const byId = db.prepare<[string], KeyRow>('SELECT * FROM signing_keys WHERE key_id = ?');
  const all = db.prepare<[], KeyRow>('SELECT * FROM signing_keys ORDER BY office_code, created_at');
  const insert = db.prepare(`
    INSERT INTO signing_keys (key_id, office_code, public_key_pem, created_at, holds_private)
    VALUES (@keyId, @officeCode, @publicKeyPem, @createdAt, @holdsPrivate)
    ON CONFLICT (key_id) DO NOTHING`);
  const register = db.prepare(`
    INSERT INTO signing_keys (key_id, office_code, public_key_pem, created_at, holds_private,
                              desk_id, registered_at)
    VALUES (@keyId, @officeCode, @publicKeyPem, @at, 0, @deskId, @at)
    ON CONFLICT (key_id) DO UPDATE SET desk_id = excluded.desk_id,
      registered_at = coalesce(signing_keys.registered_at, excluded.registered_at)`);
  const revoke = db.prepare(`
    UPDATE signing_keys SET revoked_at = @revokedAt, revocation_reason = @reason,
           compromised_since = @compromisedSince
     WHERE key_id = @keyId`);
  const loaded = new Map<string, OfficeKey>();
  const publicKeys = new Map<string, KeyObject>();

  const fileOf = (keyId: string) => keyFileOf(directory, keyId);

  function readPrivate(row: KeyRow): OfficeKey | null {
    const file = fileOf(row.key_id);
    if (!existsSync(file)) return null;
    const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
    // A key file that does not match its public half is not this office's key.
    const derived = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' });
    if (derived !== row.public_key_pem) return null;
    return { keyId: row.key_id, officeCode: row.office_code, privateKey };
  }

  function generate(officeCode: string, now: string): OfficeKey {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const keyId = keyIdFor(officeCode, publicKey);
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const file = fileOf(keyId);
    // 'wx': never overwrite a key file; the mode applies on creation, chmod covers a lax umask.
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
      flag: 'wx',
    });
    chmodSync(file, 0o600);
    insert.run({
      keyId,
      officeCode,
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }),
      createdAt: now,
      holdsPrivate: 1,
    });
    return { keyId, officeCode, privateKey };
  }

  return {
    /**
     * The office's current signing key, created on first need. A key whose private file went
     * missing (restored database without its keys folder) is kept for verification only and a
     * new one is made: certificates already issued still verify with the old public key.
     */
    officeKey(officeCode: string, now: string): OfficeKey {
      const cached = loaded.get(officeCode);
      if (cached) return cached;
      let key: OfficeKey | null = null;
      for (const row of ownKeys.all(officeCode)) {
        key = readPrivate(row);
        if (key) break;
      }
      key ??= generate(officeCode, now);
      loaded.set(officeCode, key);
      return key;
    },
    /** The public key a certificate names, if this installation knows it. */
    publicKey(keyId: string): KeyObject | null {
      const cached = publicKeys.get(keyId);
      if (cached) return cached;
      const row = byId.get(keyId);
      if (!row) return null;
      const key = createPublicKey(row.public_key_pem);
      publicKeys.set(keyId, key);
      return key;
    },
    /** The registry's word on a key's revocation, or null while it is in force. */
    revocation(keyId: string): KeyRevocation | null {
      const row = byId.get(keyId);
      return row?.revoked_at && row.revocation_reason
        ? {
            revokedAt: row.revoked_at,
            reason: row.revocation_reason,
            compromisedSince: row.compromised_since,
          }
        : null;
    },
    /**
     * A `key.registered` entry (inside the caller's transaction). The id must name the key it
     * comes with (its fingerprint) and be of Bureau's shape: otherwise it is refused with why.
     */
    applyRegistered(entry: RegisteredKey): string | null {
      if (!KEY_ID.test(entry.keyId)) return `identifiant de clé de forme inattendue`;
      let publicKey: KeyObject;
      try {
        publicKey = createPublicKey(entry.publicKeyPem);
      } catch {
        return 'clé publique illisible';
      }
      if (publicKey.asymmetricKeyType !== 'ed25519') return "la clé n'est pas une clé Ed25519";
      if (keyIdFor(entry.officeCode, publicKey) !== entry.keyId) {
        return "l'identifiant ne correspond pas à l'empreinte de la clé";
      }
      register.run({
        keyId: entry.keyId,
        officeCode: entry.officeCode,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }),
        at: entry.at,
        deskId: entry.deskId,
      });
      return null;
    },
    /** A `key.revoked` entry; a key this desk does not know yet is recorded when it arrives. */
    applyRevoked(keyId: string, revocation: KeyRevocation): void {
      revoke.run({ keyId, ...revocation });
      publicKeys.delete(keyId);
    },
    /** Every key with its desk and revocation, for the key bundle. */
    registry(): KeyBundle['keys'] {
      return all.all().map((row) => ({
        keyId: row.key_id,
        officeCode: row.office_code,
        deskId: row.desk_id,
        publicKeyPem: row.public_key_pem,
        registeredAt: row.registered_at,
        revokedAt: row.revoked_at,
        revocation: row.revocation_reason
          ? { reason: row.revocation_reason, compromisedSince: row.compromised_since }
          : null,
      }));
    },
    list(): SigningKeyInfo[] {
      return all.all().map((row) => ({
        keyId: row.key_id,
        officeCode: row.office_code,
        publicKeyPem: row.public_key_pem,
        createdAt: row.created_at,
      }));
    },
    /** Records another office's public key so that its certificates verify here. */
    importPublicKey(officeCode: string, publicKeyPem: string, now: string): string {
      const publicKey = createPublicKey(publicKeyPem);
      const keyId = keyIdFor(officeCode, publicKey);
      insert.run({
        keyId,
        officeCode,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }),
        createdAt: now,
        holdsPrivate: 0,
      });
      return keyId;
    },
  };
}
export type SigningKeys = ReturnType<typeof createSigningKeys>;
