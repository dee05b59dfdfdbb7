import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { repoRoot, tempDir } from './paths';

export interface RunningWebHost {
  launchUrl: string;
  /** The embedded simulator's admin token (tests play the applicant through `/__sim`). */
  portalToken: string;
  origin: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the built web host (`out/main/webHost.js`) exactly as `npm start` does on a machine
 * without Electron: training mode, a fresh data directory, a random port — or, with `portal`, a
 * desk of a real office syncing with that portal (several hosts on one simulator = several desks).
 */
export async function startBuiltWebHost(
  trainingCount = 240,
  options: {
    /** An existing data directory (a restart, a prepared or damaged cache); default: a new one. */
    dataDir?: string;
    portal?: { url: string; token: string };
  } = {},
): Promise<RunningWebHost> {
  const dataDir = options.dataDir ?? tempDir('bureau-e2e-');
  const portalToken = randomBytes(24).toString('hex');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(repoRoot, 'out/main/webHost.js'),
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--training-count',
      String(trainingCount),
      '--training-portal-token',
      portalToken,
    ],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        BUREAU_PORTAL_URL: options.portal?.url ?? '',
        BUREAU_PORTAL_TOKEN: options.portal?.token ?? '',
      },
    },
  );
  let output = '';
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited (${code}):\n${output}`)));
  });
  return {
    launchUrl,
    portalToken,
    origin: new URL(launchUrl).origin,
    dataDir,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface RunningSimulator {
  url: string;
  stop(): Promise<void>;
}

/**
 * The portal simulator in its own process (`npm run simulator`), for end-to-end tests whose
 * desks are real offices: Playwright's loader cannot import the simulator's JSON modules.
 */
export async function startSimulatorProcess(options: {
  seed: number;
  count: number;
  token: string;
}): Promise<RunningSimulator> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
      join(repoRoot, 'src/simulator/cli.ts'),
      '--port',
      '0',
      '--seed',
      String(options.seed),
      '--count',
      String(options.count),
      '--token',
      options.token,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`simulator did not start:\n${output}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /prêt : (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}):\n${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
