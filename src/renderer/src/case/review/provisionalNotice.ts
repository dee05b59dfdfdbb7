import { createContext } from 'react';

/**
 * True while the case's decisions are provisional (offline, no lease of this person confirmed by
 * the portal, design multi-desk §8): every decision dialog says so before it is confirmed.
 */
export const ProvisionalNotice = createContext(false);
