import {
  portalApplicationsPage,
  type PortalApplicationsPage,
} from '../../../shared/portal/portalApplication';
import { parseRetryAfter } from './backoff';

export interface PortalConfig {
  url: string;
  token?: string | undefined;
  timeoutMs?: number;
}

/** The portal could not be reached at all (network down, DNS, refused, timed out, reset). */
export class PortalUnreachableError extends Error {
  constructor(cause: unknown) {
    super(`Portail injoignable (${(cause as Error)?.message ?? String(cause)})`);
    this.name = 'PortalUnreachableError';
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
}

export interface PortalClient {
  fetchApplications(cursor: string | null, limit: number): Promise<PortalApplicationsPage>;
  /** Delivers one local action; the idempotency key makes a retry of a lost answer harmless. */
  postEvent(applicationId: string, idempotencyKey: string, body: PortalEventBody): Promise<unknown>;
  /** True when the portal answers its health check. Never throws. */
  isReachable(): Promise<boolean>;
  /**
   * Starts a document download from `offset` (Range); the caller consumes the body and bounds it
   * in time with `signal` (a large file on a slow link may rightly take long).
   */
  openDocument(documentId: string, offset: number, signal?: AbortSignal): Promise<Response>;
}

function errorFromBody(text: string): { code: string | null; message: string | null } {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return {
      code: typeof parsed.error?.code === 'string' ? parsed.error.code : null,
      message: typeof parsed.error?.message === 'string' ? parsed.error.message : null,
    };
  } catch {
    return { code: null, message: null };
  }
}

export function createPortalClient(config: PortalConfig): PortalClient {
  const base = config.url.replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? 30_000;
  const auth = config.token ? { authorization: `Bearer ${config.token}` } : {};

  async function request(path: string, init: RequestInit = {}): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${base}${path}`, {
        ...init,
        headers: { accept: 'application/json', ...auth, ...init.headers },
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new PortalUnreachableError(error);
    }
    if (!response.ok) {
      const { code, message } = errorFromBody(text);
      throw new PortalResponseError(
        response.status,
        message ?? `Le portail a répondu ${response.status} : ${text.slice(0, 200)}`,
        code,
        parseRetryAfter(response.headers.get('retry-after'), new Date()),
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
    async fetchApplications(cursor, limit) {
      const params = new URLSearchParams({ limit: String(limit) });
      if (cursor) params.set('cursor', cursor);
      const body = await request(`/api/v1/applications?${params}`);
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
    postEvent(applicationId, idempotencyKey, body) {
      return request(`/api/v1/applications/${encodeURIComponent(applicationId)}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
      });
    },
    async isReachable() {
      try {
        const response = await fetch(`${base}/api/v1/health`, {
          signal: AbortSignal.timeout(Math.min(timeoutMs, 5_000)),
        });
        await response.arrayBuffer();
        return response.ok;
      } catch {
        return false;
      }
    },
    async openDocument(documentId, offset, signal) {
      try {
        return await fetch(`${base}/api/v1/documents/${encodeURIComponent(documentId)}/content`, {
          headers: { ...auth, ...(offset > 0 ? { range: `bytes=${offset}-` } : {}) },
          signal: signal ?? AbortSignal.timeout(timeoutMs * 4),
        });
      } catch (error) {
        throw new PortalUnreachableError(error);
      }
    },
  };
}
