import { parseRoute } from '../routing/route';
import { queryClient } from '../api/queryClient';
import { currentQuery, listQuery, useInboxStore } from '../stores/inboxStore';
import { inboxListOptions, inboxTotalOptions } from './inboxList';
import { queryKey } from './inboxQuery';
import { queryFromHash } from './inboxUrl';

/**
 * Right after a sign-in, the list the address points at is asked for while the frame and the
 * inbox first render (issue 18 §2): otherwise its request waits for that render's effects, and
 * the rows for a second render after it. The store takes the address's query now, as
 * `useInboxUrl` does on mount (the same query: that render finds the answer in the cache).
 */
export function prefetchInbox(hash: string): void {
  const route = parseRoute(hash);
  if (route.view !== 'inbox') return;
  const store = useInboxStore.getState();
  const fromUrl = queryFromHash(hash, route.queue);
  if (fromUrl && queryKey(fromUrl) !== queryKey(currentQuery(store))) store.applyQuery(fromUrl);
  else store.show(route.queue);
  const query = listQuery(useInboxStore.getState());
  void queryClient.prefetchInfiniteQuery(inboxListOptions(query));
  void queryClient.prefetchQuery(inboxTotalOptions(query));
}
