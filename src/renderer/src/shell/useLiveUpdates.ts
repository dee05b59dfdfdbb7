import { useEffect } from 'react';
import { api } from '../api/api';
import { connectLiveInvalidation } from '../api/liveInvalidation';
import { queryClient } from '../api/queryClient';

/** While someone is signed in (`userId`), the core's events refresh what the screens show. */
export function useLiveUpdates(userId: string | null): void {
  useEffect(() => {
    if (userId === null) return;
    return connectLiveInvalidation(api, queryClient, { userId });
  }, [userId]);
}
