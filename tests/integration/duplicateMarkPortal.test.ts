import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import type { PortalSimulator } from '../../src/simulator/server';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn, PORTAL_TOKEN, startSimulatorOn } from '../support/fakeClockBureau';
import { FAST_TUNING, scalar } from '../support/syncBureau';
import { tempDir } from '../support/testBureau';

/**
 * « Marquer comme doublon » reaches the portal (issue 20 §2): the mark queues
 * `case.duplicate_marked` in the same transaction as the link, on the case marked, naming the
 * case it duplicates, delivered over real HTTP to the simulator, which keeps it on that case and
 * changes no status. A replay of the same request (a lost answer) is applied once; the simulator
 * refuses an unknown `duplicateOf`; a decided case's mark stays on the desk.
 */

const clock = createFakeClock('2026-11-09T08:00:00.000Z');
let simulator: PortalSimulator;
let core: Core;
const KOSSI = 'u-agent-kossi';

async function as<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input, core.contextOf(KOSSI));
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

const outboxOf = (id: string) =>
  core.db
    .prepare(
      'SELECT kind, payload_json, state, idempotency_key FROM outbox WHERE application_id = ? ORDER BY id',
    )
    .all(id) as { kind: string; payload_json: string; state: string; idempotency_key: string }[];

/** Two open cases and one decided case of the office, as the portal lists them. */
function casesOfOffice(): { open: string[]; decided: string } {
  const open = core.db
    .prepare(
      "SELECT id FROM applications WHERE office_code = 'LOM' AND status = 'submitted' ORDER BY id LIMIT 3",
    )
    .pluck()
    .all() as string[];
  const decided = core.db
    .prepare(
      "SELECT id FROM applications WHERE office_code = 'LOM' AND is_open = 0 ORDER BY id LIMIT 1",
    )
    .pluck()
    .get() as string;
  return { open, decided };
}

beforeAll(async () => {
  simulator = await startSimulatorOn(clock, { seed: 20, count: 120 });
  core = openCoreOn(clock, {
    dataDir: tempDir('bureau-duplicate-portal-'),
    portalUrl: simulator.url,
    syncTuning: FAST_TUNING,
  });
  expect(await core.sync.syncNow()).toMatchObject({ phase: 'idle', quarantined: 0 });
});

afterAll(async () => {
  await core?.close();
  await simulator?.close();
});

describe('a duplicate mark sent to the portal', () => {
  it('is queued with the link, delivered, and held by the simulator on the case marked', async () => {
    const { open } = casesOfOffice();
    const [marked, original] = open as [string, string];
    const statusBefore = simulator.store.get(marked)!.status;
    const versionBefore = simulator.store.get(marked)!.version;
    const reason = 'Même facture pro forma déposée deux fois';

    await as('cases.markDuplicate', { id: marked, duplicateOf: original, reason });
    // Same transaction as the link: the outbox row is there before any sync.
    const [queued] = outboxOf(marked);
    // (The desk may already be sending it: a change is pushed at once when online.)
    expect(queued?.kind).toBe('case.duplicate_marked');
    expect(JSON.parse(queued!.payload_json)).toEqual({
      duplicateOf: original,
      reason,
      markedBy: { id: KOSSI, displayName: expect.any(String) },
    });
    // The case it duplicates sends nothing: the event names it.
    expect(outboxOf(original)).toEqual([]);

    await core.sync.syncNow();
    expect(outboxOf(marked)[0]!.state).toBe('sent');
    const held = simulator.events.list(marked);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({
      kind: 'case.duplicate_marked',
      idempotencyKey: queued!.idempotency_key,
      payload: { duplicateOf: original, reason, markedBy: { id: KOSSI } },
    });
    expect(simulator.events.list(original)).toEqual([]);
    // The status stays; the record's version too (nothing of the applicant's view changed).
    expect(simulator.store.get(marked)).toMatchObject({
      status: statusBefore,
      version: versionBefore,
    });
  });

  it('a replay of the same request is applied once (the answer was lost, the desk sends again)', async () => {
    const { open } = casesOfOffice();
    const marked = open[0]!;
    const [sent] = outboxOf(marked);
    // As after a crash between the portal's answer and the desk writing it down.
    core.db
      .prepare("UPDATE outbox SET state = 'pending' WHERE idempotency_key = ?")
      .run(sent!.idempotency_key);
    await core.sync.syncNow();
    expect(outboxOf(marked)[0]!.state).toBe('sent');
    expect(simulator.events.list(marked)).toHaveLength(1);

    // The same bytes over HTTP once more: the first answer, replayed.
    const body = {
      kind: 'case.duplicate_marked',
      occurredAt: '2026-11-09T08:00:00.000Z',
      payload: JSON.parse(sent!.payload_json) as unknown,
    };
    const post = () =>
      fetch(`${simulator.url}/api/v1/applications/${encodeURIComponent(open[2]!)}/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${PORTAL_TOKEN}`,
          'idempotency-key': 'replay-duplicate-0001',
        },
        body: JSON.stringify(body),
      });
    const first = await post();
    expect(first.status).toBe(201);
    const again = await post();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(simulator.events.list(open[2]!)).toHaveLength(1);
  });

  it('the simulator refuses a duplicateOf it does not know, and a reason out of bounds', async () => {
    const { open } = casesOfOffice();
    const send = (key: string, payload: Record<string, unknown>) =>
      fetch(`${simulator.url}/api/v1/applications/${encodeURIComponent(open[1]!)}/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${PORTAL_TOKEN}`,
          'idempotency-key': key,
        },
        body: JSON.stringify({
          kind: 'case.duplicate_marked',
          occurredAt: '2026-11-09T08:00:00.000Z',
          payload: {
            duplicateOf: open[0],
            reason: 'Même demande',
            markedBy: { id: KOSSI, displayName: 'Kossi Agbodjan' },
            ...payload,
          },
        }),
      });
    const unknown = await send('unknown-original-01', { duplicateOf: 'app-nobody' });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(await unknown.json())).toContain('duplicateOf');
    const itself = await send('itself-original-01', { duplicateOf: open[1] });
    expect(itself.status).toBe(422);
    const long = await send('long-reason-0001', { reason: 'x'.repeat(2001) });
    expect(long.status).toBe(422);
    const empty = await send('empty-reason-001', { reason: ' ' });
    expect(empty.status).toBe(422);
    expect(simulator.events.list(open[1]!)).toEqual([]);
  });

  it('a closed case’s mark stays on the desk: nothing the portal would refuse is queued', async () => {
    const { open } = casesOfOffice();
    const closed = core.db
      .prepare(
        "SELECT id FROM applications WHERE office_code = 'LOM' AND status = 'submitted' ORDER BY id LIMIT 1 OFFSET 3",
      )
      .pluck()
      .get() as string;
    // The applicant withdraws it on the portal; the desk hears of it.
    const withdrawn = await fetch(
      `${simulator.url}/__sim/applications/${encodeURIComponent(closed)}/withdraw`,
      { method: 'POST', headers: { authorization: `Bearer ${PORTAL_TOKEN}` } },
    );
    expect(withdrawn.ok).toBe(true);
    await core.sync.syncNow();
    expect(scalar<string>(core.db, 'SELECT status FROM applications WHERE id = ?', closed)).toBe(
      'withdrawn',
    );
    await as('cases.markDuplicate', { id: closed, duplicateOf: open[1]!, reason: 'Déjà traité' });
    expect(
      scalar<number>(
        core.db,
        'SELECT count(*) FROM duplicate_links WHERE application_id = ?',
        closed,
      ),
    ).toBe(1);
    expect(outboxOf(closed)).toEqual([]);
  });
});
