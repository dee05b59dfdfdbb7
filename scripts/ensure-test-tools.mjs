// Finds the system tools the tests spawn and installs the missing ones where it can, so that
// `npm install && npm test` works on a bare Debian machine. Run by npm before each test stage
// (`pretest:unit`, `pretest:integration`, `pretest:e2e`) and by `.ci/run`. Plain Node, no
// dependency: it also runs on Node 20 before `npm ci`.
//
//   node scripts/ensure-test-tools.mjs [--for unit|integration|e2e|all[,…]] [--dry-run]
//
// - Chromium is looked for where the e2e tests launch it (tests/support/chromium.ts):
//   `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. A `CHROMIUM_PATH` that is not an
//   executable is an error, never an install: installing Debian's Chromium would not fix it.
// - pdfinfo, pdftotext, pdftoppm, qpdf and zbarimg are looked up on the PATH, as the tests'
//   `execFile` does.
// - Missing tools are installed with apt-get (DEBIAN_FRONTEND=noninteractive) as root, or
//   through `sudo -n` when it needs no password. Otherwise — not Debian, not root without sudo,
//   or `ENSURE_TEST_TOOLS_NO_INSTALL=1` — it stops at once (exit 1) with one French and one
//   English line giving the command to run.
// - `--dry-run` prints the apt-get commands instead of running them.
// - `ENSURE_TEST_TOOLS_DEBIAN_CHROMIUM` overrides `/usr/bin/chromium` (for its own tests only).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import process from 'node:process';

const DEBIAN_CHROMIUM = process.env.ENSURE_TEST_TOOLS_DEBIAN_CHROMIUM || '/usr/bin/chromium';

/** Each tool and the Debian package that provides it. */
const PACKAGE_OF = {
  chromium: 'chromium',
  pdfinfo: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  qpdf: 'qpdf',
  zbarimg: 'zbar-tools',
};

/** What each test stage spawns (grep execFile/spawn in tests/): keep in step with the tests. */
const NEEDED_BY = {
  unit: [],
  // tests/integration/certificates.test.ts
  integration: ['pdfinfo', 'pdftotext', 'pdftoppm', 'qpdf', 'zbarimg'],
  // every e2e test drives Chromium; tests/e2e/certificates.e2e.ts reads the QR code back
  e2e: ['chromium', 'pdftoppm', 'zbarimg'],
};

function usage(message) {
  if (message) console.error(`ensure-test-tools: ${message}`);
  console.error(
    'usage: node scripts/ensure-test-tools.mjs [--for unit|integration|e2e|all[,…]] [--dry-run]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const stages = [];
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--help' || arg === '-h') usage();
    else if (arg === '--for' || arg.startsWith('--for=')) {
      const value = arg === '--for' ? argv[++i] : arg.slice('--for='.length);
      if (!value) usage('--for needs a value');
      for (const stage of value.split(',')) {
        if (stage === 'all') stages.push(...Object.keys(NEEDED_BY));
        else if (stage in NEEDED_BY) stages.push(stage);
        else usage(`unknown stage « ${stage} »`);
      }
    } else usage(`unknown argument « ${arg} »`);
  }
  return { stages: stages.length ? [...new Set(stages)] : Object.keys(NEEDED_BY), dryRun };
}

function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` on the PATH (then in `fallbacks`), or undefined. */
function which(name, fallbacks = []) {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const file of [...dirs.map((dir) => join(dir, name)), ...fallbacks]) {
    if (isExecutableFile(file)) return file;
  }
  return undefined;
}

function isPresent(tool) {
  if (tool === 'chromium') return isExecutableFile(process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM);
  return which(tool) !== undefined;
}

/** Stops at once: one French line, one English line, exit 1. */
function stop(french, english) {
  console.error(`ensure-test-tools: ${french}`);
  console.error(`ensure-test-tools: ${english}`);
  process.exit(1);
}

const isRoot = process.getuid?.() === 0;

/** The command a person runs by hand to install `packages`. */
function manualCommand(packages) {
  const s = isRoot ? '' : 'sudo ';
  return `${s}apt-get update && ${s}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** How to install: as root, through password-less sudo, or not at all. */
function installer(aptGet) {
  if (process.env.ENSURE_TEST_TOOLS_NO_INSTALL || !aptGet) return { kind: 'none' };
  if (isRoot) return { kind: 'root' };
  const sudo = which('sudo', ['/usr/bin/sudo', '/bin/sudo']);
  if (sudo && spawnSync(sudo, ['-n', 'true'], { stdio: 'ignore' }).status === 0) {
    return { kind: 'sudo', path: sudo };
  }
  return { kind: 'none' };
}

function main() {
  const { stages, dryRun } = parseArgs(process.argv.slice(2));
  const label = stages.join(', ');
  const needed = [...new Set(stages.flatMap((stage) => NEEDED_BY[stage]))];
  if (needed.length === 0) {
    console.log(`ensure-test-tools (${label}): aucun outil système requis / no system tool needed`);
    return;
  }

  const chromiumPath = process.env.CHROMIUM_PATH;
  if (needed.includes('chromium') && chromiumPath && !isExecutableFile(chromiumPath)) {
    stop(
      `CHROMIUM_PATH=${chromiumPath} n'est pas un exécutable : corrigez-le, ou retirez-le pour utiliser le Chromium de Debian (${DEBIAN_CHROMIUM}).`,
      `CHROMIUM_PATH=${chromiumPath} is not an executable: fix it, or unset it to use Debian's Chromium (${DEBIAN_CHROMIUM}).`,
    );
  }

  const missing = needed.filter((tool) => !isPresent(tool));
  if (missing.length === 0) {
    console.log(`ensure-test-tools (${label}): présents / present: ${needed.join(', ')}`);
    return;
  }

  const packages = [...new Set(missing.map((tool) => PACKAGE_OF[tool]))];
  const tools = missing.map((tool) => `${tool} (${PACKAGE_OF[tool]})`).join(', ');
  console.log(`ensure-test-tools (${label}): manquants / missing: ${tools}`);

  const aptGet = which('apt-get', ['/usr/bin/apt-get', '/bin/apt-get']);
  const how = installer(aptGet);
  const command = manualCommand(packages);
  if (how.kind === 'none') {
    const names = missing.join(', ');
    const browserFr = missing.includes('chromium') ? ' (ou CHROMIUM_PATH=<un Chromium>)' : '';
    const browserEn = missing.includes('chromium') ? ' (or CHROMIUM_PATH=<a Chromium>)' : '';
    if (!aptGet) {
      stop(
        `Outils de test manquants : ${names}${browserFr} ; installez-les avec le gestionnaire de paquets du système (paquets Debian : ${packages.join(' ')}), puis relancez npm test.`,
        `Missing test tools: ${names}${browserEn}; install them with the system's package manager (Debian packages: ${packages.join(' ')}), then run npm test again.`,
      );
    }
    stop(
      `Outils de test manquants : ${names}${browserFr} ; lancez, puis relancez npm test : ${command}`,
      `Missing test tools: ${names}${browserEn}; run, then run npm test again: ${command}`,
    );
  }

  const prefix = how.kind === 'sudo' ? [how.path, '-n', 'env'] : [];
  const steps = [
    [...prefix, 'DEBIAN_FRONTEND=noninteractive', aptGet, 'update', '-qq'],
    [
      ...prefix,
      'DEBIAN_FRONTEND=noninteractive',
      aptGet,
      'install',
      '-y',
      '-qq',
      '--no-install-recommends',
      ...packages,
    ],
  ];
  for (const step of steps) {
    console.log(
      `ensure-test-tools: ${dryRun ? 'would run / lancerait' : 'installation / installing'}: ${step.join(' ')}`,
    );
    if (dryRun) continue;
    // DEBIAN_FRONTEND=… is passed as an environment variable when not going through sudo's env.
    const argv = how.kind === 'sudo' ? step : step.slice(1);
    const result = spawnSync(argv[0], argv.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      stop(
        `apt-get a échoué (${result.error?.message ?? `code ${result.status}`}) ; lancez, puis relancez npm test : ${command}`,
        `apt-get failed (${result.error?.message ?? `exit ${result.status}`}); run, then run npm test again: ${command}`,
      );
    }
  }
  if (dryRun) return;

  const stillMissing = missing.filter((tool) => !isPresent(tool));
  if (stillMissing.length > 0) {
    stop(
      `Toujours manquants après apt-get : ${stillMissing.join(', ')} (PATH=${process.env.PATH}).`,
      `Still missing after apt-get: ${stillMissing.join(', ')} (PATH=${process.env.PATH}).`,
    );
  }
  console.log(`ensure-test-tools (${label}): installés / installed: ${packages.join(' ')}`);
}

main();
