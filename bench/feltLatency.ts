/**
 * Issue 18 §3: latency as a clerk feels it — from the key press or click (the DOM event's own
 * time stamp) to the next frame after the rows it asked for are on screen — in Chromium against
 * the built web host on a large cache: queue switch, filter chip, each keystroke of a search,
 * moving down the list (j), opening a case (Enter), the next case from inside a case (j), back to
 * the list (Escape).
 *   BENCH_ONLY=felt npm run bench     (or npx tsx bench/feltLatency.ts; never in the default run)
 *   BENCH_SIZES=100000 cases (the bench's shared caches, bench/benchCache.ts)
 *   BENCH_FELT_APPS=/tmp/a,/tmp/b builds compared side by side, round by round (default: this tree)
 *   BENCH_FELT_ROUNDS=20 rounds of every interaction
 * Needs `npx electron-vite build` first (the bench drives what `out/` holds). The desk runs in
 * real-portal mode with a portal that refuses at once (no sync competes with the clerk). A
 * benchmark, never a timed test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/support/chromium';
import { sharedBenchCache } from './benchCache';
import { timing, type Timing } from './measure';
import { below } from './targets';
import { prepareCache, signInToRows, startWebHost } from './webHost';

const root = join(import.meta.dirname, '..');
const ROUNDS = Number(process.env.BENCH_FELT_ROUNDS ?? 20);
export const FELT_TARGET_MS = 100;
/** How long the bench « reads » a case before j opens the next one (a clerk reads for seconds). */
const CASE_READ_MS = 600;

type Awaited = 'rows' | 'case' | 'selection';
interface Probe {
  arm(kind: Awaited): void;
  pending: Promise<number> | null;
}

/**
 * In the page (plain JavaScript, run before the app): the time stamp of the last key press or
 * pointer press, and a watch armed before each action that resolves at the first frame after the
 * screen shows something new of the kind awaited — rows (not marked busy, different from before;
 * or the list's empty state),
 * a case, or the list's selection — with the time since that press.
 */
const PROBE_SCRIPT = `(() => {
  const felt = { lastInput: 0, pending: null };
  for (const type of ['keydown', 'pointerdown']) {
    addEventListener(type, (event) => { felt.lastInput = event.timeStamp; }, true);
  }
  const signatures = {
    rows: () => {
      const empty = document.querySelector('[data-testid="inbox-empty"]');
      if (empty && !empty.checkVisibility()) return null;
      // Never the address: it follows the typed search at once, before any list for it.
      if (empty) return 'empty|' + empty.textContent;
      const group = document.querySelector('[data-testid="inbox-grid"] [role="rowgroup"]');
      // A list kept hidden behind a case is not on screen.
      if (!group || !group.checkVisibility() || group.getAttribute('aria-busy') === 'true') return null;
      const rows = [...group.querySelectorAll('[role="row"]')].slice(0, 5);
      // The markup, not the text: a search typed further shows the same rows with more of
      // each name highlighted.
      const total = document.querySelector('[data-testid="inbox-total"]')?.textContent ?? '';
      return rows.length === 0 ? null : total + '|' + rows.map((row) => row.innerHTML).join('|');
    },
    case: () => document.querySelector('[data-testid="case-reference"]')?.textContent?.trim() || null,
    selection: () =>
      document.querySelector('[data-testid="inbox-grid"]')?.getAttribute('aria-activedescendant') ?? null,
  };
  felt.arm = (kind) => {
    const signature = signatures[kind];
    const before = signature();
    felt.pending = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const now = signature();
        if (now === null || now === before) return;
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - felt.lastInput)));
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      const timer = setTimeout(() => { observer.disconnect(); resolve(Number.NaN); }, 30000);
    });
  };
  globalThis.__felt = felt;
})();`;

async function felt(page: Page, kind: Awaited, action: () => Promise<void>) {
  // Run in the page: names the page's own global, not this module's.
  await page.evaluate(
    (awaited) => (globalThis as unknown as { __felt: Probe }).__felt.arm(awaited),
    kind,
  );
  await action();
  const ms = await page.evaluate(() => (globalThis as unknown as { __felt: Probe }).__felt.pending);
  if (ms === null || Number.isNaN(ms))
    throw new Error(`nothing new on screen after a ${kind} action`);
  return ms;
}

type Times = Record<string, number[]>;

function emptyTimes(): Times {
  return {
    'changement de corbeille': [],
    'filtre (puce)': [],
    'frappe de recherche': [],
    'dossier suivant (j)': [],
    'ouverture dossier (Entrée)': [],
    'dossier suivant depuis un dossier (j)': [],
    'retour à la liste (Échap)': [],
  };
}

/** One round of every gesture, its times added to `times`. */
async function measureRound(page: Page, round: number, times: Times) {
  const nav = page.getByRole('navigation', { name: 'Corbeilles' });
  const grid = page.getByTestId('inbox-grid');
  const queues = ['À traiter', 'Tous', 'Échéance proche', 'Traités'];
  {
    for (const queue of queues) {
      times['changement de corbeille']!.push(
        await felt(page, 'rows', () => nav.getByText(queue, { exact: true }).click()),
      );
    }
    // « Tous », then a procedure filter on and off.
    const procedure = round % 2 === 0 ? 'COM-IMPEX' : 'ART-CP';
    await page
      .getByRole('toolbar', { name: 'Filtres' })
      .getByRole('button', { name: 'Démarche', exact: true })
      .click();
    times['filtre (puce)']!.push(
      await felt(page, 'rows', () =>
        page.getByRole('checkbox', { name: new RegExp(`^${procedure} — `) }).check(),
      ),
    );
    await page.keyboard.press('Escape');
    times['filtre (puce)']!.push(
      await felt(page, 'rows', () => page.getByTestId('filter-chip').getByRole('button').click()),
    );

    await grid.focus();
    for (let step = 0; step < 3; step++) {
      times['dossier suivant (j)']!.push(
        await felt(page, 'selection', () => page.keyboard.press('j')),
      );
    }
    times['ouverture dossier (Entrée)']!.push(
      await felt(page, 'case', () => page.keyboard.press('Enter')),
    );
    // The clerk reads the case a moment, then goes on to the next one of the list from it.
    await page.waitForTimeout(CASE_READ_MS);
    times['dossier suivant depuis un dossier (j)']!.push(
      await felt(page, 'case', () => page.keyboard.press('j')),
    );
    times['retour à la liste (Échap)']!.push(
      await felt(page, 'rows', () => page.keyboard.press('Escape')),
    );

    // A search typed letter by letter, each letter waited for as a clerk reading the list would.
    const name = ['kpatcha', 'amouzou', 'aziaka', 'gnofam'][round % 4]!;
    await page.keyboard.press('/');
    for (const letter of name) {
      times['frappe de recherche']!.push(
        await felt(page, 'rows', () => page.keyboard.press(letter)),
      );
    }
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Escape');
  }
}

function summary(times: Times) {
  return Object.fromEntries(
    Object.entries(times).map(([label, values]) => [label, timing(values)]),
  ) as Record<string, Timing>;
}

export async function runFeltLatency(
  sizes = (process.env.BENCH_SIZES ?? '100000').split(',').map(Number),
): Promise<void> {
  // Builds compared side by side: each round runs on every build in turn, so the machine's load
  // falls on all of them alike (BENCH_FELT_APPS=/tmp/a,/tmp/b, each a checkout with its `out/`).
  const apps = (process.env.BENCH_FELT_APPS ?? root).split(',').filter(Boolean);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const results: { size: number; app: string; load: number[]; felt: Record<string, Timing> }[] = [];
  try {
    for (const size of sizes) {
      const source = await sharedBenchCache(size);
      const desks: { app: string; page: Page; times: Times; close(): Promise<void> }[] = [];
      try {
        for (const [index, app] of apps.entries()) {
          const dataDir = join(tmpdir(), 'bureau-bench-felt', `${size}${index ? `-${index}` : ''}`);
          prepareCache(source, dataDir, 'real');
          const host = await startWebHost(app, dataDir);
          const context = await browser.newContext({
            locale: 'fr-FR',
            viewport: { width: 1366, height: 768 },
          });
          desks.push({
            app,
            page: await context.newPage(),
            times: emptyTimes(),
            close: async () => {
              await context.close();
              await host.stop();
            },
          });
          await context.addInitScript({ content: PROBE_SCRIPT });
          await signInToRows(desks.at(-1)!.page, host.launchUrl);
        }
        for (let round = 0; round < ROUNDS; round++) {
          for (const desk of desks) await measureRound(desk.page, round, desk.times);
        }
        for (const desk of desks) {
          results.push({ size, app: desk.app, load: loadavg(), felt: summary(desk.times) });
        }
      } finally {
        for (const desk of desks) await desk.close();
      }
    }
  } finally {
    await browser.close();
  }
  const ms = (value: number) => value.toFixed(0);
  for (const r of results) {
    console.log(
      `\n## Latence ressentie, ${r.size.toLocaleString('fr-FR')} dossiers${apps.length > 1 ? ` (${r.app})` : ''}, Chromium 1366×768 (ms de l’appui à l’image ; ${ROUNDS} tours ; charge ${r.load.map((value) => value.toFixed(1)).join(' / ')})\n`,
    );
    console.log('| geste | p50 | p95 | cible p95 | atteinte |');
    console.log('|---|---:|---:|---:|---|');
    for (const [label, t] of Object.entries(r.felt)) {
      if (r.app === apps[0]) below('§3', `${label} (p95)`, r.size, t.p95, FELT_TARGET_MS, 'ms');
      console.log(
        `| ${label} | ${ms(t.p50)} | ${ms(t.p95)} | < ${FELT_TARGET_MS} | ${t.p95 < FELT_TARGET_MS ? 'oui' : 'non'} |`,
      );
    }
  }
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(
    root,
    'bench/results',
    `felt-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(
    file,
    JSON.stringify({ at: new Date().toISOString(), rounds: ROUNDS, results }, null, 2),
  );
  console.log(`\nRésultats : ${file}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await runFeltLatency();
