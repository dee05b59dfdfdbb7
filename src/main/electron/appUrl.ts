/** The scheme our renderer is served from in the app (never `file://`: see rendererProtocol.ts). */
export const RENDERER_SCHEME = 'bureau';
export const RENDERER_HOST = 'app';
export const PACKAGED_RENDERER_INDEX_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

/** A URL without its fragment, normalised (`http://localhost:5173` and `…5173/` are one page). */
function pageOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search}`;
  } catch {
    return null;
  }
}

/** True for the app's own renderer page and nothing else. */
export function isAppUrl(url: string, rendererIndexUrl: string): boolean {
  const page = pageOf(url);
  return page !== null && page === pageOf(rendererIndexUrl);
}
