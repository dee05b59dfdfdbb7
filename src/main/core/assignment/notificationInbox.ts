import type Database from 'better-sqlite3';
import type { InboxNotification, NotificationList } from '../../../shared/api/assignmentTypes';

/** How many entries the bell lists: the latest ones; the unread count covers them all. */
const LIST_LIMIT = 50;
/** How many notifications are read to make those entries (a bulk assignment is one entry). */
const READ_LIMIT = 500;

/** What a notification tells: a case assigned to the user, or taken over from them. */
export type NotificationKind = InboxNotification['kind'];

interface NotificationRecord {
  id: number;
  kind: NotificationKind;
  application_id: string;
  reference: string | null;
  by_user_id: string;
  by_name: string | null;
  at: string;
  read_at: string | null;
}

/**
 * Each user's notifications, the only writer of `notifications`: « dossier affecté » (written with
 * the assignment) and « dossier repris » (written with a supervisor's take-over, design multi-desk
 * §3.7), on this desk or from another desk's activity; read by the bell.
 */
export function createNotificationInbox(db: Database.Database) {
  const insert = db.prepare<[string, string, NotificationKind, string, string]>(`
    INSERT INTO notifications (user_id, application_id, kind, by_user_id, at)
    VALUES (?, ?, ?, ?, ?)`);
  const latest = db.prepare<[string, number], NotificationRecord>(`
    SELECT n.id, n.kind, n.application_id, a.reference, n.by_user_id, u.display_name AS by_name,
           n.at, n.read_at
    FROM notifications n
    LEFT JOIN applications a ON a.id = n.application_id
    LEFT JOIN users u ON u.id = n.by_user_id
    WHERE n.user_id = ? ORDER BY n.id DESC LIMIT ?`);
  const unread = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL',
  );
  const markAll = db.prepare<[string, string]>(
    'UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL',
  );
  const markSome = db.prepare<[string, string, string]>(`
    UPDATE notifications SET read_at = ?
    WHERE user_id = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))`);

  const insertFromActivity = db.prepare<
    [string, string, NotificationKind, string, string, string]
  >(`
    INSERT INTO notifications (user_id, application_id, kind, by_user_id, at, event_key)
    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_key) WHERE event_key IS NOT NULL DO NOTHING`);

  return {
    /** Another desk's assignment (office activity feed): once, whatever the replays. */
    caseAssignedElsewhere(
      userId: string,
      caseId: string,
      byUserId: string,
      at: string,
      eventKey: string,
    ): void {
      insertFromActivity.run(userId, caseId, 'case.assigned', byUserId, at, eventKey);
    },
    /** Call inside the assignment's transaction. */
    caseAssigned(userId: string, caseId: string, byUserId: string, at: string): void {
      insert.run(userId, caseId, 'case.assigned', byUserId, at);
    },
    /** A supervisor took the case over from `userId` on this desk: inside the take-over's transaction. */
    caseTakenOver(userId: string, caseId: string, byUserId: string, at: string): void {
      insert.run(userId, caseId, 'case.taken_over', byUserId, at);
    },
    /** Another desk's take-over (office activity feed): once, whatever the replays. */
    caseTakenOverElsewhere(
      userId: string,
      caseId: string,
      byUserId: string,
      at: string,
      eventKey: string,
    ): void {
      insertFromActivity.run(userId, caseId, 'case.taken_over', byUserId, at, eventKey);
    },

    list(userId: string): NotificationList {
      const items: InboxNotification[] = [];
      let group: { item: InboxNotification; by: string } | null = null;
      for (const record of latest.all(userId, READ_LIMIT)) {
        const read = record.read_at !== null;
        // One assignment of many cases (one transaction: one instant) is one entry.
        if (
          group &&
          record.kind === 'case.assigned' &&
          group.item.kind === 'case.assigned' &&
          group.by === record.by_user_id &&
          group.item.at === record.at &&
          group.item.read === read
        ) {
          group.item.count++;
          group.item.ids.push(record.id);
          continue;
        }
        if (items.length === LIST_LIMIT) break;
        const item: InboxNotification = {
          id: record.id,
          kind: record.kind,
          caseId: record.application_id,
          reference: record.reference ?? record.application_id,
          byName: record.by_name ?? '—',
          at: record.at,
          read,
          count: 1,
          ids: [record.id],
        };
        items.push(item);
        group = { item, by: record.by_user_id };
      }
      return { unread: unread.get(userId)?.n ?? 0, items };
    },

    /** Only the caller's own notifications are touched, whatever ids are given. */
    markRead(userId: string, ids: readonly number[] | undefined, at: string): number {
      const result =
        ids === undefined ? markAll.run(at, userId) : markSome.run(at, userId, JSON.stringify(ids));
      return result.changes;
    },
  };
}
export type NotificationInbox = ReturnType<typeof createNotificationInbox>;
