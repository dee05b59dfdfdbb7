import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPendingRestore } from '../../src/main/core/backup/restoreBackup';
import type { Core } from '../../src/main/core/createCore';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import { openCore, startSimulator, tempDir } from '../support/testBureau';

/**
 * A restore takes the certificate counters back to the backup while the PDFs issued since stay
 * on disk and with their holders: the next certificate must not reuse one of their numbers.
 */
const ADMIN = 'u-admin-edem';
const CLERK = 'u-agent-kossi';

async function as<M extends MethodName>(
  core: Core,
  userId: string,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input, core.contextOf(userId));
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

let simulator: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  simulator = await startSimulator(60, 5);
});
afterAll(async () => {
  await simulator?.close();
});

const taken = new Set<string>();
async function issueOne(core: Core): Promise<string> {
  const id = (
    core.db
      .prepare(
        "SELECT id FROM applications WHERE procedure_code = 'COM-IMPEX' AND office_code = 'LOM' AND status = 'submitted' ORDER BY id",
      )
      .pluck()
      .all() as string[]
  ).find((candidate) => !taken.has(candidate));
  if (!id) throw new Error('no fresh COM-IMPEX case in LOM');
  taken.add(id);
  await as(core, CLERK, 'cases.claim', { id });
  for (const item of core.catalog.get('COM-IMPEX')!.checklist) {
    await as(core, CLERK, 'cases.tickChecklist', { id, itemId: item.id, checked: true });
  }
  await as(core, CLERK, 'cases.approve', { id });
  const [certificate] = await as(core, CLERK, 'certificates.forCase', { caseId: id });
  return (
    certificate?.number ?? (await as(core, CLERK, 'certificates.issue', { caseId: id })).number
  );
}

describe('certificate numbers after a restore', () => {
  it('never hands out again a number issued after the backup', async () => {
    const dataDir = tempDir('bureau-cert-restore-');
    const open = () => openCore({ dataDir, portalUrl: simulator.url, token: simulator.token });
    const core = open();
    await core.sync.syncNow();
    const first = await issueOne(core);
    const backup = await as(core, ADMIN, 'backups.create', {});
    const second = await issueOne(core);
    const third = await issueOne(core);
    expect([first, second, third].map((number) => number.slice(-6))).toEqual([
      '000001',
      '000002',
      '000003',
    ]);
    await as(core, ADMIN, 'backups.scheduleRestore', { backupId: backup.id });
    await core.close();
    expect((await applyPendingRestore(dataDir, new Date())).status).toBe('restored');

    const restored = open();
    try {
      // The database forgot the last two; their files did not.
      expect(restored.db.prepare('SELECT count(*) FROM certificates').pluck().get()).toBe(1);
      const raised = restored.db
        .prepare("SELECT last_seq FROM certificate_counters WHERE procedure_code = 'COM-IMPEX'")
        .pluck()
        .get();
      expect(raised).toBe(3);
      const audit = restored.db
        .prepare("SELECT summary_json FROM audit_log WHERE action = 'certificate.counter_raised'")
        .pluck()
        .all() as string[];
      expect(audit).toHaveLength(1);
      await restored.sync.syncNow();
      const next = await issueOne(restored);
      expect(next.slice(-6)).toBe('000004');
      expect([first, second, third]).not.toContain(next);
    } finally {
      await restored.close();
    }
  });
});
