// Launches Bureau: the Electron app where its binary is available, otherwise the same app
// through the web host (plain Node), with one line saying so.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 22) {
  console.error(
    `Bureau a besoin de Node 22 ou plus (trouvé ${process.version}) : lancez-le par « npm start », qui utilise le Node 24 installé avec le projet.`,
  );
  process.exit(1);
}

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const resolveBinary = () =>
    existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
  let binary = resolveBinary();
  if (binary && existsSync(binary)) return binary;
  // First launch: Electron 45 fetches its binary now. Quietly, and not for ever.
  spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: 'ignore',
    timeout: 180_000,
  });
  binary = resolveBinary();
  return binary && existsSync(binary) ? binary : null;
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const binary = process.env.BUREAU_FORCE_WEB ? null : electronBinary();
if (binary) {
  run(binary, ['.']);
} else {
  console.log(
    "Electron n'est pas disponible sur cette machine (binaire absent, téléchargement impossible) : Bureau démarre dans le navigateur via l'hôte web local.",
  );
  run(process.execPath, ['out/main/webHost.js', ...process.argv.slice(2)]);
}
