import { refusal, type Refusal } from './desks';

/**
 * Certificate number blocks (design multi-desk §4): the portal hands each desk blocks of
 * `blockSize` consecutive numbers per (office, procedure, year) and never gives a number twice.
 *
 * - The year an office moves to v2 (the year of its first enrollment, `startYear`), its blocks
 *   start at 500,001: 1–500,000 belong to what single-desk Bureau issued before. Later years start
 *   at 1.
 * - A desk holds at most `maxOpenBlocks` open blocks per procedure and year (`409 block_limit`).
 * - Blocks are given for the current year (the simulator's `now`, UTC), and for next year from
 *   1 December (`409 year_not_open` otherwise).
 * - A returned block keeps the numbers up to `lastUsed` (they may still be registered); a retired
 *   desk's open blocks are closed.
 */

export type BlockState = 'open' | 'returned' | 'closed';

export interface NumberBlock {
  id: string;
  procedureCode: string;
  year: number;
  officeCode: string;
  first: number;
  last: number;
  deskId: string;
  state: BlockState;
  /** The highest number of the block registered on the portal (certificate registry), or null. */
  highestRegistered: number | null;
  /** Given on return: the last number the desk used (first − 1 when none). */
  lastUsed: number | null;
  givenAt: string;
  returnedAt: string | null;
  closedAt: string | null;
}

/** The block as given (`POST /numbering/blocks`, enrollment's `blocks`). */
export interface BlockAnswer {
  id: string;
  procedureCode: string;
  year: number;
  officeCode: string;
  first: number;
  last: number;
}

/** The block as listed (`GET /numbering/blocks`). */
export interface BlockListItem extends BlockAnswer {
  state: BlockState;
  highestRegistered: number | null;
  lastUsed: number | null;
}

export const V2_FIRST_YEAR_START = 500_001;
export const MAX_SEQUENCE = 999_999;
/** Blocks an enrolling desk receives per procedure: one current and one reserve. */
export const ENROLLMENT_BLOCKS = 2;

export interface NumberingProcedure {
  code: string;
  numberPrefix: string;
}

export function blockAnswer(block: NumberBlock): BlockAnswer {
  return {
    id: block.id,
    procedureCode: block.procedureCode,
    year: block.year,
    officeCode: block.officeCode,
    first: block.first,
    last: block.last,
  };
}

export function blockListItem(block: NumberBlock): BlockListItem {
  return {
    ...blockAnswer(block),
    state: block.state,
    highestRegistered: block.highestRegistered,
    lastUsed: block.lastUsed,
  };
}

export function createNumbering(
  now: () => Date,
  procedures: readonly NumberingProcedure[],
  limits: { blockSize: number; maxOpenBlocks: number },
) {
  const prefixes = new Map(procedures.map((procedure) => [procedure.code, procedure.numberPrefix]));
  const startYears = new Map<string, number>();
  /** Per `office|procedure|year`: the next first number and how many blocks were given. */
  const series = new Map<string, { next: number; given: number }>();
  const blocks: NumberBlock[] = [];

  function openBlocks(deskId: string, procedureCode: string, year: number): NumberBlock[] {
    return blocks.filter(
      (block) =>
        block.deskId === deskId &&
        block.procedureCode === procedureCode &&
        block.year === year &&
        block.state === 'open',
    );
  }

  function yearRefusal(year: number, at: Date): Refusal | null {
    const current = at.getUTCFullYear();
    if (year === current) return null;
    if (year === current + 1 && at.getUTCMonth() === 11) return null;
    const message =
      year === current + 1
        ? `Les numéros de ${year} se demandent à partir du 1er décembre ${current}.`
        : `Les numéros de ${year} ne se demandent plus ou pas encore : seule l'année ${current} est ouverte${at.getUTCMonth() === 11 ? ` (et ${current + 1})` : ''}.`;
    return refusal(409, 'year_not_open', message, { year, currentYear: current });
  }

  /** Gives `desk` one more block, checks done by the caller. */
  function give(desk: { id: string; officeCode: string }, procedureCode: string, year: number) {
    const at = now().toISOString();
    const startYear = startYears.get(desk.officeCode) ?? year;
    const key = `${desk.officeCode}|${procedureCode}|${year}`;
    let entry = series.get(key);
    if (!entry) {
      entry = { next: year === startYear ? V2_FIRST_YEAR_START : 1, given: 0 };
      series.set(key, entry);
    }
    const first = entry.next;
    const last = first + limits.blockSize - 1;
    if (last > MAX_SEQUENCE) {
      return refusal(
        409,
        'numbering_exhausted',
        `Plus aucun bloc de numéros ${prefixes.get(procedureCode)} ${year} pour le bureau ${desk.officeCode} : la série est épuisée.`,
        { procedureCode, year },
      );
    }
    entry.next = last + 1;
    entry.given += 1;
    const block: NumberBlock = {
      id: `blk-${desk.officeCode}-${procedureCode}-${year}-${String(entry.given).padStart(4, '0')}`,
      procedureCode,
      year,
      officeCode: desk.officeCode,
      first,
      last,
      deskId: desk.id,
      state: 'open',
      highestRegistered: null,
      lastUsed: null,
      givenAt: at,
      returnedAt: null,
      closedAt: null,
    };
    blocks.push(block);
    return block;
  }

  return {
    /** The certificate number prefix of a procedure of the catalog (`CO` for `COM-CO`). */
    prefixOf(procedureCode: string): string | undefined {
      return prefixes.get(procedureCode);
    },

    /** Called at every enrollment: the office's v2 start year is the year of its first one. */
    officeEnrolled(officeCode: string): void {
      if (!startYears.has(officeCode)) startYears.set(officeCode, now().getUTCFullYear());
    },

    /** One current and one reserve block per procedure of the catalog, for the current year. */
    enrollmentBlocks(desk: { id: string; officeCode: string }): BlockAnswer[] {
      const year = now().getUTCFullYear();
      const given: BlockAnswer[] = [];
      for (const procedure of procedures) {
        const missing = ENROLLMENT_BLOCKS - openBlocks(desk.id, procedure.code, year).length;
        for (let i = 0; i < missing; i += 1) {
          const block = give(desk, procedure.code, year);
          if (!('refused' in block)) given.push(blockAnswer(block));
        }
      }
      return given;
    },

    request(
      desk: { id: string; officeCode: string },
      procedureCode: string,
      year: number,
    ): { block: BlockAnswer } | Refusal {
      if (!prefixes.has(procedureCode)) {
        return refusal(
          400,
          'validation_failed',
          `Requête invalide : procedureCode : procédure inconnue du portail (« ${procedureCode} »).`,
          { issues: [{ path: 'procedureCode', message: 'procédure inconnue du portail' }] },
        );
      }
      const wrongYear = yearRefusal(year, now());
      if (wrongYear) return wrongYear;
      const open = openBlocks(desk.id, procedureCode, year);
      if (open.length >= limits.maxOpenBlocks) {
        return refusal(
          409,
          'block_limit',
          `Ce poste détient déjà ${limits.maxOpenBlocks} blocs ouverts de numéros ${prefixes.get(procedureCode)} ${year} : utilisez-les ou rendez-en un avant d'en demander un autre.`,
          { limit: limits.maxOpenBlocks, open: open.map((block) => block.id) },
        );
      }
      const block = give(desk, procedureCode, year);
      return 'refused' in block ? block : { block: blockAnswer(block) };
    },

    list(deskId: string): BlockListItem[] {
      return blocks.filter((block) => block.deskId === deskId).map(blockListItem);
    },

    returnBlock(deskId: string, id: string, lastUsed: number): { block: BlockListItem } | Refusal {
      const block = blocks.find((candidate) => candidate.id === id && candidate.deskId === deskId);
      if (!block) {
        return refusal(404, 'block_not_found', `Bloc de numéros inconnu pour ce poste : ${id}.`);
      }
      if (lastUsed < block.first - 1 || lastUsed > block.last) {
        return refusal(
          400,
          'validation_failed',
          `Requête invalide : lastUsed : ${block.first - 1} (aucun numéro utilisé) à ${block.last} attendu pour le bloc ${id}.`,
          {
            issues: [{ path: 'lastUsed', message: `${block.first - 1} à ${block.last} attendu` }],
          },
        );
      }
      if (block.highestRegistered !== null && lastUsed < block.highestRegistered) {
        return refusal(
          409,
          'block_numbers_registered',
          `Le numéro ${block.highestRegistered} de ce bloc est déjà enregistré au portail : lastUsed ne peut pas être inférieur.`,
          { highestRegistered: block.highestRegistered },
        );
      }
      if (block.state === 'closed') {
        return refusal(409, 'block_closed', `Le bloc ${id} est clos (poste retiré).`);
      }
      if (block.state === 'returned') {
        if (block.lastUsed !== lastUsed) {
          return refusal(
            409,
            'block_returned',
            `Le bloc ${id} a déjà été rendu (dernier numéro utilisé : ${block.lastUsed}).`,
            { lastUsed: block.lastUsed },
          );
        }
        return { block: blockListItem(block) };
      }
      block.state = 'returned';
      block.lastUsed = lastUsed;
      block.returnedAt = now().toISOString();
      return { block: blockListItem(block) };
    },

    /** Retirement: the desk's open blocks are closed. */
    closeDesk(deskId: string): void {
      const at = now().toISOString();
      for (const block of blocks) {
        if (block.deskId === deskId && block.state === 'open') {
          block.state = 'closed';
          block.closedAt = at;
        }
      }
    },

    /**
     * The block of `deskId` that reserves `sequence` for (office, procedure, year): an open block,
     * or a returned one up to its `lastUsed`.
     */
    reserving(
      deskId: string,
      officeCode: string,
      procedureCode: string,
      year: number,
      sequence: number,
    ): NumberBlock | undefined {
      return blocks.find(
        (block) =>
          block.deskId === deskId &&
          block.officeCode === officeCode &&
          block.procedureCode === procedureCode &&
          block.year === year &&
          sequence >= block.first &&
          sequence <= block.last &&
          (block.state === 'open' ||
            (block.state === 'returned' && sequence <= (block.lastUsed ?? 0))),
      );
    },

    /** A number of the block was registered: raises `highestRegistered`. */
    registered(block: NumberBlock, sequence: number): void {
      block.highestRegistered = Math.max(block.highestRegistered ?? 0, sequence);
    },
  };
}
export type Numbering = ReturnType<typeof createNumbering>;
