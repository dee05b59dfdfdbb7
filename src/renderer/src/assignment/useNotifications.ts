import { useQueryClient } from '@tanstack/react-query';
import type { NotificationList } from '../../../shared/api/assignmentTypes';
import { apiKey, useApiMutation, useApiQuery } from '../api/queries';

const EMPTY: NotificationList = { unread: 0, items: [] };
const NOTIFICATIONS_KEY = apiKey('notifications.list', {});

/** The list as it is once these notifications (all when `ids` is absent) are read. */
function readOf(list: NotificationList, ids: readonly number[] | undefined): NotificationList {
  const marked = (id: number) => !ids || ids.includes(id);
  return {
    // The count may cover more than the items listed: only the listed ones read are taken off.
    unread: ids
      ? list.unread -
        list.items
          .filter((item) => !item.read && marked(item.id))
          .reduce((sum, item) => sum + item.count, 0)
      : 0,
    items: list.items.map((item) => (marked(item.id) ? { ...item, read: true } : item)),
  };
}

/**
 * The signed-in user's notifications, cached under `['notifications.list', {}]`: fetched on
 * sign-in, and again whenever the core says this user's notifications changed (a case assigned to
 * them, or read in another window; `liveInvalidation.ts`). The cache is emptied when another
 * person signs in, so a previous user's list never shows.
 */
export function useNotifications(userId: string | null) {
  const client = useQueryClient();
  const query = useApiQuery('notifications.list', {}, { enabled: userId !== null });
  const markRead = useApiMutation('notifications.markRead', {
    // Shown read at once; the core's answer (and its event) confirms it, a refusal undoes it.
    onMutate: async ({ ids }) => {
      await client.cancelQueries({ queryKey: NOTIFICATIONS_KEY });
      const before = client.getQueryData<NotificationList>(NOTIFICATIONS_KEY);
      if (before) client.setQueryData(NOTIFICATIONS_KEY, readOf(before, ids));
      return { before };
    },
    onError: (_error, _input, context) => {
      if (context?.before) client.setQueryData(NOTIFICATIONS_KEY, context.before);
    },
    onSettled: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });

  return {
    list: userId !== null ? (query.data ?? EMPTY) : EMPTY,
    failed: userId !== null && query.isError,
    reload: () => void query.refetch(),
    markRead: (ids?: number[]) => markRead.mutate(ids ? { ids } : {}),
  };
}
