/**
 * Turns what a clerk typed into a safe FTS5 MATCH expression. Every word becomes a quoted phrase
 * with a prefix star (`"kpod"*`), so FTS5 operators, column filters, `*`, `^`, `-`, `NEAR(` and
 * stray quotes are only ever text: the user can never inject query syntax. Words are ANDed.
 */
const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 60;
/** Shorter prefixes match too many terms to be useful or fast; they are searched whole. */
const MIN_PREFIX_LENGTH = 2;
const MIN_PHONE_DIGITS = 6;

export interface SearchPlan {
  /** The FTS5 MATCH expression; null when nothing searchable was typed. */
  match: string | null;
  /**
   * The same words as whole words (no prefix star), whose hits are a subset of `match`'s: FTS5
   * reads a whole word's hits lazily where a prefix merges every matching word's hits first, so
   * counting a few thousand hits of « lawson » costs ~0.7 ms against ~5 ms for « lawson* » at
   * 1M cases. Null when it would equal `match`.
   */
  exact: string | null;
  /** Accent- and case-folded word fragments, for highlighting. */
  tokens: string[];
  /** Set when the input looks like a phone number or other number: its digits. */
  digits: string | null;
}

/** Lower case without accents, like unicode61 with remove_diacritics 2. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

function phrase(word: string, prefix: boolean): string {
  const alnum = word.replace(/[^\p{L}\p{N}]/gu, '');
  return prefix && alnum.length >= MIN_PREFIX_LENGTH ? `${quote(word)}*` : quote(word);
}

export function planSearch(input: string): SearchPlan {
  const words = input
    .split(/\s+/u)
    .map((word) => word.slice(0, MAX_WORD_LENGTH))
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, MAX_WORDS);
  if (words.length === 0) return { match: null, exact: null, tokens: [], digits: null };
  const tokens = words.flatMap((word) => fold(word).split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
  const byWords = words.map((word) => phrase(word, true)).join(' ');
  const wholeWords = words.map((word) => phrase(word, false)).join(' ');
  const digits = input.replace(/\D/g, '');
  const phoneLike = /^[\d\s+().-]+$/.test(input.trim()) && digits.length >= MIN_PHONE_DIGITS;
  if (!phoneLike) {
    return {
      match: byWords,
      exact: wholeWords === byWords ? null : wholeWords,
      tokens,
      digits: null,
    };
  }
  // "90 12 34 56" is one number, not four words: match it glued (phone digits, NIF, reference
  // number); as separate words it would also hit every record holding 90, 12, 34 and 56.
  return { match: `${quote(digits)}*`, exact: quote(digits), tokens, digits };
}
