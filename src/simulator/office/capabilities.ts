/**
 * `GET /api/v2/capabilities` (design multi-desk §3.1): how a desk tells a v2 portal from a v1 one.
 * A v1 portal answers this path `404 not_found`; a v2 portal answers the shape below.
 */

export const API_REVISION = '2026-04';

/** Every feature name the v2 design defines; a portal lists only those it serves. */
export type PortalFeature =
  | 'desks'
  | 'directory'
  | 'registry'
  | 'numbering'
  | 'leases'
  | 'checkout'
  | 'expectedVersion'
  | 'activity'
  | 'wait'
  | 'textModules';

/**
 * The features the simulator serves today. Each multi-desk step adds its own name here with its
 * routes, so a desk never sees a feature announced that the portal cannot yet serve.
 */
export const SIMULATOR_FEATURES: readonly PortalFeature[] = [
  'desks',
  'directory',
  'registry',
  'numbering',
  'leases',
  'checkout',
  'expectedVersion',
  'activity',
  'wait',
  'textModules',
];

export interface PortalLimits {
  blockSize: number;
  maxOpenBlocks: number;
  claimLeaseMinutes: number;
  maxCheckoutDays: number;
  maxWaitSeconds: number;
  enrollmentCodeMinutes: number;
}

export const DEFAULT_LIMITS: PortalLimits = {
  blockSize: 500,
  maxOpenBlocks: 4,
  claimLeaseMinutes: 240,
  maxCheckoutDays: 14,
  maxWaitSeconds: 25,
  enrollmentCodeMinutes: 30,
};

export interface Capabilities {
  api: { version: 2; revision: string };
  serverTime: string;
  features: PortalFeature[];
  limits: PortalLimits;
}

export function capabilities(
  now: Date,
  features: readonly PortalFeature[] = SIMULATOR_FEATURES,
  limits: PortalLimits = DEFAULT_LIMITS,
): Capabilities {
  return {
    api: { version: 2, revision: API_REVISION },
    serverTime: now.toISOString(),
    features: [...features],
    limits: { ...limits },
  };
}
