import { describe, expect, it } from 'vitest';
import { isExpired, todayIso } from '../../src/renderer/src/certificates/expiry';
import { pdfFileName } from '../../src/renderer/src/certificates/pdfFileName';
import { hrefOf, parseRoute, type Route } from '../../src/renderer/src/routing/route';

describe('certificate routes', () => {
  it('round-trips the certificates list and the verification screen', () => {
    const routes: Route[] = [
      { view: 'certificates' },
      { view: 'verify' },
      { view: 'case', id: 'app-000123' },
      { view: 'inbox', queue: 'done' },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
    expect(hrefOf({ view: 'certificates' })).toBe('#/certificates');
    expect(hrefOf({ view: 'verify' })).toBe('#/verify');
  });
});

describe('certificate files', () => {
  it('names the saved PDF after the certificate number only', () => {
    expect(pdfFileName('CO-2026-LOM-000001', false)).toBe('CO-2026-LOM-000001.pdf');
    expect(pdfFileName('CO-2026-LOM-000001', true)).toBe('CO-2026-LOM-000001-DUPLICATA.pdf');
    expect(pdfFileName('../x/ y', false)).toBe('-x-y.pdf');
  });

  it('tells an expired certificate by the calendar day on this PC', () => {
    const now = new Date(2026, 10, 23, 23, 30);
    expect(todayIso(now)).toBe('2026-11-23');
    expect(isExpired('2026-11-22', now)).toBe(true);
    expect(isExpired('2026-11-23', now)).toBe(false);
    expect(isExpired(null, now)).toBe(false);
  });
});
