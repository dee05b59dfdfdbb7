import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/main/web/securityHeaders';
import { repoRoot } from '../support/paths';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources.join(' ')]),
  );
}

// Directives a <meta> policy cannot carry (the browser ignores them there).
const HEADER_ONLY = new Set(['frame-ancestors', 'form-action', 'report-uri', 'sandbox']);

describe('the renderer content security policy', () => {
  const header = directives(CONTENT_SECURITY_POLICY);
  const html = readFileSync(join(repoRoot, 'src/renderer/index.html'), 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];

  it('is the same in the page (dev server, file://) as in the HTTP header and Electron', () => {
    expect(meta).toBeDefined();
    const expected = new Map([...header].filter(([name]) => !HEADER_ONLY.has(name)));
    expect(directives(meta!)).toEqual(expected);
  });

  it('allows no JavaScript eval, nothing remote and no inline script', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, meta!]) {
      expect(policy).not.toContain("'unsafe-eval'");
      expect(policy).not.toMatch(/https?:|\*/);
    }
    expect(header.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
    expect(header.get('object-src')).toBe("'none'");
  });
});
