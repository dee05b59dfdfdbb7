import type Database from 'better-sqlite3';
import { z } from 'zod';
import { NUMBER_PATTERN } from '../certificates/qrPayload';
import type { RegistryMarks } from '../certificates/registryMarks';
import type { SigningKeys } from '../certificates/signingKeys';
import type { Clock } from '../clock';
import { PortalResponseError, type PortalClient } from './portalClient';
import type { Quarantine } from './quarantine';
import type { SyncStateStore } from './syncStateStore';

/**
 * Pulls the national key and certificate registry (design multi-desk §3.5, §6.2 step 3): every
 * desk's public key and revocation, and every revoked or cancelled certificate, so that this
 * desk verifies any desk's certificate offline. Each page and its cursor commit together; an
 * entry that does not validate is quarantined with its reason and the page goes on.
 */

const PAGE_SIZE = 500;
const MAX_PAGES = 200;
const isoTime = z.string().datetime({ offset: true });
const number = z.string().regex(NUMBER_PATTERN);
const keyId = z.string().max(40);

const entry = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('key.registered'),
    sequence: z.number().int().nonnegative(),
    keyId,
    officeCode: z.string().regex(/^[A-Z]{2,10}$/),
    deskId: z.string().max(20).nullable(),
    publicKeyPem: z.string().max(2000),
    at: isoTime,
  }),
  z.object({
    type: z.literal('key.revoked'),
    sequence: z.number().int().nonnegative(),
    keyId,
    reason: z.enum(['retired', 'compromised']),
    compromisedSince: z.string().max(30).nullable().optional(),
    at: isoTime,
  }),
  z.object({
    type: z.literal('certificate.cancelled'),
    sequence: z.number().int().nonnegative(),
    number,
    keyId: keyId.nullable().optional(),
    replacedBy: number.nullable().optional(),
    reason: z.string().max(500).nullable().optional(),
    at: isoTime,
  }),
  z.object({
    type: z.literal('certificate.revoked'),
    sequence: z.number().int().nonnegative(),
    number,
    reason: z.string().max(500).nullable().optional(),
    at: isoTime,
  }),
]);

const page = z.object({
  items: z.array(z.unknown()).max(2_000),
  nextCursor: z.string().regex(/^r:\d{1,12}$/),
  hasMore: z.boolean(),
});

export function createRegistryPull(deps: {
  db: Database.Database;
  portal: PortalClient;
  keys: SigningKeys;
  marks: RegistryMarks;
  syncState: SyncStateStore;
  quarantine: Quarantine;
  clock: Clock;
}) {
  const { db, portal, keys, marks, syncState, quarantine, clock } = deps;

  function refuse(raw: unknown, reason: string, at: string): void {
    const label =
      raw && typeof raw === 'object'
        ? String(
            (raw as { keyId?: unknown; number?: unknown }).keyId ??
              (raw as { number?: unknown }).number ??
              '',
          ).slice(0, 40)
        : '';
    quarantine.refuse(
      raw,
      label ? `registre:${label}` : null,
      `Entrée du registre national refusée (${reason}) : elle n'a pas été importée. Signalez-le au ministère.`,
      at,
    );
  }

  return {
    async pull(): Promise<number> {
      let applied = 0;
      for (let turn = 0; turn < MAX_PAGES; turn++) {
        const cursor = syncState.get('registry_cursor');
        const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
        if (cursor) params.set('cursor', cursor);
        const parsed = page.safeParse(
          await portal.v2({ method: 'GET', path: `registry?${params}`, as: 'desk' }),
        );
        if (!parsed.success) {
          throw new PortalResponseError(
            200,
            'Page du registre national au format inattendu ; nouvel essai plus tard.',
            null,
            null,
            true,
          );
        }
        const at = clock.now().toISOString();
        db.transaction(() => {
          for (const raw of parsed.data.items) {
            const item = entry.safeParse(raw);
            if (!item.success) {
              const issue = item.error.issues[0];
              refuse(raw, `${issue?.path.join('.') ?? '?'} : ${issue?.message ?? 'invalide'}`, at);
              continue;
            }
            const value = item.data;
            if (value.type === 'key.registered') {
              const refusal = keys.applyRegistered(value);
              if (refusal) refuse(raw, refusal, at);
              else applied++;
            } else if (value.type === 'key.revoked') {
              keys.applyRevoked(value.keyId, {
                revokedAt: value.at,
                reason: value.reason,
                compromisedSince: value.compromisedSince ?? null,
              });
              applied++;
            } else {
              marks.apply({
                number: value.number,
                status: value.type === 'certificate.cancelled' ? 'cancelled' : 'revoked',
                at: value.at,
                reason: value.reason ?? null,
                keyId: value.type === 'certificate.cancelled' ? (value.keyId ?? null) : null,
                replacedBy:
                  value.type === 'certificate.cancelled' ? (value.replacedBy ?? null) : null,
                sequence: value.sequence,
              });
              applied++;
            }
          }
          syncState.set('registry_cursor', parsed.data.nextCursor);
        })();
        if (!parsed.data.hasMore) break;
      }
      return applied;
    },
  };
}
export type RegistryPull = ReturnType<typeof createRegistryPull>;
