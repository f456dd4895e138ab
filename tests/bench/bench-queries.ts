// Deterministic query mixes for the benchmark, drawn from the generated corpus: short queries (1–6
// words, accented and not, phrases, filters, number look-ups), long questions (20–40 syllables) and
// instant-find keystroke sequences.

import { fold } from '../../main/core/text/normalize.js';
import { makeRng, type GeneratedDoc } from './generate-corpus.js';

export interface QueryMix {
  short: string[];
  long: string[];
  /** Number look-ups with the uid of the document they name (for the top-3 hit rate). */
  numbers: { query: string; uid: string }[];
  /** Each entry: the successive prefixes typed for one instant-find query. */
  keystrokes: string[][];
  /**
   * The keystrokes after a type name that go on with the start of a number or a year ("quyết định
   * 1", "… 12", "nghi dinh 2", … "nghi dinh 2021"): the quick suggestions read that intent.
   */
  intentKeystrokes: string[][];
}

function words(s: string): string[] {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

function bodyText(d: GeneratedDoc): string {
  return d.pages.join('\n');
}

/**
 * Queries drawn from `docs`, a sample of the corpus (a 200k corpus is never held whole):
 * `docs[i]` is the corpus's document `corpusIndex(i)`, whose uid is `${uidPrefix}-${corpusIndex(i) + 1}`
 * (as insertDocs numbers them).
 */
export function buildQueryMix(
  docs: readonly GeneratedDoc[],
  uidPrefix: string,
  corpusIndex: (i: number) => number = (i) => i,
  seed = 7,
): QueryMix {
  const rng = makeRng(seed);
  const pickDoc = (): [GeneratedDoc, number] => {
    const i = Math.floor(rng() * docs.length);
    return [docs[i]!, corpusIndex(i)];
  };
  const maybeFold = (s: string): string => (rng() < 0.5 ? fold(s) : s);
  const span = (text: string, min: number, max: number): string => {
    const w = words(text.replace(/[.,;:()"]/g, ' '));
    const len = min + Math.floor(rng() * (max - min + 1));
    const start = Math.floor(rng() * Math.max(1, w.length - len));
    return w.slice(start, start + len).join(' ');
  };
  const short: string[] = [];
  const numbers: QueryMix['numbers'] = [];
  for (let i = 0; i < 240; i++) {
    const [d, idx] = pickDoc();
    const kind = i % 8;
    if (kind === 0 || kind === 1) short.push(maybeFold(span(d.title, 1, 3)));
    else if (kind === 2 || kind === 3) short.push(maybeFold(span(bodyText(d), 4, 6)));
    else if (kind === 4) short.push(`"${maybeFold(span(bodyText(d), 2, 4))}"`);
    else if (kind === 5)
      short.push(`${maybeFold(span(d.title, 1, 3))} loai:"${d.docType}" nam:${d.issuedDate.slice(0, 4)}`);
    else if (kind === 6) short.push(`${maybeFold(span(bodyText(d), 2, 3))} coquan:"${d.issuer}"`);
    else {
      const q = rng() < 0.5 ? d.number : fold(d.number).toLowerCase();
      short.push(q);
      numbers.push({ query: q, uid: `${uidPrefix}-${idx + 1}` });
    }
  }
  const long: string[] = [];
  const openers = [
    'Đề nghị cho biết',
    'Xin hỏi',
    'Cho tôi hỏi về việc',
    'Văn bản nào quy định',
    'Tìm văn bản về việc',
  ];
  for (let i = 0; i < 60; i++) {
    const [d] = pickDoc();
    const q = `${openers[i % openers.length]} ${span(d.title, 4, 8)} ${span(bodyText(d), 14, 28)} như thế nào?`;
    long.push(i % 2 === 0 ? q : fold(q));
  }
  const keystrokes: string[][] = [];
  for (let i = 0; i < 60; i++) {
    const [d] = pickDoc();
    const target = i % 3 === 0 ? d.number : maybeFold(span(d.title, 2, 5));
    const seq: string[] = [];
    for (let k = 1; k <= target.length; k++) seq.push(target.slice(0, k));
    keystrokes.push(seq);
  }
  const intentKeystrokes: string[][] = [];
  for (let i = 0; i < 40; i++) {
    const [d] = pickDoc();
    const type = `${maybeFold(d.docType)} `;
    const rest = i % 2 === 0 ? d.number.split(/[/-]/)[0]! : d.issuedDate.slice(0, 4);
    const seq: string[] = [];
    for (let k = 1; k <= rest.length; k++) seq.push(type + rest.slice(0, k));
    intentKeystrokes.push(seq);
  }
  return { short, long, numbers, keystrokes, intentKeystrokes };
}
