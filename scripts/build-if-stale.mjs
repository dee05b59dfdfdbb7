// Builds Bureau (electron-vite) only when out/ is older than a file it is built from: `npm start`
// and `npm run web` then open in about a second when nothing changed, instead of rebuilding the
// renderer each time (~10 s). `npm test` and the packaging scripts still build fresh.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** What each host loads: a build missing any of them is no build. */
const OUTPUTS = [
  'out/main/index.js',
  'out/main/webHost.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];
/** What the bundles are built from (resources/ is read at run time, not bundled). */
const INPUTS = [
  'src',
  'electron.vite.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'tsconfig.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
];

/** The newest modification time under `path` (a file or a folder), 0 when it is missing. */
function newestUnder(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestUnder(join(path, entry)));
  return newest;
}

function staleness() {
  const outputs = OUTPUTS.map((file) => join(root, file));
  const missing = outputs.find((file) => !existsSync(file));
  if (missing) return `${missing} manque`;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const changed = Math.max(...INPUTS.map((input) => newestUnder(join(root, input))));
  return changed > built ? 'des sources ont changé depuis la dernière construction' : null;
}

const reason = process.argv.includes('--force') ? 'construction demandée' : staleness();
if (reason === null) {
  console.log(
    'Construction à jour (out/ est plus récent que les sources) : pas de reconstruction.',
  );
} else {
  console.log(`Construction de Bureau (${reason})…`);
  const result = spawnSync('electron-vite', ['build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error) throw result.error;
  process.exit(result.status ?? 1);
}
