import { createRequire } from 'node:module';
import { MessageChannel, Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * The pull's writer thread (issue 18 §4): a worker with its own connection to the cache's WAL
 * file writes the pages the main thread has fetched and checked, so a large pull never holds the
 * main thread (which serves the clerk's reads) for a commit, and its transactions can be large.
 *
 * What crosses is structured data — statements and their values — never a round trip per
 * record. The worker takes every job queued when it becomes free into one transaction (up to
 * MAX_RECORDS_PER_TRANSACTION records): when it is the slower side its transactions grow on their
 * own, and each commit rewrites an index page once for many records instead of once per slice.
 *
 * Order is the contract: jobs commit in the order they were submitted. After a failed
 * transaction the worker refuses every later job until `reset()`, so nothing submitted after a
 * failed page can commit before it (a page's cursor never moves past a page not written); the
 * caller then writes the refused pages itself, in order.
 *
 * The program is plain JavaScript evaluated in the worker (as pullCheckpoints.ts does): the
 * worker runs the same under Vitest, tsx and the bundled app.
 */

/** One statement of a job. */
export type WriteOp =
  /** A multi-row INSERT of `values.length / width` rows; `collect`: keep its RETURNING rowids. */
  | { kind: 'rows'; head: string; width: number; tail: string; values: unknown[]; collect?: true }
  /** A statement run once; `rowids`: bound to the JSON array of the rowids collected so far. */
  | { kind: 'run'; sql: string; params?: unknown[]; rowids?: true }
  /** Several statements without parameters (DDL). */
  | { kind: 'exec'; sql: string };

export interface WriteJob {
  ops: WriteOp[];
  /** Records the job writes (0 for a build step): what bounds a coalesced transaction. */
  records: number;
  /** A transaction of its own, never merged with others (a long build step). */
  alone?: boolean;
}

/** The job was not written: its transaction failed, or an earlier one did (`skipped`). */
export class WriterRefusal extends Error {
  constructor(
    message: string,
    readonly skipped: boolean,
  ) {
    super(message);
    this.name = 'WriterRefusal';
  }
}

/**
 * Records merged into one transaction at most. Larger transactions cost less per record (each
 * index page rewritten once for more records: 413 → 147 µs/record from 200 to 5,000 per
 * transaction, bench/ingestSteps.ts), but a clerk's own write on the main thread waits for the
 * running one, so it stays a fraction of a second.
 */
const MAX_RECORDS_PER_TRANSACTION = 2_000;

/** Multi-row INSERTs, as the repository writes them (far below SQLite's bound-parameter limit). */
const ROWS_PER_INSERT = 50;

const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const port = workerData.port;
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 10000');
db.pragma('foreign_keys = ON');
// As the main thread's pull (pullApplications.ts, withoutWalSync): the file stays consistent; a
// power cut may lose the last pages, cursor included, which the next sync pulls again.
db.pragma('synchronous = NORMAL');
db.pragma('temp_store = MEMORY');
db.pragma('cache_size = -65536');
const statements = new Map();
function prepared(sql) {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}
function clause(rows, width) {
  const tuple = '(' + new Array(width).fill('?').join(', ') + ')';
  return new Array(rows).fill(tuple).join(', ');
}
function rows(op, rowids) {
  const count = op.values.length / op.width;
  for (let start = 0; start < count; start += ${ROWS_PER_INSERT}) {
    const n = Math.min(${ROWS_PER_INSERT}, count - start);
    const statement = prepared(op.head + ' VALUES ' + clause(n, op.width) + ' ' + op.tail);
    const bound = op.values.slice(start * op.width, (start + n) * op.width);
    if (statement.reader) {
      for (const row of statement.raw().all(bound)) if (op.collect) rowids.push(row[0]);
    } else statement.run(bound);
  }
}
function runJob(job) {
  const rowids = [];
  for (const op of job.ops) {
    if (op.kind === 'rows') rows(op, rowids);
    else if (op.kind === 'exec') db.exec(op.sql);
    else if (op.rowids) prepared(op.sql).run(JSON.stringify(rowids));
    else prepared(op.sql).run(...(op.params || []));
  }
}
const apply = db.transaction((jobs) => { for (const job of jobs) runJob(job); });
let failed = null;
const queue = [];
function take() {
  for (let next; (next = receiveMessageOnPort(port)); ) queue.push(next.message);
}
function work() {
  take();
  while (queue.length > 0) {
    const first = queue[0];
    if (first.type === 'close') { db.close(); port.close(); return; }
    if (first.type === 'reset') { queue.shift(); failed = null; continue; }
    const jobs = [queue.shift()];
    let records = first.records;
    while (!first.alone && queue.length > 0 && queue[0].type === 'job' && !queue[0].alone
        && records + queue[0].records <= ${MAX_RECORDS_PER_TRANSACTION}) {
      const job = queue.shift();
      records += job.records;
      jobs.push(job);
    }
    const ids = jobs.map((job) => job.id);
    if (failed !== null) {
      port.postMessage({ ids, error: failed, skipped: true });
    } else {
      try {
        apply(jobs);
        port.postMessage({ ids });
      } catch (error) {
        failed = String(error && error.message || error);
        port.postMessage({ ids, error: failed, skipped: false });
      }
    }
    take();
  }
}
port.on('message', (message) => { queue.push(message); work(); });
`;

type Reply = { ids: number[]; error?: string; skipped?: boolean };

export function createPullWriter(file: string) {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, port: port2 },
    transferList: [port2],
  });
  // Not unref'd: a pull waiting only for its writer must keep the process alive (each pull
  // closes its writer when done).
  let alive = true;
  let nextId = 1;
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  const failAll = (error: Error) => {
    alive = false;
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };
  port1.on('message', (reply: Reply) => {
    for (const id of reply.ids) {
      const entry = waiting.get(id);
      waiting.delete(id);
      if (!entry) continue;
      if (reply.error === undefined) entry.resolve();
      else entry.reject(new WriterRefusal(reply.error, reply.skipped === true));
    }
  });
  worker.on('error', (error) => failAll(error instanceof Error ? error : new Error(String(error))));
  worker.on('exit', () => failAll(new Error('pull writer stopped')));

  return {
    get alive() {
      return alive;
    },
    /** Resolves once the job is committed; rejects with a WriterRefusal when it was not. */
    submit(job: WriteJob): Promise<void> {
      if (!alive) return Promise.reject(new Error('pull writer stopped'));
      const id = nextId++;
      const done = new Promise<void>((resolve, reject) => waiting.set(id, { resolve, reject }));
      port1.postMessage({ type: 'job', id, ...job });
      return done;
    },
    /** After a refusal: later jobs are taken again. */
    reset(): void {
      if (alive) port1.postMessage({ type: 'reset' });
    },
    /** Ends the thread once the jobs already submitted are done. */
    async close(): Promise<void> {
      if (!alive) return;
      alive = false;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      port1.postMessage({ type: 'close' });
      await exited;
      port1.close();
    },
  };
}
export type PullWriter = ReturnType<typeof createPullWriter>;

/**
 * A job run on the calling connection, in one transaction: where the writer thread is not
 * available (an in-memory cache, a worker that failed to start), the same statements run here.
 */
export function runWriteJob(db: Database.Database, job: WriteJob): void {
  const rowids: number[] = [];
  db.transaction(() => {
    for (const op of job.ops) {
      if (op.kind === 'exec') db.exec(op.sql);
      else if (op.kind === 'run')
        db.prepare(op.sql).run(...(op.rowids ? [JSON.stringify(rowids)] : (op.params ?? [])));
      else {
        const count = op.values.length / op.width;
        const tuple = `(${Array.from({ length: op.width }, () => '?').join(', ')})`;
        for (let start = 0; start < count; start += ROWS_PER_INSERT) {
          const n = Math.min(ROWS_PER_INSERT, count - start);
          const statement = db.prepare(
            `${op.head} VALUES ${Array.from({ length: n }, () => tuple).join(', ')} ${op.tail}`,
          );
          const bound = op.values.slice(start * op.width, (start + n) * op.width);
          if (!statement.reader) statement.run(bound);
          else
            for (const row of statement.raw().all(bound) as [number][])
              if (op.collect) rowids.push(row[0]);
        }
      }
    }
  })();
}
