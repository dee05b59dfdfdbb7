import { useCallback, useEffect, useState } from 'react';
import type { NotificationList } from '../../../shared/api/assignmentTypes';
import { api } from '../api/api';

const EMPTY: NotificationList = { unread: 0, items: [] };

/**
 * The signed-in user's notifications, fetched on sign-in and again whenever the core says this
 * user's notifications changed (a case assigned to them, or read in another window).
 */
export function useNotifications(userId: string | null) {
  const [list, setList] = useState<NotificationList>(EMPTY);
  const [failed, setFailed] = useState(false);

  const reload = useCallback(async () => {
    if (!userId) return;
    try {
      setList(await api.call('notifications.list', {}));
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [userId]);

  useEffect(() => {
    setList(EMPTY);
    if (!userId) return;
    void reload();
    return api.on('notifications.changed', ({ userIds }) => {
      if (userIds.includes(userId)) void reload();
    });
  }, [userId, reload]);

  const markRead = useCallback(
    async (ids?: number[]) => {
      // Shown read at once; the core's answer (and its event) confirms it.
      setList((current) => ({
        unread: ids
          ? current.unread -
            current.items.filter((item) => !item.read && ids.includes(item.id)).length
          : 0,
        items: current.items.map((item) =>
          !ids || ids.includes(item.id) ? { ...item, read: true } : item,
        ),
      }));
      try {
        await api.call('notifications.markRead', ids ? { ids } : {});
      } finally {
        void reload();
      }
    },
    [reload],
  );

  return { list, failed, reload, markRead };
}
