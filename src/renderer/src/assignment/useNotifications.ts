import { useCallback, useEffect, useState } from 'react';
import type { NotificationList } from '../../../shared/api/assignmentTypes';
import { api } from '../api/api';

const EMPTY: NotificationList = { unread: 0, items: [] };

/**
 * The signed-in user's notifications, fetched on sign-in and again whenever the core says this
 * user's notifications changed (a case assigned to them, or read in another window).
 */
export function useNotifications(userId: string | null) {
  // Kept with the user it belongs to, so another user's list never shows after a sign-out.
  const [state, setState] = useState<{ userId: string | null; list: NotificationList }>({
    userId: null,
    list: EMPTY,
  });
  const [failed, setFailed] = useState(false);
  const list = state.userId === userId ? state.list : EMPTY;

  const reload = useCallback((): Promise<void> => {
    if (!userId) return Promise.resolve();
    return api.call('notifications.list', {}).then(
      (fresh) => {
        setState({ userId, list: fresh });
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, [userId]);

  useEffect(() => {
    if (!userId) return;
    void reload();
    return api.on('notifications.changed', ({ userIds }) => {
      if (userIds.includes(userId)) void reload();
    });
  }, [userId, reload]);

  const markRead = useCallback(
    async (ids?: number[]) => {
      // Shown read at once; the core's answer (and its event) confirms it.
      setState(({ userId: owner, list: current }) => ({
        userId: owner,
        list: {
          unread: ids
            ? current.unread -
              current.items.filter((item) => !item.read && ids.includes(item.id)).length
            : 0,
          items: current.items.map((item) =>
            !ids || ids.includes(item.id) ? { ...item, read: true } : item,
          ),
        },
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
