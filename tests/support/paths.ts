import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const tempDir = (prefix = 'bureau-test-') => mkdtempSync(join(tmpdir(), prefix));
