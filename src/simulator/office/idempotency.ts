import type { SimReply } from '../router';
import { v2ErrorReply } from './v2Errors';

/**
 * `Idempotency-Key` on v2 writes (design multi-desk §3.2), with v1's rules (portalEvents.ts): the
 * first final answer (anything but `429` and `5xx`) is kept and replayed to a retry with the same
 * body, with `Idempotent-Replayed: true`; the same key with another request answers
 * `422 idempotency_key_reused`. v2 keeps answers **24 hours**; after that a route may give a
 * `lateReply` (enrollment: « inscription déjà faite », never the token again), else the key is
 * forgotten and the request runs as new.
 */

export const KEY_PATTERN = /^[A-Za-z0-9-]{8,128}$/;
export const IDEMPOTENCY_HOURS = 24;

interface StoredAnswer {
  fingerprint: string;
  reply: SimReply;
  storedAt: number;
  lateReply?: SimReply;
}

export interface IdempotentOutcome {
  reply: SimReply;
  /** Answered after the 24 h replay window, instead of the stored answer. */
  lateReply?: SimReply;
}

export function createIdempotency(now: () => Date) {
  const answers = new Map<string, StoredAnswer>();

  return {
    /**
     * Runs `run` once per key. `required`: a missing or malformed key answers
     * `400 missing_idempotency_key`; otherwise a missing key just runs the request.
     */
    async handle(
      key: string | string[] | undefined,
      fingerprint: string,
      required: boolean,
      run: () => Promise<IdempotentOutcome>,
    ): Promise<SimReply> {
      const given = typeof key === 'string' ? key : undefined;
      if (given === undefined || !KEY_PATTERN.test(given)) {
        if (required || given !== undefined) {
          return v2ErrorReply(
            400,
            'missing_idempotency_key',
            "L'en-tête Idempotency-Key (8 à 128 caractères [A-Za-z0-9-]) est obligatoire.",
          );
        }
        return (await run()).reply;
      }
      const nowMs = now().getTime();
      const previous = answers.get(given);
      if (previous) {
        const late = nowMs - previous.storedAt > IDEMPOTENCY_HOURS * 3_600_000;
        if (!late || previous.lateReply) {
          if (previous.fingerprint !== fingerprint) {
            return v2ErrorReply(
              422,
              'idempotency_key_reused',
              'Cette clé d’idempotence a déjà servi pour une autre requête.',
            );
          }
          const reply = late ? (previous.lateReply as SimReply) : previous.reply;
          return { ...reply, headers: { ...reply.headers, 'idempotent-replayed': 'true' } };
        }
        answers.delete(given);
      }
      const outcome = await run();
      if (outcome.reply.status < 500 && outcome.reply.status !== 429) {
        answers.set(given, {
          fingerprint,
          reply: outcome.reply,
          storedAt: nowMs,
          ...(outcome.lateReply ? { lateReply: outcome.lateReply } : {}),
        });
      }
      return outcome.reply;
    },
  };
}
export type Idempotency = ReturnType<typeof createIdempotency>;
