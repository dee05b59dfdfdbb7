/**
 * The renderer's content policy: nothing remote, no eval, no inline script. The one allowance,
 * `'wasm-unsafe-eval'`, lets pdf.js compile its bundled WebAssembly decoders (CCITT, JBIG2 and
 * JPEG 2000 images of scanned attachments); it does not allow `eval` or `new Function`.
 * Keep `src/renderer/index.html`'s meta policy in step (a unit test compares them).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};
