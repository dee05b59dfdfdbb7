import type Database from 'better-sqlite3';
import { z } from 'zod';
import { portalTextModule, type PortalTextModule } from '../../../shared/textModules/textModule';
import type { Clock } from '../clock';
import type { TextModules } from '../textModules/textModuleStore';
import { PortalResponseError, type PortalClient } from './portalClient';
import type { Quarantine } from './quarantine';
import type { SyncStateStore } from './syncStateStore';

/**
 * Pulls the office's text modules (feature `textModules`) with the directory, on enrolled desks:
 * the phrases an administrator wrote on another desk of the office. Each page and its cursor
 * commit together; a phrase that does not validate, or names a procedure this desk's catalog
 * lacks, is quarantined with its reason and the page goes on.
 */

const PAGE_SIZE = 200;
/** An office has tens of phrases; a portal that never says « hasMore: false » is cut. */
const MAX_PAGES = 50;

const page = z.object({
  items: z.array(z.unknown()).max(1_000),
  nextCursor: z.string().regex(/^m:\d{1,15}$/),
  hasMore: z.boolean(),
});

export function createTextModulePull(deps: {
  db: Database.Database;
  portal: PortalClient;
  textModules: () => TextModules | null;
  knownProcedure: (code: string) => boolean;
  syncState: SyncStateStore;
  quarantine: Quarantine;
  clock: Clock;
  officeCode: () => string;
}) {
  const { db, portal, syncState, quarantine, clock } = deps;
  const refuse = (raw: unknown, why: string, at: string) => {
    const id =
      raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
        ? (raw as { id: string }).id.slice(0, 80)
        : null;
    quarantine.refuse(
      raw,
      id ? `module:${id}` : null,
      `Module de texte du bureau refusé (${why}) : il n'est pas proposé sur ce poste. Signalez-le au ministère.`,
      at,
    );
  };
  return {
    /** Answers how many phrases changed on this desk. */
    async pull(): Promise<number> {
      const store = deps.textModules();
      if (!store) return 0;
      let changed = 0;
      for (let turn = 0; turn < MAX_PAGES; turn++) {
        const officeCode = deps.officeCode();
        const cursor = syncState.get('text_modules_cursor');
        const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
        if (cursor) params.set('cursor', cursor);
        const parsed = page.safeParse(
          await portal.v2({
            method: 'GET',
            path: `offices/${encodeURIComponent(officeCode)}/text-modules?${params}`,
            as: 'desk',
          }),
        );
        if (!parsed.success) {
          throw new PortalResponseError(
            200,
            'Page des modules de texte du bureau au format inattendu ; nouvel essai plus tard.',
            null,
            null,
            true,
          );
        }
        const at = clock.now().toISOString();
        db.transaction(() => {
          const valid: PortalTextModule[] = [];
          for (const raw of parsed.data.items) {
            const item = portalTextModule.safeParse(raw);
            if (!item.success) {
              const issue = item.error.issues[0];
              refuse(raw, `${issue?.path.join('.') ?? '?'} : ${issue?.message ?? 'invalide'}`, at);
            } else if (
              item.data.procedureCode !== null &&
              !deps.knownProcedure(item.data.procedureCode)
            ) {
              refuse(raw, `procédure « ${item.data.procedureCode} » absente du catalogue`, at);
            } else valid.push(item.data);
          }
          for (const item of valid) {
            try {
              changed += store.replicate([item], officeCode);
            } catch (error) {
              // A keyword this desk still holds for a phrase of its own (made before enrolment).
              refuse(item, error instanceof Error ? error.message : String(error), at);
            }
          }
          syncState.set('text_modules_cursor', parsed.data.nextCursor);
        })();
        if (!parsed.data.hasMore) break;
      }
      return changed;
    },
  };
}
