// Vietnamese find for the previews: pdf.js's own find is blind to đ ("duong" never finds "đường"),
// so both the query and the text are folded with the contract's shared fold and matched there.
// The fold maps one code unit to one (stray combining marks are dropped and tracked), so matches
// map back to exact offsets in the original text.
import { foldCode } from '../../../../main/contract/fold-text.js';

export interface TextRange {
  start: number;
  end: number;
}

/** Folded copy of `text` plus, for each folded code unit, its offset in the original. */
function foldWithMap(text: string): { folded: string; map: Int32Array } {
  const map = new Int32Array(text.length);
  const codes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = foldCode(text.charCodeAt(i));
    if (f < 0) continue; // combining mark (NFD text): folds away, its base letter carries the match
    map[codes.length] = i;
    codes.push(f);
  }
  let folded = '';
  for (let k = 0; k < codes.length; k += 4096) folded += String.fromCharCode(...codes.slice(k, k + 4096));
  return { folded, map };
}

function foldQuery(s: string): string {
  let out = '';
  const nfc = s.normalize('NFC');
  for (let i = 0; i < nfc.length; i++) {
    const f = foldCode(nfc.charCodeAt(i));
    if (f >= 0) out += String.fromCharCode(f);
  }
  return out;
}

const ESCAPE_RE = /[.*+?^${}()|[\]\\]/g;
const WORD = '[\\p{L}\\p{N}]';

/**
 * The words worth highlighting in a query of the search language: operators, inline filters
 * (so:, loai:, tag:…) and excluded words (-x) are dropped; quotes only group.
 */
export function highlightWords(query: string): string[] {
  return query
    .replace(/["“”]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && !w.startsWith('-') && !/^\p{L}+:/u.test(w) && !/^(AND|OR|NOT)$/.test(w))
    .map(foldQuery)
    .filter((w) => w.length > 0);
}

function wordPattern(w: string, prefix: boolean): string {
  const body = w.replace(ESCAPE_RE, '\\$&');
  return `(?<!${WORD})${body}${prefix ? '' : `(?!${WORD})`}`;
}

export type MatchMode = 'phrase' | 'words';

/** Between the words of a phrase: any run of spaces and punctuation ("văn thư, lưu trữ"), or none. */
const GAP = '[^\\p{L}\\p{N}]*';

function rangesOf(text: string, pattern: string): TextRange[] {
  const { folded, map } = foldWithMap(text);
  const re = new RegExp(pattern, 'gu');
  const out: TextRange[] = [];
  for (const m of folded.matchAll(re)) {
    if (m[0].length === 0) continue;
    const s = m.index;
    const e = s + m[0].length;
    let end = map[e - 1]! + 1;
    // Keep trailing combining marks of the last letter inside the match.
    while (end < text.length && foldCode(text.charCodeAt(end)) < 0) end++;
    out.push({ start: map[s]!, end });
  }
  return out;
}

function phrasePattern(words: string[]): string {
  // The last word may be unfinished (search-as-you-type), so it matches as a prefix.
  return `(?<!${WORD})${words.map((w) => w.replace(ESCAPE_RE, '\\$&')).join(GAP)}`;
}

function wordsPattern(words: string[]): string | null {
  const singles = words.filter((w) => w.length >= 2);
  return singles.length === 0 ? null : singles.map((w) => wordPattern(w, false)).join('|');
}

/**
 * Ranges of `text` matching `query`, accent- and case-insensitively. Mode 'phrase': the words in
 * order, separated by spaces/punctuation or a line break; mode 'words': each word (2+ letters) on
 * its own, whole words only. Without a mode: the phrase when it occurs in this text, else the words.
 */
export function findMatches(text: string, query: string, mode?: MatchMode): TextRange[] {
  const words = highlightWords(query);
  if (words.length === 0 || text.length === 0) return [];
  if (mode !== 'words') {
    const hits = rangesOf(text, phrasePattern(words));
    if (hits.length > 0 || mode === 'phrase' || words.length === 1) return hits;
  }
  const pattern = wordsPattern(words);
  return pattern ? rangesOf(text, pattern) : [];
}

/**
 * One mode for a whole document (all its pages): the phrase when it occurs anywhere, else the
 * separate words — so page 2 does not light up single words while page 1 shows the phrase.
 */
export function chooseMode(texts: string[], query: string): MatchMode {
  const words = highlightWords(query);
  if (words.length <= 1) return 'phrase';
  const pattern = phrasePattern(words);
  return texts.some((t) => rangesOf(t, pattern).length > 0) ? 'phrase' : 'words';
}
