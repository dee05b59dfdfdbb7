import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';
import { createFakeClock, type FakeClock } from '../support/fakeClock';
import { openCoreOn } from '../support/fakeClockBureau';
import { startLinkProxy } from '../support/linkProxy';
import { eventually, FAST_TUNING, openSyncCore, scalar, setFaults } from '../support/syncBureau';
import { startSimulator, tempDir } from '../support/testBureau';

/**
 * Issue 13, replayed against the simulator over real HTTP: a broken or hostile portal can never
 * hurt a desk. Hostile records go through `POST /__sim/raw-items` (spliced verbatim into the
 * feed), hostile attachments through `POST /__sim/documents`; a counting proxy stands for the
 * office's link so a test can cut it and count what Bureau asks for.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const ENGLISH = /\b(Invalid|expected|received|Too big|Too small|Unrecognized|must be|input)\b/;

/** `clock`: the core's time and timers are the test's (tests/support/fakeClock.ts). */
async function setup(tuning: Parameters<typeof openSyncCore>[0]['tuning'] = {}, clock?: FakeClock) {
  const simulator = await startSimulator(2, 13);
  cleanups.push(() => simulator.close());
  const link = await startLinkProxy(simulator.url);
  cleanups.push(() => link.close());
  const parent = tempDir('bureau-hostile-');
  const dataDir = join(parent, 'data');
  mkdirSync(dataDir);
  const core = clock
    ? openCoreOn(clock, {
        dataDir,
        portalUrl: link.url,
        token: simulator.token,
        timeoutMs: 3_000,
        syncTuning: { ...FAST_TUNING, ...tuning },
      })
    : openSyncCore({ dataDir, portalUrl: link.url, token: simulator.token, tuning });
  cleanups.push(() => core.close());
  const base = structuredClone(simulator.store.page(0, 1).items[0] as PortalApplication);
  let serial = 0;
  /** A valid record of its own (new id, reference and document ids), to be bent by the test. */
  const variant = (): PortalApplication & Record<string, unknown> => {
    serial++;
    const tag = String(900_000 + serial);
    return {
      ...structuredClone(base),
      id: `app-hostile-${tag}`,
      reference: base.reference.replace(/\d{6}$/, tag),
      documents: [],
    };
  };
  const rawItems = (items: (string | object)[]) =>
    simulator.admin('/__sim/raw-items', {
      items: items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))),
    });
  const serveDocument = async (
    id: string,
    bytes: Buffer,
    behaviour = 'normal',
    extra: Record<string, unknown> = {},
  ) =>
    (await simulator.admin('/__sim/documents', {
      id,
      base64: bytes.toString('base64'),
      behaviour,
      ...extra,
    })) as { size: number; sha256: string };
  const documentOf = (id: string, served: { size: number; sha256: string }) => ({
    id,
    code: base.documents[0]?.code ?? 'PIECE',
    fileName: 'piece.pdf',
    mimeType: 'application/pdf' as const,
    size: served.size,
    sha256: served.sha256,
  });
  const quarantine = () =>
    core.db
      .prepare('SELECT portal_id, reason, raw_json, seen_count FROM quarantine ORDER BY id')
      .all() as {
      portal_id: string | null;
      reason: string;
      raw_json: string;
      seen_count: number;
    }[];
  return {
    simulator,
    link,
    core,
    parent,
    dataDir,
    base,
    variant,
    rawItems,
    serveDocument,
    documentOf,
    quarantine,
  };
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return found.sort();
}

const documentState = (core: ReturnType<typeof openSyncCore>, id: string) =>
  core.db.prepare('SELECT state, attempts, last_error FROM documents WHERE id = ?').get(id) as
    { state: string; attempts: number; last_error: string | null } | undefined;

describe('a hostile portal cannot hurt a desk', () => {
  it('never lets a document id become a path: a traversal id is refused and nothing is written outside the data folder', async () => {
    const h = await setup();
    const victimDir = join(h.parent, 'victim-dir');
    mkdirSync(victimDir);
    writeFileSync(join(victimDir, 'victim.txt'), 'original');
    const traversal = '../../../victim-dir/victim.txt';
    const served = await h.serveDocument(traversal, Buffer.from('%PDF-1.4 écrasé'));
    const record = h.variant();
    record.documents = [h.documentOf(traversal, served)];
    const good = h.variant();
    await h.rawItems([record, good]);

    const status = await h.core.sync.syncNow();
    await h.core.sync.documentsIdle();

    expect(status.phase).toBe('idle');
    expect(readFileSync(join(victimDir, 'victim.txt'), 'utf8')).toBe('original');
    expect(h.simulator.hostileDocuments.requestCount(traversal)).toBe(0);
    const [row] = h.quarantine();
    expect(row?.portal_id).toBe(record.id);
    expect(row?.reason).toBe(
      'pièce jointe n° 1 (identifiant) : format invalide (lettres, chiffres, « - » et « _ », 64 au plus)',
    );
    expect(scalar(h.core.db, 'SELECT count(*) FROM applications WHERE id = ?', good.id)).toBe(1);
    // Outside the data folder, only what the test put there.
    const outside = filesUnder(h.parent).filter((file) => !file.startsWith('data/'));
    expect(outside).toEqual(['victim-dir/victim.txt']);
  });

  it('quarantines a 50,000-deep item and a deeply nested field, keeps a bounded trace, and the rest of the page arrives', async () => {
    const h = await setup();
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const nested = h.variant();
    const nestedText = JSON.stringify({
      ...nested,
      form: { ...nested.form, x: '__DEEP__' },
    }).replace('"__DEEP__"', deep);
    const goods = [h.variant(), h.variant(), h.variant()];
    await h.rawItems([
      deep,
      goods[0] as object,
      nestedText,
      goods[1] as object,
      goods[2] as object,
    ]);

    const status = await h.core.sync.syncNow();

    expect(status.phase).toBe('idle');
    expect(status.errorMessage).toBeNull();
    for (const good of goods) {
      expect(scalar(h.core.db, 'SELECT count(*) FROM applications WHERE id = ?', good.id)).toBe(1);
    }
    const rows = h.quarantine();
    expect(rows.map((row) => row.portal_id)).toEqual([null, nested.id]);
    for (const row of rows) {
      expect(row.reason).toMatch(/^enregistrement trop imbriqué ou trop volumineux/);
      expect(row.raw_json).not.toContain('[object Object]');
      expect(row.raw_json).toContain('…');
      expect(row.raw_json.length).toBeLessThan(70_000);
    }
    expect(rows[1]?.raw_json).toContain(nested.id);
  });

  it('retries a page it cannot read with backoff, says so in French, and recovers', async () => {
    const h = await setup({ pageAttempts: 3 });
    await setFaults(h.simulator, { truncateRate: 1 });
    const failed = await h.core.sync.syncNow();
    expect(failed.phase).toBe('error');
    expect(failed.errorMessage).toMatch(/^Réponse du portail illisible/);
    expect(h.link.counts.feed).toBe(3);
    await setFaults(h.simulator, undefined);
    const recovered = await h.core.sync.syncNow();
    expect(recovered.phase).toBe('idle');
    expect(scalar(h.core.db, 'SELECT count(*) FROM applications')).toBe(2);
  });

  it('counts every failed download, backs off and gives up, instead of spinning on a resetting endpoint', async () => {
    const h = await setup();
    const served = await h.serveDocument('doc-resets-1', Buffer.alloc(4096, 1), 'reset');
    const record = h.variant();
    record.documents = [h.documentOf('doc-resets-1', served)];
    await h.rawItems([record]);
    await h.core.sync.syncNow();

    await eventually(
      async () => {
        await h.core.sync.documentsIdle();
        return documentState(h.core, 'doc-resets-1')?.state === 'failed';
      },
      20_000,
      'the resetting document to fail',
    );
    const state = documentState(h.core, 'doc-resets-1');
    expect(state?.attempts).toBe(3);
    expect(state?.last_error).toMatch(/^Téléchargement impossible après 3 essais : /);
    expect(h.simulator.hostileDocuments.requestCount('doc-resets-1')).toBe(3);
  });

  it('asks for nothing but the connection probe while the link is down, then downloads when it returns', async () => {
    const clock = createFakeClock(new Date()); // the simulator dates its records on real time
    const h = await setup({ probeBaseMs: 50, probeMaxMs: 200 }, clock);
    const bytes = Buffer.alloc(8192, 7);
    const ids = ['doc-offline-1', 'doc-offline-2', 'doc-offline-3'];
    const record = h.variant();
    for (const id of ids) {
      const served = await h.serveDocument(id, bytes, 'hang');
      record.documents.push(h.documentOf(id, served));
    }
    await h.rawItems([record]);
    await h.core.sync.syncNow();
    await eventually(() => h.link.counts.documents >= 1, 10_000, 'a download to start');
    h.link.setUp(false);
    await eventually(() => h.core.sync.status().phase === 'offline', 10_000, 'offline');

    const before = { ...h.link.counts };
    const attemptsBefore = scalar<number>(h.core.db, 'SELECT sum(attempts) FROM documents');
    // Two seconds offline, on the core's clock: the only timer is the probe, backing off from
    // 50 ms to its 200 ms cap, and each probe asks for the health check and nothing else.
    const delays: number[] = [];
    const offlineFrom = clock.now().getTime();
    while (clock.now().getTime() - offlineFrom < 2_000) {
      const probe = await clock.untilArmed();
      expect(clock.pending()).toHaveLength(1);
      delays.push(probe.delayMs);
      clock.advance(probe.inMs);
    }
    await clock.untilArmed(); // the last probe has had its answer (none) and waits again
    expect(delays).toEqual([50, 100, ...Array<number>(10).fill(200)]); // 2.15 s in all
    expect(h.link.counts.health - before.health).toBe(delays.length);
    expect(h.link.counts.documents).toBe(before.documents);
    expect(h.link.counts.feed).toBe(before.feed);
    expect(h.link.counts.other).toBe(before.other);
    expect(scalar<number>(h.core.db, 'SELECT sum(attempts) FROM documents')).toBe(attemptsBefore);
    expect(h.core.sync.status().phase).toBe('offline');

    for (const id of ids) await h.serveDocument(id, bytes, 'normal');
    h.link.setUp(true);
    clock.advance(clock.pending()[0]!.inMs); // the next probe finds the portal
    await eventually(
      async () => {
        await h.core.sync.documentsIdle();
        // A document whose retry is still ahead gets its timer: move the time on to it.
        clock.advance(1_000);
        return ids.every((id) => documentState(h.core, id)?.state === 'ready');
      },
      20_000,
      'the documents after the link returned',
    );
  });

  it('stops reading at the declared size, refuses a document over its procedure’s limit unread, and cuts a silent endpoint', async () => {
    const h = await setup();
    const declared = Buffer.alloc(2048, 3);
    const oversize = await h.serveDocument('doc-oversize-1', declared, 'oversize', {
      oversizeBytes: 100 * 1024 * 1024,
    });
    const endless = await h.serveDocument('doc-endless-1', declared, 'endless');
    const silent = await h.serveDocument('doc-silent-1', declared, 'hang');
    const tooLargeForProcedure = await h.serveDocument('doc-toolarge-1', declared);
    const record = h.variant();
    record.documents = [
      h.documentOf('doc-oversize-1', oversize),
      h.documentOf('doc-endless-1', endless),
      h.documentOf('doc-silent-1', silent),
      { ...h.documentOf('doc-toolarge-1', tooLargeForProcedure), size: 50 * 1024 * 1024 },
    ];
    await h.rawItems([record]);
    await h.core.sync.syncNow();
    await eventually(
      async () => {
        await h.core.sync.documentsIdle();
        return record.documents.every(({ id }) => documentState(h.core, id)?.state === 'failed');
      },
      30_000,
      'every hostile document to fail',
    );

    for (const id of ['doc-oversize-1', 'doc-endless-1']) {
      expect(documentState(h.core, id)?.last_error).toContain(
        'le portail envoie plus que les 2048 octets annoncés',
      );
    }
    expect(documentState(h.core, 'doc-silent-1')?.last_error).toMatch(/ne répond pas/);
    expect(documentState(h.core, 'doc-toolarge-1')?.last_error).toMatch(
      /^Pièce refusée sans téléchargement : le portail annonce 50 Mo, la procédure en autorise [\d,]+ Mo au plus/,
    );
    expect(h.simulator.hostileDocuments.requestCount('doc-toolarge-1')).toBe(0);
    // Nothing of the floods stayed on disk: no partial file, no file for those bytes.
    const documentsDir = join(h.dataDir, 'documents');
    const leftovers = filesUnder(documentsDir).filter(
      (file) => file.endsWith('.part') || file.includes(oversize.sha256),
    );
    expect(leftovers).toEqual([]);
    const total = filesUnder(documentsDir).reduce(
      (sum, file) => sum + statSync(join(documentsDir, file)).size,
      0,
    );
    expect(total).toBeLessThan(5 * 1024 * 1024);
  });

  it('keeps one quarantine row per item with a count, in French, and releases it when a valid version arrives', async () => {
    const h = await setup();
    const broken = { ...h.variant(), version: 'deux' };
    const { version: _version, ...missing } = h.variant();
    await h.rawItems([broken, '"pas un dossier"', missing]);
    await h.core.sync.syncNow();
    await h.rawItems([broken, '"pas un dossier"', missing]);
    await h.core.sync.syncNow();

    const rows = h.quarantine();
    expect(rows.map((row) => [row.portal_id, row.seen_count])).toEqual([
      [broken.id, 2],
      [null, 2],
      [missing.id, 2],
    ]);
    expect(rows.map((row) => row.reason)).toEqual([
      'version : un nombre attendu, reçu un texte',
      'enregistrement : un objet attendu, reçu un texte',
      'version : champ manquant',
    ]);
    for (const row of rows) expect(row.reason).not.toMatch(ENGLISH);

    await h.rawItems([{ ...broken, version: 1 }]);
    await h.core.sync.syncNow();
    expect(h.quarantine().map((row) => row.portal_id)).toEqual([null, missing.id]);
    expect(scalar(h.core.db, 'SELECT count(*) FROM applications WHERE id = ?', broken.id)).toBe(1);
  });

  it('refuses impossible dates and control characters, keeps unknown fields, and traces a version sent again with other content', async () => {
    const h = await setup();
    const future = { ...h.variant(), submittedAt: '9999-01-01T00:00:00.000Z' };
    const unborn = h.variant();
    unborn.applicant = { ...unborn.applicant, birthDate: '2090-05-01' };
    const nul = h.variant();
    nul.applicant = { ...nul.applicant, lastName: 'Ama\u0000zou' };
    const extra = { ...h.variant(), channel: 'web' };
    extra.applicant = { ...extra.applicant, preferredLanguage: 'ewe' } as typeof extra.applicant;
    await h.rawItems([future, unborn, nul, extra]);
    const status = await h.core.sync.syncNow();
    expect(status.phase).toBe('idle');

    const reasons = Object.fromEntries(h.quarantine().map((row) => [row.portal_id, row.reason]));
    expect(reasons[future.id]).toBe(
      'date de dépôt : date dans le futur, impossible (« 9999-01-01T00:00:00.000Z »)',
    );
    expect(reasons[unborn.id]).toBe(
      'date de naissance du demandeur : date dans le futur, impossible (« 2090-05-01 »)',
    );
    expect(reasons[nul.id]).toBe(
      'nom de famille du demandeur : caractère de contrôle interdit (NUL, tabulation…)',
    );
    expect(reasons[extra.id]).toBeUndefined();
    const stored = JSON.parse(
      scalar<string>(h.core.db, 'SELECT record_json FROM applications WHERE id = ?', extra.id),
    ) as { channel?: string; applicant: { preferredLanguage?: string } };
    expect(stored.channel).toBe('web');
    expect(stored.applicant.preferredLanguage).toBe('ewe');

    // The same id and version, another content: the cache keeps what it had, with a trace.
    const replayed = { ...extra, applicant: { ...extra.applicant, city: 'Aného' } };
    await h.rawItems([replayed]);
    await h.core.sync.syncNow();
    expect(scalar<string>(h.core.db, 'SELECT city FROM applications WHERE id = ?', extra.id)).toBe(
      extra.applicant.city,
    );
    const trace = h.quarantine().find((row) => row.portal_id === extra.id);
    expect(trace?.reason).toBe(
      `le portail a renvoyé la version ${extra.version} de ce dossier avec un contenu différent ; Bureau garde celle qu'il avait déjà. Signalez-le au support du portail`,
    );
    expect(trace?.raw_json).toContain('Aného');
  });
});
