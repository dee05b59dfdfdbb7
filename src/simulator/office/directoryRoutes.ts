import { z } from 'zod';
import { jsonReply } from '../router';
import {
  DEFAULT_DIRECTORY_LIMIT,
  DIRECTORY_CURSOR,
  MAX_DIRECTORY_LIMIT,
  type AccountChange,
} from './directory';
import { isRefusal, type OfficeStore } from './desks';
import type { Idempotency } from './idempotency';
import {
  accountId,
  actor,
  boolean,
  deskOnly,
  displayName,
  expected,
  feedQuery,
  idempotentWrite,
  isReply,
  parse,
  procedureCodes,
  refusalReply,
  role,
  username,
  verifier,
  type On,
} from './v2Request';

/**
 * The office staff directory routes (design multi-desk §3.4), served with the `directory` feature:
 * the directory feed, account creation and account changes. Every route takes the desk token of a
 * non-retired desk of the office (`403 forbidden` otherwise; a retired desk's token is `401`).
 */

const createBody = z.strictObject({
  actor,
  account: z.strictObject(
    {
      id: accountId,
      username,
      displayName,
      role,
      procedureCodes,
      verifier,
      mustChangePassword: boolean,
    },
    { error: expected('compte attendu') },
  ),
});

const change = z
  .strictObject(
    {
      displayName: displayName.optional(),
      role: role.optional(),
      procedureCodes: procedureCodes.optional(),
      active: boolean.optional(),
      verifier: verifier.optional(),
      mustChangePassword: boolean.optional(),
      reason: z.enum(['reset', 'change'], { error: 'motif : « reset » ou « change »' }).optional(),
    },
    { error: expected('modification attendue') },
  )
  .superRefine((value, context) => {
    if (Object.keys(value).length === 0) {
      context.addIssue({ code: 'custom', message: 'au moins un champ à modifier' });
    }
    if (value.verifier !== undefined && value.reason === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'obligatoire avec verifier (« reset » ou « change »)',
      });
    }
    if (value.verifier === undefined && value.reason !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'seulement avec verifier',
      });
    }
  });

const changeBody = z.strictObject({
  actor,
  expectedVersion: z
    .number({ error: expected('version attendue (entier ≥ 1)') })
    .int('version attendue (entier ≥ 1)')
    .min(1, 'version attendue (entier ≥ 1)')
    .max(1_000_000_000, 'version trop grande'),
  change,
});

export function installDirectoryRoutes(on: On, store: OfficeStore, idempotency: Idempotency): void {
  on('GET', 'offices/:office/directory', (request, caller) => {
    const deskId = deskOnly(caller);
    if (typeof deskId !== 'string') return deskId;
    const query = feedQuery(request.url, {
      pattern: DIRECTORY_CURSOR,
      prefix: 'd',
      what: "d'annuaire",
      defaultLimit: DEFAULT_DIRECTORY_LIMIT,
      maxLimit: MAX_DIRECTORY_LIMIT,
    });
    if (isReply(query)) return query;
    const page = store.directory(deskId, request.params.office ?? '', query.after, query.limit);
    return isRefusal(page) ? refusalReply(page) : jsonReply(200, page);
  });

  on(
    'POST',
    'offices/:office/accounts',
    idempotentWrite(idempotency, false, (raw, request, caller) => {
      const deskId = deskOnly(caller);
      if (typeof deskId !== 'string') return deskId;
      const body = parse(createBody, raw);
      if (isReply(body)) return body;
      const created = store.createAccount(
        deskId,
        request.params.office ?? '',
        body.actor,
        body.account,
      );
      return isRefusal(created) ? refusalReply(created) : jsonReply(201, created);
    }),
  );

  on(
    'PATCH',
    'offices/:office/accounts/:id',
    idempotentWrite(idempotency, false, (raw, request, caller) => {
      const deskId = deskOnly(caller);
      if (typeof deskId !== 'string') return deskId;
      const body = parse(changeBody, raw);
      if (isReply(body)) return body;
      const changed = store.changeAccount(
        deskId,
        request.params.office ?? '',
        body.actor,
        request.params.id ?? '',
        body.expectedVersion,
        body.change as AccountChange,
      );
      return isRefusal(changed) ? refusalReply(changed) : jsonReply(200, changed);
    }),
  );
}
