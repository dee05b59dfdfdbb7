import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CurrentUser } from '../../../shared/api/types';
import { portalTextModule, type PortalTextModule } from '../../../shared/textModules/textModule';
import { DomainError, refusal } from '../api/domainError';
import {
  PortalResponseError,
  PortalUnreachableError,
  type PortalClient,
} from '../sync/portalClient';
import type { TextModulePublisher } from './textModuleStore';

const answer = z.object({ textModule: portalTextModule });

/**
 * An enrolled desk's office phrases written on the portal first (docs/portal-api.md, « Modules
 * de texte du bureau »), so every desk of the office offers the same ones: the administrator's
 * change is kept only once the portal has taken it, and a refusal reaches them at once, in
 * French. A phrase another desk changed meanwhile is refused (its version): the next sync brings
 * it, then the administrator changes it again.
 */
export function createTextModulePortal(deps: {
  portal: () => PortalClient;
  /** An enrolled desk whose portal serves the `textModules` feature. */
  active: () => boolean;
  officeCode: () => string;
  /** Brings the other desks' changes without waiting for the next periodic sync. */
  requestSync: () => void;
}): TextModulePublisher {
  return {
    active: deps.active,
    async publish(id, expectedVersion, write, actor: CurrentUser): Promise<PortalTextModule> {
      let body: unknown;
      try {
        body = await deps.portal().v2({
          method: 'PUT',
          path: `offices/${encodeURIComponent(deps.officeCode())}/text-modules/${encodeURIComponent(id)}`,
          body: {
            actor: { id: actor.id, displayName: actor.displayName },
            expectedVersion,
            textModule: {
              keyword: write.keyword,
              title: write.title,
              body: write.body,
              procedureCode: write.procedureCode,
              contexts: write.contexts,
              retired: write.retired,
            },
          },
          // One key per change: another desk's change of the same version is another request.
          idempotencyKey: `text-module-${randomUUID()}`,
          as: 'desk',
        });
      } catch (error) {
        if (error instanceof PortalUnreachableError) {
          throw refusal('unavailable', 'textModuleNeedsPortal', {});
        }
        if (error instanceof PortalResponseError && error.status === 409) {
          deps.requestSync();
          if (error.code === 'keyword_taken') {
            throw refusal(
              'conflict',
              'textModuleKeywordTaken',
              { keyword: write.keyword },
              'keyword',
            );
          }
          if (error.code === 'retired') throw refusal('not_found', 'textModuleUnknown', {});
          throw refusal('conflict', 'textModuleChangedElsewhere', {});
        }
        if (error instanceof PortalResponseError && error.status < 500 && !error.garbled) {
          throw new DomainError('conflict', error.message);
        }
        throw refusal('unavailable', 'textModulePortalBusy', {});
      }
      const parsed = answer.safeParse(body);
      if (!parsed.success || parsed.data.textModule.id !== id) {
        throw refusal('unavailable', 'textModulePortalBusy', {});
      }
      return parsed.data.textModule;
    },
  };
}
