import type { Middleware, SimReply, SimRequest } from '../router';
import { capabilities, type PortalLimits } from './capabilities';
import { authenticateV2, NO_DESKS, type DeskTokenLookup, type V2Caller } from './deskAuth';
import { installDeskRoutes } from './deskRoutes';
import { installDirectoryRoutes } from './directoryRoutes';
import { createOfficeTextModules, type OfficeTextModules } from './officeTextModules';
import { installTextModuleRoutes } from './textModuleRoutes';
import { installRegistryRoutes } from './registryRoutes';
import type { OfficeStore } from './desks';
import { createIdempotency } from './idempotency';
import { v2ErrorReply } from './v2Errors';

/**
 * Everything under `/api/v2/` (design multi-desk §3). Installed as one router middleware by a v2
 * simulator only: a v1 simulator never installs it, so its `/api/v2/*` paths fall through to the
 * v1 router's `404 not_found`, exactly as a real v1 portal answers. v1 routes never reach here.
 */

export const V2_PREFIX = '/api/v2/';

export interface V2Options {
  now: () => Date;
  /** The portal token; undefined when the simulator runs open. */
  portalToken?: string;
  /** Who holds a desk token; defaults to `offices.lookup`, else no desk at all. */
  desks?: DeskTokenLookup;
  /** The offices (desks, directory, enrollment codes): serves `desks` and `directory` when given. */
  offices?: OfficeStore;
  /** Announced in `capabilities` (default: the design's). */
  limits?: PortalLimits;
  /** The offices' text modules (feature `textModules`); made here when not given. */
  textModules?: OfficeTextModules;
}

type V2Handler = (request: SimRequest, caller: V2Caller) => SimReply | Promise<SimReply>;

interface V2Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  segments: string[];
  handler: V2Handler;
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of pattern.entries()) {
    const part = parts[i] as string;
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
      } catch {
        return null;
      }
    } else if (segment !== part) return null;
  }
  return params;
}

export function createV2Routes(options: V2Options) {
  const desks = options.desks ?? options.offices?.lookup ?? NO_DESKS;
  const routes: V2Route[] = [];

  /** Patterns are relative to `/api/v2/`, e.g. `capabilities` or `desks/:id`. */
  function on(method: V2Route['method'], pattern: string, handler: V2Handler): void {
    routes.push({ method, segments: pattern.split('/').filter((part) => part !== ''), handler });
  }

  on('GET', 'capabilities', () => ({
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(capabilities(options.now(), undefined, options.limits)),
  }));

  if (options.offices) {
    const idempotency = createIdempotency(options.now);
    installDeskRoutes(on, options.offices, idempotency);
    installDirectoryRoutes(on, options.offices, idempotency);
    installTextModuleRoutes(
      on,
      options.offices,
      options.textModules ?? createOfficeTextModules(options.now),
      idempotency,
    );
    installRegistryRoutes(on, options.offices, idempotency, options.now);
  }

  const middleware: Middleware = async (request, next) => {
    const path = request.url.pathname;
    if (!path.startsWith(V2_PREFIX)) return next();
    const caller = authenticateV2(request, options.portalToken, desks);
    if ('status' in caller) return caller;
    const parts = path
      .slice(V2_PREFIX.length)
      .split('/')
      .filter((part) => part !== '');
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const allowed: string[] = [];
    for (const route of routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      request.params = params;
      return route.handler(request, caller);
    }
    if (allowed.length > 0) {
      return v2ErrorReply(
        405,
        'method_not_allowed',
        'Méthode non autorisée pour cette adresse.',
        { method: request.method, allowed },
        { allow: allowed.join(', ') },
      );
    }
    return v2ErrorReply(404, 'not_found', `Adresse inconnue : ${path}`, {
      path,
      method: request.method,
    });
  };

  return { middleware, on };
}
