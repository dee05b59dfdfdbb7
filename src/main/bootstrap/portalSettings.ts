import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const settingsFile = z.strictObject({
  portalUrl: z.url().optional(),
  portalToken: z.string().min(1).optional(),
});

export interface PortalSettings {
  url: string;
  token?: string | undefined;
}

/**
 * A real portal is configured by `BUREAU_PORTAL_URL` / `BUREAU_PORTAL_TOKEN`, or by
 * `<dataDir>/settings.json` ({ "portalUrl", "portalToken" }). Neither → training mode (null).
 */
export function readPortalSettings(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): PortalSettings | null {
  if (env.BUREAU_PORTAL_URL) {
    return { url: env.BUREAU_PORTAL_URL, token: env.BUREAU_PORTAL_TOKEN };
  }
  const file = join(dataDir, 'settings.json');
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Réglages illisibles dans ${file} : ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = settingsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Réglages invalides dans ${file}, champ « ${issue?.path.join('.') ?? '?'} » : ${issue?.message ?? ''}`,
    );
  }
  if (!parsed.data.portalUrl) return null;
  return { url: parsed.data.portalUrl, token: parsed.data.portalToken };
}
