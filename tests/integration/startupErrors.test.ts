import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../src/main/core/catalog/loadCatalog';
import { createCore } from '../../src/main/core/createCore';
import { resourcesDir, tempDir } from '../support/testBureau';

describe('start-up with a broken procedure catalog', () => {
  it('stops with an error naming the file and the field', () => {
    const resources = tempDir('bureau-resources-');
    cpSync(resourcesDir, resources, { recursive: true });
    const file = join(resources, 'procedures', 'COM-IMPEX.json');
    const broken = JSON.parse(readFileSync(file, 'utf8')) as { slaWorkingDays: unknown };
    broken.slaWorkingDays = 'dix';
    writeFileSync(file, JSON.stringify(broken));
    const start = () =>
      createCore({
        dataDir: tempDir(),
        resourcesDir: resources,
        portal: { url: 'http://127.0.0.1:9' },
      });
    expect(start).toThrow(CatalogError);
    expect(start).toThrow(/fichier « COM-IMPEX\.json », champ « slaWorkingDays »/);
  });
});
