import { z } from 'zod';
import type { PortalCertificates } from '../portalCertificates';
import type { PortalEvents } from '../portalEvents';
import { jsonReply, type SimReply } from '../router';
import {
  CERTIFICATE_NUMBER,
  MAX_IMPORT_BATCH,
  type LegacyCertificate,
} from './certificateRegistry';
import { isRefusal, type OfficeStore } from './desks';
import type { Idempotency } from './idempotency';
import { DEFAULT_REGISTRY_LIMIT, MAX_REGISTRY_LIMIT, REGISTRY_CURSOR } from './registry';
import { v2ErrorReply } from './v2Errors';
import type { V2EventContext, WorkStore } from './work';
import {
  actor,
  count,
  deskOnly,
  expected,
  idempotentWrite,
  isoTime,
  isReply,
  parse,
  publicKeyPem,
  refusalReply,
  validationFailed,
  type On,
} from './v2Request';

/**
 * The key registry (§3.5), number blocks (§4) and certificate registry (§3.6) routes, served with
 * the `registry` and `numbering` features. Reading the registry is national: any enrolled desk of
 * any office reads every entry.
 */

const keyBody = z.strictObject({ actor, publicKeyPem });
const revokeBody = z
  .strictObject({
    actor,
    reason: z.enum(['retired', 'compromised'], { error: 'motif : « retired » ou « compromised »' }),
    compromisedSince: z
      .string({ error: expected('date AAAA-MM-JJ attendue') })
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue')
      .refine((text) => !Number.isNaN(Date.parse(text)), 'date AAAA-MM-JJ attendue')
      .nullable()
      .optional(),
  })
  .superRefine((body, context) => {
    if (body.reason === 'retired' && body.compromisedSince) {
      context.addIssue({
        code: 'custom',
        path: ['compromisedSince'],
        message: 'seulement avec le motif « compromised »',
      });
    }
  });
const procedureCode = z
  .string({ error: expected('code de procédure attendu') })
  .min(1, 'code de procédure attendu')
  .max(20, 'code de procédure trop long');
const blockBody = z.strictObject({
  procedureCode,
  year: z
    .number({ error: expected('année attendue') })
    .int('année entière attendue')
    .min(2000, 'année de 2000 à 2999')
    .max(2999, 'année de 2000 à 2999'),
});
const returnBody = z.strictObject({ lastUsed: count });
const certificateNumber = z
  .string({ error: expected('numéro de certificat attendu') })
  .regex(CERTIFICATE_NUMBER, 'numéro de certificat : CO-2026-LOM-000012');
const importBody = z
  .strictObject({
    certificates: z
      .array(
        z.strictObject({
          number: certificateNumber,
          applicationId: z
            .string({ error: expected('identifiant de demande attendu') })
            .min(1, 'identifiant de demande attendu')
            .max(80, 'identifiant de demande trop long'),
          keyId: z
            .string({ error: expected('identifiant de clé attendu') })
            .regex(/^[A-Z]{2,10}-[0-9a-f]{8}$/, 'identifiant de clé : LOM-3f9a1c2e'),
          issuedAt: isoTime,
          status: z.enum(['valid', 'revoked'], { error: 'statut : « valid » ou « revoked »' }),
          qrSha256: z
            .string({ error: expected('empreinte SHA-256 attendue') })
            .regex(/^[0-9a-f]{64}$/, 'empreinte SHA-256 : 64 chiffres hexadécimaux')
            .optional(),
        }),
        { error: expected('liste de certificats attendue') },
      )
      .min(1, `1 à ${MAX_IMPORT_BATCH} certificats par lot`)
      .max(MAX_IMPORT_BATCH, `1 à ${MAX_IMPORT_BATCH} certificats par lot`),
  })
  .superRefine((body, context) => {
    const seen = new Set<string>();
    for (const [index, certificate] of body.certificates.entries()) {
      if (seen.has(certificate.number)) {
        context.addIssue({
          code: 'custom',
          path: ['certificates', index, 'number'],
          message: 'numéro en double dans le lot',
        });
      }
      seen.add(certificate.number);
    }
  });

/** The registry cursor (`r:<sequence>`, absent = from the start) and limit, or a `400`. */
function registryWindow(
  searchParams: URLSearchParams,
  size: number,
): { after: number; limit: number } | SimReply {
  const rawCursor = searchParams.get('cursor');
  const match = rawCursor === null ? null : REGISTRY_CURSOR.exec(rawCursor);
  const after = rawCursor === null ? 0 : match ? Number(match[1]) : NaN;
  if (Number.isNaN(after) || after > size) {
    return v2ErrorReply(
      400,
      'invalid_cursor',
      'Curseur du registre invalide : reprenez depuis le début (sans curseur) ou avec le dernier nextCursor reçu.',
      { cursor: rawCursor },
    );
  }
  const rawLimit = searchParams.get('limit');
  const limit = rawLimit === null ? DEFAULT_REGISTRY_LIMIT : Number(rawLimit);
  if (
    (rawLimit !== null && !/^\d{1,4}$/.test(rawLimit)) ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > MAX_REGISTRY_LIMIT
  ) {
    return v2ErrorReply(
      400,
      'invalid_limit',
      `Le paramètre limit doit être un entier de 1 à ${MAX_REGISTRY_LIMIT}.`,
      { limit: rawLimit },
    );
  }
  return { after, limit };
}

export function installRegistryRoutes(
  on: On,
  store: OfficeStore,
  idempotency: Idempotency,
  now: () => Date,
): void {
  function write(required: boolean, run: Parameters<typeof idempotentWrite>[2]) {
    return idempotentWrite(idempotency, required, run);
  }

  // --- Key registry (§3.5) ---

  on(
    'POST',
    'keys',
    write(false, (raw, _request, caller) => {
      const deskId = deskOnly(caller);
      if (typeof deskId !== 'string') return deskId;
      const body = parse(keyBody, raw);
      if (isReply(body)) return body;
      const registered = store.registerKey(deskId, body.actor, body.publicKeyPem);
      return isRefusal(registered) ? refusalReply(registered) : jsonReply(201, registered);
    }),
  );

  on(
    'POST',
    'keys/:keyId/revoke',
    write(false, (raw, request, caller) => {
      const deskId = deskOnly(caller);
      if (typeof deskId !== 'string') return deskId;
      const body = parse(revokeBody, raw);
      if (isReply(body)) return body;
      const revoked = store.revokeKey(
        deskId,
        body.actor,
        request.params.keyId ?? '',
        body.reason,
        body.compromisedSince ?? null,
      );
      if (isRefusal(revoked)) return refusalReply(revoked);
      const { key } = revoked;
      return jsonReply(200, {
        key: {
          keyId: key.keyId,
          officeCode: key.officeCode,
          deskId: key.deskId,
          registeredAt: key.registeredAt,
          revokedAt: key.revokedAt,
          revocation: key.revocation,
        },
      });
    }),
  );

  on('GET', 'registry', (request, caller) => {
    const deskId = deskOnly(caller);
    if (typeof deskId !== 'string') return deskId;
    const window = registryWindow(request.url.searchParams, store.registry.size());
    if (isReply(window)) return window;
    return jsonReply(200, store.registry.page(window.after, window.limit), {
      'cache-control': 'no-store',
    });
  });

  // Desk token or portal token: the bundle is what the ministry publishes for verifiers.
  on('GET', 'registry/bundle', () =>
    jsonReply(
      200,
      {
        format: 'bureau-keys/1',
        exportedAt: now().toISOString(),
        source: 'portail',
        keys: store.registry.keys().map((key) => ({
          keyId: key.keyId,
          officeCode: key.officeCode,
          deskId: key.deskId,
          publicKeyPem: key.publicKeyPem,
          registeredAt: key.registeredAt,
          revokedAt: key.revokedAt,
          revocation: key.revocation,
        })),
        certificates: store.certificates.negatives(),
      },
      {
        'cache-control': 'no-store',
        'content-disposition': 'attachment; filename="bureau-cles.json"',
      },
    ),
  );

  // --- Number blocks (§4) ---

  on(
    'POST',
    'numbering/blocks',
    write(false, (raw, _request, caller) => {
      const deskId = deskOnly(caller);
      if (typeof deskId !== 'string') return deskId;
      const body = parse(blockBody, raw);
      if (isReply(body)) return body;
      const desk = store.activeDesk(deskId);
      if (isRefusal(desk)) return refusalReply(desk);
      const given = store.numbering.request(desk, body.procedureCode, body.year);
      return isRefusal(given) ? refusalReply(given) : jsonReply(201, given);
    }),
  );

  on('GET', 'numbering/blocks', (_request, caller) => {
    const deskId = deskOnly(caller);
    if (typeof deskId !== 'string') return deskId;
    return jsonReply(
      200,
      { blocks: store.numbering.list(deskId) },
      { 'cache-control': 'no-store' },
    );
  });

  on(
    'POST',
    'numbering/blocks/:blockId/return',
    write(false, (raw, request, caller) => {
      const deskId = deskOnly(caller);
      if (typeof deskId !== 'string') return deskId;
      const body = parse(returnBody, raw);
      if (isReply(body)) return body;
      const returned = store.numbering.returnBlock(
        deskId,
        request.params.blockId ?? '',
        body.lastUsed,
      );
      return isRefusal(returned) ? refusalReply(returned) : jsonReply(200, returned);
    }),
  );

  // --- Certificate registry (§3.6) ---

  on(
    'POST',
    'certificates/import',
    write(false, (raw, _request, caller) => {
      const deskId = deskOnly(caller);
      if (typeof deskId !== 'string') return deskId;
      const body = parse(importBody, raw);
      if (isReply(body)) return body;
      const desk = store.activeDesk(deskId);
      if (isRefusal(desk)) return refusalReply(desk);
      const imported = store.certificates.importLegacy(
        desk,
        body.certificates as LegacyCertificate[],
      );
      return isRefusal(imported) ? refusalReply(imported) : jsonReply(200, imported);
    }),
  );

  // Desk token or portal token (the online check « Vérifier »).
  on('GET', 'certificates/:number', (request) => {
    const number = request.params.number ?? '';
    const found = store.certificates.lookup(number);
    return found
      ? jsonReply(200, found)
      : v2ErrorReply(404, 'certificate_not_found', `Certificat inconnu du portail : ${number}.`, {
          number,
        });
  });
}

const eventExtras = z.object({
  expectedVersion: z
    .number({ error: expected('version entière attendue') })
    .int('version entière attendue')
    .min(0, 'version positive attendue')
    .optional(),
  actor: actor.optional(),
  provisional: z.boolean({ error: expected('vrai ou faux attendu') }).optional(),
});

/**
 * `POST /api/v2/applications/:id/events` (desk token): v1's event route, through the same code
 * (`PortalEvents.submit`, v1 idempotency: key required, same key space as v1), plus the registry
 * checks on `certificate.issued` and the registry mark on `certificate.revoked`, and the shared
 * work (`work.ts`): version check on `expectedVersion`, four-eyes, claim leases of `actor`.
 * `provisional` is stored with the event, not enforced.
 */
export function installEventRoute(
  on: On,
  store: OfficeStore,
  events: PortalEvents,
  portalCertificates: PortalCertificates,
  work: WorkStore,
): void {
  on('POST', 'applications/:id/events', async (request, caller) => {
    const deskId = deskOnly(caller);
    if (typeof deskId !== 'string') return deskId;
    const desk = store.activeDesk(deskId);
    if (isRefusal(desk)) return refusalReply(desk);
    const id = request.params.id ?? '';
    const body = await request.json();
    const extras = eventExtras.safeParse(
      typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {},
    );
    if (!extras.success) {
      const issues = extras.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      }));
      const reply = validationFailed(issues);
      return { ...reply, status: 422 };
    }
    const refused = portalCertificates.check(body);
    if (refused) return refused;
    const key = request.headers['idempotency-key'];
    const context: V2EventContext = {
      deskId,
      officeCode: desk.officeCode,
      actor: extras.data.actor ?? null,
      expectedVersion: extras.data.expectedVersion ?? null,
    };
    const reply = events.submit(id, typeof key === 'string' ? key : undefined, body, {
      v2: {
        deskId,
        expectedVersion: extras.data.expectedVersion ?? null,
        actor: extras.data.actor ?? null,
        provisional: extras.data.provisional ?? null,
      },
      guard(record, kind, payload) {
        // The registry's answer first: a second certificate is `certificate_exists` (its desk
        // cancels it), not a stale version.
        const problem =
          kind === 'certificate.issued'
            ? store.certificates.checkIssue(desk, record.id, record.procedureCode, payload)
            : null;
        if (problem) return refusalReply(problem);
        return work.guard(record, kind, payload, context);
      },
      applied(record, kind, payload, after) {
        work.applied(record, kind, payload, after, context);
        if (kind === 'certificate.issued') {
          store.certificates.registerIssued(desk, record.id, record.procedureCode, payload);
        } else if (kind === 'certificate.revoked') {
          store.certificates.registerRevoked(record.id, payload);
        }
      },
    });
    if (reply.status !== 201) return reply;
    portalCertificates.record(id, body);
    // The lease after the event (design §3.8): a desk shows the holder without waiting for the feed.
    const answer = JSON.parse(reply.body as string) as Record<string, unknown>;
    return { ...reply, body: JSON.stringify({ ...answer, lease: work.leaseOf(id) }) };
  });
}
