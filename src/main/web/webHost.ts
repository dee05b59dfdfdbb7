import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiContract, isMethodName } from '../../shared/api/contract';
import { DEFAULT_MAX_REQUEST_BYTES } from '../../shared/api/method';
import { fail, type ApiErrorCode, type Result } from '../../shared/api/result';
import type { ApiEventMessage } from '../../shared/api/events';
import type { CallContext, ContextOptions, Dispatch } from '../core/api/dispatcher';
import { mayReceiveEvents } from '../core/api/eventAudience';
import type { EventBus } from '../core/eventBus';
import { randomBytes } from 'node:crypto';
import {
  sessionKeyOf,
  isAllowedHost,
  isAllowedOrigin,
  sameSecret,
  SESSION_COOKIE,
} from './requestGuards';
import { SECURITY_HEADERS } from './securityHeaders';
import { readStaticFile } from './staticFiles';

export interface WebHostOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** The caller of a session: each browser that traded the launch token has its own. */
  context: (sessionKey: string, options?: ContextOptions) => CallContext;
  rendererDir: string;
  token: string;
  port?: number;
}

export interface WebHost {
  url: string;
  /** The URL to open: it hands the launch token to the browser, which keeps it as a cookie. */
  launchUrl: string;
  port: number;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 20_000;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(text);
}

const sendFailure = (response: ServerResponse, status: number, result: Result<never>) =>
  sendJson(response, status, result);

/**
 * The body as text, or null past `maxBytes`. An oversized body is still read to its end (and
 * dropped), so the client gets its 413 instead of a connection reset.
 */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const declared = Number(request.headers['content-length']);
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > maxBytes;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** A method's own request limit (the contract's); unknown names get the default, then a 404. */
export const maxRequestBytesOf = (method: string): number =>
  isMethodName(method) ? apiContract[method].maxRequestBytes : DEFAULT_MAX_REQUEST_BYTES;

/**
 * Every error code's HTTP status, one place: a new code in `API_ERROR_CODES` fails to compile
 * until it has one. The body is the same `Result` on both transports; the status is for what
 * reads HTTP without reading the body (logs, proxies, tools). Only `internal` is a 500: a
 * refusal the user can act on is never the server failing.
 */
export const HTTP_STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  unknown_method: 404,
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  locked: 423,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  /** The case's state forbids the action now (held by someone else, four-eyes): a state conflict. */
  workflow_refused: 409,
  /** There, but not yet (an attachment still downloading): ask again later. */
  not_ready: 409,
  /** The stored file no longer matches its SHA-256: the request was fine, the content is not. */
  integrity_failed: 422,
  internal: 500,
};

/**
 * Serves the renderer and the same API as the Electron shell over loopback HTTP + Server-Sent
 * Events, for the browser host and end-to-end tests. Binds 127.0.0.1 only and requires the
 * per-launch token on every API call.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  let port = 0;
  const streams = new Set<ServerResponse>();
  const browserSessions = new Set<string>();

  async function handleRpc(
    request: IncomingMessage,
    response: ServerResponse,
    method: string,
    sessionKey: string,
  ) {
    if (request.method !== 'POST') {
      return sendFailure(
        response,
        405,
        fail('invalid_input', 'Méthode HTTP non admise : utilisez POST.'),
      );
    }
    const limit = maxRequestBytesOf(method);
    const text = await readBody(request, limit);
    if (text === null) {
      return sendFailure(
        response,
        413,
        fail(
          'invalid_input',
          `Envoi trop volumineux : ${Math.floor(limit / (1024 * 1024))} Mo au plus pour cette opération.`,
        ),
      );
    }
    let input: unknown;
    try {
      input = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      return sendFailure(
        response,
        400,
        fail('invalid_input', 'Requête illisible (JSON invalide).'),
      );
    }
    const result = await options.dispatch(method, input, options.context(sessionKey));
    sendJson(response, result.ok ? 200 : HTTP_STATUS_BY_CODE[result.error.code], result);
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse, sessionKey: string) {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const send = (message: ApiEventMessage) => {
      if (mayReceiveEvents(options.context(sessionKey, { touch: false }))) {
        response.write(`data: ${JSON.stringify(message)}\n\n`);
      }
    };
    const unsubscribe = options.events.subscribe(send);
    // A real timer, on purpose: this is the host shell, not the core, and the idle limits the
    // heartbeat beats (the browser's, a proxy's) count wall time.
    const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS);
    streams.add(response);
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(response);
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    if (!isAllowedHost(request, port) || !isAllowedOrigin(request, port)) {
      return sendFailure(response, 403, fail('forbidden', 'Origine refusée.'));
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      const sessionKey = sessionKeyOf(request, options.token, browserSessions);
      if (sessionKey === null) {
        return sendFailure(
          response,
          401,
          fail(
            'unauthenticated',
            "Jeton de lancement manquant : ouvrez l'adresse affichée au démarrage de Bureau.",
          ),
        );
      }
      if (url.pathname === '/api/events' && request.method === 'GET') {
        return handleEvents(request, response, sessionKey);
      }
      const rpc = /^\/api\/rpc\/([A-Za-z0-9_.-]{1,80})$/.exec(url.pathname);
      if (rpc?.[1]) return handleRpc(request, response, rpc[1], sessionKey);
      return sendFailure(response, 404, fail('unknown_method', 'Adresse inconnue.'));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendFailure(response, 405, fail('invalid_input', 'Méthode HTTP non admise.'));
    }
    const launchToken = url.searchParams.get('token');
    if (url.pathname === '/' && launchToken !== null) {
      // Trade the token in the address bar for a fresh session cookie, then drop it from the URL.
      // Each trade is its own session: two browsers (or two test contexts) sign in separately.
      const valid = sameSecret(launchToken, options.token);
      const session = randomBytes(32).toString('base64url');
      if (valid) browserSessions.add(session);
      response.writeHead(valid ? 303 : 401, {
        ...SECURITY_HEADERS,
        ...(valid
          ? {
              'set-cookie': `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`,
              location: '/',
            }
          : { 'content-type': 'text/plain; charset=utf-8' }),
      });
      return response.end(valid ? '' : 'Jeton de lancement invalide.');
    }
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      response.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      return response.end('Introuvable.');
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.contentType,
      'cache-control': url.pathname.startsWith('/assets/')
        ? 'max-age=31536000, immutable'
        : 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('web host request failed', error);
      if (!response.headersSent) {
        sendFailure(response, 500, fail('internal', 'Erreur interne du serveur local. Réessayez.'));
      } else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    launchUrl: `${url}/?token=${options.token}`,
    port,
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
