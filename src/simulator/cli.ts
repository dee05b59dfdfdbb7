import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../main/core/catalog/loadCatalog';
import { startPortalSimulator } from './server';

/**
 * `npm run simulator -- --port 4010 --seed 42 --count 500 [--rate 6] [--token x] [--host 127.0.0.1] [--api 1]`
 * Starts the portal simulator in the foreground until Ctrl+C.
 */

const USAGE =
  'Usage : npm run simulator -- [--port 4010] [--seed 42] [--count 500] [--rate 0] [--token jeton] [--host 127.0.0.1] [--api 2]';

function integerOption(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min) {
    console.error(`Option --${name} invalide : « ${value} ».\n${USAGE}`);
    process.exit(2);
  }
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      count: { type: 'string' },
      rate: { type: 'string' },
      token: { type: 'string' },
      host: { type: 'string' },
      api: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.api !== undefined && values.api !== '1' && values.api !== '2') {
    console.error(`Option --api invalide : « ${values.api} » (1 ou 2).\n${USAGE}`);
    process.exit(2);
  }
  const api = values.api === '1' ? 1 : 2;
  const repoRoot = join(import.meta.dirname, '..', '..');
  const catalog = loadCatalog(join(repoRoot, 'resources', 'procedures'));
  const started = performance.now();
  const simulator = await startPortalSimulator({
    port: integerOption(values.port, 'port', 4010, 0),
    seed: integerOption(values.seed, 'seed', 42, 0),
    count: integerOption(values.count, 'count', 500, 0),
    arrivalsPerMinute: integerOption(values.rate, 'rate', 0, 0),
    procedures: [...catalog.procedures],
    ...(values.token ? { token: values.token } : {}),
    ...(values.host ? { host: values.host } : {}),
    api,
  });
  const elapsed = Math.round(performance.now() - started);
  console.log(
    `Simulateur du portail prêt : ${simulator.url}  (${simulator.store.size} demandes, ${elapsed} ms)`,
  );
  console.log(`  GET  ${simulator.url}/api/v1/health`);
  console.log(`  GET  ${simulator.url}/api/v1/applications?limit=100`);
  if (api === 2) console.log(`  GET  ${simulator.url}/api/v2/capabilities`);
  else console.log('  API v1 seulement : /api/v2/* répond 404.');
  if (values.token) console.log('  Authentification : Authorization: Bearer <jeton>');
  console.log('Ctrl+C pour arrêter.');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('\nArrêt du simulateur…');
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
