import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { KeyBundle } from '../../../shared/api/certificateTypes';
import { keyIdMatches, NUMBER_PATTERN } from './qrPayload';
import { KEY_ID } from './signingKeys';
import type { VerificationSources } from './verifyCertificate';

/**
 * The key bundle (design multi-desk §3.5) read back: what the offline verifier (CLI) knows of
 * every desk's keys, key revocations and negative certificate statuses. Read as outside input:
 * every field is checked, a key must match its id's fingerprint.
 */

const isoTime = z.string().datetime({ offset: true });
export const keyBundleSchema = z.object({
  format: z.literal('bureau-keys/1'),
  exportedAt: isoTime,
  source: z.string().max(80),
  keys: z
    .array(
      z.object({
        keyId: z.string().regex(KEY_ID),
        officeCode: z.string().regex(/^[A-Z]{2,10}$/),
        deskId: z.string().max(20).nullable(),
        publicKeyPem: z.string().max(2000),
        registeredAt: isoTime.nullable(),
        revokedAt: isoTime.nullable(),
        revocation: z
          .object({
            reason: z.enum(['retired', 'compromised']),
            compromisedSince: z.string().max(30).nullable(),
          })
          .nullable(),
      }),
    )
    .max(100_000),
  certificates: z
    .array(
      z.object({
        number: z.string().regex(NUMBER_PATTERN),
        status: z.enum(['revoked', 'cancelled']),
        at: isoTime,
        reason: z.string().max(500).nullable(),
        replacedBy: z.string().regex(NUMBER_PATTERN).nullable(),
      }),
    )
    .max(1_000_000),
});

/** Verification sources from a bundle; keys whose id does not name them are left out. */
export function bundleSources(bundle: KeyBundle, today: string): VerificationSources {
  const keys = new Map<string, { key: KeyObject; entry: KeyBundle['keys'][number] }>();
  for (const entry of bundle.keys) {
    try {
      const key = createPublicKey(entry.publicKeyPem);
      if (keyIdMatches(entry.keyId, key)) keys.set(entry.keyId, { key, entry });
    } catch {
      // An unreadable key verifies nothing: its certificates read « Clé inconnue ».
    }
  }
  const statuses = new Map(bundle.certificates.map((item) => [item.number, item]));
  return {
    publicKey: (keyId) => keys.get(keyId)?.key ?? null,
    keyRevocation(keyId) {
      const entry = keys.get(keyId)?.entry;
      return entry?.revokedAt && entry.revocation
        ? { reason: entry.revocation.reason, revokedAt: entry.revokedAt }
        : null;
    },
    revocation(number) {
      const item = statuses.get(number);
      return item?.status === 'revoked'
        ? { revokedAt: item.at, reason: item.reason ?? 'motif non communiqué' }
        : null;
    },
    cancellation(number) {
      const item = statuses.get(number);
      return item?.status === 'cancelled'
        ? { cancelledAt: item.at, replacedBy: item.replacedBy }
        : null;
    },
    today,
  };
}
