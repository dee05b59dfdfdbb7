/**
 * Start-up as a clerk feels it (issue 18 §2): from starting the web host on an existing cache to
 * the inbox's first rows painted in Chromium, through the sign-in form. Median of `--runs`
 * starts after one warm-up start (which leaves the cache as a clean shutdown does), in real-portal
 * mode (a configured portal that does not answer) and in training mode (the embedded simulator).
 *
 *   npx tsx bench/startToRows.ts --cache <dir with bureau.sqlite> --app <root> [--app <root>…]
 *
 * Each `--app` is a checkout with its own `out/` (after `npx electron-vite build`): give the
 * previous commit's worktree and this one to print them side by side with their ratio. The cache
 * is copied once per mode (a real desk's cache is never a training cache) and reused by every
 * start, as a desk restarting on its cache. Never a timed test: `npm test` does not run it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/support/chromium';
import { below, reportTarget } from './targets';
import { prepareCache, signInToRows, startWebHost, type HostMode } from './webHost';

const root = join(import.meta.dirname, '..');

type Mode = HostMode;
interface Marks {
  /** The host printed its launch URL (core open, HTTP listening). */
  hostReady: number;
  /** The sign-in form is on screen. */
  signInForm: number;
  /** The bench pressed « Se connecter » (after filling the form). */
  submitted: number;
  /** Inbox rows are painted. */
  rows: number;
}

async function startOnce(browser: Browser, appRoot: string, dataDir: string): Promise<Marks> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  const started = performance.now();
  const host = await startWebHost(appRoot, dataDir);
  try {
    const launchUrl = host.launchUrl;
    const hostReady = performance.now() - started;
    const { signInForm, submitted } = await signInToRows(page, launchUrl);
    return {
      hostReady,
      signInForm: hostReady + signInForm,
      submitted: hostReady + submitted,
      rows: performance.now() - started,
    };
  } finally {
    await context.close();
    await host.stop();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

export interface StartOptions {
  cache: string;
  apps: string[];
  runs: number;
  modes: Mode[];
  work: string;
}

/** Median start-up marks per mode and build; the first build's real-portal figures reported. */
export async function runStartToRows(
  options: StartOptions,
  size: number | null = null,
): Promise<Record<string, Record<string, Marks>>> {
  const { runs, modes } = options;
  const apps = options.apps.map((app) => resolve(app));
  const browser = await chromium.launch(chromiumLaunchOptions);
  const results: Record<string, Record<string, Marks>> = {};
  try {
    for (const mode of modes) {
      const dataDir = join(resolve(options.work), mode);
      prepareCache(resolve(options.cache), dataDir, mode);
      for (const app of apps) {
        await startOnce(browser, app, dataDir); // warm-up: page cache, a clean shutdown
        const marks: Marks[] = [];
        for (let run = 0; run < runs; run++) {
          marks.push(await startOnce(browser, app, dataDir));
          const last = marks.at(-1)!;
          console.log(
            `${mode} ${app} run ${run + 1}: host ${last.hostReady.toFixed(0)} ms, sign-in form ${last.signInForm.toFixed(0)} ms, rows ${last.rows.toFixed(0)} ms`,
          );
        }
        (results[mode] ??= {})[app] = {
          hostReady: median(marks.map((mark) => mark.hostReady)),
          signInForm: median(marks.map((mark) => mark.signInForm)),
          submitted: median(marks.map((mark) => mark.submitted)),
          rows: median(marks.map((mark) => mark.rows)),
        };
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`\nFrom starting the web host to inbox rows in Chromium (median of ${runs}, ms)`);
  console.log(
    ['mode', 'build', 'host ready', 'sign-in form', 'pressed', 'rows', 'rows ×first'].join('\t'),
  );
  for (const [mode, byApp] of Object.entries(results)) {
    const first = byApp[apps[0]!]!.rows;
    for (const [app, marks] of Object.entries(byApp)) {
      console.log(
        [
          mode,
          app,
          marks.hostReady.toFixed(0),
          marks.signInForm.toFixed(0),
          marks.submitted.toFixed(0),
          marks.rows.toFixed(0),
          (marks.rows / first).toFixed(2),
        ].join('\t'),
      );
    }
  }
  const real = results.real?.[apps[0]!];
  if (real) {
    const target = size !== null && size >= 1_000_000 ? 3_000 : 1_500;
    below(
      '§2',
      `démarrage → lignes, connexion comprise (médiane de ${runs})`,
      size,
      real.rows,
      target,
      'ms',
    );
    reportTarget({
      section: '§2',
      what: 'dont : hôte prêt / formulaire affiché / « Se connecter » → lignes',
      size,
      figure: `${real.hostReady.toFixed(0)} / ${real.signInForm.toFixed(0)} / ${(real.rows - real.submitted).toFixed(0)} ms`,
      target: '—',
      met: null,
    });
  }
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(
    root,
    'bench/results',
    `start-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(file, JSON.stringify({ runs, results }, null, 2));
  console.log(`\n${file}`);
  return results;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cache: { type: 'string' },
      app: { type: 'string', multiple: true },
      runs: { type: 'string', default: '5' },
      modes: { type: 'string', default: 'real,training' },
      work: { type: 'string', default: join(tmpdir(), 'bureau-start-caches') },
    },
  });
  if (!values.cache || !values.app?.length) {
    throw new Error('usage: --cache <dir> --app <root> [--app <root>] [--runs 5]');
  }
  await runStartToRows({
    cache: values.cache,
    apps: values.app,
    runs: Number(values.runs),
    modes: values.modes.split(',') as Mode[],
    work: values.work,
  });
}

if (resolve(process.argv[1] ?? '') === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
