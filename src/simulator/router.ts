import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A deliberately small router. Handlers return a `SimReply` instead of writing to the response,
 * and every request passes through a middleware chain before reaching its route, so behaviour
 * around the routes (authentication today; latency, 5xx, 429, resets and truncated bodies later)
 * is added as middleware without touching the handlers.
 */

export interface SimRequest {
  readonly method: string;
  readonly url: URL;
  /** Path segments after the route pattern matched, e.g. `{ id: 'app-000001-abc123' }`. */
  params: Record<string, string>;
  readonly headers: IncomingMessage['headers'];
  readonly raw: IncomingMessage;
  readonly response: ServerResponse;
  /** Reads the JSON body (≤ 1 MiB); undefined when the body is empty. */
  json(): Promise<unknown>;
}

export interface SimReply {
  status: number;
  headers?: Record<string, string | number>;
  body?: Buffer | string;
}

export type Handler = (request: SimRequest) => SimReply | Promise<SimReply>;
export type Middleware = (request: SimRequest, next: () => Promise<SimReply>) => Promise<SimReply>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function jsonReply(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): SimReply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function errorReply(status: number, code: string, message: string): SimReply {
  return jsonReply(status, { error: { code, message } });
}

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

const MAX_BODY_BYTES = 1024 * 1024;

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new HttpError(413, 'payload_too_large', 'Corps de requête trop volumineux.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', "Le corps de la requête n'est pas du JSON valide.");
  }
}

export function createRouter() {
  const routes: Route[] = [];
  const middlewares: Middleware[] = [];

  function match(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | 'method' | null {
    const parts = path.split('/').filter((part) => part !== '');
    let methodMismatch = false;
    for (const route of routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const matches = route.segments.every((segment, i) => {
        const part = parts[i] as string;
        if (segment.startsWith(':')) {
          try {
            params[segment.slice(1)] = decodeURIComponent(part);
          } catch {
            return false;
          }
          return true;
        }
        return segment === part;
      });
      if (!matches) continue;
      const effective = method === 'HEAD' ? 'GET' : method;
      if (route.method === effective) return { route, params };
      methodMismatch = true;
    }
    return methodMismatch ? 'method' : null;
  }

  async function dispatch(request: SimRequest): Promise<SimReply> {
    const found = match(request.method, request.url.pathname);
    if (found === 'method')
      return errorReply(405, 'method_not_allowed', 'Méthode non autorisée pour cette adresse.');
    if (!found) return errorReply(404, 'not_found', `Adresse inconnue : ${request.url.pathname}`);
    request.params = found.params;
    return found.route.handler(request);
  }

  async function run(request: SimRequest): Promise<SimReply> {
    const chain = (index: number): Promise<SimReply> => {
      const middleware = middlewares[index];
      return middleware ? middleware(request, () => chain(index + 1)) : dispatch(request);
    };
    try {
      return await chain(0);
    } catch (error) {
      if (error instanceof HttpError) return errorReply(error.status, error.code, error.message);
      return errorReply(
        500,
        'internal_error',
        `Erreur interne du simulateur : ${(error as Error).message}`,
      );
    }
  }

  function send(request: SimRequest, reply: SimReply): void {
    const { response } = request;
    if (response.headersSent || response.destroyed) return;
    const body =
      reply.body === undefined
        ? undefined
        : typeof reply.body === 'string'
          ? Buffer.from(reply.body, 'utf8')
          : reply.body;
    const headers: Record<string, string | number> = { ...reply.headers };
    if (body && headers['content-length'] === undefined) headers['content-length'] = body.length;
    response.writeHead(reply.status, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  return {
    /** Route patterns are paths with `:name` segments, e.g. `/api/v1/applications/:id`. */
    on(method: 'GET' | 'POST', pattern: string, handler: Handler) {
      routes.push({ method, segments: pattern.split('/').filter((part) => part !== ''), handler });
    },
    use(middleware: Middleware) {
      middlewares.push(middleware);
    },
    /** The `node:http` request listener. */
    listener(raw: IncomingMessage, response: ServerResponse): void {
      let url: URL;
      try {
        url = new URL(raw.url ?? '/', 'http://simulator.local');
      } catch {
        response.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
        response.end(
          JSON.stringify({ error: { code: 'bad_request', message: 'Adresse illisible.' } }),
        );
        return;
      }
      const request: SimRequest = {
        method: raw.method ?? 'GET',
        url,
        params: {},
        headers: raw.headers,
        raw,
        response,
        json: () => readJson(raw),
      };
      void run(request).then((reply) => send(request, reply));
    },
  };
}
export type Router = ReturnType<typeof createRouter>;
