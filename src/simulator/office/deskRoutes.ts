import { z } from 'zod';
import type { SimReply, SimRequest } from '../router';
import { jsonReply } from '../router';
import type { V2Caller } from './deskAuth';
import { isRefusal, type OfficeStore, type Refusal } from './desks';
import type { Idempotency } from './idempotency';
import { v2ErrorReply } from './v2Errors';

/**
 * Desk enrollment routes (design multi-desk §3.3), served when the `desks` feature is announced:
 * `POST /desks`, enrollment codes, the office's desks, a desk's status and retirement.
 */

type On = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  pattern: string,
  handler: (request: SimRequest, caller: V2Caller) => SimReply | Promise<SimReply>,
) => void;

/** The message of a wrong type; a missing field is « champ obligatoire ». */
function expected(message: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? 'champ obligatoire' : message;
}

/** Bureau's account ids: `u-<uuid>` (usersAdmin.ts), `u-agent-kossi` (training), or a plain uuid. */
const accountId = z
  .string({ error: expected('identifiant de compte attendu') })
  .regex(/^[A-Za-z0-9_-]{1,80}$/, 'identifiant de compte : 1 à 80 caractères [A-Za-z0-9_-]');
const officeCode = z
  .string({ error: expected('code de bureau attendu') })
  .regex(/^[A-Z]{2,10}$/, 'code de bureau : 2 à 10 lettres majuscules sans accent (LOM)');
const label = z
  .string({ error: expected('libellé attendu') })
  .trim()
  .min(1, 'libellé : 1 à 60 caractères')
  .max(60, 'libellé : 1 à 60 caractères');
const username = z
  .string({ error: expected('identifiant de connexion attendu') })
  .regex(
    /^[a-z0-9._-]{3,64}$/,
    'identifiant de connexion : 3 à 64 lettres minuscules sans accent, chiffres, « . », « _ » ou « - »',
  );
const displayName = z
  .string({ error: expected('nom affiché attendu') })
  .trim()
  .min(2, 'nom affiché : 2 à 120 caractères')
  .max(120, 'nom affiché : 2 à 120 caractères');
const verifier = z
  .string({ error: expected('vérificateur de mot de passe attendu') })
  .max(400, 'vérificateur trop long')
  .regex(/^scrypt\$/, 'vérificateur : le format scrypt$N$r$p$sel$clé de Bureau est attendu');
const isoTime = z
  .string({ error: expected('date ISO attendue') })
  .refine((text) => !Number.isNaN(Date.parse(text)), 'date ISO 8601 attendue');
const publicKeyPem = z
  .string({ error: expected('clé publique PEM attendue') })
  .max(2000, 'clé publique trop longue');
const role = z.enum(['agent', 'superviseur', 'administrateur'], {
  error: 'rôle : agent, superviseur ou administrateur',
});
const count = z
  .number({ error: expected('nombre entier attendu') })
  .int('nombre entier attendu')
  .min(0, 'nombre positif ou nul attendu')
  .max(1_000_000_000, 'nombre trop grand');

const legacyAccount = z.strictObject({
  id: accountId,
  username,
  displayName,
  role,
  officeCode,
  procedureCodes: z
    .array(z.string().min(1).max(20), { error: expected('liste de codes de procédure ou null') })
    .max(100)
    .nullable(),
  active: z.boolean({ error: expected('vrai ou faux attendu') }),
  // null: an account without a password yet (an administrator sets one; it cannot sign in).
  verifier: verifier.nullable(),
  mustChangePassword: z.boolean({ error: expected('vrai ou faux attendu') }),
  passwordSetAt: isoTime.nullable(),
  // Accepted from a directory item, but the portal stamps its own (now, the administrator, the desk).
  updatedAt: isoTime.nullable().optional(),
  updatedBy: z.strictObject({ id: accountId, displayName }).nullable().optional(),
  updatedOnDesk: z.string().max(20).nullable().optional(),
});

const enrollmentBody = z
  .strictObject({
    mode: z.enum(['first', 'join'], { error: expected('mode : « first » ou « join »') }),
    officeCode,
    label,
    publicKeyPem,
    administrator: z.strictObject({ id: accountId, username, displayName, verifier }).optional(),
    enrollmentCode: z
      .string({ error: expected("code d'inscription attendu") })
      .max(40, "code d'inscription trop long")
      .optional(),
    legacy: z
      .strictObject(
        {
          accounts: z.array(legacyAccount).max(2000, '2 000 comptes au plus'),
          keys: z
            .array(
              z.strictObject({
                keyId: z
                  .string({ error: expected('identifiant de clé attendu') })
                  .regex(/^[A-Z]{2,10}-[0-9a-f]{8}$/, 'identifiant de clé : LOM-3f9a1c2e'),
                publicKeyPem,
                createdAt: isoTime,
              }),
            )
            .max(100, '100 clés au plus'),
          certificates: count,
        },
        { error: expected('null ou { accounts, keys, certificates } attendu') },
      )
      .nullable(),
  })
  .superRefine((body, context) => {
    if (body.mode === 'first') {
      if (!body.administrator) {
        context.addIssue({
          code: 'custom',
          path: ['administrator'],
          message: 'obligatoire pour le premier poste',
        });
      }
      if (body.enrollmentCode !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['enrollmentCode'],
          message: "interdit pour le premier poste (il n'a pas besoin de code)",
        });
      }
      const usernames = new Set<string>();
      const ids = new Set<string>();
      for (const [index, account] of (body.legacy?.accounts ?? []).entries()) {
        if (usernames.has(account.username) || ids.has(account.id)) {
          context.addIssue({
            code: 'custom',
            path: ['legacy', 'accounts', index],
            message: 'compte en double (même identifiant ou même id)',
          });
        }
        if (account.officeCode !== body.officeCode) {
          context.addIssue({
            code: 'custom',
            path: ['legacy', 'accounts', index, 'officeCode'],
            message: `compte d'un autre bureau que ${body.officeCode}`,
          });
        }
        usernames.add(account.username);
        ids.add(account.id);
      }
      const administrator = body.administrator;
      if (administrator && (usernames.has(administrator.username) || ids.has(administrator.id))) {
        context.addIssue({
          code: 'custom',
          path: ['administrator'],
          message:
            "l'administrateur figure aussi dans legacy.accounts : envoyez-le une seule fois, dans administrator",
        });
      }
    } else {
      if (body.administrator !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['administrator'],
          message: "interdit pour rejoindre un bureau (l'annuaire existe déjà)",
        });
      }
      if (body.enrollmentCode === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['enrollmentCode'],
          message: 'obligatoire pour rejoindre un bureau',
        });
      }
    }
  });

const actor = z.strictObject({ id: accountId, displayName });
const issueCodeBody = z.strictObject({ actor, label });
const cancelCodeBody = z.strictObject({
  actor,
  code: z
    .string({ error: expected("code d'inscription attendu") })
    .max(40, "code d'inscription trop long"),
});
const retireBody = z.strictObject({
  actor,
  reason: z
    .string({ error: expected('motif attendu') })
    .trim()
    .min(1, 'motif : 1 à 200 caractères')
    .max(200, 'motif : 1 à 200 caractères'),
});
const statusBody = z.strictObject({
  appVersion: z
    .string({ error: expected('version attendue') })
    .min(1, 'version : 1 à 40 caractères')
    .max(40, 'version : 1 à 40 caractères'),
  directorySequence: count.nullable(),
  activityCursor: z
    .string({ error: expected('curseur ou null attendu') })
    .max(200)
    .nullable(),
  pendingActions: count,
  failedActions: count,
});

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

/** The body parsed by `schema`, or `400 validation_failed` listing every problem in French. */
function parse<T>(schema: z.ZodType<T>, body: unknown): T | SimReply {
  if (body === undefined) {
    return v2ErrorReply(400, 'validation_failed', 'Requête invalide : corps JSON attendu.');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(corps)',
    message: frenchIssue(issue),
  }));
  return v2ErrorReply(
    400,
    'validation_failed',
    `Requête invalide : ${issues.map((issue) => `${issue.path} : ${issue.message}`).join(' ; ')}.`,
    { issues },
  );
}

function isReply(value: unknown): value is SimReply {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}

function refusalReply(refused: Refusal): SimReply {
  return v2ErrorReply(refused.status, refused.code, refused.message, refused.details, {
    ...refused.headers,
  });
}

function deskOnly(caller: V2Caller): string | SimReply {
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

export function installDeskRoutes(on: On, store: OfficeStore, idempotency: Idempotency): void {
  /** A write: body read, idempotency applied (required or not), then `run`. */
  function write(
    required: boolean,
    run: (
      body: unknown,
      request: SimRequest,
      caller: V2Caller,
    ) => SimReply | { reply: SimReply; lateReply?: SimReply },
  ) {
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

  on(
    'POST',
    'desks',
    write(true, (raw, _request, caller) => {
      if (caller.kind === 'desk') {
        return v2ErrorReply(
          403,
          'forbidden',
          "L'inscription d'un poste se fait avec le jeton du portail, pas avec un jeton de poste.",
        );
      }
      const body = parse(enrollmentBody, raw);
      if (isReply(body)) return body;
      const enrolled = store.enroll(body);
      if (isRefusal(enrolled)) return refusalReply(enrolled);
      const { desk, deskToken } = enrolled;
      const deskAnswer = {
        id: desk.id,
        officeCode: desk.officeCode,
        label: desk.label,
        keyId: desk.keyId,
        enrolledAt: desk.enrolledAt,
      };
      return {
        reply: jsonReply(201, { desk: deskAnswer, deskToken, blocks: [] }),
        lateReply: v2ErrorReply(
          409,
          'enrollment_already_done',
          `Inscription déjà faite (poste ${desk.id}) : retirez ce poste et recommencez.`,
          { desk: deskAnswer },
        ),
      };
    }),
  );

  on(
    'POST',
    'offices/:office/enrollment-codes',
    write(false, (raw, request, caller) => {
      const deskId = deskOnly(caller);
      if (typeof deskId !== 'string') return deskId;
      const body = parse(issueCodeBody, raw);
      if (isReply(body)) return body;
      const issued = store.issueCode(deskId, request.params.office ?? '', body.actor, body.label);
      return isRefusal(issued) ? refusalReply(issued) : jsonReply(201, issued);
    }),
  );

  on(
    'POST',
    'offices/:office/enrollment-codes/cancel',
    write(false, (raw, request, caller) => {
      const deskId = deskOnly(caller);
      if (typeof deskId !== 'string') return deskId;
      const body = parse(cancelCodeBody, raw);
      if (isReply(body)) return body;
      const cancelled = store.cancelCode(
        deskId,
        request.params.office ?? '',
        body.actor,
        body.code,
      );
      return isRefusal(cancelled) ? refusalReply(cancelled) : jsonReply(200, cancelled);
    }),
  );

  on('GET', 'offices/:office/desks', (request, caller) => {
    const deskId = deskOnly(caller);
    if (typeof deskId !== 'string') return deskId;
    const listed = store.listDesks(deskId, request.params.office ?? '');
    return isRefusal(listed) ? refusalReply(listed) : jsonReply(200, listed);
  });

  on(
    'PUT',
    'desks/self/status',
    write(false, (raw, _request, caller) => {
      const deskId = deskOnly(caller);
      if (typeof deskId !== 'string') return deskId;
      const body = parse(statusBody, raw);
      if (isReply(body)) return body;
      const reported = store.reportStatus(deskId, body);
      return isRefusal(reported) ? refusalReply(reported) : jsonReply(200, reported);
    }),
  );

  on(
    'POST',
    'offices/:office/desks/:deskId/retire',
    write(false, (raw, request, caller) => {
      const deskId = deskOnly(caller);
      if (typeof deskId !== 'string') return deskId;
      const body = parse(retireBody, raw);
      if (isReply(body)) return body;
      const retired = store.retire(
        deskId,
        request.params.office ?? '',
        request.params.deskId ?? '',
        body.actor,
        body.reason,
      );
      return isRefusal(retired) ? refusalReply(retired) : jsonReply(200, retired);
    }),
  );
}
