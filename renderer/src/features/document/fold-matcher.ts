// Vietnamese find for the previews: pdf.js's own find is blind to đ ("duong" never finds "đường")
// and knows nothing of what the search matched. What a query marks is the contract's rule
// (main/contract/highlight-rule.ts), the same one the search snippets use, so a preview marks what
// the hit matched: accented words in their accented form only, pairs and phrases as one mark.
import { markerFor, type Marker } from '../../../../main/contract/highlight-rule.js';

export interface TextRange {
  start: number;
  end: number;
}

// One marker per query (every page of a document is matched with it); the find bar's text changes
// one keystroke at a time, so the last one is all worth keeping.
let lastQuery: string | null = null;
let lastMarker: Marker | null = null;

function markerOf(query: string): Marker | null {
  if (query !== lastQuery) {
    // The find bar is typed into: the last word of a pair or phrase may be unfinished ("chuyen do").
    lastMarker = markerFor(query, { lastIsPrefix: 'in-phrase' });
    lastQuery = query;
  }
  return lastMarker;
}

/** Ranges of `text` the query marks (accent-, case- and NFC/NFD-insensitive where the rule says so). */
export function findMatches(text: string, query: string): TextRange[] {
  const marker = markerOf(query);
  if (!marker || text.length === 0) return [];
  return marker.find(text).map(({ start, end }) => ({ start, end }));
}
