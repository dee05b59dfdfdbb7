import type { SearchableField, SearchMatch } from '../../../shared/api/types';
import { fold, type SearchPlan } from './searchExpression';

type Range = [start: number, end: number];

/** Nothing to fold beyond case: no character outside ASCII. */
const ASCII = /^[ -~\t\n\r]*$/;
const foldedChars = new Map<string, string>();

/**
 * Folded text with, for each folded character, the index of the original character it came from.
 * Most names and numbers are plain ASCII: folding is then lower case, one character for one. A
 * search page highlights 100 rows × 7 fields, so folding a character at a time (a Unicode
 * normalisation each) cost more than the query itself (issue 18 §5).
 */
function foldWithMap(text: string): { folded: string; origin: ((index: number) => number) | null } {
  if (ASCII.test(text)) return { folded: text.toLowerCase(), origin: null };
  let folded = '';
  const origin: number[] = [];
  for (let index = 0; index < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(index) ?? 0);
    let pieces = foldedChars.get(char);
    if (pieces === undefined) {
      pieces = fold(char);
      foldedChars.set(char, pieces);
    }
    for (const piece of pieces) {
      folded += piece;
      origin.push(index);
    }
    index += char.length;
  }
  origin.push(text.length);
  return { folded, origin: (index) => origin[index] ?? text.length };
}

/**
 * Ranges where a word of `text` starts with one of the tokens (accent- and case-insensitive).
 * Compound words ("N'Guessan", "Koudjo-Lawson") are also tried glued, as the index holds them.
 */
function wordPrefixRanges(text: string, tokens: readonly string[]): Range[] {
  const { folded, origin } = foldWithMap(text);
  const ranges: Range[] = [];
  // A token that occurs nowhere in the text, even glued, starts no word of it either.
  const glued = folded.replace(/['\u2019-]/g, '');
  if (!tokens.some((token) => glued.includes(token) || folded.includes(token))) return ranges;
  const at = origin ?? ((index: number) => Math.min(index, text.length));
  for (const compound of folded.matchAll(/[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu)) {
    for (const word of compound[0].matchAll(/[\p{L}\p{N}]+/gu)) {
      const length = tokens
        .filter((token) => word[0].startsWith(token))
        .reduce((longest, token) => Math.max(longest, token.length), 0);
      const start = compound.index + word.index;
      if (length > 0) ranges.push([at(start), at(start + length)]);
    }
    const glued = compound[0].replace(/['\u2019-]/g, '');
    const token = tokens.find((candidate) => candidate.length > 1 && glued.startsWith(candidate));
    if (token && glued !== compound[0] && !ranges.some(([start]) => start >= at(compound.index))) {
      // Walk the compound until `token.length` letters are covered, skipping the separators.
      let end = compound.index;
      for (let letters = 0; letters < token.length; end++) {
        if (!/['\u2019-]/.test(folded[end] ?? '')) letters++;
      }
      ranges.push([at(compound.index), at(end)]);
    }
  }
  return ranges;
}

/** Where the typed digits occur in a formatted number ("+228 90 12 34 56"), ignoring spaces. */
function digitRanges(text: string, digits: string): Range[] {
  const positions: number[] = [];
  let plain = '';
  for (let index = 0; index < text.length; index++) {
    if (/\d/.test(text[index] ?? '')) {
      plain += text[index];
      positions.push(index);
    }
  }
  const at = plain.indexOf(digits);
  if (at < 0) return [];
  return [[positions[at] ?? 0, (positions[at + digits.length - 1] ?? 0) + 1]];
}

export type SearchableValues = Record<SearchableField, string | null>;

/**
 * The field to highlight for a search hit: the one where the most typed fragments match, the
 * earlier field in SEARCHABLE order winning ties (reference, then names, then numbers).
 */
export function highlightMatch(values: SearchableValues, plan: SearchPlan): SearchMatch | null {
  let best: SearchMatch | null = null;
  for (const [field, value] of Object.entries(values) as [SearchableField, string | null][]) {
    if (!value) continue;
    const ranges =
      plan.digits && (field === 'phone' || field === 'nif')
        ? digitRanges(value, plan.digits)
        : wordPrefixRanges(value, plan.tokens);
    if (ranges.length > (best?.ranges.length ?? 0)) best = { field, value, ranges };
  }
  return best;
}
