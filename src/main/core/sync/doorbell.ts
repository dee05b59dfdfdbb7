import { z } from 'zod';
import { schedulerOf, type Clock, type TimerHandle } from '../clock';
import type { DeskRegistry } from '../office/deskRegistry';
import type { PortalClient } from './portalClient';
import type { PortalVersion } from './portalVersion';

/**
 * The long-poll doorbell (design multi-desk §3.11): while an enrolled desk is online, one request
 * waits at the portal (up to 25 s) and comes back as soon as anything this desk reads has moved;
 * the desk then runs its normal sync. The doorbell carries no data, so the pull stays the one
 * writer; the periodic sync stays as the fallback. Failures back off (up to a minute) and never
 * spin; stop() ends the wait at once.
 */

const WAIT_SECONDS = 25;
/** The request's own deadline: the portal's wait plus the time an answer takes on a slow link. */
const REQUEST_TIMEOUT_MS = (WAIT_SECONDS + 10) * 1000;
const IDLE_RECHECK_MS = 30_000;
const MAX_BACKOFF_MS = 60_000;

const answer = z.object({
  token: z.string().regex(/^w:\d{1,15}$/),
  applications: z.boolean(),
  activity: z.boolean().optional(),
  directory: z.boolean().optional(),
  registry: z.boolean().optional(),
  desks: z.boolean().optional(),
  textModules: z.boolean().optional(),
});

export function createDoorbell(deps: {
  portal: PortalClient;
  registry: DeskRegistry;
  version: PortalVersion;
  clock: Clock;
  /** A sync; the doorbell waits for it before it waits again. */
  ring: () => Promise<unknown>;
  /** Whether the desk is offline or paused: then only the sync's own probe runs. */
  quiet: () => boolean;
  log: (message: string, error?: unknown) => void;
}) {
  const clock = schedulerOf(deps.clock);
  let running = false;
  let token: string | null = null;
  let failures = 0;
  let timer: TimerHandle | null = null;
  let wake: (() => void) | null = null;
  let inFlight: AbortController | null = null;
  let loop: Promise<void> | null = null;
  let rings = 0;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = clock.setTimeout(() => {
        timer = null;
        wake = null;
        resolve();
      }, ms);
    });

  async function once(): Promise<void> {
    const desk = deps.registry.identity();
    if (desk.mode !== 'office' || !deps.version.supports('wait') || deps.quiet()) {
      await pause(IDLE_RECHECK_MS);
      return;
    }
    const params = new URLSearchParams({ wait: String(WAIT_SECONDS) });
    if (token) params.set('since', token);
    inFlight = new AbortController();
    try {
      const body = await deps.portal.v2({
        method: 'GET',
        path: `offices/${encodeURIComponent(desk.officeCode)}/changes?${params}`,
        as: 'desk',
        timeoutMs: REQUEST_TIMEOUT_MS,
        signal: inFlight.signal,
      });
      const parsed = answer.safeParse(body);
      if (!parsed.success) throw new Error('doorbell: unexpected answer');
      failures = 0;
      const { token: next, ...moved } = parsed.data;
      token = next;
      if (Object.values(moved).some(Boolean) && running) {
        rings++;
        await deps.ring();
      }
    } catch (error) {
      if (!running) return;
      failures++;
      if (failures === 3) deps.log('doorbell: three failed waits, backing off', error);
      await pause(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 6)));
    } finally {
      inFlight = null;
    }
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) await once();
      })();
    },
    async stop(): Promise<void> {
      running = false;
      inFlight?.abort();
      clock.clearTimeout(timer);
      timer = null;
      wake?.();
      wake = null;
      await loop;
      loop = null;
    },
    /** How many times it rang since start (tests, bench). */
    rings: () => rings,
  };
}
export type Doorbell = ReturnType<typeof createDoorbell>;
