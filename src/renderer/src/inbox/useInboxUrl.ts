import { useEffect, useLayoutEffect, useSyncExternalStore } from 'react';
import type { QueueId } from '../../../shared/api/types';
import { parseRoute } from '../routing/route';
import { currentQuery, useInboxStore } from '../stores/inboxStore';
import { queryKey } from './inboxQuery';
import { inboxHref, queryFromHash } from './inboxUrl';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/**
 * Keeps the inbox's filters, sort and search in the address: a link (or Back) opens the same
 * list, and the address always says what is shown. A link with a query applies it; a plain queue
 * link keeps the filters the clerk had (they follow from queue to queue).
 */
export function useInboxUrl(queue: QueueId): void {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);

  // Before paint: the list of the queue the address names is drawn in the same frame as the
  // click, without a frame of the previous queue or of an empty list between them.
  useLayoutEffect(() => {
    const store = useInboxStore.getState();
    const fromUrl = queryFromHash(hash, queue);
    if (fromUrl && queryKey(fromUrl) !== queryKey(currentQuery(store))) store.applyQuery(fromUrl);
    else store.show(queue);
  }, [hash, queue]);

  useEffect(() => {
    const write = () => {
      const state = useInboxStore.getState();
      // Only while the address still shows this queue: an answer landing just after the clerk
      // opened a case must not pull the address back to the list.
      const shown = parseRoute(window.location.hash);
      if (state.queue !== queue || shown.view !== 'inbox' || shown.queue !== queue) return;
      const href = inboxHref(currentQuery(state));
      // replaceState: typing a search must not stack one history entry per key.
      if (window.location.hash !== href)
        window.history.replaceState(window.history.state, '', href);
    };
    write();
    return useInboxStore.subscribe(write);
  }, [queue]);
}
