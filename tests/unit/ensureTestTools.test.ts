import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../support/paths';

// scripts/ensure-test-tools.mjs, run as `npm test` runs it, on a PATH that holds only `node`:
// every PDF tool is missing, and Chromium is looked for at a path that does not exist.
const script = join(repoRoot, 'scripts', 'ensure-test-tools.mjs');
const isRoot = process.getuid?.() === 0;
const nowhere = '/nonexistent/bureau-test/chromium';
const allPackages = ['poppler-utils', 'qpdf', 'zbar-tools', 'chromium'];

let bareBin: string;

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync('node', [script, ...args], {
    encoding: 'utf8',
    env: { PATH: bareBin, ENSURE_TEST_TOOLS_DEBIAN_CHROMIUM: nowhere, ...env },
  });
  return { status: result.status, out: result.stdout + result.stderr, stderr: result.stderr };
}

beforeAll(() => {
  bareBin = tempDir('bureau-tools-');
  symlinkSync(process.execPath, join(bareBin, 'node'));
});

describe('ensure-test-tools', () => {
  it('names the Debian packages of every missing tool', () => {
    const { out } = run(['--for', 'all', '--dry-run']);
    expect(out).toMatch(/manquants \/ missing: .*pdfinfo \(poppler-utils\)/);
    for (const name of allPackages) expect(out).toContain(name);
  });

  it.runIf(isRoot)('as root, --dry-run prints the apt-get commands it would run', () => {
    const { status, out } = run(['--for', 'all', '--dry-run']);
    expect(status).toBe(0);
    expect(out).toMatch(/would run .*: DEBIAN_FRONTEND=noninteractive \S*apt-get update -qq/);
    expect(out).toMatch(
      /would run .*: DEBIAN_FRONTEND=noninteractive \S*apt-get install -y -qq --no-install-recommends poppler-utils qpdf zbar-tools chromium$/m,
    );
  });

  it('when it may not install, stops at once with the command in French and English', () => {
    const { status, stderr } = run(['--for', 'all', '--dry-run'], {
      ENSURE_TEST_TOOLS_NO_INSTALL: '1',
    });
    expect(status).toBe(1);
    const s = isRoot ? '' : 'sudo ';
    const command = `${s}apt-get update && ${s}apt-get install -y --no-install-recommends poppler-utils qpdf zbar-tools chromium`;
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ensure-test-tools: Outils de test manquants : .*lancez.*relancez/);
    expect(lines[0]!.endsWith(`: ${command}`)).toBe(true);
    expect(lines[1]).toMatch(/^ensure-test-tools: Missing test tools: .*run npm test again/);
    expect(lines[1]!.endsWith(`: ${command}`)).toBe(true);
  });

  it('asks only for what a stage uses: unit needs nothing, e2e no qpdf', () => {
    const unit = run(['--for', 'unit'], { ENSURE_TEST_TOOLS_NO_INSTALL: '1' });
    expect(unit.status).toBe(0);
    expect(unit.out.trim().split('\n')).toHaveLength(1);

    const e2e = run(['--for', 'e2e'], { ENSURE_TEST_TOOLS_NO_INSTALL: '1' });
    expect(e2e.status).toBe(1);
    expect(e2e.stderr).toContain(
      'install -y --no-install-recommends chromium poppler-utils zbar-tools',
    );
    expect(e2e.stderr).not.toContain('qpdf');
  });

  it('says one line and calls no apt-get when everything is there', () => {
    const bin = tempDir('bureau-tools-');
    symlinkSync(process.execPath, join(bin, 'node'));
    for (const tool of ['pdfinfo', 'pdftotext', 'pdftoppm', 'qpdf', 'zbarimg', 'chromium']) {
      writeFileSync(join(bin, tool), '#!/bin/sh\nexit 0\n');
      chmodSync(join(bin, tool), 0o755);
    }
    const { status, out } = run(['--for', 'all'], {
      PATH: bin,
      ENSURE_TEST_TOOLS_DEBIAN_CHROMIUM: join(bin, 'chromium'),
      ENSURE_TEST_TOOLS_NO_INSTALL: '1',
    });
    expect(status).toBe(0);
    expect(out.trim().split('\n')).toEqual([
      'ensure-test-tools (unit, integration, e2e): présents / present: pdfinfo, pdftotext, pdftoppm, qpdf, zbarimg, chromium',
    ]);
  });

  it('refuses a CHROMIUM_PATH that is not an executable instead of installing Chromium', () => {
    const { status, stderr } = run(['--for', 'e2e', '--dry-run'], { CHROMIUM_PATH: nowhere });
    expect(status).toBe(1);
    expect(stderr).toContain(`CHROMIUM_PATH=${nowhere} n'est pas un exécutable`);
    expect(stderr).toContain(`CHROMIUM_PATH=${nowhere} is not an executable`);
    expect(stderr).not.toContain('apt-get');
  });

  it('looks for Chromium where the e2e tests launch it', () => {
    const launcher = readFileSync(join(repoRoot, 'tests', 'support', 'chromium.ts'), 'utf8');
    expect(launcher).toContain("process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'");
    expect(readFileSync(script, 'utf8')).toContain("|| '/usr/bin/chromium'");
  });
});
