import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');

const made = new Set<string>();

/**
 * A fresh directory under the system's temp directory, removed when the test file ends (vitest:
 * tests/support/removeTempDirs.ts) or when the Playwright worker exits. Left behind, every run of
 * the suites added some 250 directories to /tmp (12.6 GB on a developer's machine after a few
 * weeks), and a CI machine keeps its /tmp between clean clones.
 */
export function tempDir(prefix = 'bureau-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes the directories `tempDir` made in this process; one still in use is left, silently. */
export function removeTempDirs(): void {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A child process still writing there: the directory stays, the run goes on.
    }
  }
  made.clear();
}

// Playwright's workers are processes that load this module once; vitest removes at each file's end.
if (!process.env.VITEST) process.once('exit', removeTempDirs);
