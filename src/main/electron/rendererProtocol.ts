import { protocol } from 'electron';
import { readStaticFile } from '../web/staticFiles';
import { SECURITY_HEADERS } from '../web/securityHeaders';
import { RENDERER_HOST, RENDERER_SCHEME } from './appUrl';

/**
 * The renderer is served from `bureau://app/…`, not `file://`. A standard, secure scheme gives the
 * page a real origin of its own (so `'self'` in the CSP means exactly our files, and module
 * scripts and the pdf.js worker load without `file://`'s extra privileges, which the
 * GrantFileProtocolExtraPrivileges fuse turns off). Must run before `app` is ready.
 */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: RENDERER_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/** Answers `bureau://app/<path>` from the renderer build, with the web host's security headers. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== RENDERER_HOST || request.method !== 'GET') {
      return new Response(null, { status: 404 });
    }
    // The same reader as the web host: anything outside the renderer build is refused.
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) return new Response(null, { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'content-type': file.contentType, ...SECURITY_HEADERS },
    });
  });
}
