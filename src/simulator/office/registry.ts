/**
 * The national key registry and its feed (design multi-desk §3.5), in memory like the rest of the
 * simulator. Every desk key (enrollment, legacy keys, rotation) is an entry; the feed also carries
 * the certificates' negative statuses (`certificate.cancelled`, `certificate.revoked`, written by
 * certificateRegistry.ts). One national sequence: every desk of every office reads every entry.
 */

export type KeyRevocationReason = 'retired' | 'compromised';

export interface RegistryKey {
  keyId: string;
  officeCode: string;
  deskId: string;
  publicKeyPem: string;
  registeredAt: string;
  revokedAt: string | null;
  revocation: { reason: KeyRevocationReason; compromisedSince: string | null } | null;
}

export type RegistryItem =
  | {
      sequence: number;
      type: 'key.registered';
      keyId: string;
      officeCode: string;
      deskId: string;
      publicKeyPem: string;
      at: string;
    }
  | {
      sequence: number;
      type: 'key.revoked';
      keyId: string;
      reason: KeyRevocationReason;
      compromisedSince: string | null;
      at: string;
    }
  | {
      sequence: number;
      type: 'certificate.cancelled';
      number: string;
      keyId: string;
      applicationId: string;
      replacedBy: string;
      at: string;
    }
  | {
      sequence: number;
      type: 'certificate.revoked';
      number: string;
      reason: string;
      at: string;
    };

/** `RegistryItem` without its sequence, for `append` (distributes over the union). */
export type NewRegistryItem = RegistryItem extends infer Item
  ? Item extends RegistryItem
    ? Omit<Item, 'sequence'>
    : never
  : never;

export const REGISTRY_CURSOR = /^r:(\d{1,15})$/;
export const DEFAULT_REGISTRY_LIMIT = 500;
export const MAX_REGISTRY_LIMIT = 1000;

export interface RegistryPage {
  items: RegistryItem[];
  nextCursor: string;
  hasMore: boolean;
}

export function createRegistry() {
  const items: RegistryItem[] = [];
  const keys = new Map<string, RegistryKey>();

  function append(item: NewRegistryItem): RegistryItem {
    const entry = { ...item, sequence: items.length + 1 } as RegistryItem;
    items.push(entry);
    return entry;
  }

  return {
    append,

    key(keyId: string): RegistryKey | undefined {
      return keys.get(keyId);
    },

    /** The last sequence given (0 when empty). */
    size(): number {
      return items.length;
    },

    keys(): RegistryKey[] {
      return [...keys.values()];
    },

    /** Registers a key (no-op when already known); appends `key.registered`. */
    registerKey(key: {
      keyId: string;
      officeCode: string;
      deskId: string;
      publicKeyPem: string;
      at: string;
    }): RegistryKey {
      const known = keys.get(key.keyId);
      if (known) return known;
      const entry: RegistryKey = {
        keyId: key.keyId,
        officeCode: key.officeCode,
        deskId: key.deskId,
        publicKeyPem: key.publicKeyPem,
        registeredAt: key.at,
        revokedAt: null,
        revocation: null,
      };
      keys.set(key.keyId, entry);
      append({ type: 'key.registered', ...key });
      return entry;
    },

    /**
     * Revokes a key. A key already revoked for the same reason is left as it is (no new entry); a
     * `retired` key later found `compromised` is revoked again (a new entry, the stronger verdict).
     * A `compromised` key stays compromised.
     */
    revokeKey(
      keyId: string,
      reason: KeyRevocationReason,
      compromisedSince: string | null,
      at: string,
    ): RegistryKey | undefined {
      const key = keys.get(keyId);
      if (!key) return undefined;
      const current = key.revocation?.reason;
      if (current === 'compromised' || current === reason) return key;
      key.revokedAt = at;
      key.revocation = {
        reason,
        compromisedSince: reason === 'compromised' ? compromisedSince : null,
      };
      append({
        type: 'key.revoked',
        keyId,
        reason,
        compromisedSince: key.revocation.compromisedSince,
        at,
      });
      return key;
    },

    /** The entries after sequence `after`, at most `limit`. */
    page(after: number, limit: number): RegistryPage {
      const slice = items.slice(after, after + limit);
      const last = slice.at(-1)?.sequence ?? Math.min(after, items.length);
      return {
        items: slice,
        nextCursor: `r:${last}`,
        hasMore: last < items.length,
      };
    },
  };
}
export type Registry = ReturnType<typeof createRegistry>;
