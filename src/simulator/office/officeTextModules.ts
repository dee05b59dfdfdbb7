import type { PortalTextModule } from '../../shared/textModules/textModule';
import { refusal, type Refusal } from './desks';

/**
 * An office's own text modules on the portal (docs/portal-api.md, « Modules de texte du
 * bureau »): the phrases its administrators add from any desk, shared by every desk of the
 * office. Each phrase is versioned (a change names the version it was made on, or 0 for a new
 * one); every change takes the office's next sequence, which orders the feed. Kept in memory.
 */

export const TEXT_MODULE_CURSOR = /^m:(0|[1-9][0-9]{0,14})$/;
export const DEFAULT_TEXT_MODULE_LIMIT = 200;
export const MAX_TEXT_MODULE_LIMIT = 500;

/** A phrase as a desk sends it (`PUT …/text-modules/:id`). */
export interface TextModuleWrite {
  keyword: string;
  title: string;
  body: string;
  procedureCode: string | null;
  contexts: PortalTextModule['contexts'];
  retired: boolean;
}

export function createOfficeTextModules(now: () => Date) {
  const offices = new Map<string, { sequence: number; items: Map<string, PortalTextModule> }>();
  const officeOf = (code: string) => {
    let office = offices.get(code);
    if (!office) offices.set(code, (office = { sequence: 0, items: new Map() }));
    return office;
  };

  return {
    /** The office's last sequence (0: no phrase yet), for the doorbell. */
    last(officeCode: string): number {
      return offices.get(officeCode)?.sequence ?? 0;
    },

    /** The phrases changed after sequence `after`, in order. */
    page(officeCode: string, after: number, limit: number) {
      const office = officeOf(officeCode);
      const changed = [...office.items.values()]
        .filter((item) => item.sequence > after)
        .sort((a, b) => a.sequence - b.sequence);
      const items = changed.slice(0, limit);
      const last = items.at(-1)?.sequence ?? Math.max(after, 0);
      return { items, nextCursor: `m:${last}`, hasMore: changed.length > items.length };
    },

    /**
     * Creates (expectedVersion 0) or changes a phrase. `409 version_conflict` when another desk
     * changed it first (the phrase as it stands in `details.current`), `409 retired` once
     * retired, `409 keyword_taken` when a phrase in force of the office already has the keyword
     * for the same procedures.
     */
    put(
      officeCode: string,
      id: string,
      expectedVersion: number,
      write: TextModuleWrite,
      actor: { id: string; displayName: string },
    ): { textModule: PortalTextModule } | Refusal {
      const office = officeOf(officeCode);
      const current = office.items.get(id);
      if ((current?.version ?? 0) !== expectedVersion) {
        return refusal(
          409,
          'version_conflict',
          current
            ? `Cette phrase a été modifiée entre-temps (version ${current.version}, attendue ${expectedVersion}).`
            : "Cette phrase n'existe pas sur le portail (version attendue 0 pour une nouvelle phrase).",
          { current: current ?? null },
        );
      }
      if (current?.retired) {
        return refusal(409, 'retired', 'Cette phrase a été retirée : elle ne change plus.', {
          current,
        });
      }
      if (!write.retired) {
        const taken = [...office.items.values()].find(
          (item) =>
            item.id !== id &&
            !item.retired &&
            item.keyword === write.keyword &&
            item.procedureCode === write.procedureCode,
        );
        if (taken) {
          return refusal(
            409,
            'keyword_taken',
            `Le mot-clé « ${write.keyword} » est déjà pris par une phrase du bureau pour les mêmes procédures.`,
            { current: taken },
          );
        }
      }
      const textModule: PortalTextModule = {
        id,
        keyword: write.keyword,
        title: write.title,
        body: write.body,
        procedureCode: write.procedureCode,
        contexts: write.contexts,
        retired: write.retired,
        version: expectedVersion + 1,
        sequence: ++office.sequence,
        updatedAt: now().toISOString(),
        updatedBy: { id: actor.id, displayName: actor.displayName },
      };
      office.items.set(id, textModule);
      return { textModule };
    },
  };
}
export type OfficeTextModules = ReturnType<typeof createOfficeTextModules>;
