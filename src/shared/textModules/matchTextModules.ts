import type { TextModule, TextModuleContext } from './textModule';

/** The phrases a box may offer: in force, for this procedure (or every one), for this box. */
export function textModulesFor(
  modules: readonly TextModule[],
  where: { procedureCode: string; context: TextModuleContext },
): TextModule[] {
  return modules.filter(
    (module) =>
      module.retiredAt === null &&
      (module.procedureCode === null || module.procedureCode === where.procedureCode) &&
      module.contexts.includes(where.context),
  );
}

/** Lower case without accents: « Pièce » and « piece » are the same search. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The phrases whose keyword or title match what was typed after `::`, best first: keyword
 * starting with it, then keyword containing it, then title containing it; the procedure's own
 * phrases before the common ones at equal rank.
 */
export function matchTextModules(
  modules: readonly TextModule[],
  query: string,
  limit = 8,
): TextModule[] {
  const wanted = foldText(query);
  const rank = (module: TextModule): number => {
    const keyword = module.keyword;
    const own = module.procedureCode === null ? 1 : 0;
    if (keyword.startsWith(wanted)) return own;
    if (keyword.includes(wanted)) return 2 + own;
    if (foldText(module.title.fr).includes(wanted)) return 4 + own;
    if (module.title.en && foldText(module.title.en).includes(wanted)) return 4 + own;
    return -1;
  };
  return modules
    .map((module) => ({ module, rank: rank(module) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.module.keyword.localeCompare(b.module.keyword))
    .slice(0, limit)
    .map((entry) => entry.module);
}

export interface TextModuleTrigger {
  /** Where `::` starts in the text. */
  start: number;
  /** What was typed after `::`, up to the caret. */
  query: string;
}

/**
 * A `::` being typed: the caret sits after `::` and a few letters, and the `::` starts a word
 * (start of the text, or after a space or an opening sign), so « 10::30 » opens nothing.
 */
export function textModuleTrigger(text: string, caret: number): TextModuleTrigger | null {
  const before = text.slice(0, caret);
  const match = /(^|[\s(«"'’[])::([\p{L}\p{N}-]{0,24})$/u.exec(before);
  if (!match) return null;
  const start = match.index + match[1]!.length;
  return { start, query: match[2]! };
}
