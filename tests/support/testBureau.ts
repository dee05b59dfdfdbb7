import { join } from 'node:path';
import { TRAINING_USERS } from '../../src/main/core/auth/trainingUsers';
import type { CurrentUser } from '../../src/shared/api/types';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Scheduler } from '../../src/main/core/clock';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import { startPortalSimulator } from '../../src/simulator/server';

import { repoRoot, tempDir } from './paths';

export { repoRoot, tempDir };
export const resourcesDir = join(repoRoot, 'resources');
export const procedures = () => [...loadCatalog(join(resourcesDir, 'procedures')).procedures];

export async function startSimulator(count: number, seed = 7) {
  const token = 'test-portal-token';
  const simulator = await startPortalSimulator({
    seed,
    count,
    port: 0,
    token,
    procedures: procedures(),
  });
  const admin = async (path: string, body: unknown = {}) => {
    const response = await fetch(`${simulator.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  return { ...simulator, token, admin };
}

export function openCore(options: {
  dataDir: string;
  portalUrl: string;
  token?: string;
  /** The core's time and timers (a fake clock from ./fakeClock); default the real ones. */
  clock?: Scheduler;
  /** Default true: the seeded training accounts. A real office's cache starts without any. */
  trainingMode?: boolean;
}): Core {
  return createCore({
    dataDir: options.dataDir,
    resourcesDir,
    portal: { url: options.portalUrl, token: options.token, timeoutMs: 5_000 },
    trainingMode: options.trainingMode ?? true,
    log: () => {},
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

/** Calls the API as the default desktop user and unwraps the result. */
export async function call<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input, core.contextOf());
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

/** The seeded training staff as the core sees them (active accounts only). */
export function trainingUsersOf(core: Core): CurrentUser[] {
  return TRAINING_USERS.map((user) => core.contextOf(user.id).user).filter(
    (user): user is CurrentUser => user !== null,
  );
}
