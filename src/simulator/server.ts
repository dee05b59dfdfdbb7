import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProcedureDefinition } from '../shared/catalog/procedureSchema';
import { officeForRegion } from '../shared/domain/offices';
import type { PortalApplication, PortalApplicationsPage } from '../shared/portal/portalApplication';
import { checkFaultSettings, createFaults, type FaultSettings, type Faults } from './faults';
import {
  checkHostileDocument,
  createHostileDocuments,
  type HostileDocuments,
} from './hostileDocuments';
import { createPortalCertificates, type PortalCertificates } from './portalCertificates';
import { createPortalLetters } from './portalLetters';
import { createPortalEvents, type PortalEvents } from './portalEvents';
import { createActivity, installActivityRoute } from './office/activity';
import { DEFAULT_LIMITS, type PortalLimits } from './office/capabilities';
import { createOfficeStore, type OfficeStore } from './office/desks';
import { createDoorbell, installDoorbellRoute, type Doorbell } from './office/doorbell';
import { createOfficeTextModules } from './office/officeTextModules';
import { installEventRoute } from './office/registryRoutes';
import { v2ErrorReply } from './office/v2Errors';
import { deskOnly } from './office/v2Request';
import { createV2Routes } from './office/v2Routes';
import { createWork } from './office/work';
import { createChangeTicker, describeChangeRequest, storeChangeFor } from './portalChanges';
import { createPortalStore, PortalStoreError, RawFeedItem, type PortalStore } from './portalStore';
import {
  createRouter,
  errorReply,
  HttpError,
  jsonReply,
  type Middleware,
  type SimReply,
  type SimRequest,
} from './router';

/**
 * The portal simulator: a real HTTP server speaking the portal API that Bureau's sync client uses
 * (see docs/portal-api.md), over an in-memory store of generated applications.
 */

export interface PortalSimulatorOptions {
  seed: number;
  count: number;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: the simulator is for the local machine only. */
  host?: string;
  /** When set, `/api/v1/*` (except health) and `/__sim/*` require `Authorization: Bearer <token>`. */
  token?: string;
  procedures: ProcedureDefinition[];
  now?: () => Date;
  /**
   * Adds, after the initial intake, applications that refer to each other: issued importer
   * cards cited by import authorisations, repeat applicants, duplicates (linkedRecords.ts).
   * Training mode turns it on.
   */
  linkedRecords?: boolean;
  /** Keeps new applications arriving over time; 0 or absent = off. */
  arrivalsPerMinute?: number;
  /** Portal-side changes (withdrawals, applicant replies) per minute; 0 or absent = off. */
  changesPerMinute?: number;
  /** Faults switched on from the start (see faults.ts); also settable via `POST /__sim/faults`. */
  faults?: Partial<FaultSettings>;
  /** 2 (default) also serves `/api/v2/*`; 1 answers as a v1-only portal (404 on `/api/v2/*`). */
  api?: 1 | 2;
  /** API v2 limits (tests shrink `blockSize` to reach the end of a desk's numbers). */
  limits?: Partial<PortalLimits>;
  /**
   * v1 events on a case of an office that has enrolled desks: refused `409 office_requires_v2`
   * (default), or accepted as from another client of the portal (tests of the v2 feeds).
   */
  acceptV1InEnrolledOffices?: boolean;
}

export interface PortalSimulator {
  url: string;
  port: number;
  store: PortalStore;
  /** Actions received from Bureau, with their idempotency keys. */
  events: PortalEvents;
  faults: Faults;
  /** Misbehaving document endpoints registered through `POST /__sim/documents`. */
  hostileDocuments: HostileDocuments;
  /** Offices, desks, directory accounts and enrollment codes (API v2; empty with `api: 1`). */
  offices: OfficeStore;
  close(): Promise<void>;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;
const MAX_ADMIN_COUNT = 10_000;

/** Cursors are opaque to clients; inside they are `c:<sequence of the last change seen>`. */
export function encodeCursor(seq: number): string {
  return `c:${seq}`;
}

export function decodeCursor(cursor: string | null): number | null {
  if (cursor === null) return 0;
  const match = /^c:(\d{1,15})$/.exec(cursor);
  return match ? Number(match[1]) : null;
}

function parseLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_LIMIT;
  const limit = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new HttpError(
      400,
      'invalid_limit',
      `Le paramètre limit doit être un entier de 1 à ${MAX_LIMIT}.`,
    );
  }
  return limit;
}

function tokensEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerAuth(token: string): Middleware {
  return async (request, next) => {
    const path = request.url.pathname;
    const protectedPath =
      (path.startsWith('/api/v1/') && path !== '/api/v1/health') || path.startsWith('/__sim/');
    if (!protectedPath) return next();
    const header = request.headers.authorization ?? '';
    const given = /^Bearer (.+)$/.exec(header)?.[1] ?? '';
    if (!tokensEqual(token, given)) {
      const reply = errorReply(401, 'unauthorized', "Jeton d'accès absent ou invalide.");
      return {
        ...reply,
        headers: { ...reply.headers, 'www-authenticate': 'Bearer realm="portail"' },
      };
    }
    return next();
  };
}

function documentReply(
  range: string | undefined,
  body: { bytes: Buffer; sha256: string; mimeType: string },
  fileName: string,
): SimReply {
  const size = body.bytes.length;
  const headers: Record<string, string | number> = {
    'content-type': body.mimeType,
    etag: `"${body.sha256}"`,
    digest: `sha-256=${Buffer.from(body.sha256, 'hex').toString('base64')}`,
    'x-content-sha256': body.sha256,
    'accept-ranges': 'bytes',
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'cache-control': 'private, max-age=31536000, immutable',
  };
  if (!range) return { status: 200, headers, body: body.bytes };
  const match = /^bytes=(\d+)-(\d*)$/.exec(range.trim());
  const start = match ? Number(match[1]) : NaN;
  const end = match && match[2] !== '' ? Math.min(Number(match[2]), size - 1) : size - 1;
  if (!match || start >= size || end < start) {
    return {
      status: 416,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-range': `bytes */${size}`,
      },
      body: JSON.stringify({
        error: {
          code: 'range_not_satisfiable',
          message: `Plage invalide pour un fichier de ${size} octets.`,
        },
      }),
    };
  }
  return {
    status: 206,
    headers: { ...headers, 'content-range': `bytes ${start}-${end}/${size}` },
    body: body.bytes.subarray(start, end + 1),
  };
}

function storeErrorReply(error: unknown): SimReply {
  if (error instanceof PortalStoreError) {
    return errorReply(
      error.code === 'not_found' ? 404 : 409,
      error.code === 'not_found'
        ? 'not_found'
        : error.message.includes('déjà')
          ? 'already_withdrawn'
          : 'conflict',
      error.message,
    );
  }
  throw error;
}

export async function startPortalSimulator(
  options: PortalSimulatorOptions,
): Promise<PortalSimulator> {
  const now = options.now ?? (() => new Date());
  const store = createPortalStore({ seed: options.seed, procedures: options.procedures, now });
  store.add(options.count, { initial: true });
  if (options.linkedRecords) store.addLinked();

  const router = createRouter();
  if (options.token) router.use(bearerAuth(options.token));
  const faults = createFaults(options.seed, options.faults);
  router.use(faults.middleware);
  const limits: PortalLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const offices = createOfficeStore(
    now,
    limits,
    options.procedures.map((procedure) => ({
      code: procedure.code,
      numberPrefix: procedure.certificate.numberPrefix,
    })),
  );
  const events = createPortalEvents(store, now);
  /**
   * Design multi-desk §3.8: once an office works with several desks, a desk still on v1 would
   * act without leases nor version checks; its events are refused with what to do.
   */
  const v1RefusedFor = (id: string): SimReply | null => {
    if (options.acceptV1InEnrolledOffices) return null;
    const record = store.get(id);
    const officeCode = record ? officeForRegion(record.applicant.region) : null;
    if (!officeCode || !offices.isEnrolled(officeCode)) return null;
    return v2ErrorReply(
      409,
      'office_requires_v2',
      'Ce bureau travaille à plusieurs postes : mettez Bureau à jour sur ce poste.',
      { officeCode },
    );
  };
  const work = createWork(
    store,
    events,
    offices,
    now,
    limits.claimLeaseMinutes,
    limits.maxCheckoutDays,
  );
  const certificateFiles = createPortalCertificates();
  const letters = createPortalLetters(now);
  // The PDFs events carry — certificates and decision letters — checked before the event is
  // accepted and kept after, on both event routes (v1 and v2).
  const certificates: PortalCertificates = {
    check: (body) => certificateFiles.check(body) ?? letters.check(body),
    record(id, body) {
      certificateFiles.record(id, body);
      letters.record(id, body);
    },
    reply: (id) => certificateFiles.reply(id),
  };
  const v2 = (options.api ?? 2) === 2;
  let doorbell: Doorbell | null = null;
  if (v2) {
    const activity = createActivity(store, events);
    const textModules = createOfficeTextModules(now);
    const bell = createDoorbell(store, offices, activity, textModules);
    doorbell = bell;
    // Whatever a request changed rings the doorbell of the offices concerned (§3.11).
    router.use(async (_request, next) => {
      try {
        return await next();
      } finally {
        bell.refresh();
      }
    });
    const v2Routes = createV2Routes({
      limits,
      now,
      offices,
      textModules,
      ...(options.token ? { portalToken: options.token } : {}),
    });
    // v2's event route applies events through v1's code (the same `events` and `certificates`).
    installEventRoute(v2Routes.on, offices, events, certificates, work);
    // v2's applications feed: v1's page, each record with its `work` block (§3.9).
    v2Routes.on('GET', 'applications', (request, caller) => {
      const deskId = deskOnly(caller);
      if (typeof deskId !== 'string') return deskId;
      return feedReply(request, (record) => ({ ...record, work: work.work(record) }));
    });
    installActivityRoute(v2Routes.on, offices, activity);
    installDoorbellRoute(v2Routes.on, offices, bell, limits.maxWaitSeconds);
    router.use(v2Routes.middleware);
  }
  const hostileDocuments = createHostileDocuments();

  router.on('GET', '/api/v1/health', () =>
    jsonReply(200, { status: 'ok', serverTime: now().toISOString() }),
  );

  /** One page of the applications feed; `decorate` adds to each record (v2's `work`). */
  function feedReply(
    request: SimRequest,
    decorate: (record: PortalApplication) => object = (record) => record,
  ): SimReply {
    const rawCursor = request.url.searchParams.get('cursor');
    const afterSeq = decodeCursor(rawCursor);
    if (afterSeq === null) {
      return errorReply(
        400,
        'invalid_cursor',
        'Curseur invalide : reprenez depuis le début (sans curseur) ou avec le dernier nextCursor reçu.',
      );
    }
    const limit = parseLimit(request.url.searchParams.get('limit'));
    const page = store.page(afterSeq, limit);
    const rest: Omit<PortalApplicationsPage, 'items'> = {
      nextCursor: encodeCursor(page.lastSeq),
      hasMore: page.hasMore,
      cursorSequence: page.lastSeq,
      remaining: page.remaining,
    };
    // Raw items (hostile-portal tests) are spliced in as the text they were given, never re-encoded.
    const parts: Buffer[] = [Buffer.from('{"items":[')];
    page.entries.forEach((entry, index) => {
      if (index > 0) parts.push(Buffer.from(','));
      const text = entry instanceof RawFeedItem ? entry.raw : JSON.stringify(decorate(entry));
      parts.push(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
    });
    parts.push(Buffer.from(`],${JSON.stringify(rest).slice(1)}`));
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: Buffer.concat(parts),
    };
  }

  router.on('GET', '/api/v1/applications', (request) => feedReply(request));

  router.on('GET', '/api/v1/applications/:id', (request) => {
    const record = store.get(request.params.id ?? '');
    return record
      ? jsonReply(200, record)
      : errorReply(404, 'not_found', `Demande inconnue : ${request.params.id}`);
  });

  router.on('GET', '/api/v1/documents/:id/content', async (request) => {
    const id = request.params.id ?? '';
    const hostile = hostileDocuments.document(id);
    if (hostile) {
      const served = await hostileDocuments.serve(id, request);
      if (served) return served;
      const range = request.headers.range;
      return documentReply(
        typeof range === 'string' ? range : undefined,
        {
          bytes: hostile.bytes,
          sha256: createHash('sha256').update(hostile.bytes).digest('hex'),
          mimeType: hostile.mimeType,
        },
        'piece.bin',
      );
    }
    const found = store.document(id);
    if (!found) return errorReply(404, 'not_found', `Document inconnu : ${request.params.id}`);
    const range = request.headers.range;
    return documentReply(
      typeof range === 'string' ? range : undefined,
      found.body,
      found.document.fileName,
    );
  });

  router.on('POST', '/api/v1/applications/:id/events', async (request) => {
    const key = request.headers['idempotency-key'];
    const id = request.params.id ?? '';
    const body = await request.json();
    const refused = certificates.check(body);
    if (refused) return refused;
    const requiresV2 = v1RefusedFor(id);
    if (requiresV2) return requiresV2;
    const reply = events.submit(id, typeof key === 'string' ? key : undefined, body);
    if (reply.status === 201) certificates.record(id, body);
    return reply;
  });

  router.on('GET', '/api/v1/applications/:id/certificate', (request) =>
    certificates.reply(request.params.id ?? ''),
  );

  router.on('GET', '/api/v1/applications/:id/letters', (request) =>
    letters.list(request.params.id ?? ''),
  );

  router.on('GET', '/api/v1/applications/:id/letters/:number', (request) =>
    letters.reply(request.params.id ?? '', request.params.number ?? ''),
  );

  router.on('POST', '/__sim/raw-items', async (request) => {
    const body = (await request.json()) as { items?: unknown } | undefined;
    const items = body?.items;
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_ADMIN_COUNT) {
      return errorReply(
        400,
        'invalid_items',
        `items doit être une liste de 1 à ${MAX_ADMIN_COUNT} textes JSON.`,
      );
    }
    const texts: (string | Buffer)[] = [];
    for (const item of items) {
      if (typeof item === 'string') texts.push(item);
      else if (item && typeof item === 'object' && typeof item.base64 === 'string') {
        texts.push(Buffer.from(item.base64, 'base64'));
      } else {
        return errorReply(400, 'invalid_items', 'Chaque élément : un texte JSON ou { base64 }.');
      }
    }
    return jsonReply(201, { sequences: texts.map((text) => store.addRaw(text)) });
  });
  router.on('POST', '/__sim/documents', async (request) => {
    const checked = checkHostileDocument(await request.json());
    if (typeof checked === 'string') {
      return errorReply(400, 'invalid_document', `Document simulé invalide : ${checked}.`);
    }
    return jsonReply(201, hostileDocuments.add(checked.id, checked));
  });
  router.on('GET', '/__sim/documents/requests', (request) =>
    jsonReply(200, {
      requests: hostileDocuments.requestCount(request.url.searchParams.get('id') ?? ''),
    }),
  );

  router.on('GET', '/__sim/faults', () => jsonReply(200, faults.settings));
  router.on('POST', '/__sim/faults', async (request) => {
    const body = await request.json();
    if (body === undefined) return jsonReply(200, faults.reset());
    const checked = checkFaultSettings(body);
    if (typeof checked === 'string') {
      return errorReply(400, 'invalid_faults', `Réglage de pannes invalide : ${checked}.`);
    }
    return jsonReply(200, faults.set(checked));
  });
  router.on('GET', '/__sim/events', (request) =>
    jsonReply(200, {
      events: events.list(request.url.searchParams.get('applicationId') ?? undefined),
    }),
  );
  router.on('POST', '/__sim/changes', async (request) => {
    const described = describeChangeRequest(await request.json());
    if (typeof described === 'string') return errorReply(400, 'invalid_change', described);
    const current = store.get(described.id);
    if (!current) return errorReply(404, 'not_found', `Demande inconnue : ${described.id}`);
    try {
      return jsonReply(
        200,
        store.applyPortalChange(
          described.id,
          storeChangeFor(store, described.kind, current, now()),
        ),
      );
    } catch (error) {
      return storeErrorReply(error);
    }
  });

  router.on('POST', '/__sim/applications', async (request) => {
    const body = (await request.json()) as { count?: unknown } | undefined;
    const count = body?.count ?? 1;
    if (
      typeof count !== 'number' ||
      !Number.isInteger(count) ||
      count < 1 ||
      count > MAX_ADMIN_COUNT
    ) {
      return errorReply(
        400,
        'invalid_count',
        `count doit être un entier de 1 à ${MAX_ADMIN_COUNT}.`,
      );
    }
    const added = store.add(count);
    return jsonReply(201, { added: added.length, ids: added.map((record) => record.id) });
  });

  if (v2) {
    router.on('GET', '/__sim/offices/:office', (request) => {
      const office = offices.snapshot(request.params.office ?? '');
      return office
        ? jsonReply(200, office)
        : errorReply(404, 'not_found', `Bureau inconnu du portail : ${request.params.office}`);
    });
  }

  router.on('POST', '/__sim/applications/:id/withdraw', (request) => {
    try {
      return jsonReply(
        200,
        store.applyPortalChange(request.params.id ?? '', { status: 'withdrawn' }),
      );
    } catch (error) {
      return storeErrorReply(error);
    }
  });

  const server = createServer(router.listener);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let arrivals: NodeJS.Timeout | null = null;
  if (options.arrivalsPerMinute && options.arrivalsPerMinute > 0) {
    arrivals = setInterval(() => store.add(1), Math.max(50, 60_000 / options.arrivalsPerMinute));
    arrivals.unref();
  }
  const ticker =
    options.changesPerMinute && options.changesPerMinute > 0
      ? createChangeTicker(store, options.seed, options.changesPerMinute, now)
      : null;

  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    store,
    events,
    faults,
    hostileDocuments,
    offices,
    close() {
      if (arrivals) clearInterval(arrivals);
      ticker?.stop();
      // Long-held doorbell requests are answered now (nothing moved); their answers get a moment
      // to leave before the remaining connections are cut.
      const answered = doorbell?.close() ?? 0;
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if (answered === 0) server.closeAllConnections();
        else setTimeout(() => server.closeAllConnections(), 50);
      });
    },
  };
}
