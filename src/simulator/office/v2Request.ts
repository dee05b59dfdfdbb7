import { z } from 'zod';
import type { SimReply, SimRequest } from '../router';
import type { V2Caller } from './deskAuth';
import type { Refusal } from './desks';
import type { Idempotency } from './idempotency';
import { v2ErrorReply } from './v2Errors';

/**
 * What the v2 route modules share: how a route is declared, the field rules of offices and
 * directory accounts, French validation messages (`400 validation_failed`), the desk-token-only
 * guard and the idempotent write wrapper.
 */

export type On = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  pattern: string,
  handler: (request: SimRequest, caller: V2Caller) => SimReply | Promise<SimReply>,
) => void;

/** The message of a wrong type; a missing field is « champ obligatoire ». */
export function expected(message: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? 'champ obligatoire' : message;
}

/** Bureau's account ids: `u-<uuid>` (usersAdmin.ts), `u-agent-kossi` (training), or a plain uuid. */
export const accountId = z
  .string({ error: expected('identifiant de compte attendu') })
  .regex(/^[A-Za-z0-9_-]{1,80}$/, 'identifiant de compte : 1 à 80 caractères [A-Za-z0-9_-]');
export const officeCode = z
  .string({ error: expected('code de bureau attendu') })
  .regex(/^[A-Z]{2,10}$/, 'code de bureau : 2 à 10 lettres majuscules sans accent (LOM)');
export const label = z
  .string({ error: expected('libellé attendu') })
  .trim()
  .min(1, 'libellé : 1 à 60 caractères')
  .max(60, 'libellé : 1 à 60 caractères');
export const username = z
  .string({ error: expected('identifiant de connexion attendu') })
  .regex(
    /^[a-z0-9._-]{3,64}$/,
    'identifiant de connexion : 3 à 64 lettres minuscules sans accent, chiffres, « . », « _ » ou « - »',
  );
export const displayName = z
  .string({ error: expected('nom affiché attendu') })
  .trim()
  .min(2, 'nom affiché : 2 à 120 caractères')
  .max(120, 'nom affiché : 2 à 120 caractères');
export const verifier = z
  .string({ error: expected('vérificateur de mot de passe attendu') })
  .max(400, 'vérificateur trop long')
  .regex(/^scrypt\$/, 'vérificateur : le format scrypt$N$r$p$sel$clé de Bureau est attendu');
export const isoTime = z
  .string({ error: expected('date ISO attendue') })
  .refine((text) => !Number.isNaN(Date.parse(text)), 'date ISO 8601 attendue');
export const publicKeyPem = z
  .string({ error: expected('clé publique PEM attendue') })
  .max(2000, 'clé publique trop longue');
export const role = z.enum(['agent', 'superviseur', 'administrateur'], {
  error: 'rôle : agent, superviseur ou administrateur',
});
export const count = z
  .number({ error: expected('nombre entier attendu') })
  .int('nombre entier attendu')
  .min(0, 'nombre positif ou nul attendu')
  .max(1_000_000_000, 'nombre trop grand');
export const procedureCodes = z
  .array(z.string().min(1).max(20), { error: expected('liste de codes de procédure ou null') })
  .max(100)
  .nullable();
export const boolean = z.boolean({ error: expected('vrai ou faux attendu') });
export const actor = z.strictObject({ id: accountId, displayName });

function frenchIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `champ(s) inconnu(s) : ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return 'champ obligatoire';
  }
  if (issue.code === 'invalid_type' && /^Invalid input/.test(issue.message)) {
    return `type attendu : ${issue.expected}`;
  }
  return issue.message;
}

/** `400 validation_failed` listing `issues` in French. */
export function validationFailed(issues: { path: string; message: string }[]): SimReply {
  return v2ErrorReply(
    400,
    'validation_failed',
    `Requête invalide : ${issues.map((issue) => `${issue.path} : ${issue.message}`).join(' ; ')}.`,
    { issues },
  );
}

/** The body parsed by `schema`, or `400 validation_failed` listing every problem in French. */
export function parse<T>(schema: z.ZodType<T>, body: unknown): T | SimReply {
  if (body === undefined) {
    return v2ErrorReply(400, 'validation_failed', 'Requête invalide : corps JSON attendu.');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  return validationFailed(
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(corps)',
      message: frenchIssue(issue),
    })),
  );
}

export function isReply(value: unknown): value is SimReply {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}

export function refusalReply(refused: Refusal): SimReply {
  return v2ErrorReply(refused.status, refused.code, refused.message, refused.details, {
    ...refused.headers,
  });
}

/** The calling desk's id, or `403 forbidden` for the portal token. */
export function deskOnly(caller: V2Caller): string | SimReply {
  if (caller.kind === 'desk') return caller.deskId;
  return v2ErrorReply(
    403,
    'forbidden',
    "Cette adresse demande le jeton d'un poste inscrit (dt_…), pas le jeton du portail.",
  );
}

function fingerprintOf(request: SimRequest, caller: V2Caller, body: unknown): string {
  const who = caller.kind === 'desk' ? caller.deskId : 'portal';
  return `${request.method} ${request.url.pathname}\n${who}\n${JSON.stringify(body)}`;
}

export type WriteRun = (
  body: unknown,
  request: SimRequest,
  caller: V2Caller,
) => SimReply | { reply: SimReply; lateReply?: SimReply };

/** A write handler: body read, idempotency applied (key `required` or optional), then `run`. */
export function idempotentWrite(idempotency: Idempotency, required: boolean, run: WriteRun) {
  return async (request: SimRequest, caller: V2Caller): Promise<SimReply> => {
    const body = await request.json();
    return idempotency.handle(
      request.headers['idempotency-key'],
      fingerprintOf(request, caller, body),
      required,
      async () => {
        const outcome = run(body, request, caller);
        return isReply(outcome) ? { reply: outcome } : outcome;
      },
    );
  };
}

/**
 * `cursor` and `limit` of an office feed (directory, activity, text modules), or `400
 * validation_failed`: the cursor is `<prefix>:<sequence>` (`pattern` captures the sequence),
 * `what` names the feed in the refusal (« d'annuaire »).
 */
export function feedQuery(
  url: URL,
  feed: { pattern: RegExp; prefix: string; what: string; defaultLimit: number; maxLimit: number },
): { after: number; limit: number } | SimReply {
  const issues: { path: string; message: string }[] = [];
  const rawCursor = url.searchParams.get('cursor');
  let after = 0;
  if (rawCursor !== null) {
    const match = feed.pattern.exec(rawCursor);
    if (match) after = Number(match[1]);
    else {
      issues.push({
        path: 'cursor',
        message: `curseur ${feed.what} invalide (${feed.prefix}:<nombre>) : reprenez sans curseur ou avec le dernier nextCursor reçu`,
      });
    }
  }
  const rawLimit = url.searchParams.get('limit');
  let limit = feed.defaultLimit;
  if (rawLimit !== null) {
    limit = /^[0-9]{1,4}$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= feed.maxLimit)) {
      issues.push({ path: 'limit', message: `entier de 1 à ${feed.maxLimit} attendu` });
    }
  }
  return issues.length > 0 ? validationFailed(issues) : { after, limit };
}
