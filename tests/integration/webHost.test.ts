import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import { API_ERROR_CODES, fail } from '../../src/shared/api/result';
import { apiContract } from '../../src/shared/api/contract';
import { startWebHost, type WebHost } from '../../src/main/web/webHost';
import { TRAINING_PASSWORD } from '../../src/main/core/auth/trainingUsers';
import { openCore, startSimulator, tempDir } from '../support/testBureau';

const token = 'launch-token-for-tests-0123456789abcdef';
let simulator: Awaited<ReturnType<typeof startSimulator>>;
let core: Core;
let host: WebHost;

beforeAll(async () => {
  simulator = await startSimulator(30);
  core = openCore({ dataDir: tempDir(), portalUrl: simulator.url, token: simulator.token });
  const rendererDir = tempDir('bureau-renderer-');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Bureau</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  host = await startWebHost({
    dispatch: core.dispatch,
    events: core.events,
    context: (sessionKey) => core.contextFor(sessionKey),
    rendererDir,
    token,
  });
  const signIn = await rpc('session.signIn', {
    username: 'kossi.agbodjan',
    password: TRAINING_PASSWORD,
  });
  expect(signIn.status).toBe(200);
});

afterAll(async () => {
  await host.close();
  await core.close();
  await simulator.close();
});

const rpc = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('web host (HTTP + SSE transport of the same contract)', () => {
  it('binds loopback only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves a method of the contract to a caller holding the launch token', async () => {
    const response = await rpc('app.info', {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ok: true,
      value: { host: 'web', trainingMode: true },
    });
  });

  it('refuses calls without the token, or with a wrong one', async () => {
    const missing = await fetch(`${host.url}/api/rpc/app.info`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const wrong = await rpc('app.info', {}, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
  });

  it('refuses other origins and foreign Host headers', async () => {
    const crossSite = await rpc('app.info', {}, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const sameOrigin = await rpc('app.info', {}, { origin: host.url });
    expect(sameOrigin.status).toBe(200);
  });

  it('answers unknown methods and invalid input with typed errors, never a crash', async () => {
    const unknown = await rpc('cases.dropAll', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const invalid = await rpc('inbox.list', { queue: 'everything', limit: -1 });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const garbage = await rpc('inbox.list', '{"queue": ');
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const afterwards = await rpc('app.info', {});
    expect(afterwards.status).toBe(200);
  });

  it('trades the launch token in the URL for an HttpOnly cookie', async () => {
    const launch = await fetch(host.launchUrl, { redirect: 'manual' });
    expect(launch.status).toBe(303);
    expect(launch.headers.get('location')).toBe('/');
    const cookie = launch.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const viaCookie = await fetch(`${host.url}/api/rpc/app.info`, {
      method: 'POST',
      headers: { cookie: cookie.split(';')[0]! },
      body: '{}',
    });
    expect(viaCookie.status).toBe(200);
    const badLaunch = await fetch(`${host.url}/?token=wrong`, { redirect: 'manual' });
    expect(badLaunch.status).toBe(401);
  });

  it('gives each browser that trades the token its own session', async () => {
    const cookieOf = async () => {
      const launch = await fetch(host.launchUrl, { redirect: 'manual' });
      return (launch.headers.get('set-cookie') ?? '').split(';')[0]!;
    };
    const [first, second] = [await cookieOf(), await cookieOf()];
    expect(first).not.toBe(second);
    // The cookie is a fresh random session id, never the launch token itself.
    expect(first).not.toContain(token);
    const call = (cookie: string, method: string, body: unknown = {}) =>
      fetch(`${host.url}/api/rpc/${method}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((response) => response.json() as Promise<{ ok: boolean; value?: unknown }>);
    const signedIn = await call(first, 'session.signIn', {
      username: 'ablavi.lawson',
      password: TRAINING_PASSWORD,
    });
    expect(signedIn).toMatchObject({ ok: true, value: { status: 'active' } });
    expect(await call(first, 'session.current')).toMatchObject({
      value: { status: 'active', user: { id: 'u-sup-ablavi' } },
    });
    expect(await call(second, 'session.current')).toMatchObject({
      value: { status: 'signed_out' },
    });
    expect(await call(second, 'inbox.counts')).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    const forged = await fetch(`${host.url}/api/rpc/app.info`, {
      method: 'POST',
      headers: { cookie: 'bureau_session=made-up' },
      body: '{}',
    });
    expect(forged.status).toBe(401);
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const index = await fetch(`${host.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    // WebAssembly for pdf.js's image decoders only: never JavaScript eval.
    expect(index.headers.get('content-security-policy')).not.toContain("'unsafe-eval'");
    for (const path of [
      '/../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
    ]) {
      const response = await fetch(`${host.url}${path}`);
      expect(response.status).toBe(404);
    }
  });

  it('streams events over SSE', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.url}/api/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const sync = rpc('sync.now', {});
    let text = '';
    while (!text.includes('"sync.progress"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    await sync;
    controller.abort();
    const message = JSON.parse(
      text
        .split('\n')
        .find((line) => line.includes('sync.progress'))!
        .slice(6),
    );
    expect(message.event).toBe('sync.progress');
    expect(message.payload).toHaveProperty('phase');
  });

  it('streams events only to signed-in sessions, asking at each event', async () => {
    const cookieOf = async () => {
      const launch = await fetch(host.launchUrl, { redirect: 'manual' });
      return (launch.headers.get('set-cookie') ?? '').split(';')[0]!;
    };
    const signIn = (cookie: string) =>
      fetch(`${host.url}/api/rpc/session.signIn`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ablavi.lawson', password: TRAINING_PASSWORD }),
      });
    const [signedIn, signedOut] = [await cookieOf(), await cookieOf()];
    expect((await signIn(signedIn)).status).toBe(200);
    const controller = new AbortController();
    const open = async (cookie: string) => {
      const response = await fetch(`${host.url}/api/events`, {
        headers: { cookie },
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const waiting = new Set<() => void>();
      const pump = (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            text += decoder.decode(value);
            for (const check of [...waiting]) check();
          }
        } catch {
          // aborted at the end of the test
        }
      })();
      /** Resolves once the stream has carried `fragment`. */
      const until = (fragment: string) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (!text.includes(fragment)) return;
            waiting.delete(check);
            resolve();
          };
          waiting.add(check);
          check();
        });
      return { text: () => text, pump, until };
    };
    const [inside, outside] = [await open(signedIn), await open(signedOut)];
    // Both streams are subscribed once their first line has come.
    await Promise.all([inside.until(': connected'), outside.until(': connected')]);

    // Every event the core emits, as the host writes it.
    const emitted: string[] = [];
    const unsubscribe = core.events.subscribe((message) =>
      emitted.push(`data: ${JSON.stringify(message)}`),
    );
    await rpc('sync.now', {});
    const beforeSignIn = emitted.length;
    expect(emitted.some((line) => line.includes('"sync.progress"'))).toBe(true);

    // The second session signs in: it is asked again at the next event, and receives it. A stream
    // keeps its order, so once that event has come, anything written before it has come too.
    expect((await signIn(signedOut)).status).toBe(200);
    core.events.emit('cases.changed', { ids: ['repère-de-fin'] });
    await Promise.all([inside.until('repère-de-fin'), outside.until('repère-de-fin')]);
    unsubscribe();
    controller.abort();
    await Promise.all([inside.pump, outside.pump]);

    /** The events a stream carried, up to and including the end marker. */
    const dataOf = (text: string) => {
      const lines = text.split('\n').filter((line) => line.startsWith('data: '));
      return lines.slice(0, lines.findIndex((line) => line.includes('repère-de-fin')) + 1);
    };
    const marker = emitted.findIndex((line) => line.includes('repère-de-fin'));
    // The signed-in session got every event, in order.
    expect(dataOf(inside.text())).toEqual(emitted.slice(0, marker + 1));
    // The other got none of those emitted while it was signed out: only later ones, in order.
    const outsideData = dataOf(outside.text());
    const from = marker + 1 - outsideData.length;
    expect(outsideData.length).toBeGreaterThan(0);
    expect(from).toBeGreaterThanOrEqual(beforeSignIn);
    expect(outsideData).toEqual(emitted.slice(from, marker + 1));
  });
});

describe('the web host agrees with the Electron transport (issue 19)', () => {
  it('answers an ordinary refusal with its own status, not 500, and the same Result as IPC', async () => {
    expect((await rpc('sync.now', {})).status).toBe(200);
    const list = await rpc('inbox.list', { queue: 'to_process', limit: 5 });
    const page = (await list.json()) as { value: { rows: { id: string }[] } };
    const id = page.value.rows[0]!.id;
    // Kossi does not hold the case: the state machine refuses, a conflict of state.
    const refused = await rpc('cases.approve', { id });
    const body = (await refused.json()) as { ok: false; error: { code: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'workflow_refused' } });
    expect(refused.status).toBe(409);
    const kossi = core.contextOf('u-agent-kossi');
    expect(await core.dispatch('cases.approve', { id }, kossi)).toEqual(body);
  });

  it('gives every error code a status; only « internal » is the server failing', async () => {
    // A host whose dispatcher answers with the code the caller names: the status is the host's.
    const echo = await startWebHost({
      dispatch: async (method) => fail(method as (typeof API_ERROR_CODES)[number], 'Refusé.'),
      events: core.events,
      context: (sessionKey) => core.contextFor(sessionKey),
      rendererDir: tempDir('bureau-renderer-'),
      token,
    });
    try {
      const statuses = new Map<string, number>();
      for (const code of API_ERROR_CODES) {
        const response = await fetch(`${echo.url}/api/rpc/${code}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: '{}',
        });
        expect(await response.json()).toEqual({ ok: false, error: { code, message: 'Refusé.' } });
        statuses.set(code, response.status);
      }
      for (const [code, status] of statuses) {
        expect(status, code).toBeGreaterThanOrEqual(400);
        expect(status >= 500, code).toBe(code === 'internal' || code === 'unavailable');
      }
      expect(statuses.get('workflow_refused')).toBe(409);
      expect(statuses.get('not_ready')).toBe(409);
      expect(statuses.get('integrity_failed')).toBe(422);
    } finally {
      await echo.close();
    }
  });

  it('takes a certificate PDF as large as the contract allows, and refuses past it with 413', async () => {
    // 2 MiB of PDF (over the old 1 MiB body limit) with no Bureau QR inside: read, then judged.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2 * 1024 * 1024, 0x20)]);
    const input = { pdfBase64: pdf.toString('base64') };
    const verified = await rpc('certificates.verify', input);
    expect(verified.status).toBe(200);
    const body = await verified.json();
    expect(body).toMatchObject({ ok: true, value: { verdict: 'unreadable' } });
    expect(
      await core.dispatch('certificates.verify', input, core.contextOf('u-agent-kossi')),
    ).toEqual(body);

    const limit = apiContract['certificates.verify'].maxRequestBytes;
    const tooLarge = await rpc('certificates.verify', { pdfBase64: 'A'.repeat(limit) });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // Other methods keep their own, smaller limit.
    const bigNote = await rpc('app.info', { padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(bigNote.status).toBe(413);
    // The connection survived both refusals.
    expect((await rpc('app.info', {})).status).toBe(200);
  });
});
