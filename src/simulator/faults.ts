import { createRandom } from './random';
import type { Middleware, SimReply, SimRequest } from './router';

/**
 * Network and server misbehaviour, injected as router middleware so routes stay unaware of it.
 * Probabilities are per request; everything is switchable at runtime (`POST /__sim/faults`).
 * `/api/v1/health` and `/__sim/*` are spared (except latency) so tests can steer the simulator and
 * clients can still tell « portal down » from « portal flaky ». A hang spares only `/__sim/*`.
 */
export interface FaultSettings {
  /** Added before every API response, plus up to `latencyJitterMs`. */
  latencyMs: number;
  latencyJitterMs: number;
  /** Probability of a 500, 502 or 503 instead of the route (nothing applied). */
  serverErrorRate: number;
  /** Probability of a 429 with `Retry-After: retryAfterSeconds` (nothing applied). */
  rateLimitRate: number;
  retryAfterSeconds: number;
  /**
   * Probability of destroying the socket. Half of the time before the route runs, half after it
   * ran (a POST is then applied but its answer lost: the client must retry with the same key).
   * For documents the first half of the bytes is sent first, so clients must resume with Range.
   */
  resetRate: number;
  /** Probability of cutting a JSON body in half (the route did run). */
  truncateRate: number;
  /** Probability of serving the previous change-feed page again instead of the one asked for. */
  duplicatePageRate: number;
  /** Probability of serving an older change-feed page (out-of-order delivery). */
  stalePageRate: number;
  /** Throttle for document content, bytes per second; 0 = unthrottled. */
  attachmentBytesPerSecond: number;
  /** Probability of flipping one byte of a document's content (its checksum headers stay right). */
  corruptAttachmentRate: number;
  /**
   * Probability of holding a request without ever answering: the connection is accepted, then
   * nothing (a link dropping packets, neither refused nor answered). Every `/api/*` path hangs,
   * health and v2 included; 1 = the portal hangs, 0 again = it answers new requests. A held
   * request ends only when its client gives up (or the simulator closes).
   */
  hangRate: number;
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  latencyJitterMs: 0,
  serverErrorRate: 0,
  rateLimitRate: 0,
  retryAfterSeconds: 1,
  resetRate: 0,
  truncateRate: 0,
  duplicatePageRate: 0,
  stalePageRate: 0,
  attachmentBytesPerSecond: 0,
  corruptAttachmentRate: 0,
  hangRate: 0,
};

const RATE_KEYS = [
  'serverErrorRate',
  'rateLimitRate',
  'resetRate',
  'truncateRate',
  'duplicatePageRate',
  'stalePageRate',
  'corruptAttachmentRate',
  'hangRate',
] as const;

/** Checks a partial settings object from the admin route; returns a French reason when invalid. */
export function checkFaultSettings(input: unknown): Partial<FaultSettings> | string {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return 'objet attendu';
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(key in NO_FAULTS)) return `réglage inconnu « ${key} »`;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      return `« ${key} » doit être un nombre positif`;
    }
    if ((RATE_KEYS as readonly string[]).includes(key) && value > 1) {
      return `« ${key} » est une probabilité (0 à 1)`;
    }
    out[key] = value;
  }
  return out as Partial<FaultSettings>;
}

const FEED_PATH = '/api/v1/applications';
const PAGE_HISTORY = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isDocumentContent(path: string): boolean {
  return /^\/api\/v1\/documents\/[^/]+\/content$/.test(path);
}

function bodyOf(reply: SimReply): Buffer {
  if (reply.body === undefined) return Buffer.alloc(0);
  return typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
}

/** Writes the reply ourselves, in throttled chunks, optionally stopping (and resetting) midway. */
async function streamReply(
  request: SimRequest,
  reply: SimReply,
  body: Buffer,
  bytesPerSecond: number,
  stopAfter: number | null,
): Promise<void> {
  const { response } = request;
  response.writeHead(reply.status, { ...reply.headers, 'content-length': body.length });
  const tickMs = 50;
  const chunk =
    bytesPerSecond > 0 ? Math.max(1, Math.floor((bytesPerSecond * tickMs) / 1000)) : body.length;
  const limit = stopAfter ?? body.length;
  for (let offset = 0; offset < limit && !response.destroyed; offset += chunk) {
    response.write(body.subarray(offset, Math.min(offset + chunk, limit)));
    if (bytesPerSecond > 0) await sleep(tickMs);
  }
  if (stopAfter !== null) {
    // Let the partial bytes leave before the reset so the client really holds half a file.
    await sleep(10);
    request.raw.socket.destroy();
  } else response.end();
}

export function createFaults(seed = 1, initial: Partial<FaultSettings> = {}) {
  const random = createRandom(seed);
  let settings: FaultSettings = { ...NO_FAULTS, ...initial };
  const servedPages: SimReply[] = [];
  let held = 0;
  let holding = 0;

  /** Never answers; settles once the client gives up, so nothing is left behind. */
  function hang(request: SimRequest): Promise<SimReply> {
    held++;
    holding++;
    return new Promise((resolve) => {
      request.response.once('close', () => {
        holding--;
        // Not sent: the connection is gone (the router writes nothing on a destroyed response).
        resolve({ status: 504 });
      });
    });
  }

  const middleware: Middleware = async (request, next) => {
    const path = request.url.pathname;
    if (path.startsWith('/__sim/')) return next();
    const s = settings;
    // Drawn only when on, so the other faults' seeded sequence is the same as before.
    if (s.hangRate > 0 && random.chance(s.hangRate)) return hang(request);
    if (s.latencyMs > 0 || s.latencyJitterMs > 0) {
      await sleep(s.latencyMs + random.next() * s.latencyJitterMs);
    }
    if (!path.startsWith('/api/v1/') || path === '/api/v1/health') return next();

    if (random.chance(s.serverErrorRate)) {
      const status = random.pick([500, 502, 503]);
      return {
        status,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          error: { code: 'unavailable', message: `Panne simulée du portail (${status}).` },
        }),
      };
    }
    if (random.chance(s.rateLimitRate)) {
      return {
        status: 429,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'retry-after': String(s.retryAfterSeconds),
        },
        body: JSON.stringify({
          error: { code: 'rate_limited', message: 'Trop de requêtes : réessayez plus tard.' },
        }),
      };
    }
    const reset = random.chance(s.resetRate);
    if (reset && random.chance(0.5)) {
      request.raw.socket.destroy();
      return { status: 500 };
    }

    const isFeed = request.method === 'GET' && path === FEED_PATH;
    if (isFeed && servedPages.length > 0) {
      if (random.chance(s.duplicatePageRate)) return servedPages.at(-1) as SimReply;
      if (random.chance(s.stalePageRate)) return random.pick(servedPages);
    }

    const reply = await next();
    // The route wrote its own answer (a hostile document streaming or resetting): leave it be.
    if (request.response.headersSent || request.raw.socket.destroyed) return reply;
    if (isFeed && reply.status === 200) {
      servedPages.push(reply);
      if (servedPages.length > PAGE_HISTORY) servedPages.shift();
    }

    if (isDocumentContent(path) && request.method === 'GET' && reply.status < 300) {
      let body = bodyOf(reply);
      if (random.chance(s.corruptAttachmentRate) && body.length > 0) {
        body = Buffer.from(body);
        const at = random.int(0, body.length - 1);
        body[at] = (body[at] as number) ^ 0xff;
      }
      if (reset || s.attachmentBytesPerSecond > 0 || body !== reply.body) {
        await streamReply(
          request,
          reply,
          body,
          s.attachmentBytesPerSecond,
          reset ? Math.floor(body.length / 2) : null,
        );
      }
      return { ...reply, body };
    }
    if (reset) {
      request.raw.socket.destroy();
      return reply;
    }
    const isJson = String(reply.headers?.['content-type'] ?? '').includes('json');
    if (isJson && reply.status < 300 && random.chance(s.truncateRate)) {
      const body = bodyOf(reply);
      return { ...reply, headers: { ...reply.headers }, body: body.subarray(0, body.length >> 1) };
    }
    return reply;
  };

  return {
    middleware,
    get settings(): FaultSettings {
      return settings;
    },
    /** Requests the hang fault took so far, and how many of them are still held open. */
    hung(): { held: number; holding: number } {
      return { held, holding };
    },
    set(partial: Partial<FaultSettings>): FaultSettings {
      settings = { ...settings, ...partial };
      return settings;
    },
    reset(): FaultSettings {
      settings = { ...NO_FAULTS };
      servedPages.length = 0;
      return settings;
    },
  };
}
export type Faults = ReturnType<typeof createFaults>;
