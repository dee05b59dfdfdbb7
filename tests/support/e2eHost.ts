import { test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';
import { startBuiltWebHost, type RunningWebHost } from './webHostProcess';

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
