import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRootFrom, resourcesDirOf } from '../../src/main/bootstrap/appPaths';
import { repoRoot, tempDir } from '../support/paths';

// js-yaml comes with electron-builder (the reader of this very file); no typings needed here.
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface FileSet {
  from: string;
  to: string;
  filter: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  extraResources: FileSet[];
  electronFuses: Record<string, boolean>;
  win: { icon: string; target: { target: string }[] };
  nsis: Record<string, unknown>;
  linux: { icon: string; category: string; maintainer: string; target: { target: string }[] };
  deb: { depends: string[] };
}

const config = load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('the electron-builder configuration', () => {
  it('names the French product and its id', () => {
    expect(config.appId).toBe('tg.gouv.bureau');
    expect(config.productName).toBe('Bureau');
  });

  it('flips every hardening fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('packs only the build and package.json, unpacking the SQLite addon, with no rebuild', () => {
    expect(config.files).toEqual(['out/**/*', 'package.json']);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
    expect(config.npmRebuild).toBe(false);
    // The addon ships a Node-API binary per platform, so either package builds anywhere.
    for (const platform of ['linux-x64', 'win32-x64']) {
      expect(
        existsSync(join(repoRoot, `node_modules/better-sqlite3/prebuilds/${platform}.node`)),
      ).toBe(true);
    }
  });

  it('puts the run-time resources where the main bundle looks for them once packaged', () => {
    expect(config.extraResources).toEqual([
      { from: 'resources', to: 'resources', filter: ['**/*', '!icons/**'] },
    ]);
    // A packaged layout: <resources>/app.asar/out/main/index.js and <resources>/resources/…
    const packagedResources = tempDir('bureau-packaged-');
    const bundleDir = join(packagedResources, 'app.asar', 'out', 'main');
    mkdirSync(bundleDir, { recursive: true });
    mkdirSync(join(packagedResources, config.extraResources[0]!.to, 'procedures'), {
      recursive: true,
    });
    expect(appRootFrom(bundleDir)).toBe(packagedResources);
    expect(resourcesDirOf(appRootFrom(bundleDir))).toBe(join(packagedResources, 'resources'));
  });

  it('installs per machine on Windows with a French NSIS installer that keeps the data', () => {
    expect(config.win.target.map((target) => target.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: true,
      language: '1036',
      installerLanguages: ['fr_FR'],
      deleteAppDataOnUninstall: false,
    });
    expect(existsSync(join(repoRoot, config.win.icon))).toBe(true);
  });

  it('builds an AppImage and a .deb with their icons, category, maintainer and dependencies', () => {
    expect(config.linux.target.map((target) => target.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.deb.depends).toEqual(expect.arrayContaining(['libnss3', 'libgbm1']));
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(existsSync(join(repoRoot, config.linux.icon, `${size}x${size}.png`))).toBe(true);
    }
  });
});
