import { test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';
import {
  startBuiltWebHost,
  startSimulatorProcess,
  type RunningSimulator,
  type RunningWebHost,
} from './webHostProcess';

const screenshotsDir = join(repoRoot, 'tests/artifacts/screenshots');

/** Where an e2e screenshot goes; the folder is kept as a CI artifact. */
export function screenshotPath(name: string): string {
  mkdirSync(screenshotsDir, { recursive: true });
  return join(screenshotsDir, name);
}

/**
 * A built web host in training mode for the enclosing describe block (or file): started before
 * its tests, stopped after. The returned object reads through to the running host.
 */
export function useTrainingHost(trainingCount: number): RunningWebHost {
  let running: RunningWebHost | null = null;
  test.beforeAll(async () => {
    running = await startBuiltWebHost(trainingCount);
  });
  test.afterAll(async () => {
    await running?.stop();
  });
  const current = (): RunningWebHost => {
    if (!running) throw new Error('the training host is not started yet');
    return running;
  };
  return {
    get launchUrl() {
      return current().launchUrl;
    },
    get portalToken() {
      return current().portalToken;
    },
    get origin() {
      return current().origin;
    },
    get dataDir() {
      return current().dataDir;
    },
    output: () => current().output(),
    stop: () => current().stop(),
  };
}

/** Calls the API from inside the page, with its launch cookie, as the renderer does. */
export async function pageRpc<T>(page: Page, method: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ method, input }) => {
      const response = await fetch(`/api/rpc/${method}`, {
        method: 'POST',
        body: JSON.stringify(input),
      });
      return (await response.json()) as { ok: boolean; value: unknown; error?: unknown };
    },
    { method, input },
  );
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/**
 * Two desks of one real office for the enclosing file: a portal simulator in its own process and
 * two built web hosts syncing with it, started before the tests and stopped after. Each desk
 * starts empty (first-start screen); the test enrolls them.
 */
export function useOfficeHosts(options: { seed: number; count: number; token: string }) {
  let simulator: RunningSimulator | null = null;
  let desks: RunningWebHost[] = [];
  test.beforeAll(async () => {
    simulator = await startSimulatorProcess(options);
    const portal = { url: simulator.url, token: options.token };
    desks = [await startBuiltWebHost(0, { portal }), await startBuiltWebHost(0, { portal })];
  });
  test.afterAll(async () => {
    for (const desk of desks) await desk.stop();
    await simulator?.stop();
  });
  const desk = (index: number): RunningWebHost => {
    const found = desks[index];
    if (!found) throw new Error('the office hosts are not started yet');
    return found;
  };
  return {
    desk1: () => desk(0),
    desk2: () => desk(1),
    /** The portal both desks sync with (faults through `/__sim/faults`). */
    simulator: (): RunningSimulator => {
      if (!simulator) throw new Error('the office hosts are not started yet');
      return simulator;
    },
  };
}

/** A page of its own (own cookies: own session) on a desk, opened at its launch URL. */
export async function openDeskPage(browser: Browser, host: RunningWebHost): Promise<Page> {
  const page = await (
    await browser.newContext({ locale: 'fr-FR', timezoneId: 'Africa/Lome' })
  ).newPage();
  await page.goto(host.launchUrl);
  return page;
}
