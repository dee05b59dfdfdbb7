import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPortalClient,
  PORTAL_DEADLINES,
  PortalTimeoutError,
  PortalUnreachableError,
} from '../../src/main/core/sync/portalClient';
import { createFakeClock } from '../support/fakeClock';

/**
 * The portal client's deadlines, on a test's clock: a real HTTP server that misbehaves, and the
 * time moved by hand, so each deadline is checked to the millisecond without waiting for it.
 */

type Behaviour = (request: IncomingMessage, response: ServerResponse) => void;

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server that behaves as told; `arrived()` resolves once a request reached it. */
async function portalThat(behaviour: Behaviour) {
  let reached: () => void = () => {};
  let arrival = new Promise<void>((resolve) => (reached = resolve));
  const server = createServer((request, response) => {
    behaviour(request, response);
    reached();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrived: async () => {
      await arrival;
      arrival = new Promise<void>((resolve) => (reached = resolve));
    },
  };
}

const neverAnswers: Behaviour = () => {};
/** Answers at once, then trickles a body that never ends. */
const trickles: Behaviour = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"items":[');
};

/** Whether a promise has settled by now (after the I/O already under way has had its turn). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  return done;
}

describe('portal deadlines', () => {
  it('a portal that accepts and never answers is cut at the connect deadline, not before', async () => {
    const clock = createFakeClock();
    const portal = await portalThat(neverAnswers);
    const timeouts: PortalTimeoutError[] = [];
    const client = createPortalClient(
      { url: portal.url, token: 't', timers: clock },
      { onTimeout: (error) => timeouts.push(error) },
    );
    const page = client.fetchApplications(null, 10);
    page.catch(() => {});
    await portal.arrived();
    clock.advance(PORTAL_DEADLINES.connectMs - 1);
    expect(await settled(page)).toBe(false);
    clock.advance(1);
    const error = await page.then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(PortalTimeoutError);
    expect(error).toBeInstanceOf(PortalUnreachableError); // callers' « offline » handling
    expect(error).toMatchObject({ stage: 'connect', deadlineMs: PORTAL_DEADLINES.connectMs });
    expect(timeouts).toEqual([error]);
    expect(clock.pending()).toEqual([]);
  });

  it('an answer that begins in time has until the whole-response deadline to end', async () => {
    const clock = createFakeClock();
    const portal = await portalThat(trickles);
    const statuses: number[] = [];
    const client = createPortalClient(
      { url: portal.url, token: 't', timers: clock },
      { onAnswer: (status) => statuses.push(status) },
    );
    const page = client.fetchApplications(null, 10);
    page.catch(() => {});
    await portal.arrived();
    await expect.poll(() => statuses).toEqual([200]);
    clock.advance(PORTAL_DEADLINES.responseMs - 1);
    expect(await settled(page)).toBe(false);
    clock.advance(1);
    await expect(page).rejects.toMatchObject({
      name: 'PortalTimeoutError',
      stage: 'response',
      deadlineMs: PORTAL_DEADLINES.responseMs,
    });
  });

  it('a long-poll has its own deadline for the start of its answer', async () => {
    const clock = createFakeClock();
    const portal = await portalThat(neverAnswers);
    const client = createPortalClient(
      { url: portal.url, token: 't', timers: clock },
      { deskToken: () => 'desk' },
    );
    const wait = client.v2({ method: 'GET', path: 'changes', as: 'desk', timeoutMs: 35_000 });
    wait.catch(() => {});
    await portal.arrived();
    clock.advance(35_000 - 1);
    expect(await settled(wait)).toBe(false);
    clock.advance(1);
    await expect(wait).rejects.toMatchObject({ stage: 'connect', deadlineMs: 35_000 });
  });

  it('a caller giving up is no timeout: the link is not blamed', async () => {
    const clock = createFakeClock();
    const portal = await portalThat(neverAnswers);
    const timeouts: unknown[] = [];
    const client = createPortalClient(
      { url: portal.url, token: 't', timers: clock },
      { deskToken: () => 'desk', onTimeout: (error) => timeouts.push(error) },
    );
    const stop = new AbortController();
    const wait = client.v2({ method: 'GET', path: 'changes', as: 'desk', signal: stop.signal });
    wait.catch(() => {});
    await portal.arrived();
    stop.abort();
    const error = await wait.then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(PortalUnreachableError);
    expect(error).not.toBeInstanceOf(PortalTimeoutError);
    expect(timeouts).toEqual([]);
    expect(clock.pending()).toEqual([]);
  });

  it('the health check gives up at its own, shorter deadline', async () => {
    const clock = createFakeClock();
    const portal = await portalThat(neverAnswers);
    const client = createPortalClient({ url: portal.url, timers: clock });
    const reachable = client.isReachable();
    await portal.arrived();
    clock.advance(PORTAL_DEADLINES.healthMs - 1);
    expect(await settled(reachable)).toBe(false);
    clock.advance(1);
    expect(await reachable).toBe(false);
  });
});
