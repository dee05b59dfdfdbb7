import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { portalApplicationsPage } from '../../src/shared/portal/portalApplication';
import { startPortalSimulator, type PortalSimulator } from '../../src/simulator/server';

/**
 * Portal API v2 skeleton (design multi-desk §3.1–3.2, step 2a): capabilities, the v2 error
 * envelope, and a simulator started with `api: 1` answering as a v1 portal so desks can detect it.
 */

const TOKEN = 'jeton-de-test-v2';
const NOW = new Date('2026-03-12T09:30:00.000Z');
const procedures = [
  ...loadCatalog(join(import.meta.dirname, '..', '..', 'resources', 'procedures')).procedures,
];
const auth = { authorization: `Bearer ${TOKEN}` };

let v2: PortalSimulator;
let v1: PortalSimulator;

/** Loosely typed JSON answers: the assertions check their shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ApiBody = Record<string, any>;

async function request(
  simulator: PortalSimulator,
  path: string,
  init: { method?: string; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${simulator.url}${path}`, {
    method: init.method ?? 'GET',
    headers: init.headers ?? auth,
  });
  const text = await response.text();
  return { response, text, body: (text === '' ? {} : JSON.parse(text)) as ApiBody };
}

beforeAll(async () => {
  const common = { seed: 23, count: 40, port: 0, token: TOKEN, procedures, now: () => NOW };
  v2 = await startPortalSimulator(common);
  v1 = await startPortalSimulator({ ...common, api: 1 });
});
afterAll(async () => {
  await v2?.close();
  await v1?.close();
});

describe('portal simulator, API v2 (default)', () => {
  it('answers GET /api/v2/capabilities with the shape of the design', async () => {
    const { response, body } = await request(v2, '/api/v2/capabilities');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(body).toEqual({
      api: { version: 2, revision: '2026-04' },
      serverTime: NOW.toISOString(),
      features: [
        'desks',
        'directory',
        'registry',
        'numbering',
        'leases',
        'checkout',
        'expectedVersion',
        'activity',
        'wait',
        'textModules',
      ],
      limits: {
        blockSize: 500,
        maxOpenBlocks: 4,
        claimLeaseMinutes: 240,
        maxCheckoutDays: 14,
        maxWaitSeconds: 25,
        enrollmentCodeMinutes: 30,
      },
    });
  });

  it('asks v2 callers for the portal token or a known desk token', async () => {
    for (const headers of [{}, { authorization: 'Bearer faux' }] as Record<string, string>[]) {
      const { response, body } = await request(v2, '/api/v2/capabilities', { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="portail"');
      expect(body.error.code).toBe('unauthorized');
      expect(typeof body.error.message).toBe('string');
    }
    const desk = await request(v2, '/api/v2/capabilities', {
      headers: { authorization: `Bearer dt_${'A'.repeat(43)}` },
    });
    expect(desk.response.status).toBe(401);
    expect(desk.body.error.code).toBe('desk_unknown');
  });

  it('answers an unknown v2 route with the v2 error envelope', async () => {
    const { response, body } = await request(v2, '/api/v2/no-such-route/42');
    expect(response.status).toBe(404);
    expect(body).toEqual({
      error: {
        code: 'not_found',
        message: 'Adresse inconnue : /api/v2/no-such-route/42',
        details: { path: '/api/v2/no-such-route/42', method: 'GET' },
      },
    });
  });

  it('answers a known v2 path with the wrong method 405, naming the allowed ones', async () => {
    const { response, body } = await request(v2, '/api/v2/capabilities', {
      method: 'POST',
      headers: auth,
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(body.error).toMatchObject({
      code: 'method_not_allowed',
      details: { method: 'POST', allowed: ['GET'] },
    });
  });

  it('keeps v1 errors in the v1 shape', async () => {
    const unknown = await request(v2, '/api/v1/no-such-route');
    expect(unknown.response.status).toBe(404);
    expect(Object.keys(unknown.body.error).sort()).toEqual(['code', 'message']);
    const noToken = await request(v2, '/api/v1/applications', { headers: {} });
    expect(noToken.response.status).toBe(401);
    expect(noToken.body.error.code).toBe('unauthorized');
  });
});

describe('portal simulator started with api: 1', () => {
  it('answers 404 on /api/v2/capabilities while /api/v1/health answers', async () => {
    const capabilities = await request(v1, '/api/v2/capabilities');
    expect(capabilities.response.status).toBe(404);
    expect(capabilities.body.error.code).toBe('not_found');
    expect(capabilities.body.error.details).toBeUndefined();
    const health = await request(v1, '/api/v1/health', { headers: {} });
    expect(health.response.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', serverTime: NOW.toISOString() });
  });
});

describe('v1 routes in both modes', () => {
  it('serve the same feed page, byte for byte', async () => {
    const path = '/api/v1/applications?limit=25';
    const fromV2 = await request(v2, path);
    const fromV1 = await request(v1, path);
    expect(fromV2.response.status).toBe(200);
    expect(fromV1.response.status).toBe(200);
    const page = portalApplicationsPage.parse(fromV2.body);
    expect(page.items).toHaveLength(25);
    expect(page.hasMore).toBe(true);
    expect(fromV1.text).toBe(fromV2.text);
  });
});
