import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { FaultSettings } from '../../src/simulator/faults';
import { createRandom } from '../../src/simulator/random';
import {
  CATEGORIES,
  createHostileRecords,
  preview,
  rawHash,
  type Category,
  type HostileItem,
} from '../support/hostileRecords';
import { openSyncCore, scalar, setFaults } from '../support/syncBureau';
import { procedures, startSimulator, tempDir } from '../support/testBureau';

/**
 * Issue 13: a seeded fuzz of the sync against a hostile portal. A generator of malformed records
 * (tests/support/hostileRecords.ts) feeds the simulator's change feed through `/__sim/raw-items`,
 * interleaved with the simulator's own records, in rounds, some with truncated pages, some with
 * replayed and out-of-order pages; a real core syncs after each round until the feed is drained.
 * Then: every sync ended idle, every good item is cached once, every distinct bad item has one
 * quarantine row with a French reason, and nothing was written outside the data directory.
 *
 *   BUREAU_FUZZ_SEED=…          another stream of inputs (default 1313; printed on every run)
 *   BUREAU_FUZZ_INPUTS=10000    the long run (default 3000)
 *   BUREAU_FUZZ_CATEGORIES=…    only these generators, comma-separated (valid records always)
 *   BUREAU_FUZZ_KEEP=1          keep the temporary folder for inspection
 */

const SEED = Number(process.env.BUREAU_FUZZ_SEED ?? 1313);
const INPUTS = Number(process.env.BUREAU_FUZZ_INPUTS ?? 3000);
const ONLY = process.env.BUREAU_FUZZ_CATEGORIES?.split(',')
  .map((name) => name.trim())
  .filter((name) => name !== '');
/** The whole test is cut here, whatever happens (a bound on the run, not a performance check). */
const HARD_CAP_MS = Math.max(240_000, INPUTS * 80);
/** Syncs tried per round before the round counts as not drained. */
const SYNCS_PER_ROUND = 30;
/** One POST to the simulator stays under its 1 MiB body limit. */
const MAX_POST_BYTES = 900_000;
/** Requests one hostile document may cost over the run before its retries count as unbounded. */
const MAX_HOSTILE_DOCUMENT_REQUESTS = 20;

/** Zod's English and other technical text that must never reach a clerk. */
const ENGLISH =
  /\b(Invalid|expected|received|Too big|Too small|Unrecognized|must be|constraint|failed|Cannot|undefined|is not|Maximum call stack|TypeError|RangeError|SqliteError)\b/;
const FRENCH =
  /\b(champs?|attendue?|invalide|inconnue?|manquant|trop|encodage|format|date|texte|nombre|entier|valeur|enregistrement|procédure|région|caractères?|identifiant|octets|impossible|vide|liste|objet|taille|pièce|référence|demandeur|formulaire|statut|version|dans|du|de|la|le)\b/i;
const VALID_RECORD_ID = /^[a-z0-9-]{8,64}$/;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

/** An id as a quarantine row may show it (cut, controls and other oddities masked): for matching. */
const idKey = (id: string) => id.slice(0, 64).replace(/[^A-Za-z0-9._\-/\\%:]/g, '?');

/** The item as Bureau reads it off the wire: decoded (invalid bytes → U+FFFD), parsed, re-encoded. */
function wireJson(raw: string | Buffer): string | null {
  try {
    const text = typeof raw === 'string' ? raw : new TextDecoder().decode(raw);
    return JSON.stringify(JSON.parse(text)) ?? null;
  } catch {
    return null; // too deep to re-encode here too
  }
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    out.push(path);
    if (lstatSync(path).isDirectory()) walk(path, out);
  }
  return out;
}

const inside = (path: string, dir: string) => {
  const relation = relative(resolve(dir), resolve(path));
  return relation !== '' && !relation.startsWith('..') && !relation.startsWith(sep);
};

/** A reason with its particulars (quoted text, numbers) blanked, to group alike reasons. */
const shape = (reason: string) =>
  reason
    .replace(/"[^"]*"/g, '"…"')
    .replace(/«[^»]*»/g, '«…»')
    .replace(/\d+/g, 'N')
    .slice(0, 140);

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function simPost(simulator: Simulator, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${simulator.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${simulator.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(
      `simulator ${path}: ${response.status} ${(await response.text()).slice(0, 300)}`,
    );
  }
  return response.json();
}

/** Registers the documents the items need (once per id), then pushes the items, in order. */
async function pushItems(
  simulator: Simulator,
  items: readonly HostileItem[],
  registered: Set<string>,
): Promise<number[]> {
  for (const item of items) {
    for (const document of item.documents) {
      if (registered.has(document.id)) continue;
      registered.add(document.id);
      await simPost(simulator, '/__sim/documents', document);
    }
  }
  const sequences: number[] = [];
  let chunk: unknown[] = [];
  let bytes = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const answer = (await simPost(simulator, '/__sim/raw-items', { items: chunk })) as {
      sequences: number[];
    };
    sequences.push(...answer.sequences);
    chunk = [];
    bytes = 0;
  };
  for (const item of items) {
    const encoded =
      typeof item.raw === 'string' ? item.raw : { base64: item.raw.toString('base64') };
    const size = Buffer.byteLength(JSON.stringify(encoded)) + 1;
    if (bytes + size > MAX_POST_BYTES) await flush();
    chunk.push(encoded);
    bytes += size;
  }
  await flush();
  return sequences;
}

function roundFaults(round: number): Partial<FaultSettings> | undefined {
  if (round % 5 === 2) return { truncateRate: 0.25 };
  if (round % 5 === 4) return { duplicatePageRate: 0.25, stalePageRate: 0.1 };
  return undefined;
}

interface SyncFailure {
  round: number;
  message: string;
  cursorSeq: number;
}

/**
 * Which items of a page stop a sync on their own: each is replayed (after what it needs) to a
 * fresh simulator and core. Only run when a sync failed, to name the culprit.
 */
async function culprits(candidates: readonly HostileItem[], byN: Map<number, HostileItem>) {
  const found: { item: HostileItem; message: string }[] = [];
  const by = Date.now() + 30_000;
  for (const item of candidates.slice(0, 40)) {
    if (Date.now() > by) break;
    const dir = tempDir('bureau-fuzz-probe-');
    const simulator = await startSimulator(1, SEED);
    const core = openSyncCore({ dataDir: dir, portalUrl: simulator.url, token: simulator.token });
    try {
      const before = item.requires !== undefined ? byN.get(item.requires) : undefined;
      await pushItems(simulator, before ? [before, item] : [item], new Set());
      const status = await core.sync.syncNow();
      if (status.phase === 'error') found.push({ item, message: status.errorMessage ?? '' });
    } finally {
      await core.close();
      await simulator.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return found;
}

describe('portal fuzz: a hostile change feed against a real core', () => {
  it(
    `survives ${INPUTS} malformed, huge, deep and duplicated items (seed ${SEED})`,
    async () => {
      const categories = ONLY ? (ONLY as Category[]) : undefined;
      for (const name of categories ?? []) {
        if (!CATEGORIES.includes(name)) throw new Error(`unknown fuzz category ${name}`);
      }
      console.log(
        `[portal fuzz] seed=${SEED} inputs=${INPUTS}${ONLY ? ` categories=${ONLY.join(',')}` : ''} (BUREAU_FUZZ_SEED, BUREAU_FUZZ_INPUTS, BUREAU_FUZZ_CATEGORIES)`,
      );
      const started = performance.now();
      const deadline = Date.now() + HARD_CAP_MS - 60_000;

      // <root>/parent/{data, sentinel.txt}: a traversal out of data/ lands in parent/ or root/.
      const root = tempDir('bureau-fuzz-');
      const parent = join(root, 'parent');
      const dataDir = join(parent, 'data');
      const sentinel = join(parent, 'sentinel.txt');
      mkdirSync(parent);
      const sentinelText = `sentinelle ${SEED} : aucun fichier ne doit la remplacer\n`;
      writeFileSync(sentinel, sentinelText);
      cleanups.push(() => {
        if (process.env.BUREAU_FUZZ_KEEP) console.log(`[portal fuzz] kept ${root}`);
        else rmSync(root, { recursive: true, force: true });
      });

      const simulator = await startSimulator(12, SEED);
      cleanups.push(() => simulator.close());
      const core: Core = openSyncCore({
        dataDir,
        portalUrl: simulator.url,
        token: simulator.token,
        tuning: { downloadAttempts: 2 },
      });
      let coreOpen = true;
      const closeCore = async () => {
        if (!coreOpen) return;
        coreOpen = false;
        await core.close();
      };
      cleanups.push(closeCore);
      const dataDirAtOpen = new Set(readdirSync(dataDir));

      const generator = createHostileRecords({ seed: SEED, procedures: procedures(), categories });
      const rounds = createRandom(`portal-fuzz-rounds-${SEED}`);
      const items: HostileItem[] = [];
      const seqOf = new Map<HostileItem, number>();
      /** The simulator's own records, with a sequence they are at or below. */
      const natives = new Map<string, number>(
        simulator.store.page(0, 1_000).items.map((record) => [record.id, simulator.store.headSeq]),
      );
      const registered = new Set<string>();
      const failures: SyncFailure[] = [];
      const notDrained: number[] = [];
      let syncs = 0;
      let stuck = false;

      const cursorSeq = () =>
        Number(
          scalar<string | undefined>(
            core.db,
            "SELECT value FROM sync_state WHERE key = 'pull_cursor_seq'",
          ) ?? 0,
        );

      async function drain(round: number): Promise<void> {
        let errorsInARow = 0;
        for (let attempt = 0; attempt < SYNCS_PER_ROUND; attempt++) {
          const status = await core.sync.syncNow();
          syncs++;
          if (status.phase === 'error') {
            failures.push({
              round,
              message: status.errorMessage ?? '(sans message)',
              cursorSeq: cursorSeq(),
            });
            // The same page fails every time: the feed is stuck behind it.
            if (++errorsInARow >= 3) {
              stuck = true;
              return;
            }
            continue;
          }
          errorsInARow = 0;
          if (status.phase === 'idle' && cursorSeq() === simulator.store.headSeq) return;
          // No pause: a sync asked for by hand tries the portal at once, offline or not, and
          // whether it gets through is the faults' draw, not a matter of time.
        }
        notDrained.push(round);
      }

      await drain(0);
      let round = 0;
      let currentFaults: string | undefined;
      while (generator.count < INPUTS && !stuck && Date.now() < deadline) {
        round++;
        const faults = roundFaults(round);
        if (JSON.stringify(faults) !== currentFaults) {
          await setFaults(simulator, faults);
          currentFaults = JSON.stringify(faults);
        }
        const batch = generator.batch(Math.min(rounds.int(20, 150), INPUTS - generator.count));
        // The simulator's own records land between the hostile ones.
        const cut = rounds.int(0, batch.length);
        for (const slice of [batch.slice(0, cut), batch.slice(cut)]) {
          const sequences = await pushItems(simulator, slice, registered);
          slice.forEach((item, index) => seqOf.set(item, sequences[index] as number));
          const added = (await simPost(simulator, '/__sim/applications', {
            count: rounds.int(1, 2),
          })) as { ids: string[] };
          for (const id of added.ids) natives.set(id, simulator.store.headSeq);
        }
        items.push(...batch);
        await drain(round);
        if (process.env.BUREAU_FUZZ_VERBOSE) {
          console.log(
            `[portal fuzz] round ${round}: ${items.length} inputs, ${syncs} syncs, ${((performance.now() - started) / 1000).toFixed(1)} s`,
          );
        }
      }
      await setFaults(simulator, undefined);
      if (!stuck) await drain(round + 1);

      // Let the downloads settle (hostile documents included), within a bound.
      const settleBy = Date.now() + 10_000;
      while (Date.now() < settleBy) {
        await core.sync.documentsIdle();
        const due = scalar<number>(
          core.db,
          `SELECT count(*) FROM documents WHERE state IN ('pending', 'downloading')
           AND (next_attempt_at IS NULL OR next_attempt_at <= ?)`,
          new Date().toISOString(),
        );
        if (due === 0) break;
        await sleep(100);
      }
      const seconds = (performance.now() - started) / 1000;

      // ---- What the cache holds --------------------------------------------------------------
      const reachedUpTo = cursorSeq();
      const reached = items.filter((item) => (seqOf.get(item) ?? Infinity) <= reachedUpTo);
      const applications = new Map(
        (
          core.db.prepare('SELECT id, reference, applicant_name FROM applications').all() as {
            id: string;
            reference: string;
            applicant_name: string;
          }[]
        ).map((row) => [row.id, row]),
      );
      const quarantine = core.db
        .prepare('SELECT id, portal_id, reason, raw_json FROM quarantine ORDER BY id')
        .all() as { id: number; portal_id: string | null; reason: string; raw_json: string }[];
      const documentRows = core.db
        .prepare('SELECT id, local_path, state, attempts FROM documents')
        .all() as { id: string; local_path: string | null; state: string; attempts: number }[];
      const documentStates = new Map<string, number>();
      for (const row of documentRows) {
        documentStates.set(row.state, (documentStates.get(row.state) ?? 0) + 1);
      }
      const hostileDownloads = await Promise.all(
        items
          .filter((item) => item.category === 'downloads')
          .flatMap((item) => item.documents.map((document) => ({ item, document })))
          .map(async ({ item, document }) => {
            const response = await fetch(
              `${simulator.url}/__sim/documents/requests?id=${encodeURIComponent(document.id)}`,
              { headers: { authorization: `Bearer ${simulator.token}` } },
            );
            const { requests } = (await response.json()) as { requests: number };
            const row = documentRows.find((candidate) => candidate.id === document.id);
            return { item, behaviour: document.behaviour, requests, state: row?.state ?? '-' };
          }),
      );
      await closeCore();

      // ---- Checks: each failed one adds a finding; all are reported together -----------------
      const findings: string[] = [];
      const byN = new Map(items.map((item) => [item.n, item]));
      const example = (list: readonly HostileItem[]) => {
        const smallest = [...list].sort((a, b) => a.raw.length - b.raw.length)[0];
        return smallest ? `#${smallest.n} ${smallest.label} ${preview(smallest.raw)}` : '';
      };
      /** Items grouped by category, each group with its count and its smallest example. */
      const byCategory = (list: readonly HostileItem[]) => {
        const groups = new Map<string, HostileItem[]>();
        for (const item of list) {
          const key = item.duplicateOf ? `duplicates` : item.category;
          groups.set(key, [...(groups.get(key) ?? []), item]);
        }
        return [...groups].map(([key, group]) => `    ${key} ×${group.length}: ${example(group)}`);
      };

      // 1. Every sync ended idle; when one did not, name the items that fail on their own.
      const distinctFailures = new Map<string, SyncFailure[]>();
      for (const failure of failures) {
        const key = failure.message.replace(/\d+/g, 'N');
        distinctFailures.set(key, [...(distinctFailures.get(key) ?? []), failure]);
      }
      for (const list of distinctFailures.values()) {
        const first = list[0] as SyncFailure;
        const page = items.filter((item) => {
          const seq = seqOf.get(item) ?? 0;
          return item.verdict === 'bad' && seq > first.cursorSeq && seq <= first.cursorSeq + 50;
        });
        const guilty = await culprits(page, byN);
        findings.push(
          `sync ended in error ×${list.length} (first in round ${first.round}): ${first.message}\n${
            guilty.length > 0
              ? `  items that fail a sync on their own:\n${guilty
                  .map(({ item, message }) => `    ${example([item])} → ${message}`)
                  .join('\n')}`
              : `  no item of the page fails alone; its bad items:\n${byCategory(page).join('\n')}`
          }`,
        );
      }
      if (stuck) {
        findings.push(
          `the feed got stuck at sequence ${reachedUpTo}: ${items.length - reached.length} of ${items.length} inputs were never read`,
        );
      }
      if (notDrained.length > 0) {
        findings.push(
          `rounds not drained after ${SYNCS_PER_ROUND} syncs: ${notDrained.join(', ')}`,
        );
      }

      // 2. Every good item (and every simulator record) is cached once, as sent.
      const quarantinedIds = new Map<string, string>();
      for (const row of quarantine) {
        if (row.portal_id) quarantinedIds.set(idKey(row.portal_id), row.reason);
      }
      const good = reached.filter((item) => item.verdict === 'good');
      const lost = good.filter((item) => !item.claimedId || !applications.has(item.claimedId));
      if (lost.length > 0) {
        const reasons = new Map<string, HostileItem[]>();
        for (const item of lost) {
          const reason =
            quarantinedIds.get(idKey(item.claimedId ?? '')) ?? '(absent de la quarantaine aussi)';
          const key = `${item.duplicateOf ? 'duplicates' : item.category}: ${shape(reason)}`;
          reasons.set(key, [...(reasons.get(key) ?? []), item]);
        }
        const groups = [...reasons].sort((a, b) => b[1].length - a[1].length);
        findings.push(
          `${lost.length} good items did not arrive:\n${groups
            .slice(0, 12)
            .map(([key, list]) => `    ${key} ×${list.length}: ${example(list)}`)
            .join('\n')}${groups.length > 12 ? `\n    (${groups.length - 12} more groups)` : ''}`,
        );
      }
      const altered = good.filter((item) => {
        const row = item.claimedId ? applications.get(item.claimedId) : undefined;
        if (!row) return false;
        const sent = JSON.parse(item.raw as string) as {
          applicant: { firstName: string; lastName: string };
        };
        const name = `${sent.applicant.firstName.trim()} ${sent.applicant.lastName.trim()}`;
        return row.reference !== item.reference || row.applicant_name !== name;
      });
      if (altered.length > 0) {
        findings.push(
          `${altered.length} good items arrived with another reference or applicant name:\n${byCategory(altered).join('\n')}`,
        );
      }
      const references = new Map<string, number>();
      for (const row of applications.values()) {
        references.set(row.reference, (references.get(row.reference) ?? 0) + 1);
      }
      const twice = [...references].filter(([, count]) => count > 1);
      if (twice.length > 0) {
        findings.push(`references cached more than once: ${twice.slice(0, 5).join('; ')}`);
      }
      const missingNatives = [...natives]
        .filter(([id, seq]) => seq <= reachedUpTo && !applications.has(id))
        .map(([id]) => id);
      if (missingNatives.length > 0) {
        findings.push(
          `${missingNatives.length} simulator records did not arrive (e.g. ${missingNatives[0]}: ${quarantinedIds.get(idKey(missingNatives[0] as string)) ?? 'not quarantined either'})`,
        );
      }

      // 3. No bad item entered the cache.
      const accepted = reached.filter(
        (item) =>
          item.verdict === 'bad' &&
          item.claimedId !== null &&
          VALID_RECORD_ID.test(item.claimedId) &&
          applications.has(item.claimedId),
      );
      if (accepted.length > 0) {
        findings.push(
          `${accepted.length} bad items entered the cache instead of the quarantine:\n${byCategory(accepted).join('\n')}`,
        );
      }

      // 4. One quarantine row per distinct bad item: by the id it claims, else by its raw text.
      const identityOf = (item: HostileItem) =>
        item.claimedId !== null ? `id:${idKey(item.claimedId)}` : `raw:${rawHash(item.raw)}`;
      const badByIdentity = new Map<string, HostileItem[]>();
      for (const item of items) {
        if (item.verdict !== 'bad') continue;
        const identity = identityOf(item);
        badByIdentity.set(identity, [...(badByIdentity.get(identity) ?? []), item]);
      }
      const goodIdentities = new Set(items.filter((i) => i.verdict === 'good').map(identityOf));
      for (const id of natives.keys()) goodIdentities.add(`id:${idKey(id)}`);
      const byWire = new Map<string, string>();
      for (const [identity, list] of badByIdentity) {
        const wire = identity.startsWith('raw:') ? wireJson((list[0] as HostileItem).raw) : null;
        if (wire !== null) byWire.set(wire, identity);
      }
      const rowsOf = new Map<string, number[]>();
      const strays: typeof quarantine = [];
      const goodQuarantined: string[] = [];
      for (const row of quarantine) {
        let identity = row.portal_id !== null ? `id:${idKey(row.portal_id)}` : null;
        if (identity === null || !badByIdentity.has(identity)) {
          if (identity !== null && goodIdentities.has(identity)) {
            goodQuarantined.push(`${row.portal_id}: ${row.reason}`);
            continue;
          }
          identity = byWire.get(row.raw_json) ?? null;
        }
        if (identity === null) {
          strays.push(row);
          continue;
        }
        rowsOf.set(identity, [...(rowsOf.get(identity) ?? []), row.id]);
      }
      if (goodQuarantined.length > 0) {
        findings.push(
          `${goodQuarantined.length} quarantine rows belong to good items or simulator records, e.g. ${goodQuarantined.slice(0, 3).join(' | ')}`,
        );
      }
      const repeated = [...rowsOf].filter(([, rows]) => rows.length > 1);
      if (repeated.length > 0) {
        const list = repeated.map(([identity]) => badByIdentity.get(identity)?.[0] as HostileItem);
        const extra = repeated.reduce((sum, [, rows]) => sum + rows.length - 1, 0);
        findings.push(
          `${repeated.length} bad items have more than one quarantine row (${extra} extra rows; replays and duplicates must not add rows):\n${byCategory(list).join('\n')}`,
        );
      }
      const reachedIdentities = new Set(
        reached.filter((item) => item.verdict === 'bad').map(identityOf),
      );
      const unaccounted = [...badByIdentity].filter(
        ([identity]) => reachedIdentities.has(identity) && !rowsOf.has(identity),
      );
      // Items without an id may be stored in another form (a deep one is cut): the rows matched
      // to nothing pay for them one for one.
      const anonymous = unaccounted.filter(([identity]) => identity.startsWith('raw:'));
      const named = unaccounted
        .filter(([identity]) => identity.startsWith('id:'))
        .map(([, list]) => list[0] as HostileItem)
        .filter((item) => !accepted.includes(item));
      if (named.length > 0) {
        findings.push(
          `${named.length} bad items with an id have no quarantine row:\n${byCategory(named).join('\n')}`,
        );
      }
      const unpaid = anonymous.length - strays.length;
      if (unpaid > 0) {
        findings.push(
          `${anonymous.length} distinct bad items without an id left only ${strays.length} rows matched to nothing: ${unpaid} of them share a row with another item or have none:\n${byCategory(anonymous.map(([, list]) => list[0] as HostileItem)).join('\n')}`,
        );
      } else if (unpaid < 0 && !stuck) {
        findings.push(
          `${-unpaid} quarantine rows match no input, e.g. ${strays
            .slice(0, 3)
            .map(
              (row) =>
                `${row.portal_id ?? '(sans id)'}: ${row.reason} ${preview(row.raw_json, 80)}`,
            )
            .join(' | ')}`,
        );
      }

      // 5. Reasons are French, for a person, and never the internal-error fallback.
      const english = quarantine.filter(
        (row) => ENGLISH.test(row.reason) || !FRENCH.test(row.reason),
      );
      if (english.length > 0) {
        const distinct = [
          ...new Map(english.map((row) => [shape(row.reason), row.reason] as const)).values(),
        ];
        findings.push(
          `${english.length} quarantine reasons are not French (${distinct.length} distinct), e.g.:\n${distinct
            .slice(0, 8)
            .map((reason) => `    ${reason.slice(0, 200)}`)
            .join('\n')}`,
        );
      }
      const internal = quarantine.filter((row) => /erreur interne/i.test(row.reason));
      if (internal.length > 0) {
        const distinct = [
          ...new Map(internal.map((row) => [shape(row.reason), row.reason] as const)).values(),
        ];
        findings.push(
          `${internal.length} items reached the quarantine through the internal-error fallback (the validation let them through), e.g.:\n${distinct
            .slice(0, 5)
            .map((reason) => `    ${reason.slice(0, 240)}`)
            .join('\n')}`,
        );
      }

      // 6. Nothing was written outside the data directory; documents stay in <dataDir>/documents.
      const allowedAtRoot = new Set([parent, sentinel]);
      const outside = walk(root).filter(
        (path) => !allowedAtRoot.has(path) && path !== dataDir && !inside(path, dataDir),
      );
      if (outside.length > 0) {
        findings.push(`files written outside the data directory: ${outside.join(', ')}`);
      }
      const sentinelNow = readFileSync(sentinel, 'utf8');
      if (sentinelNow !== sentinelText) {
        findings.push(
          `the sentinel beside the data directory was overwritten with ${preview(sentinelNow)}`,
        );
      }
      const documentsDir = join(dataDir, 'documents');
      const stray = walk(dataDir).filter((path) => {
        const top = relative(dataDir, path).split(sep)[0] as string;
        return (
          !dataDirAtOpen.has(top) &&
          top !== 'documents' &&
          !/^bureau\.sqlite(-wal|-shm|-journal)?$/.test(top)
        );
      });
      if (stray.length > 0) {
        findings.push(`unexpected files in the data directory: ${stray.slice(0, 10).join(', ')}`);
      }
      const escaped = documentRows.filter(
        (row) => row.local_path !== null && !inside(row.local_path, documentsDir),
      );
      if (escaped.length > 0) {
        findings.push(
          `document files outside ${documentsDir}: ${escaped
            .slice(0, 5)
            .map((row) => `${JSON.stringify(row.id)} → ${row.local_path}`)
            .join(', ')}`,
        );
      }

      // 7. No prototype was polluted by `__proto__` / `constructor` keys.
      if ((Object.prototype as Record<string, unknown>).polluted !== undefined) {
        findings.push('Object.prototype was polluted by an item');
      }

      // 8. A document the portal never serves whole is given up, not fetched forever.
      const spinning = hostileDownloads.filter(
        (download) => download.requests > MAX_HOSTILE_DOCUMENT_REQUESTS,
      );
      if (spinning.length > 0) {
        findings.push(
          `${spinning.length} hostile documents were requested more than ${MAX_HOSTILE_DOCUMENT_REQUESTS} times (retried without bound):\n${spinning
            .slice(0, 5)
            .map(
              (download) =>
                `    ${download.behaviour}: ${download.requests} requests, state ${download.state} (#${download.item.n})`,
            )
            .join('\n')}`,
        );
      }

      const bad = reached.filter((item) => item.verdict === 'bad');
      console.log(
        `[portal fuzz] seed=${SEED} inputs=${items.length} reached=${reached.length} good=${good.length} bad=${bad.length} (distinct ${reachedIdentities.size}) simulator records=${natives.size} quarantined rows=${quarantine.length} rounds=${round} syncs=${syncs} sync errors=${failures.length} documents=${[...documentStates].map(([state, n]) => `${state}:${n}`).join(',')} seconds=${seconds.toFixed(1)} inputs/s=${(items.length / seconds).toFixed(0)}`,
      );
      if (findings.length > 0) {
        console.log(
          `[portal fuzz] seed=${SEED}: ${findings.length} findings\n${findings.join('\n')}`,
        );
      }
      expect(findings).toEqual([]);
    },
    HARD_CAP_MS,
  );
});
