import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g,
    ),
  ].map((match) => match[1] ?? '');

describe('process boundaries', () => {
  it.each(['src/main/core', 'src/shared', 'src/main/web', 'src/main/bootstrap', 'src/simulator'])(
    'nothing under %s imports Electron',
    (folder) => {
      const offenders = sourceFiles(join(root, folder)).filter((file) =>
        importsOf(file).some(
          (specifier) => specifier === 'electron' || specifier.startsWith('electron/'),
        ),
      );
      expect(offenders.map((file) => relative(root, file))).toEqual([]);
    },
  );

  it('src/shared uses no Node built-ins (it runs in the renderer too)', () => {
    const offenders = sourceFiles(join(root, 'src/shared')).filter((file) =>
      importsOf(file).some((specifier) => specifier.startsWith('node:')),
    );
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('the renderer imports neither the main process nor the preload', () => {
    const offenders = sourceFiles(join(root, 'src/renderer')).filter((file) =>
      importsOf(file).some(
        (specifier) => /(^|\/)(main|preload)\//.test(specifier) || specifier === 'electron',
      ),
    );
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });
});
