import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths';

// The suites' temp directories are removed when they end: run for real in a child with its own
// TMPDIR, then nothing of Bureau's may be left in it.
const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function ownTmp(name: string): string {
  const dir = join(repoRoot, 'tests/artifacts', `tmp-${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  scratch.push(dir);
  return dir;
}

/** The environment without vitest's own variables, so that a child runs as if started by hand. */
function childEnv(tmp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
  for (const key of Object.keys(env))
    if (key.startsWith('VITEST') || key === 'TEST') delete env[key];
  return env;
}

const leftovers = (tmp: string) => readdirSync(tmp).filter((name) => name.startsWith('bureau-'));

describe('temp directories of the test suites', () => {
  it('a vitest file leaves none behind', () => {
    const tmp = ownTmp('vitest');
    const run = spawnSync(
      'npx',
      ['vitest', 'run', '--project', 'unit', 'tests/unit/savedViews.test.ts'],
      { cwd: repoRoot, env: childEnv(tmp), encoding: 'utf8' },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/passed/);
    expect(leftovers(tmp)).toEqual([]);
  });

  it('a Playwright worker (a plain process) leaves none behind when it exits', () => {
    const tmp = ownTmp('worker');
    const run = spawnSync(
      'npx',
      [
        'tsx',
        '-e',
        "import { tempDir } from './tests/support/paths.ts'; console.log(tempDir('bureau-e2e-'));",
      ],
      { cwd: repoRoot, env: childEnv(tmp), encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().startsWith(tmp)).toBe(true);
    expect(leftovers(tmp)).toEqual([]);
  });
});
