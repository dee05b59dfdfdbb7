import { rmSync } from 'node:fs';
import type { Core, CoreOptions } from '../../src/main/core/createCore';
import type { SyncStatus } from '../../src/shared/api/types';
import type { PortalSimulator } from '../../src/simulator/server';
import { createFakeClock, type FakeClock } from './fakeClock';
import { openCoreOn, PORTAL_TOKEN, startSimulatorOn } from './fakeClockBureau';
import { startLinkProxy } from './linkProxy';
import { tempDir } from './paths';
import { FAST_TUNING } from './syncBureau';

/**
 * One office in one process (docs/design/multi-desk.md §9): a portal simulator, and per desk its
 * own link to it (a real HTTP hop that can be cut) and a core on its own SQLite file, all on one
 * fake clock. Cores do not sync by themselves (no periodic timer): a test says when with
 * `syncAll()`, and the only timers are the ones the cores arm on their own (retries, the offline
 * probe), which move when the harness moves the clock. Waits are for conditions, never for time.
 */

/** Generous: a loaded two-core machine still gets there; a stuck harness still fails. */
const DEADLINE_MS = 15_000;

export interface DeskLink {
  /** The address the desk's core uses for the portal. */
  readonly url: string;
  /** What went through the link, per kind of path (see linkProxy.ts). */
  readonly counts: Awaited<ReturnType<typeof startLinkProxy>>['counts'];
  /** Cuts the link: every connection open or to come is dropped, as on a dead line. */
  down(): void;
  up(): void;
  isUp(): boolean;
}

export interface Desk {
  /** 0-based position in `office.desks`. */
  readonly index: number;
  /** `desk-1`, `desk-2`… for messages. */
  readonly name: string;
  readonly dataDir: string;
  readonly link: DeskLink;
  readonly core: Core;
}

export interface Office {
  readonly clock: FakeClock;
  readonly simulator: PortalSimulator;
  readonly desks: readonly Desk[];
  /** A simulator admin route (`/__sim/changes`, `/__sim/applications`…), as the portal's side. */
  admin(path: string, body?: unknown): Promise<unknown>;
  /**
   * One sync on every desk. Desks whose link is up are awaited as they are; a desk whose link is
   * down tries too (push, then the feed with its quick retries) and ends `offline`: the harness
   * moves the clock through its retry waits. Answers each desk's status, in desk order.
   */
  syncAll(): Promise<SyncStatus[]>;
  /** Cuts the desk's link and waits until its core says it is offline. */
  offline(desk: Desk | number): Promise<void>;
  /** Restores the link; the core's own offline probe finds the portal and syncs. Waits for it. */
  online(desk: Desk | number): Promise<void>;
  /** Stops every core, link and the simulator, and removes the desks' data directories. */
  close(): Promise<void>;
}

export interface OfficeOptions {
  desks: number;
  /** The simulator's seed: the same seed, the same feed. */
  seed: number;
  /** Applications the simulator starts with (default 30). */
  count?: number;
  /** The fake clock's start (default a Monday morning). */
  start?: string;
  syncTuning?: CoreOptions['syncTuning'];
  /**
   * Default true: training cores with their seeded accounts (enough for pull-only tests). False:
   * desks of a real office, with no account until one is created and not yet enrolled.
   */
  training?: boolean;
  /** `api: 1` plays a v1-only portal. */
  api?: 1 | 2;
  /** The portal's v2 limits (a small `blockSize` reaches the end of a desk's numbers). */
  portalLimits?: Parameters<typeof startSimulatorOn>[1]['limits'];
}

/** Polls `check` on real time (the cores answer over real HTTP) until it holds, or throws. */
async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  onEachTurn: () => void = () => {},
): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`office: timed out waiting for ${what}`);
    onEachTurn();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function startOffice(options: OfficeOptions): Promise<Office> {
  const clock = createFakeClock(options.start ?? '2026-11-23T08:00:00.000Z');
  const tuning = { ...FAST_TUNING, ...options.syncTuning };
  const stepMs = Math.max(tuning.probeMaxMs ?? 100, 100);
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    // Last started, first stopped: cores before their links, links before the simulator.
    for (const closer of closers.splice(0).reverse()) {
      await closer().catch(() => {});
    }
  };

  try {
    const simulator = await startSimulatorOn(clock, {
      seed: options.seed,
      count: options.count ?? 30,
      ...(options.api ? { api: options.api } : {}),
      ...(options.portalLimits ? { limits: options.portalLimits } : {}),
    });
    closers.push(() => simulator.close());

    const desks: Desk[] = [];
    for (let index = 0; index < options.desks; index++) {
      const proxy = await startLinkProxy(simulator.url);
      closers.push(() => proxy.close());
      let linkUp = true;
      const link: DeskLink = {
        url: proxy.url,
        counts: proxy.counts,
        down() {
          linkUp = false;
          proxy.setUp(false);
        },
        up() {
          linkUp = true;
          proxy.setUp(true);
        },
        isUp: () => linkUp,
      };
      const dataDir = tempDir(`bureau-office-desk${index + 1}-`);
      closers.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const core = openCoreOn(clock, {
        dataDir,
        portalUrl: proxy.url,
        syncTuning: tuning,
        training: options.training ?? true,
      });
      closers.push(() => core.close());
      desks.push({ index, name: `desk-${index + 1}`, dataDir, link, core });
    }

    const deskOf = (desk: Desk | number): Desk => {
      const found = typeof desk === 'number' ? desks[desk] : desk;
      if (!found) throw new Error(`office: no desk ${String(desk)}`);
      return found;
    };

    /** Awaits `work` while moving the clock timer by timer, so that its retry waits end. */
    async function drive<T>(work: Promise<T>, what: string): Promise<T> {
      let settled = false;
      const done = work.finally(() => {
        settled = true;
      });
      await until(
        () => settled,
        what,
        () => {
          clock.next();
        },
      );
      return done;
    }

    return {
      clock,
      simulator,
      desks,
      async admin(path, body = {}) {
        const response = await fetch(`${simulator.url}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${PORTAL_TOKEN}`,
          },
          body: JSON.stringify(body),
        });
        if (!response.ok) {
          throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
        }
        return response.json() as Promise<unknown>;
      },
      async syncAll() {
        const connected = desks.filter((desk) => desk.link.isUp());
        const cut = desks.filter((desk) => !desk.link.isUp());
        const statuses = new Map<Desk, SyncStatus>();
        await Promise.all(
          connected.map(async (desk) => statuses.set(desk, await desk.core.sync.syncNow())),
        );
        for (const desk of cut) {
          statuses.set(desk, await drive(desk.core.sync.syncNow(), `${desk.name}'s sync`));
        }
        return desks.map((desk) => statuses.get(desk)!);
      },
      async offline(which) {
        const desk = deskOf(which);
        desk.link.down();
        if (desk.core.sync.status().phase === 'offline') return;
        await drive(desk.core.sync.syncNow(), `${desk.name}'s sync with its link down`);
        await until(
          () => desk.core.sync.status().phase === 'offline',
          `${desk.name} to say it is offline`,
        );
      },
      async online(which) {
        const desk = deskOf(which);
        desk.link.up();
        if (desk.core.sync.status().phase !== 'offline') return;
        // The probe is armed on the fake clock: move time until it finds the portal and syncs.
        await until(
          () => desk.core.sync.status().phase === 'idle',
          `${desk.name} to come back online and sync`,
          () => {
            if (desk.core.sync.status().phase === 'offline') clock.advance(stepMs);
          },
        );
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
