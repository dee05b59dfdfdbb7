import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createDueDateRecompute } from '../../src/main/core/admin/dueDateRecompute';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

const catalog = loadCatalog(join(import.meta.dirname, '..', '..', 'resources', 'procedures'));

describe('deadline recompute bookkeeping', () => {
  it('a pending recompute with no changed date finishes at once, moving nothing', async () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    db.prepare("INSERT INTO holiday_recompute VALUES (1, '[]', '', '')").run();
    const recompute = createDueDateRecompute(db, catalog);
    expect(recompute.isPending()).toBe(true);
    await expect(recompute.finishPending(() => [])).resolves.toEqual([]);
    expect(recompute.isPending()).toBe(false);
    db.close();
  });
});
