// Query-side abbreviation expansion (UBND ↔ ủy ban nhân dân) over the text engine's table
// (main/core/text/abbreviations.ts). A single word is expanded only when it reads as an abbreviation
// (two or more capitals as typed, or not a Vietnamese syllable: "ubnd", "bhxh"), so ordinary words
// whose folded form equals a code ("từ" → tu → TƯ) are never expanded; ambiguous codes (CT, TT…) are
// expanded only when typed in capitals. A run of words is replaced by its abbreviation the other way.

import { abbreviationsOf, expansionsOf, findAbbreviation } from '../text/abbreviations.js';
import { fold } from '../text/normalize.js';
import { isSyllableFolded } from '../text/vi-syllable.js';

function capitals(s: string): number {
  let n = 0;
  for (const ch of s) if (ch !== ch.toLowerCase()) n++;
  return n;
}

/** Folded expansions of a word or phrase as typed (empty when it is neither an abbreviation nor an expansion). */
export function expandAbbreviation(typed: string): string[] {
  const t = typed.trim();
  if (!t) return [];
  if (!/\s/.test(t)) {
    const entry = findAbbreviation(t);
    if (!entry) return [];
    const caps = capitals(t) >= 2;
    if (entry.ambiguous && !caps) return [];
    if (!caps && isSyllableFolded(t)) return [];
    return expansionsOf(t).map((e) =>
      fold(e)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim(),
    );
  }
  return abbreviationsOf(t).map((a) =>
    fold(a)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim(),
  );
}
