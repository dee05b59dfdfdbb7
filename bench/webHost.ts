import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { copyBenchCache } from './benchCache';

export type HostMode = 'real' | 'training';

/** A training account (superviseur) that every bench cache holds. */
export const BENCH_USER = { username: 'ablavi.lawson', password: 'formation-2026' } as const;

/**
 * A desk's data directory from a bench cache, copied once per mode (a real desk's cache is never
 * a training cache). In real-portal mode the portal refuses at once: the desk works offline.
 */
export function prepareCache(source: string, target: string, mode: HostMode): void {
  if (!existsSync(join(target, 'bureau.sqlite'))) {
    mkdirSync(target, { recursive: true });
    copyBenchCache(source, target);
    const db = new Database(join(target, 'bureau.sqlite'));
    db.prepare('UPDATE installation SET training = ?').run(mode === 'training' ? 1 : 0);
    db.close();
  }
  const settings = join(target, 'settings.json');
  if (mode === 'real') {
    writeFileSync(settings, JSON.stringify({ portalUrl: 'http://127.0.0.1:9', portalToken: 'x' }));
  } else rmSync(settings, { force: true });
}

export interface StartedHost {
  launchUrl: string;
  /** A clean stop (SIGTERM): the next start finds the cache as a clerk leaves it. */
  stop(): Promise<void>;
}

/** Starts the built web host (`out/main/webHost.js` of `appRoot`) on `dataDir`. */
export async function startWebHost(appRoot: string, dataDir: string): Promise<StartedHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(appRoot, 'out/main/webHost.js'), '--port', '0', '--data-dir', dataDir],
    {
      cwd: appRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BUREAU_PORTAL_URL: '' },
    },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  let output = '';
  try {
    const launchUrl = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no launch URL:\n${output}`)), 120_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`host exited (${code}):\n${output}`)));
    });
    return { launchUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Signs the bench's account in on the page at the launch URL, up to the inbox's first rows; the
 * times (ms from the call) at which the sign-in form showed and the button was pressed.
 */
export async function signInToRows(
  page: Page,
  launchUrl: string,
): Promise<{ signInForm: number; submitted: number }> {
  const started = performance.now();
  await page.goto(`${launchUrl}#/inbox/all`);
  const form = page.getByRole('form', { name: 'Connexion' });
  await form.getByLabel('Identifiant').waitFor({ timeout: 120_000 });
  const signInForm = performance.now() - started;
  await form.getByLabel('Identifiant').fill(BENCH_USER.username);
  await form.locator('input[type="password"]').fill(BENCH_USER.password);
  await form.getByRole('button', { name: 'Se connecter' }).click();
  const submitted = performance.now() - started;
  await page
    .getByTestId('inbox-grid')
    .locator('[role="rowgroup"] [role="row"]')
    .first()
    .waitFor({ timeout: 120_000 });
  return { signInForm, submitted };
}
