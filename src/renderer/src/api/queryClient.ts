import { QueryClient } from '@tanstack/react-query';

/**
 * The renderer's cache of server state. The core pushes what changes (see `liveInvalidation.ts`),
 * so answers stay fresh until an event or one of our own changes says otherwise: no refetch on
 * window focus, and no automatic retry, so a refusal shows at once with the core's French message
 * (a retry button is offered where a read can fail).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}

/** The one client of the app, also used outside React (keyboard shortcuts, after an action). */
export const queryClient = createQueryClient();
