import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { appRootFrom, rendererDirOf } from '../bootstrap/appPaths';
import { startBureau } from '../bootstrap/startBureau';
import { startWebHost } from './webHost';

/**
 * Entry of the browser host: the same core and renderer build as the Electron app, served on
 * loopback. Run by `npm start` where Electron is unavailable, and by the end-to-end tests.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.BUREAU_PORT ?? '5174' },
      'data-dir': { type: 'string', default: process.env.BUREAU_DATA_DIR },
      'training-count': { type: 'string' },
      'training-portal-token': { type: 'string' },
    },
  });
  const appRoot = appRootFrom(import.meta.dirname);
  const dataDir = resolve(values['data-dir'] ?? join(homedir(), '.bureau'));
  const version = (
    JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const bureau = await startBureau({
    appRoot,
    dataDir,
    host: 'web',
    version,
    ...(values['training-count'] ? { trainingCount: Number(values['training-count']) } : {}),
    ...(values['training-portal-token']
      ? { trainingPortalToken: values['training-portal-token'] }
      : {}),
  });
  const host = await startWebHost({
    dispatch: bureau.core.dispatch,
    events: bureau.core.events,
    context: (sessionKey, contextOptions) => bureau.core.contextFor(sessionKey, contextOptions),
    rendererDir: rendererDirOf(appRoot),
    token: randomBytes(32).toString('base64url'),
    port: Number(values.port),
  });
  const mode = bureau.trainingPortalUrl ? ' (mode formation : portail simulé intégré)' : '';
  console.log(`Bureau est servi sur ${host.launchUrl}${mode}`);
  console.log(`Données : ${dataDir}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await bureau.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Bureau n'a pas pu démarrer : ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});
