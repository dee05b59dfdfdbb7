import type Database from 'better-sqlite3';
import { GENESIS_HASH, hashAuditRow } from './auditLog';

/** What kind of tampering broke the chain (for programs; `reason` is the French sentence). */
export type AuditBreach =
  /** A row's content no longer matches its own hash. */
  | 'edited'
  /** A row is missing: a gap in `seq`, or a row chained to a row that no longer exists. */
  | 'deleted'
  /** A row is chained to a row that comes after it. */
  | 'reordered'
  /** A row is chained to an earlier row than the one before it: something was slipped in. */
  | 'inserted'
  /** The first row (origin of the chain) was edited, replaced or deleted. */
  | 'genesis'
  /** The last rows were deleted: SQLite had already numbered rows beyond the end of the log. */
  | 'truncated';

export type AuditVerdict =
  | { ok: true; rows: number; lastHash: string }
  | {
      ok: false;
      /** Rows found intact before the first broken one. */
      rows: number;
      firstBrokenSeq: number;
      breach: AuditBreach;
      reason: string;
    };

export interface VerifyAuditOptions {
  /** Rows read per query; memory stays bounded by this, whatever the log's size. */
  batchSize?: number;
  /** Called after each batch with the number of rows checked so far. */
  onProgress?: (rows: number) => void;
  /**
   * Awaited between batches so a long verification never stalls the event loop (the core's
   * budget is ~50 ms); the default yields to pending I/O with setImmediate.
   */
  pause?: () => Promise<void>;
}

/** An audit_log row as stored. */
export interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  office_code: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary_json: string;
  prev_hash: string;
  hash: string;
}

type Broken = Extract<AuditVerdict, { ok: false }>;
const JOURNAL = 'du journal d’audit';

/** The hash a row should have given its stored content, or null when the content is not ours. */
function contentHash(row: AuditRow): string | null {
  let summary: unknown;
  try {
    summary = JSON.parse(row.summary_json);
  } catch {
    return null;
  }
  // Bureau always stores JSON.stringify(summary): any other spelling was written by someone else
  // (the hash alone would not see a change of spacing or key quoting that keeps the value).
  if (typeof summary !== 'object' || summary === null || Array.isArray(summary)) return null;
  if (JSON.stringify(summary) !== row.summary_json) return null;
  return hashAuditRow(row.prev_hash, {
    at: row.at,
    actorId: row.actor_id,
    officeCode: row.office_code,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    summary: summary as Record<string, unknown>,
  });
}

function range(from: number, to: number): string {
  return from === to ? `la ligne n° ${from}` : `les lignes n° ${from} à ${to}`;
}

/**
 * Why `row` does not follow `previous` (null for the first row), given where the row it is
 * chained to now stands (`linkedSeq`, null when no row has that hash any more).
 */
function describeBrokenLink(
  row: AuditRow,
  previous: { seq: number } | null,
  linkedSeq: number | null,
): Pick<Broken, 'breach' | 'reason'> {
  if (linkedSeq !== null && linkedSeq > row.seq) {
    return {
      breach: 'reordered',
      reason: `Les lignes ${JOURNAL} ont été réordonnées : la ligne n° ${row.seq} est chaînée à la ligne n° ${linkedSeq}, qui vient pourtant après elle.`,
    };
  }
  if (previous === null) {
    if (row.seq > 1) {
      const missing = row.seq - 1;
      return {
        breach: 'genesis',
        reason:
          missing === 1
            ? `La première ligne ${JOURNAL} (n° 1), origine de la chaîne, a été supprimée : le journal commence à la ligne n° ${row.seq}, chaînée à une ligne qui n’existe plus.`
            : `Les lignes n° 1 à ${missing} ${JOURNAL}, dont l’origine de la chaîne, ont été supprimées : le journal commence à la ligne n° ${row.seq}, chaînée à une ligne qui n’existe plus.`,
      };
    }
    return {
      breach: 'genesis',
      reason: `La première ligne ${JOURNAL} (n° ${row.seq}), origine de la chaîne, a été remplacée : elle n’est pas chaînée au point de départ du journal.`,
    };
  }
  if (linkedSeq !== null) {
    return {
      breach: 'inserted',
      reason: `La ligne n° ${row.seq} ${JOURNAL} est chaînée à la ligne n° ${linkedSeq} et non à la ligne n° ${previous.seq} qui la précède : des lignes ont été insérées ou déplacées.`,
    };
  }
  if (row.seq > previous.seq + 1) {
    const missing = range(previous.seq + 1, row.seq - 1);
    const plural = row.seq - 1 > previous.seq + 1;
    return {
      breach: 'deleted',
      reason: `${missing[0]!.toUpperCase()}${missing.slice(1)} ${JOURNAL} ${plural ? 'ont été supprimées' : 'a été supprimée'} : la ligne n° ${row.seq} est chaînée à une ligne qui n’existe plus.`,
    };
  }
  return {
    breach: 'deleted',
    reason: `Le lien entre les lignes n° ${previous.seq} et ${row.seq} ${JOURNAL} est rompu : la ligne n° ${row.seq} est chaînée à une ligne qui n’existe plus. Une ligne a été supprimée puis les numéros décalés, ou la ligne n° ${previous.seq} a été réécrite avec une empreinte recalculée.`,
  };
}

function describeEdited(row: AuditRow, first: boolean): Pick<Broken, 'breach' | 'reason'> {
  return first
    ? {
        breach: 'genesis',
        reason: `La première ligne ${JOURNAL} (n° ${row.seq}), origine de la chaîne, a été modifiée après son enregistrement : son contenu ne correspond plus à son empreinte.`,
      }
    : {
        breach: 'edited',
        reason: `La ligne n° ${row.seq} ${JOURNAL} a été modifiée après son enregistrement : son contenu ne correspond plus à son empreinte.`,
      };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Walks the hash chain of `audit_log` in `seq` order, by keyset batches (never the whole table in
 * memory), and reports the first broken link. Each row must (1) hash to its stored `hash` from
 * its own content and `prev_hash`, and (2) be chained to the row before it (the first row to
 * GENESIS_HASH). Where a link is broken, the row it points to is looked up by hash (a unique
 * index) to tell a deletion from a reordering. Finally, SQLite's AUTOINCREMENT counter must not
 * be ahead of the last row, which would mean the tail was cut off.
 *
 * What a hash chain without a secret cannot see: someone who rewrites a row *and* recomputes
 * every hash after it. Keeping `lastHash` somewhere else (a report, the portal) closes that gap.
 */
export async function verifyAuditChain(
  db: Database.Database,
  options: VerifyAuditOptions = {},
): Promise<AuditVerdict> {
  const batchSize = options.batchSize ?? 1000;
  const pause = options.pause ?? yieldToEventLoop;
  const batch = db.prepare<[number, number], AuditRow>(
    `SELECT seq, at, actor_id, office_code, action, entity_type, entity_id, summary_json, prev_hash, hash
       FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  const seqOfHash = db.prepare<[string], { seq: number }>(
    'SELECT seq FROM audit_log WHERE hash = ?',
  );

  // Read first: every row numbered by now must still be there at the end of the walk. (Read at
  // the end, rows appended meanwhile by clerks at work would look like a cut-off tail.)
  const numbered = autoincrementCounter(db);
  let previous: { seq: number; hash: string } | null = null;
  let rows = 0;
  for (;;) {
    const page = batch.all(previous?.seq ?? Number.MIN_SAFE_INTEGER, batchSize);
    for (const row of page) {
      const expectedPrev = previous?.hash ?? GENESIS_HASH;
      if (contentHash(row) !== row.hash) {
        return { ok: false, rows, firstBrokenSeq: row.seq, ...describeEdited(row, !previous) };
      }
      if (row.prev_hash !== expectedPrev) {
        const linkedSeq = seqOfHash.get(String(row.prev_hash))?.seq ?? null;
        return {
          ok: false,
          rows,
          firstBrokenSeq: row.seq,
          ...describeBrokenLink(row, previous, linkedSeq),
        };
      }
      previous = { seq: row.seq, hash: row.hash };
      rows++;
    }
    options.onProgress?.(rows);
    if (page.length < batchSize) break;
    await pause();
  }

  const lastSeq = previous?.seq ?? 0;
  if (numbered !== null && numbered > lastSeq) {
    const cut = range(lastSeq + 1, numbered);
    return {
      ok: false,
      rows,
      firstBrokenSeq: lastSeq + 1,
      breach: 'truncated',
      reason: `La fin ${JOURNAL} a été supprimée : ${cut} ${numbered > lastSeq + 1 ? 'ont été enregistrées puis ont disparu' : 'a été enregistrée puis a disparu'} (le journal s’arrête ${lastSeq === 0 ? 'avant sa première ligne' : `à la ligne n° ${lastSeq}`}).`,
    };
  }
  return { ok: true, rows, lastHash: previous?.hash ?? GENESIS_HASH };
}

/** The highest seq SQLite ever handed out to audit_log (AUTOINCREMENT never reuses one). */
function autoincrementCounter(db: Database.Database): number | null {
  try {
    const row = db
      .prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")
      .get();
    return row ? Number(row.seq) : null;
  } catch {
    return null; // no sqlite_sequence table: nothing to compare with
  }
}

/** The verdict as one French paragraph, for the CLI and, later, the administration screen. */
export function describeAuditVerdict(verdict: AuditVerdict): string {
  const count = new Intl.NumberFormat('fr-FR').format(verdict.rows);
  if (verdict.ok) {
    return verdict.rows === 0
      ? 'Journal d’audit intact : il ne contient encore aucune ligne.'
      : `Journal d’audit intact : ${count} ${verdict.rows > 1 ? 'lignes vérifiées' : 'ligne vérifiée'}, chaîne d’empreintes continue. Dernière empreinte : ${verdict.lastHash}.`;
  }
  return `Journal d’audit ALTÉRÉ à partir de la ligne n° ${verdict.firstBrokenSeq}. ${verdict.reason} (${count} ${verdict.rows > 1 ? 'lignes intactes' : 'ligne intacte'} avant la rupture.)`;
}
