import { officeForRegion } from '../../shared/domain/offices';
import type { PortalStore } from '../portalStore';
import { jsonReply, type SimReply } from '../router';
import { isRefusal, type OfficeStore } from './desks';
import { deskOnly, refusalReply, validationFailed, type On } from './v2Request';

/**
 * The long-poll doorbell (design multi-desk §3.11): `GET /api/v2/offices/:office/changes`.
 *
 * Per office the simulator keeps a change token `w:<n>`, bumped (n + 1) each time one or more of
 * the feeds a desk of that office reads moved, and, per feed, the token at which it last moved:
 * - `applications`: an application routed to the office (applicant's region, as `work.officeCode`)
 *   got a new feed position (new version, or moved to the end for its `work` block); a re-routed
 *   application moves the feed of the office it left too;
 * - `activity`: a new item in the office's activity feed;
 * - `directory`: the office's directory sequence moved;
 * - `registry`: the national key and certificate registry got an entry (every office);
 * - `desks`: a desk joined, was relabelled or retired (status reports do not ring).
 *
 * The state is compared with what was last seen (`refresh`) after every HTTP request the
 * simulator answers, and every 200 ms while a request waits (changes made without HTTP: arrivals,
 * the change ticker, tests calling the store). This is the one place of the simulator that uses
 * wall time: a wait is a real `setTimeout`, whatever clock the simulator was given.
 */

export const DOORBELL_FEEDS = [
  'applications',
  'activity',
  'directory',
  'registry',
  'desks',
  'textModules',
] as const;
export type DoorbellFeed = (typeof DOORBELL_FEEDS)[number];

export type DoorbellAnswer = { token: string } & Record<DoorbellFeed, boolean>;

export const DOORBELL_TOKEN = /^w:(0|[1-9][0-9]{0,14})$/;
const POLL_MS = 200;

/** Where the doorbell reads how far each office's activity feed goes (activity.ts). */
export interface ActivityMarks {
  /** The last sequence of the office's activity feed (0 when empty). */
  last(officeCode: string): number;
}

interface OfficeState {
  token: number;
  /** The token at which each feed last moved (0: not since the simulator started). */
  moved: Record<DoorbellFeed, number>;
}

interface Waiter {
  officeCode: string;
  since: number;
  timer: NodeJS.Timeout;
  resolve(answer: DoorbellAnswer): void;
}

export function createDoorbell(
  store: PortalStore,
  offices: OfficeStore,
  activity: ActivityMarks,
  /** The office text modules' feed (officeTextModules.ts), when served. */
  textModules?: ActivityMarks,
) {
  const states = new Map<string, OfficeState>();
  const waiters = new Set<Waiter>();
  /** The office each application was last seen routed to. */
  const routedTo = new Map<string, string | null>();
  let feedSeq = 0;
  let registrySize = offices.registry.size();
  let officeMarks = offices.doorbellMarks();
  const activityLast = new Map<string, number>();
  const textModulesLast = new Map<string, number>();
  let poll: NodeJS.Timeout | null = null;
  let closed = false;

  function stateOf(officeCode: string): OfficeState {
    let state = states.get(officeCode);
    if (!state) {
      state = {
        token: 0,
        moved: {
          applications: 0,
          activity: 0,
          directory: 0,
          registry: 0,
          desks: 0,
          textModules: 0,
        },
      };
      states.set(officeCode, state);
    }
    return state;
  }

  /** Walks the applications feed after `feedSeq`; `mark` is told each office whose feed moved. */
  function scanApplications(mark: (officeCode: string) => void): void {
    let after = feedSeq;
    for (;;) {
      const page = store.page(after, 1000);
      for (const record of page.items) {
        const officeCode = officeForRegion(record.applicant.region) ?? null;
        const previous = routedTo.get(record.id);
        if (officeCode) mark(officeCode);
        if (previous && previous !== officeCode) mark(previous);
        routedTo.set(record.id, officeCode);
      }
      if (!page.hasMore || page.lastSeq === after) {
        after = Math.max(after, page.lastSeq);
        break;
      }
      after = page.lastSeq;
    }
    feedSeq = after;
  }
  scanApplications(() => undefined);

  function answerFor(officeCode: string, since: number | null): DoorbellAnswer {
    const state = stateOf(officeCode);
    // No token, or one this portal never gave: everything is news.
    const known = since !== null && since <= state.token;
    const answer = { token: `w:${state.token}` } as DoorbellAnswer;
    for (const feed of DOORBELL_FEEDS) answer[feed] = !known || state.moved[feed] > since;
    return answer;
  }

  function finish(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    waiters.delete(waiter);
    if (waiters.size === 0 && poll) {
      clearInterval(poll);
      poll = null;
    }
    waiter.resolve(answerFor(waiter.officeCode, waiter.since));
  }

  /** Compares every feed with what was last seen; bumps and rings the offices whose feeds moved. */
  function refresh(): void {
    const movedBy = new Map<string, Set<DoorbellFeed>>();
    const mark = (officeCode: string, feed: DoorbellFeed) => {
      const feeds = movedBy.get(officeCode) ?? new Set<DoorbellFeed>();
      feeds.add(feed);
      movedBy.set(officeCode, feeds);
    };
    scanApplications((officeCode) => mark(officeCode, 'applications'));

    const marks = offices.doorbellMarks();
    const known = new Set([...marks.keys(), ...states.keys()]);
    for (const officeCode of known) {
      const before = officeMarks.get(officeCode) ?? { directory: 0, desks: '[]' };
      const now = marks.get(officeCode) ?? before;
      if (now.directory !== before.directory) mark(officeCode, 'directory');
      if (now.desks !== before.desks) mark(officeCode, 'desks');
      const last = activity.last(officeCode);
      if (last !== (activityLast.get(officeCode) ?? 0)) mark(officeCode, 'activity');
      activityLast.set(officeCode, last);
      const phrases = textModules?.last(officeCode) ?? 0;
      if (phrases !== (textModulesLast.get(officeCode) ?? 0)) mark(officeCode, 'textModules');
      textModulesLast.set(officeCode, phrases);
    }
    officeMarks = marks;
    const size = offices.registry.size();
    if (size !== registrySize) for (const officeCode of known) mark(officeCode, 'registry');
    registrySize = size;

    for (const [officeCode, feeds] of movedBy) {
      const state = stateOf(officeCode);
      state.token += 1;
      for (const feed of feeds) state.moved[feed] = state.token;
    }
    for (const waiter of [...waiters]) {
      if (movedBy.has(waiter.officeCode)) finish(waiter);
    }
  }

  return {
    refresh,

    /**
     * The answer for a desk of `officeCode` that last saw `since` (null: none): at once when the
     * office's token is newer (or `seconds` is 0, or the doorbell is closed), else when a feed
     * moves or after `seconds` (real time), whichever comes first.
     */
    wait(officeCode: string, since: number | null, seconds: number): Promise<DoorbellAnswer> {
      refresh();
      const state = stateOf(officeCode);
      if (since === null || since !== state.token || seconds === 0 || closed) {
        return Promise.resolve(answerFor(officeCode, since));
      }
      return new Promise((resolve) => {
        const waiter: Waiter = {
          officeCode,
          since,
          resolve,
          timer: setTimeout(() => finish(waiter), seconds * 1000),
        };
        waiters.add(waiter);
        if (!poll) {
          poll = setInterval(refresh, POLL_MS);
          poll.unref();
        }
      });
    },

    /** Requests waiting now. */
    pending(): number {
      return waiters.size;
    },

    /** Answers every waiting request at once (nothing moved) and stops waiting from now on. */
    close(): number {
      closed = true;
      const count = waiters.size;
      for (const waiter of [...waiters]) finish(waiter);
      return count;
    },
  };
}
export type Doorbell = ReturnType<typeof createDoorbell>;

/** `since` and `wait` (capped at `maxWaitSeconds`), or `400 validation_failed`. */
function changesQuery(
  url: URL,
  maxWaitSeconds: number,
): { since: number | null; wait: number } | SimReply {
  const issues: { path: string; message: string }[] = [];
  const rawSince = url.searchParams.get('since');
  let since: number | null = null;
  if (rawSince !== null) {
    const match = DOORBELL_TOKEN.exec(rawSince);
    if (match) since = Number(match[1]);
    else {
      issues.push({
        path: 'since',
        message:
          'jeton de changement invalide (w:<nombre>) : reprenez sans since ou avec le dernier token reçu',
      });
    }
  }
  const rawWait = url.searchParams.get('wait');
  let wait = 0;
  if (rawWait !== null) {
    if (/^[0-9]{1,6}$/.test(rawWait)) wait = Math.min(Number(rawWait), maxWaitSeconds);
    else
      issues.push({
        path: 'wait',
        message: `nombre entier de secondes attendu (0 à ${maxWaitSeconds})`,
      });
  }
  return issues.length > 0 ? validationFailed(issues) : { since, wait };
}

/** `GET /api/v2/offices/:office/changes` (desk token of a desk of that office). */
export function installDoorbellRoute(
  on: On,
  offices: OfficeStore,
  doorbell: Doorbell,
  maxWaitSeconds: number,
): void {
  on('GET', 'offices/:office/changes', async (request, caller) => {
    const deskId = deskOnly(caller);
    if (typeof deskId !== 'string') return deskId;
    const officeCode = request.params.office ?? '';
    const desk = offices.officeDesk(deskId, officeCode);
    if (isRefusal(desk)) return refusalReply(desk);
    const query = changesQuery(request.url, maxWaitSeconds);
    if ('status' in query) return query;
    const answer = await doorbell.wait(officeCode, query.since, query.wait);
    return jsonReply(200, answer, { 'cache-control': 'no-store' });
  });
}
