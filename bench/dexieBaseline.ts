import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { Timing } from './measure';

export interface DexieItem {
  record: unknown;
  dueDate: string;
}

const CHUNK = 2_000;

/** Serves the page and Dexie's ES module on loopback only. */
async function serve(root: string): Promise<Server> {
  const files: Record<string, [string, string]> = {
    '/': [join(import.meta.dirname, 'dexie', 'page.html'), 'text/html; charset=utf-8'],
    '/dexie.mjs': [join(root, 'node_modules/dexie/dist/dexie.mjs'), 'text/javascript'],
  };
  const server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file[1] }).end(readFileSync(file[0]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/**
 * IndexedDB through Dexie in Debian's headless Chromium, with a persistent profile so the data
 * goes to disk (LevelDB) as in a real offline app, not to an incognito in-memory store.
 */
export async function startDexieBaseline(root: string, profileDir: string) {
  const server = await serve(root);
  const context: BrowserContext = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const page: Page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(
    () => (globalThis as unknown as { benchReady?: boolean }).benchReady === true,
  );
  await page.evaluate(() =>
    (globalThis as unknown as { bench: { open(): Promise<void> } }).bench.open(),
  );
  let ms = 0;
  let count = 0;
  type Bench = {
    put(items: DexieItem[]): Promise<number>;
    filteredPage(code: string, runs: number): Promise<Timing>;
    nameSearch(prefixes: string[], runs: number): Promise<Timing>;
  };
  return {
    async add(items: DexieItem[]) {
      for (let start = 0; start < items.length; start += CHUNK) {
        const chunk = items.slice(start, start + CHUNK);
        ms += await page.evaluate(
          (rows) => (globalThis as unknown as { bench: Bench }).bench.put(rows),
          chunk,
        );
        count += chunk.length;
      }
    },
    async measure(procedureCode: string, names: string[], prefixes: string[]) {
      const filteredPage = await page.evaluate(
        (code) => (globalThis as unknown as { bench: Bench }).bench.filteredPage(code, 50),
        procedureCode,
      );
      const nameSearch = await page.evaluate(
        (words) => (globalThis as unknown as { bench: Bench }).bench.nameSearch(words, 50),
        names,
      );
      const prefixSearch = await page.evaluate(
        (words) => (globalThis as unknown as { bench: Bench }).bench.nameSearch(words, 50),
        prefixes,
      );
      return {
        records: count,
        ingestRecordsPerSecond: Math.round(count / (ms / 1000)),
        filteredPage,
        nameSearch,
        prefixSearch,
      };
    },
    async close() {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
export type DexieBaseline = Awaited<ReturnType<typeof startDexieBaseline>>;
