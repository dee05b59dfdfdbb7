import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

describe('a desk starts without the PDF machinery (issue 18 §2)', () => {
  it('neither loads PDFKit nor reads a font until a PDF is made', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bureau-lazy-pdf-'));
    try {
      const output = execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(root, 'tests/support/startLoadProbe.ts'),
          dataDir,
          join(root, 'resources'),
        ],
        { cwd: root, encoding: 'utf8', timeout: 120_000 },
      );
      const probe = JSON.parse(output) as { pdfModules: string[]; fontsRead: string[] };
      expect(probe.pdfModules).toEqual([]);
      expect(probe.fontsRead).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
