import {
  portalApplicationsPage,
  type PortalApplicationsPage,
} from '../../../shared/portal/portalApplication';
import { z } from 'zod';
import { systemClock, type Scheduler } from '../clock';
import { parseRetryAfter } from './backoff';

/**
 * The deadlines of every portal request (docs/portal-api.md, « Délais »). A portal that accepts
 * the connection and never answers (a rural link dropping packets) is cut after `connectMs`,
 * whatever the request; a slow link still gets `responseMs` to bring a whole page.
 */
export const PORTAL_DEADLINES = {
  /** From the request's start until the connection is made and the answer has begun (headers). */
  connectMs: 10_000,
  /** From the request's start until the whole answer is in (`PortalConfig.timeoutMs`). */
  responseMs: 30_000,
  /** The health check, connection and answer together. */
  healthMs: 5_000,
} as const;

export interface PortalConfig {
  url: string;
  token?: string | undefined;
  /** The whole-response deadline; default `PORTAL_DEADLINES.responseMs`. */
  timeoutMs?: number;
  /** The connect deadline (until the answer begins); default `PORTAL_DEADLINES.connectMs`. */
  connectTimeoutMs?: number;
  /** What the deadlines run on: real timers, unless a test hands its fake clock. */
  timers?: Scheduler;
}

/** The portal could not be reached at all (network down, DNS, refused, timed out, reset). */
export class PortalUnreachableError extends Error {
  constructor(cause: unknown) {
    super(`Portail injoignable (${(cause as Error)?.message ?? String(cause)})`);
    this.name = 'PortalUnreachableError';
  }
}

/** A request that ran out of its deadline: the link is as good as down (a hanging portal). */
export class PortalTimeoutError extends PortalUnreachableError {
  constructor(
    readonly stage: 'connect' | 'response',
    readonly deadlineMs: number,
  ) {
    super(
      new Error(
        stage === 'connect'
          ? `aucune réponse en ${deadlineMs / 1000} s`
          : `réponse incomplète après ${deadlineMs / 1000} s`,
      ),
    );
    this.name = 'PortalTimeoutError';
  }
}

/** The portal answered, but not with what we asked for. */
export class PortalResponseError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The portal's error code (`case_closed`, `validation_failed`…) when it sent one. */
    readonly code: string | null = null,
    /** From `Retry-After`, in milliseconds. */
    readonly retryAfterMs: number | null = null,
    /** A garbled answer (truncated JSON) is worth retrying even with a 2xx status. */
    readonly garbled = false,
    /** API v2's `error.details`, for programs (e.g. the holder of a case). */
    readonly details: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'PortalResponseError';
  }
}

/** Worth retrying later: the network, rate limiting, the portal's own failures, garbled answers. */
export function isTransient(error: unknown): boolean {
  if (error instanceof PortalUnreachableError) return true;
  if (error instanceof PortalResponseError) {
    return error.garbled || error.status === 408 || error.status === 429 || error.status >= 500;
  }
  return false;
}

export interface PortalEventBody {
  kind: string;
  occurredAt: string;
  payload: Record<string, unknown>;
  /** v2: the portal version the decision was based on, and who acted (design multi-desk §3.8). */
  expectedVersion?: number;
  actor?: { id: string; displayName: string };
  /** v2: decided offline without a lease confirmed by the portal (design multi-desk §3.7). */
  provisional?: boolean;
}

/**
 * `GET /api/v2/capabilities` (design multi-desk §3.1). Feature names a desk does not know are
 * kept, so a newer portal is never refused for announcing more.
 */
const capabilitiesAnswer = z.object({
  api: z.object({ version: z.literal(2), revision: z.string().max(40) }),
  serverTime: z.string().datetime({ offset: true }),
  features: z.array(z.string().max(64)).max(100),
  limits: z
    .object({
      blockSize: z.number().int().positive(),
      enrollmentCodeMinutes: z.number().int().positive(),
    })
    .partial()
    .passthrough(),
});
export type PortalCapabilities = z.infer<typeof capabilitiesAnswer>;

/** What a portal speaks: v1 only, or v2 with what it announced. */
export type PortalApi = { version: 1 } | { version: 2; capabilities: PortalCapabilities };

export interface PortalV2Request {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** Relative to `/api/v2/`, already encoded. */
  path: string;
  body?: unknown;
  idempotencyKey?: string;
  /** Enrollment uses the portal token; everything else the desk token. */
  as: 'portal' | 'desk';
  /** A longer deadline than the client's (a long-poll), and a way to give up sooner. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface PortalClient {
  fetchApplications(
    cursor: string | null,
    limit: number,
    /** `v2`: the same feed with each record's `work` block, with the desk token. */
    route?: 'v1' | 'v2',
  ): Promise<PortalApplicationsPage>;
  /** Delivers one local action; the idempotency key makes a retry of a lost answer harmless. */
  postEvent(
    applicationId: string,
    idempotencyKey: string,
    body: PortalEventBody,
    /** `v2`: `/api/v2/applications/:id/events` with the desk token (an enrolled desk). */
    route?: 'v1' | 'v2',
  ): Promise<unknown>;
  /** True when the portal answers its health check. Never throws. */
  isReachable(): Promise<boolean>;
  /**
   * Starts a document download from `offset` (Range); the caller consumes the body and bounds it
   * in time with `signal` (a large file on a slow link may rightly take long).
   */
  openDocument(documentId: string, offset: number, signal?: AbortSignal): Promise<Response>;
  /**
   * Which API the portal speaks. A v1 portal answers `/api/v2/capabilities` with 404 (or 405)
   * while its health check answers; anything else is an error (unreachable, refused, garbled).
   */
  detectApi(): Promise<PortalApi>;
  /** One API v2 call; errors as for v1, with `details`. */
  v2(request: PortalV2Request): Promise<unknown>;
}

export interface PortalClientOptions {
  /** The desk token from `desk/desk.json`, once the desk is enrolled. */
  deskToken?: () => string | null;
  /** The portal answered (its status line arrived), whatever the status: the link works. */
  onAnswer?: (status: number) => void;
  /** A request ran out of its deadline (before its error reaches the caller). */
  onTimeout?: (error: PortalTimeoutError) => void;
}

/**
 * One request's deadlines: `connectMs` until the answer begins (`answered()`), `wholeMs` (null:
 * the caller's signal bounds the body) until it is all in. A caller's own abort stays an
 * unreachable error, as before.
 */
function startDeadlines(
  timers: Scheduler,
  connectMs: number,
  wholeMs: number | null,
  outer?: AbortSignal,
) {
  const controller = new AbortController();
  let expired: PortalTimeoutError | null = null;
  const expire = (error: PortalTimeoutError) => () => {
    expired ??= error;
    controller.abort(error);
  };
  // unref: a deadline alone keeps no process alive (the request it guards does while it runs).
  let connect: ReturnType<typeof timers.setTimeout> | null = timers.setTimeout(
    expire(new PortalTimeoutError('connect', connectMs)),
    connectMs,
    { unref: true },
  );
  const whole =
    wholeMs === null
      ? null
      : timers.setTimeout(expire(new PortalTimeoutError('response', wholeMs)), wholeMs, {
          unref: true,
        });
  return {
    signal: outer ? AbortSignal.any([controller.signal, outer]) : controller.signal,
    answered(): void {
      timers.clearTimeout(connect);
      connect = null;
    },
    done(): void {
      timers.clearTimeout(connect);
      timers.clearTimeout(whole);
    },
    failure(cause: unknown): PortalUnreachableError {
      return expired ?? new PortalUnreachableError(cause);
    },
  };
}

function errorFromBody(text: string): {
  code: string | null;
  message: string | null;
  details: Record<string, unknown> | null;
} {
  try {
    const parsed = JSON.parse(text) as {
      error?: { code?: unknown; message?: unknown; details?: unknown };
    };
    const details = parsed.error?.details;
    return {
      code: typeof parsed.error?.code === 'string' ? parsed.error.code.slice(0, 64) : null,
      message:
        typeof parsed.error?.message === 'string' ? parsed.error.message.slice(0, 500) : null,
      details:
        details !== null && typeof details === 'object' && !Array.isArray(details)
          ? (details as Record<string, unknown>)
          : null,
    };
  } catch {
    return { code: null, message: null, details: null };
  }
}

export function createPortalClient(
  config: PortalConfig,
  clientOptions: PortalClientOptions = {},
): PortalClient {
  const base = config.url.replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? PORTAL_DEADLINES.responseMs;
  const connectMs = Math.min(config.connectTimeoutMs ?? PORTAL_DEADLINES.connectMs, timeoutMs);
  const timers = config.timers ?? systemClock;
  const auth = config.token ? { authorization: `Bearer ${config.token}` } : {};
  // A listener's failure says nothing about the portal: it never turns into a portal error.
  const answered = (status: number) => {
    try {
      clientOptions.onAnswer?.(status);
    } catch {
      /* ignored */
    }
  };
  function failure(deadlines: ReturnType<typeof startDeadlines>, cause: unknown) {
    const error = deadlines.failure(cause);
    if (error instanceof PortalTimeoutError) {
      try {
        clientOptions.onTimeout?.(error);
      } catch {
        /* ignored */
      }
    }
    return error;
  }

  async function request(
    path: string,
    init: RequestInit = {},
    limits: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<unknown> {
    let response: Response;
    let text: string;
    // A long-poll's answer begins late by design: its own deadline bounds the wait for it too.
    const deadlines =
      limits.timeoutMs !== undefined
        ? startDeadlines(timers, limits.timeoutMs, limits.timeoutMs, limits.signal)
        : startDeadlines(timers, connectMs, timeoutMs, limits.signal);
    try {
      response = await fetch(`${base}${path}`, {
        ...init,
        headers: { accept: 'application/json', ...auth, ...init.headers },
        signal: deadlines.signal,
      });
      deadlines.answered();
      answered(response.status);
      text = await response.text();
    } catch (error) {
      throw failure(deadlines, error);
    } finally {
      deadlines.done();
    }
    if (!response.ok) {
      const { code, message, details } = errorFromBody(text);
      throw new PortalResponseError(
        response.status,
        message ?? `Le portail a répondu ${response.status} : ${text.slice(0, 200)}`,
        code,
        parseRetryAfter(response.headers.get('retry-after'), new Date()),
        false,
        details,
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new PortalResponseError(
        response.status,
        'Réponse du portail illisible (JSON invalide ou tronqué).',
        null,
        null,
        true,
      );
    }
  }

  return {
    async fetchApplications(cursor, limit, route = 'v1') {
      const params = new URLSearchParams({ limit: String(limit) });
      if (cursor) params.set('cursor', cursor);
      const body =
        route === 'v2'
          ? await this.v2({ method: 'GET', path: `applications?${params}`, as: 'desk' })
          : await request(`/api/v1/applications?${params}`);
      const page = portalApplicationsPage.safeParse(body);
      if (!page.success) {
        // Retried like a garbled answer: a proxy's error page or a half-deployed portal passes.
        throw new PortalResponseError(
          200,
          'Page du portail au format inattendu (ni liste « items » ni « nextCursor ») ; nouvel essai plus tard.',
          null,
          null,
          true,
        );
      }
      return page.data;
    },
    postEvent(applicationId, idempotencyKey, body, route = 'v1') {
      if (route === 'v2') {
        return this.v2({
          method: 'POST',
          path: `applications/${encodeURIComponent(applicationId)}/events`,
          body,
          idempotencyKey,
          as: 'desk',
        });
      }
      return request(`/api/v1/applications/${encodeURIComponent(applicationId)}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
      });
    },
    async detectApi() {
      try {
        const body = await request('/api/v2/capabilities');
        const parsed = capabilitiesAnswer.safeParse(body);
        // Anything but the v2 shape is not API v2 (a proxy or a v1 portal answering every path
        // alike): a desk alone goes on as before; an enrolled one pauses and asks again.
        return parsed.success ? { version: 2, capabilities: parsed.data } : { version: 1 };
      } catch (error) {
        const v1Answer =
          error instanceof PortalResponseError &&
          (error.status === 404 || error.status === 405 || error.garbled);
        if (v1Answer && (await this.isReachable())) return { version: 1 };
        throw error;
      }
    },
    v2({ method, path, body, idempotencyKey, as, timeoutMs: longer, signal }) {
      const token = as === 'desk' ? (clientOptions.deskToken?.() ?? null) : null;
      if (as === 'desk' && token === null) {
        return Promise.reject(
          new PortalResponseError(401, "Ce poste n'est inscrit dans aucun bureau.", 'desk_unknown'),
        );
      }
      return request(
        `/api/v2/${path}`,
        {
          method,
          headers: {
            ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        },
        {
          ...(longer !== undefined ? { timeoutMs: longer } : {}),
          ...(signal ? { signal } : {}),
        },
      );
    },
    async isReachable() {
      const limit = Math.min(timeoutMs, PORTAL_DEADLINES.healthMs);
      const deadlines = startDeadlines(timers, limit, limit);
      try {
        const response = await fetch(`${base}/api/v1/health`, { signal: deadlines.signal });
        deadlines.answered();
        await response.arrayBuffer();
        if (response.ok) answered(response.status);
        return response.ok;
      } catch {
        return false;
      } finally {
        deadlines.done();
      }
    },
    async openDocument(documentId, offset, signal) {
      // Only the start of the answer has our deadline: the body is the caller's to bound (a
      // large file on a slow link may rightly take long), or four response deadlines without one.
      const deadlines = startDeadlines(timers, connectMs, signal ? null : timeoutMs * 4, signal);
      try {
        const response = await fetch(
          `${base}/api/v1/documents/${encodeURIComponent(documentId)}/content`,
          {
            headers: { ...auth, ...(offset > 0 ? { range: `bytes=${offset}-` } : {}) },
            signal: deadlines.signal,
          },
        );
        deadlines.answered();
        answered(response.status);
        return response;
      } catch (error) {
        deadlines.done();
        throw failure(deadlines, error);
      }
    },
  };
}
