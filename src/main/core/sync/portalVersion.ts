import { V1_ONLY_LINE } from '../../../shared/domain/portalApi';
import type { Clock } from '../clock';
import type { DeskRegistry } from '../office/deskRegistry';
import type { PortalCapabilities, PortalClient } from './portalClient';

/**
 * Which API the portal speaks (design multi-desk §3.1), asked at start, after the link comes
 * back, and at every sync while an enrolled desk is paused on a v1 portal (it may be upgraded).
 * A desk alone on a v1 portal works as it always did; an enrolled desk there pauses its sync
 * with the one French line, because v1 would half-work (no leases, no directory).
 */
export function createPortalVersion(deps: {
  portal: PortalClient;
  registry: DeskRegistry;
  clock: Clock;
}) {
  const { portal, registry, clock } = deps;
  let checked = false;
  let capabilities: PortalCapabilities | null = null;
  let clockOffsetMs = 0;

  function pauseReason(): string | null {
    const desk = registry.identity();
    return desk.mode === 'office' && desk.portalApi === 1 ? V1_ONLY_LINE : null;
  }

  return {
    /** True when the next sync must ask first. */
    needsCheck(): boolean {
      return !checked || pauseReason() !== null;
    },
    /** Throws as the portal client does (unreachable, refused, garbled). */
    async check(): Promise<void> {
      const askedAt = clock.now().getTime();
      const api = await portal.detectApi();
      if (api.version === 2) {
        capabilities = api.capabilities;
        // Half the round trip is the best guess of when the portal read its clock.
        const answeredAt = clock.now().getTime();
        clockOffsetMs =
          Date.parse(api.capabilities.serverTime) - Math.round((askedAt + answeredAt) / 2);
      } else {
        capabilities = null;
        clockOffsetMs = 0;
      }
      registry.recordPortalApi(api.version);
      checked = true;
    },
    /** After the link was lost: the portal may come back another version. */
    forget(): void {
      checked = false;
    },
    pauseReason,
    supports(feature: string): boolean {
      return capabilities?.features.includes(feature) ?? false;
    },
    /** Portal time minus this PC's time, for showing lease expiries right (§3.1). */
    clockOffsetMs: () => clockOffsetMs,
  };
}
export type PortalVersion = ReturnType<typeof createPortalVersion>;
