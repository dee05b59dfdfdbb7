import { z } from 'zod';
import { textModulePhrase } from '../../shared/textModules/textModule';
import { jsonReply } from '../router';
import { isRefusal, type OfficeStore } from './desks';
import type { Idempotency } from './idempotency';
import {
  DEFAULT_TEXT_MODULE_LIMIT,
  MAX_TEXT_MODULE_LIMIT,
  TEXT_MODULE_CURSOR,
  type OfficeTextModules,
} from './officeTextModules';
import {
  actor,
  boolean,
  deskOnly,
  expected,
  idempotentWrite,
  isReply,
  parse,
  refusalReply,
  validationFailed,
  type On,
} from './v2Request';

/**
 * An office's text modules (feature `textModules`): the feed every desk of the office reads, and
 * the write an administrator makes from one of them. Desk tokens of the office only.
 */

const putBody = z.strictObject({
  actor,
  expectedVersion: z
    .number({ error: expected('version attendue (entier ≥ 0 ; 0 pour une nouvelle phrase)') })
    .int('version attendue (entier ≥ 0)')
    .min(0, 'version attendue (entier ≥ 0)')
    .max(1_000_000_000, 'version trop grande'),
  textModule: z.strictObject({ ...textModulePhrase, retired: boolean }),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function feedQuery(
  url: URL,
): { after: number; limit: number } | ReturnType<typeof validationFailed> {
  const issues: { path: string; message: string }[] = [];
  const rawCursor = url.searchParams.get('cursor');
  let after = 0;
  if (rawCursor !== null) {
    const match = TEXT_MODULE_CURSOR.exec(rawCursor);
    if (match) after = Number(match[1]);
    else
      issues.push({
        path: 'cursor',
        message: 'curseur invalide (m:<nombre>) : reprenez sans curseur',
      });
  }
  const rawLimit = url.searchParams.get('limit');
  let limit = DEFAULT_TEXT_MODULE_LIMIT;
  if (rawLimit !== null) {
    limit = /^[0-9]{1,4}$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= MAX_TEXT_MODULE_LIMIT)) {
      issues.push({ path: 'limit', message: `entier de 1 à ${MAX_TEXT_MODULE_LIMIT} attendu` });
    }
  }
  return issues.length > 0 ? validationFailed(issues) : { after, limit };
}

export function installTextModuleRoutes(
  on: On,
  store: OfficeStore,
  textModules: OfficeTextModules,
  idempotency: Idempotency,
): void {
  on('GET', 'offices/:office/text-modules', (request, caller) => {
    const deskId = deskOnly(caller);
    if (typeof deskId !== 'string') return deskId;
    const officeCode = request.params.office ?? '';
    const desk = store.officeDesk(deskId, officeCode);
    if (isRefusal(desk)) return refusalReply(desk);
    const query = feedQuery(request.url);
    if (isReply(query)) return query;
    return jsonReply(200, textModules.page(officeCode, query.after, query.limit));
  });

  on(
    'PUT',
    'offices/:office/text-modules/:id',
    idempotentWrite(idempotency, false, (raw, request, caller) => {
      const deskId = deskOnly(caller);
      if (typeof deskId !== 'string') return deskId;
      const officeCode = request.params.office ?? '';
      const id = request.params.id ?? '';
      if (!UUID.test(id)) {
        return validationFailed([{ path: 'id', message: 'identifiant de phrase (UUID) attendu' }]);
      }
      const body = parse(putBody, raw);
      if (isReply(body)) return body;
      const refused = store.administratorOf(deskId, officeCode, body.actor);
      if (refused) return refusalReply(refused);
      const written = textModules.put(
        officeCode,
        id,
        body.expectedVersion,
        body.textModule,
        body.actor,
      );
      return isRefusal(written) ? refusalReply(written) : jsonReply(200, written);
    }),
  );
}
