import { useEffect, useSyncExternalStore } from 'react';
import type { QueueId } from '../../../shared/api/types';
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

  useEffect(() => {
    const store = useInboxStore.getState();
    const fromUrl = queryFromHash(hash, queue);
    if (fromUrl && queryKey(fromUrl) !== queryKey(currentQuery(store))) store.applyQuery(fromUrl);
    else store.show(queue);
  }, [hash, queue]);

  useEffect(() => {
    const write = () => {
      const state = useInboxStore.getState();
      if (state.queue !== queue) return;
      const href = inboxHref(currentQuery(state));
      // replaceState: typing a search must not stack one history entry per key.
      if (window.location.hash !== href)
        window.history.replaceState(window.history.state, '', href);
    };
    write();
    return useInboxStore.subscribe(write);
  }, [queue]);
}
