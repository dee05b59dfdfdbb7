import type { ProcedureDefinition } from '../shared/catalog/procedureSchema';
import type { CaseStatus } from '../shared/domain/caseStatus';
import {
  MAX_APPLIED_EVENTS,
  type PortalApplication,
  type PortalDocument,
} from '../shared/portal/portalApplication';
import { sharedAttachmentPool, type AttachmentBody, type AttachmentPool } from './attachments';
import { applicationIdOfDocument, generateApplication } from './generateApplication';
import { generateLinkedRecords, type LinkedPlan } from './linkedRecords';
import { createRandom } from './random';
import { renderRecordDocument } from './recordDocuments';

/**
 * The portal's state, in memory. Every change (a new application, a withdrawal, a clerk's decision
 * reported by Bureau) takes the next sequence number; the change feed lists applications by the
 * sequence of their latest change, so a changed application appears again after the cursor of a
 * client that already had it.
 */

const DAY_MS = 86_400_000;
/** Spread of the initial applications: a fortnight of intake, so the training backlog looks like a
 * working office's (mostly on time, some close to or past their deadline). */
const INITIAL_SPREAD_DAYS = 14;
/** New arrivals were submitted within the last few minutes. */
const ARRIVAL_SPREAD_DAYS = 5 / (24 * 60);

export interface PortalChange {
  /** withdrawn: the applicant withdrew; in_review: the applicant answered a request for information. */
  status?: Extract<CaseStatus, 'withdrawn' | 'in_review' | 'info_requested'>;
  /** Fields the applicant corrected (address, phone…) or the portal re-routed (region, city). */
  applicant?: Partial<PortalApplication['applicant']>;
  form?: PortalApplication['form'];
  /** Files the applicant added (a reply to a request for information). */
  newDocuments?: PortalDocument[];
}

/** A portal-side change as the store remembers it (for v2's version check, design §3.8). */
export interface PortalChangeEntry {
  /** The version the change produced. */
  version: number;
  at: string;
  statusBefore: CaseStatus;
  statusAfter: CaseStatus;
  /** The applicant's region changed: the case is routed to another office. */
  rerouted: boolean;
  /** Reviewed data changed: applicant, form or documents. */
  dataChanged: boolean;
}

/** What a clerk asked the applicant for (an accepted `info.requested` event), until answered. */
export interface InfoRequest {
  missingDocuments: string[];
  fieldsToCorrect: string[];
}

/** An event from Bureau that changes the record (status or the portal's assignment). */
export interface BureauChange {
  idempotencyKey: string;
  /** The new status, or null when only the assignment changed. */
  status: CaseStatus | null;
  /** For `info.requested`: what the applicant has to provide (used by the simulated reply). */
  infoRequest?: InfoRequest;
}

/** A hand-made feed item (`POST /__sim/raw-items`): JSON text served verbatim, valid or not. */
export class RawFeedItem {
  /** JSON text, or bytes (to carry invalid UTF-8). */
  constructor(readonly raw: string | Buffer) {}
}

export interface FeedPage {
  /** The well-formed records of the page. */
  items: PortalApplication[];
  /** Every item of the page in feed order: the records and any raw items between them. */
  entries: (PortalApplication | RawFeedItem)[];
  /** Sequence number to resume after (the last item's, or the cursor when nothing was found). */
  lastSeq: number;
  hasMore: boolean;
  /** Live changes after `lastSeq`: what a client still has to pull. */
  remaining: number;
}

export class PortalStoreError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'PortalStoreError';
  }
}

export interface PortalStore {
  readonly size: number;
  /** Highest sequence number handed out so far. */
  readonly headSeq: number;
  /** Appends hand-made JSON text to the change feed (hostile-portal tests); returns its sequence. */
  addRaw(jsonText: string | Buffer): number;
  /** Generates `count` new applications (the initial intake spreads them over ~60 days). */
  add(count: number, options?: { initial?: boolean }): PortalApplication[];
  /** Adds the training history of applications that refer to each other (linkedRecords.ts). */
  addLinked(): { records: PortalApplication[]; plan: LinkedPlan };
  get(id: string): PortalApplication | undefined;
  /** A change made on the portal side (e.g. the applicant withdraws): new version, new sequence. */
  applyPortalChange(id: string, change: PortalChange): PortalApplication;
  /**
   * A Bureau event that changes the record: new version, `updatedAt` and sequence (it re-appears
   * in the feed), listed in `appliedEvents` with the version it produced.
   */
  applyBureauEvent(id: string, change: BureauChange): PortalApplication;
  /**
   * Moves an application to the end of the feed (next sequence) without a new version: for state
   * served beside the record (v2's `work` block: a lease taken or ended).
   */
  touch(id: string): void;
  /** The portal-side changes of an application (`applyPortalChange`), oldest first. */
  portalChanges(id: string): readonly PortalChangeEntry[];
  /** The request for information the applicant has not answered yet, if any. */
  pendingInfoRequest(id: string): InfoRequest | undefined;
  /** The procedure definition of a code, as the portal knows it. */
  procedure(code: string): ProcedureDefinition | undefined;
  /** Where document bodies come from (new documents must be drawn from it to be served). */
  readonly attachments: AttachmentPool;
  /** Applications whose latest change is after `afterSeq`, oldest change first. */
  page(afterSeq: number, limit: number): FeedPage;
  /** The document and the bytes behind a document id, if both exist. */
  document(documentId: string): { document: PortalDocument; body: AttachmentBody } | undefined;
}

interface Entry {
  record: PortalApplication;
  seq: number;
  /** The record as generated: its own PDF documents are written from it (recordDocuments.ts). */
  original: PortalApplication;
}

export function createPortalStore(options: {
  seed: number;
  procedures: readonly ProcedureDefinition[];
  now: () => Date;
  attachments?: AttachmentPool;
}): PortalStore {
  const rng = createRandom(options.seed);
  const pool = options.attachments ?? sharedAttachmentPool;
  const byId = new Map<string, Entry>();
  // Raw items live once in the log under their own key; they never change, so never go stale.
  const rawByKey = new Map<string, RawFeedItem>();
  // Append-only log of (seq, id); seqs strictly increase, so it can be binary-searched. An entry
  // is stale when its application changed again later (its current seq differs).
  const logSeqs: number[] = [];
  const logIds: string[] = [];
  let headSeq = 0;
  let intake = 0;
  // Live log entries (an application's latest change) per log index, to count what remains.
  const live = createFenwick();
  const infoRequests = new Map<string, InfoRequest>();
  const portalChangeLog = new Map<string, PortalChangeEntry[]>();
  const proceduresByCode = new Map(options.procedures.map((p) => [p.code, p]));
  // The record each file sent in reply to a request was written from (see portalChanges.ts).
  const complementSources = new Map<string, PortalApplication>();

  /** Never earlier than the previous change: clients order changes by it. */
  function nextUpdatedAt(record: PortalApplication): string {
    return new Date(
      Math.max(options.now().getTime(), Date.parse(record.updatedAt) + 1000),
    ).toISOString();
  }

  function append(record: PortalApplication): void {
    const previous = byId.get(record.id);
    if (previous) live.add(firstIndexAfter(previous.seq - 1), -1);
    headSeq++;
    byId.set(record.id, { record, seq: headSeq, original: previous?.original ?? record });
    logSeqs.push(headSeq);
    logIds.push(record.id);
    live.add(logSeqs.length - 1, 1);
  }

  function firstIndexAfter(seq: number): number {
    let low = 0;
    let high = logSeqs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((logSeqs[middle] as number) <= seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  return {
    get size() {
      return byId.size;
    },
    get headSeq() {
      return headSeq;
    },

    addRaw(jsonText) {
      headSeq++;
      const key = `raw:${headSeq}`;
      rawByKey.set(key, new RawFeedItem(jsonText));
      logSeqs.push(headSeq);
      logIds.push(key);
      live.add(logSeqs.length - 1, 1);
      return headSeq;
    },

    add(count, addOptions = {}) {
      const nowMs = options.now().getTime();
      const added: PortalApplication[] = [];
      for (let i = 0; i < count; i++) {
        intake++;
        // The initial intake is laid out in submission order over the spread, like a real feed.
        const slotNow = addOptions.initial
          ? new Date(nowMs - ((count - 1 - i) / count) * INITIAL_SPREAD_DAYS * DAY_MS)
          : new Date(nowMs);
        const withinDays = addOptions.initial
          ? Math.max(INITIAL_SPREAD_DAYS / Math.max(count, 1), ARRIVAL_SPREAD_DAYS)
          : ARRIVAL_SPREAD_DAYS;
        const record = generateApplication(rng, {
          sequence: intake,
          procedures: options.procedures,
          now: slotNow,
          withinDays,
          attachments: pool,
        });
        append(record);
        added.push(record);
      }
      return added;
    },

    addLinked() {
      const linked = generateLinkedRecords({
        seed: options.seed,
        procedures: options.procedures,
        now: options.now(),
        nextSequence: () => ++intake,
        attachments: pool,
      });
      for (const record of linked.records) append(record);
      return linked;
    },

    get: (id) => byId.get(id)?.record,

    applyPortalChange(id, change) {
      const entry = byId.get(id);
      if (!entry) throw new PortalStoreError('not_found', `Demande inconnue : ${id}`);
      if (change.status === 'withdrawn' && entry.record.status === 'withdrawn') {
        throw new PortalStoreError('conflict', `La demande ${id} est déjà retirée.`);
      }
      if (change.status && change.status !== 'withdrawn' && entry.record.status === 'withdrawn') {
        throw new PortalStoreError('conflict', `La demande ${id} est retirée.`);
      }
      const record: PortalApplication = {
        ...entry.record,
        ...(change.status ? { status: change.status } : {}),
        applicant: { ...entry.record.applicant, ...change.applicant },
        form: { ...entry.record.form, ...change.form },
        ...(change.newDocuments?.length
          ? { documents: [...entry.record.documents, ...change.newDocuments] }
          : {}),
        version: entry.record.version + 1,
        updatedAt: nextUpdatedAt(entry.record),
      };
      // Written from the record as the reply leaves it, dated the day of the request.
      for (const document of change.newDocuments ?? []) {
        complementSources.set(document.id, { ...record, updatedAt: entry.record.updatedAt });
      }
      // A reply answers the pending request; a withdrawal or another request replaces it.
      if (change.status) infoRequests.delete(id);
      append(record);
      const log = portalChangeLog.get(id) ?? [];
      log.push({
        version: record.version,
        at: record.updatedAt,
        statusBefore: entry.record.status,
        statusAfter: record.status,
        rerouted:
          change.applicant?.region !== undefined &&
          change.applicant.region !== entry.record.applicant.region,
        dataChanged:
          (change.applicant !== undefined && Object.keys(change.applicant).length > 0) ||
          (change.form !== undefined && Object.keys(change.form).length > 0) ||
          (change.newDocuments?.length ?? 0) > 0,
      });
      portalChangeLog.set(id, log);
      return record;
    },

    touch(id) {
      const entry = byId.get(id);
      if (entry) append(entry.record);
    },

    portalChanges: (id) => portalChangeLog.get(id) ?? [],

    applyBureauEvent(id, change) {
      const entry = byId.get(id);
      if (!entry) throw new PortalStoreError('not_found', `Demande inconnue : ${id}`);
      const version = entry.record.version + 1;
      const applied = [
        ...(entry.record.appliedEvents ?? []),
        { idempotencyKey: change.idempotencyKey, version },
      ].slice(-MAX_APPLIED_EVENTS);
      const record: PortalApplication = {
        ...entry.record,
        ...(change.status ? { status: change.status } : {}),
        version,
        updatedAt: nextUpdatedAt(entry.record),
        appliedEvents: applied,
      };
      if (change.infoRequest) infoRequests.set(id, change.infoRequest);
      else if (change.status) infoRequests.delete(id);
      append(record);
      return record;
    },

    pendingInfoRequest: (id) => infoRequests.get(id),
    procedure: (code) => proceduresByCode.get(code),
    attachments: pool,

    page(afterSeq, limit) {
      const items: PortalApplication[] = [];
      const entries: (PortalApplication | RawFeedItem)[] = [];
      let lastSeq = afterSeq;
      let index = firstIndexAfter(afterSeq);
      for (; index < logSeqs.length && entries.length < limit; index++) {
        const seq = logSeqs[index] as number;
        const key = logIds[index] as string;
        const entry = byId.get(key);
        lastSeq = seq;
        if (entry && entry.seq === seq) {
          items.push(entry.record);
          entries.push(entry.record);
        } else {
          const raw = rawByKey.get(key);
          if (raw) entries.push(raw);
        }
      }
      // Skip stale entries so hasMore only reports live changes.
      while (index < logSeqs.length) {
        const key = logIds[index] as string;
        const entry = byId.get(key);
        if ((entry && entry.seq === logSeqs[index]) || rawByKey.has(key)) break;
        index++;
      }
      const remaining = byId.size + rawByKey.size - live.prefix(index);
      return { items, entries, lastSeq, hasMore: index < logSeqs.length, remaining };
    },

    document(documentId) {
      const applicationId = applicationIdOfDocument(documentId);
      const entry = applicationId ? byId.get(applicationId) : undefined;
      const document = entry?.record.documents.find((candidate) => candidate.id === documentId);
      if (!entry || !document) return undefined;
      // A pool's variant, or one of the record's own PDFs, written again from the record it was
      // written from (the same bytes: checked against the hash the record declares).
      const procedure = proceduresByCode.get(entry.original.procedureCode);
      const complement = complementSources.get(document.id);
      const body =
        pool.bySha256(document.sha256) ??
        (complement
          ? ownDocument(complement, document, procedure, true)
          : ownDocument(entry.original, document, procedure, false));
      return body ? { document, body } : undefined;
    },
  };
}

/** One of a record's own PDF documents, if `document` is one of them. */
function ownDocument(
  source: PortalApplication,
  document: PortalDocument,
  procedure: ProcedureDefinition | undefined,
  complement: boolean,
): AttachmentBody | undefined {
  if (document.mimeType !== 'application/pdf' || !procedure) return undefined;
  if (!complement && !source.documents.some((candidate) => candidate.id === document.id)) {
    return undefined;
  }
  const label = procedure.documents.find((candidate) => candidate.code === document.code)?.label;
  if (!label) return undefined;
  const body = renderRecordDocument(source, procedure, document.code, label.fr, complement);
  return body.sha256 === document.sha256 ? { mimeType: 'application/pdf', ...body } : undefined;
}

/** Fenwick tree over log indexes: point updates and prefix sums in O(log n). */
function createFenwick() {
  const tree: number[] = [0];
  return {
    add(index: number, delta: number): void {
      while (tree.length <= index + 1) {
        // Growing by one slot: the new node covers (i - lowbit(i), i], whose sum we copy in.
        const i = tree.length;
        let sum = 0;
        for (let j = i - 1; j > i - (i & -i); j -= j & -j) sum += tree[j] as number;
        tree.push(sum);
      }
      for (let i = index + 1; i < tree.length; i += i & -i) tree[i] = (tree[i] as number) + delta;
    },
    /** Sum of entries at indexes [0, count). */
    prefix(count: number): number {
      let sum = 0;
      for (let i = Math.min(count, tree.length - 1); i > 0; i -= i & -i) sum += tree[i] as number;
      return sum;
    },
  };
}
