import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The built main bundle lives in `<root>/out/main/`; resources and the renderer build are found
 * from there, whichever host (Electron or plain Node) runs it.
 */
export function appRootFrom(bundleDir: string): string {
  let dir = resolve(bundleDir);
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'resources', 'procedures'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`Dossier « resources/procedures » introuvable au-dessus de ${bundleDir}`);
}

export const resourcesDirOf = (root: string) => join(root, 'resources');
export const rendererDirOf = (root: string) => join(root, 'out', 'renderer');
