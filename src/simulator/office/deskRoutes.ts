import { z } from 'zod';
import { jsonReply } from '../router';
import { isRefusal, type OfficeStore } from './desks';
import type { Idempotency } from './idempotency';
import { v2ErrorReply } from './v2Errors';
import {
  accountId,
  actor,
  boolean,
  count,
  deskOnly,
  displayName,
  expected,
  idempotentWrite,
  isoTime,
  isReply,
  label,
  officeCode,
  parse,
  procedureCodes,
  publicKeyPem,
  refusalReply,
  role,
  username,
  verifier,
  type On,
  type WriteRun,
} from './v2Request';

/**
 * Desk enrollment routes (design multi-desk §3.3), served when the `desks` feature is announced:
 * `POST /desks`, enrollment codes, the office's desks, a desk's status and retirement.
 */

const legacyAccount = z.strictObject({
  id: accountId,
  username,
  displayName,
  role,
  officeCode,
  procedureCodes,
  active: boolean,
  // null: an account without a password yet (an administrator sets one; it cannot sign in).
  verifier: verifier.nullable(),
  mustChangePassword: boolean,
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

export function installDeskRoutes(on: On, store: OfficeStore, idempotency: Idempotency): void {
  function write(required: boolean, run: WriteRun) {
    return idempotentWrite(idempotency, required, run);
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
      const { desk, deskToken, blocks } = enrolled;
      const deskAnswer = {
        id: desk.id,
        officeCode: desk.officeCode,
        label: desk.label,
        keyId: desk.keyId,
        enrolledAt: desk.enrolledAt,
      };
      return {
        reply: jsonReply(201, { desk: deskAnswer, deskToken, blocks }),
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
