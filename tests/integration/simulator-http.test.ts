import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import {
  portalApplication,
  portalApplicationsPage,
  type PortalApplication,
} from '../../src/shared/portal/portalApplication';
import { startPortalSimulator, type PortalSimulator } from '../../src/simulator/server';
import { eventually } from '../support/syncBureau';

const TOKEN = 'jeton-de-test';
const COUNT = 237;
const procedures = [
  ...loadCatalog(join(import.meta.dirname, '..', '..', 'resources', 'procedures')).procedures,
];

let simulator: PortalSimulator;
const auth = { authorization: `Bearer ${TOKEN}` };

/** Loosely typed JSON answers: the assertions check their shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ApiBody = Record<string, any>;

async function getJson(path: string, headers: Record<string, string> = auth) {
  const response = await fetch(`${simulator.url}${path}`, { headers });
  return { response, body: (await response.json()) as ApiBody };
}

async function post(path: string, body: unknown = {}) {
  const response = await fetch(`${simulator.url}${path}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { response, body: (await response.json()) as ApiBody };
}

/** Follows the change feed from `cursor` to its end. */
async function drain(cursor: string | null, limit: number) {
  const items: PortalApplication[] = [];
  let pages = 0;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    const { response, body } = await getJson(`/api/v1/applications?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const page = portalApplicationsPage.parse(body);
    for (const item of page.items) items.push(portalApplication.parse(item));
    cursor = page.nextCursor;
    pages++;
    if (!page.hasMore) break;
  }
  return { items, cursor: cursor!, pages };
}

beforeAll(async () => {
  simulator = await startPortalSimulator({
    seed: 11,
    count: COUNT,
    port: 0,
    token: TOKEN,
    procedures,
  });
});
afterAll(() => simulator.close());

describe('portal simulator over HTTP', () => {
  it('answers health without a token', async () => {
    const { response, body } = await getJson('/api/v1/health', {});
    expect(response.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(Number.isNaN(Date.parse(body.serverTime))).toBe(false);
  });

  it('refuses the API without the bearer token', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer faux' },
      { authorization: TOKEN },
    ] as Record<string, string>[]) {
      const { response, body } = await getJson('/api/v1/applications', headers);
      expect(response.status).toBe(401);
      expect(body.error.code).toBe('unauthorized');
    }
    const admin = await fetch(`${simulator.url}/__sim/applications`, { method: 'POST' });
    expect(admin.status).toBe(401);
  });

  it('pages through every application exactly once, then resumes from the cursor', async () => {
    const { items, cursor, pages } = await drain(null, 50);
    expect(items).toHaveLength(COUNT);
    expect(pages).toBe(Math.ceil(COUNT / 50));
    expect(new Set(items.map((item) => item.id)).size).toBe(COUNT);

    const empty = await getJson(`/api/v1/applications?cursor=${encodeURIComponent(cursor)}`);
    expect(empty.body).toEqual({
      items: [],
      nextCursor: cursor,
      hasMore: false,
      cursorSequence: Number(cursor?.slice(2)),
      remaining: 0,
    });

    // New applications and a withdrawal show up after the stored cursor.
    const added = await post('/__sim/applications', { count: 3 });
    expect(added.response.status).toBe(201);
    expect(added.body.added).toBe(3);
    const target = items[17]!;
    const withdrawn = await post(`/__sim/applications/${target.id}/withdraw`);
    expect(withdrawn.response.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ id: target.id, status: 'withdrawn', version: 2 });

    const next = await drain(cursor, 100);
    expect(next.items.map((item) => item.id)).toEqual([...added.body.ids, target.id]);
    expect(next.items[3]).toMatchObject({ status: 'withdrawn', version: 2 });

    const again = await post(`/__sim/applications/${target.id}/withdraw`);
    expect(again.response.status).toBe(409);
    expect(again.body.error.code).toBe('already_withdrawn');
  });

  it('serves one application by id, or 404', async () => {
    const { body: page } = await getJson('/api/v1/applications?limit=1');
    const id = page.items[0].id as string;
    const { response, body } = await getJson(`/api/v1/applications/${id}`);
    expect(response.status).toBe(200);
    expect(body.id).toBe(id);
    const missing = await getJson('/api/v1/applications/app-999999-zzzzzz');
    expect(missing.response.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('downloads documents with their SHA-256 and supports resuming with Range', async () => {
    const { body: page } = await getJson('/api/v1/applications?limit=20');
    const documents = (page.items as PortalApplication[]).flatMap((item) => item.documents);
    const kinds = new Set<string>();
    for (const document of documents) {
      const response = await fetch(`${simulator.url}/api/v1/documents/${document.id}/content`, {
        headers: auth,
      });
      expect(response.status).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.length).toBe(document.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(document.sha256);
      expect(response.headers.get('content-type')).toBe(document.mimeType);
      expect(response.headers.get('content-length')).toBe(String(document.size));
      expect(response.headers.get('etag')).toBe(`"${document.sha256}"`);
      expect(response.headers.get('x-content-sha256')).toBe(document.sha256);
      kinds.add(document.mimeType);
    }
    expect(kinds.has('application/pdf')).toBe(true);

    const document = documents[0]!;
    const url = `${simulator.url}/api/v1/documents/${document.id}/content`;
    const full = Buffer.from(await (await fetch(url, { headers: auth })).arrayBuffer());
    const offset = Math.floor(document.size / 3);
    const partial = await fetch(url, { headers: { ...auth, range: `bytes=${offset}-` } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe(
      `bytes ${offset}-${document.size - 1}/${document.size}`,
    );
    const tail = Buffer.from(await partial.arrayBuffer());
    expect(Buffer.concat([full.subarray(0, offset), tail]).equals(full)).toBe(true);

    const beyond = await fetch(url, { headers: { ...auth, range: `bytes=${document.size}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${document.size}`);
    await beyond.arrayBuffer();

    const missing = await getJson('/api/v1/documents/doc-000001-zzzzzz-9/content');
    expect(missing.response.status).toBe(404);
  });

  it('answers bad requests with JSON errors', async () => {
    for (const cursor of ['abc', 'c:-1', 'c:1x', '']) {
      const { response, body } = await getJson(`/api/v1/applications?cursor=${cursor}`);
      expect(response.status).toBe(400);
      expect(body.error.code).toBe('invalid_cursor');
      expect(body.error.message).toMatch(/Curseur invalide/);
    }
    for (const limit of ['0', '501', 'dix']) {
      const { response, body } = await getJson(`/api/v1/applications?limit=${limit}`);
      expect(response.status).toBe(400);
      expect(body.error.code).toBe('invalid_limit');
    }
    const unknown = await getJson('/api/v1/nulle-part');
    expect(unknown.response.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const count = await post('/__sim/applications', { count: 'beaucoup' });
    expect(count.response.status).toBe(400);
    const json = await fetch(`${simulator.url}/__sim/applications`, {
      method: 'POST',
      headers: auth,
      body: '{ pas du json',
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as ApiBody).error.code).toBe('invalid_json');
    const wrongMethod = await fetch(`${simulator.url}/api/v1/applications`, {
      method: 'POST',
      headers: auth,
    });
    expect(wrongMethod.status).toBe(405);
    await wrongMethod.arrayBuffer();
  });

  it('keeps producing applications when arrivals are on', async () => {
    const live = await startPortalSimulator({
      seed: 3,
      count: 2,
      procedures,
      arrivalsPerMinute: 1200,
    });
    try {
      // Arrivals come on the simulator's own timer (one per 50 ms here): wait for two of them,
      // however long a loaded machine takes.
      await eventually(() => live.store.size >= 4, 15_000, 'two arrivals');
      const response = await fetch(`${live.url}/api/v1/applications?limit=500`);
      expect(response.status).toBe(200);
      const page = portalApplicationsPage.parse(await response.json());
      expect(page.items.length).toBeGreaterThanOrEqual(4);
    } finally {
      await live.close();
    }
  });
});
