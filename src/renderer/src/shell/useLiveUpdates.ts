import { useEffect } from 'react';
import { api } from '../api/api';
import { connectLiveInvalidation } from '../api/liveInvalidation';
import { queryClient } from '../api/queryClient';

/** While someone is signed in, the core's events refresh what the screens show. */
export function useLiveUpdates(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    return connectLiveInvalidation(api, queryClient);
  }, [enabled]);
}
