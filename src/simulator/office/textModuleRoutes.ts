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
  feedQuery,
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
    const query = feedQuery(request.url, {
      pattern: TEXT_MODULE_CURSOR,
      prefix: 'm',
      what: 'de modules de texte',
      defaultLimit: DEFAULT_TEXT_MODULE_LIMIT,
      maxLimit: MAX_TEXT_MODULE_LIMIT,
    });
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
