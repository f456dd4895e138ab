// Scoring of extracted metadata against the real-docs truth (tests/fixtures/shared/real-docs, see its
// README "scoring advice"). One match rule per field, shared by the accuracy test and the bench:
//   number       exact, whitespace and Đ/dash look-alikes ignored ("11554/VPCP-V.I" whole)
//   docType      accent- and case-insensitive equality
//   issuer       the issuing body, or superior + body, equals `issuer` or `issuer_header` after
//                normalisation (case, accents/tone placement, punctuation, UBND ⇄ Ủy ban nhân dân …)
//   place        accent- and case-insensitive equality
//   issuedDate   exact yyyy-mm-dd
//   title        token F1 ≥ 0.9 (lower-case, tone placement made canonical, punctuation dropped; a
//                leading "V/v" / "về việc" marker is not compared: it is layout, not content)
//   signer       equality after case, whitespace and tone placement (Hoà = Hòa)
//   signerTitle  the signer's own position (the block's last line, "PHÓ CHỦ TỊCH" under "KT. CHỦ
//                TỊCH"), accent- and case-insensitive; none when the block ends in an authority line
//   citations    the set of cited numbers (`citations[].number`), micro precision and recall
// and, over the citations whose number matches (what a cadre reads beside each cited number):
//   relation     the stored kind's label (RELATION_KIND_LABELS) equals `relation`; the app's
//                "liên quan" is the truth's "khác" (any other mention)
//   issuer       canonicalIssuer (the app's one spelling of a body) of both sides equal. Where the
//                truth has no issuer the text names none beside the number, so only "none" agrees:
//                an issuer shown there was taken from other words and misleads as much as a wrong one
//   date         exact yyyy-mm-dd, over the citations whose truth has a date
import { readFileSync } from 'node:fs';
import { RELATION_KIND_LABELS } from '../../main/contract/glossary.js';
import { expansionsOf } from '../../main/core/text/abbreviations.js';
import { canonicalIssuer } from '../../main/core/text/issuer-name.js';
import { canonicalize, fold } from '../../main/core/text/normalize.js';
import { testdata } from './repo-root.js';

export interface RealDocTruth {
  id: string;
  number: string;
  type: string;
  issuer: string;
  issuer_header: string;
  place: string;
  date: string;
  summary: string;
  signer: string;
  signer_title: string | null;
  citations: TruthCitation[];
}

export interface TruthCitation {
  number: string;
  type: string;
  relation: string;
  date?: string;
  issuer?: string;
}

/** One stored citation: its number and what is shown beside it. */
export interface ExtractedCitation {
  number: string;
  /** relations.kind (can_cu, thuc_hien, …, lien_quan). */
  kind: string;
  issuer: string | null;
  date: string | null;
}

/** What was extracted for one document (stored metadata, as `list --json` shows it). */
export interface ExtractedDoc {
  number: string | null;
  docType: string | null;
  issuer: string | null;
  issuerSuperior: string | null;
  place: string | null;
  issuedDate: string | null;
  title: string | null;
  signer: string | null;
  signerTitle: string | null;
  citations: ExtractedCitation[];
}

export const SCORED_FIELDS = [
  'number',
  'docType',
  'issuer',
  'place',
  'issuedDate',
  'title',
  'signer',
  'signerTitle',
] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export interface FormScore {
  documents: number;
  /** Share of documents whose field matches, per field. */
  accuracy: Record<ScoredField, number>;
  citationPrecision: number;
  citationRecall: number;
  /** Over the citations whose number matches: share with the truth's relation, issuer, date. */
  citationRelation: number;
  citationIssuer: number;
  /** Over the matched citations whose truth has a date. */
  citationDate: number;
  /** One line per mismatch ("id field: expected …, got …"), for error analysis. */
  misses: string[];
}

export function loadRealDocsTruth(): RealDocTruth[] {
  return readFileSync(testdata('real-docs', 'truth.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as RealDocTruth);
}

const squeeze = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/[\u00d0\u0189]/g, 'Đ')
    .replace(/[\u2010-\u2014\u2212]/g, '-')
    .replace(/\s+/g, '');

const folded = (s: string): string =>
  fold(s.normalize('NFC'))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Body abbreviations spelled out (UBND → ủy ban nhân dân, TP. → thành phố), then folded. */
export function normalizeIssuer(s: string): string {
  const words = s
    .normalize('NFC')
    .replace(/\bTP\.\s*/gu, 'thành phố ')
    .split(/[\s,.;:()-]+/u)
    .filter((w) => w !== '');
  const out = words.map((w) => {
    if (w.length >= 2 && w === w.toUpperCase() && /^\p{Lu}+$/u.test(w) && w.length <= 6) {
      const exp = expansionsOf(w);
      // Only unambiguous body names: "CỤC" or "BỘ" are words, not abbreviations.
      if (exp.length === 1 && !['BỘ', 'CỤC', 'SỞ', 'VỤ', 'BAN', 'XÃ'].includes(w)) return exp[0]!;
    }
    return w;
  });
  return folded(out.join(' '));
}

function tokens(s: string): string[] {
  const t = canonicalize(s.normalize('NFC'))
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  if (t[0] === 'v' && t[1] === 'v') return t.slice(2);
  if (t[0] === 'về' && t[1] === 'việc') return t.slice(2);
  return t;
}

/** Token F1 of two texts (multiset overlap). */
export function tokenF1(expected: string, got: string): number {
  const e = tokens(expected);
  const g = tokens(got);
  if (e.length === 0 && g.length === 0) return 1;
  if (e.length === 0 || g.length === 0) return 0;
  const left = new Map<string, number>();
  for (const w of e) left.set(w, (left.get(w) ?? 0) + 1);
  let overlap = 0;
  for (const w of g) {
    const n = left.get(w) ?? 0;
    if (n > 0) {
      overlap++;
      left.set(w, n - 1);
    }
  }
  if (overlap === 0) return 0;
  const p = overlap / g.length;
  const r = overlap / e.length;
  return (2 * p * r) / (p + r);
}

export const TITLE_F1 = 0.9;

/** True when the extracted value of `field` matches the truth. */
export function fieldMatches(field: ScoredField, t: RealDocTruth, x: ExtractedDoc): boolean {
  switch (field) {
    case 'number':
      return x.number !== null && squeeze(x.number) === squeeze(t.number);
    case 'docType':
      return x.docType !== null && folded(x.docType) === folded(t.type);
    case 'issuer': {
      if (!x.issuer) return false;
      const want = new Set([normalizeIssuer(t.issuer), normalizeIssuer(t.issuer_header)]);
      const got = [normalizeIssuer(x.issuer)];
      if (x.issuerSuperior) got.push(normalizeIssuer(`${x.issuerSuperior} ${x.issuer}`));
      return got.some((g) => want.has(g));
    }
    case 'place':
      return x.place !== null && folded(x.place) === folded(t.place);
    case 'issuedDate':
      return x.issuedDate === t.date;
    case 'title':
      return x.title !== null && tokenF1(t.summary, x.title) >= TITLE_F1;
    case 'signerTitle':
      return folded(x.signerTitle ?? '') === folded(t.signer_title ?? '');
    case 'signer':
      return (
        x.signer !== null &&
        canonicalize(x.signer.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim() ===
          canonicalize(t.signer.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim()
      );
  }
}

function truthValue(field: ScoredField, t: RealDocTruth): string {
  switch (field) {
    case 'docType':
      return t.type;
    case 'issuer':
      return `${t.issuer} | ${t.issuer_header}`;
    case 'issuedDate':
      return t.date;
    case 'title':
      return t.summary;
    case 'signerTitle':
      return t.signer_title ?? '';
    default:
      return t[field];
  }
}

function gotValue(field: ScoredField, x: ExtractedDoc): string | null {
  if (field === 'issuer' && x.issuerSuperior) return `${x.issuerSuperior} / ${x.issuer ?? ''}`;
  return x[field];
}

/** The truth's word for a stored relation kind: the app's label, "khác" for "liên quan". */
function relationLabel(kind: string): string {
  const label = RELATION_KIND_LABELS[kind] ?? kind;
  return label === RELATION_KIND_LABELS.lien_quan ? 'khác' : label;
}

function issuerAgrees(want: string | undefined, got: string | null): boolean {
  if (want === undefined) return got === null;
  return got !== null && canonicalIssuer(got) === canonicalIssuer(want);
}

/** Scores the extracted documents (by truth id) against the truth lines that have one. */
export function scoreDocuments(
  truth: readonly RealDocTruth[],
  got: ReadonlyMap<string, ExtractedDoc>,
): FormScore {
  const hits = Object.fromEntries(SCORED_FIELDS.map((f) => [f, 0])) as Record<ScoredField, number>;
  const misses: string[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let n = 0;
  let relationHits = 0;
  let issuerHits = 0;
  let dateHits = 0;
  let dated = 0;
  for (const t of truth) {
    const x = got.get(t.id);
    if (!x) continue;
    n++;
    for (const f of SCORED_FIELDS) {
      if (fieldMatches(f, t, x)) hits[f]++;
      else
        misses.push(
          `${t.id} ${f}: expected ${JSON.stringify(truthValue(f, t))}, got ${JSON.stringify(gotValue(f, x))}`,
        );
    }
    const want = new Map(t.citations.map((c) => [squeeze(c.number), c]));
    const have = new Map<string, ExtractedCitation>();
    for (const c of x.citations) if (!have.has(squeeze(c.number))) have.set(squeeze(c.number), c);
    const extra: string[] = [];
    const missing: string[] = [];
    for (const [h, c] of have) {
      const w = want.get(h);
      if (!w) {
        fp++;
        extra.push(h);
        continue;
      }
      tp++;
      const relation = relationLabel(c.kind);
      if (relation === w.relation) relationHits++;
      else misses.push(`${t.id} citation ${w.number} relation: expected "${w.relation}", got "${relation}"`);
      if (issuerAgrees(w.issuer, c.issuer)) issuerHits++;
      else
        misses.push(
          `${t.id} citation ${w.number} issuer: expected ${JSON.stringify(w.issuer ?? null)}, got ${JSON.stringify(c.issuer)}`,
        );
      if (w.date !== undefined) {
        dated++;
        if (c.date === w.date) dateHits++;
        else
          misses.push(
            `${t.id} citation ${w.number} date: expected "${w.date}", got ${JSON.stringify(c.date)}`,
          );
      }
    }
    for (const w of want.keys())
      if (!have.has(w)) {
        fn++;
        missing.push(w);
      }
    if (extra.length + missing.length > 0)
      misses.push(`${t.id} citations: missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`);
  }
  const accuracy = Object.fromEntries(SCORED_FIELDS.map((f) => [f, n === 0 ? 0 : hits[f] / n])) as Record<
    ScoredField,
    number
  >;
  return {
    documents: n,
    accuracy,
    citationPrecision: tp + fp === 0 ? 1 : tp / (tp + fp),
    citationRecall: tp + fn === 0 ? 1 : tp / (tp + fn),
    citationRelation: tp === 0 ? 1 : relationHits / tp,
    citationIssuer: tp === 0 ? 1 : issuerHits / tp,
    citationDate: dated === 0 ? 1 : dateHits / dated,
    misses,
  };
}

/** A one-line-per-field table of a form's score. */
export function formatScore(form: string, s: FormScore): string {
  const cells = SCORED_FIELDS.map((f) => `${f} ${s.accuracy[f].toFixed(3)}`);
  return (
    `${form} (${s.documents} documents): ${cells.join(', ')}, ` +
    `citations P ${s.citationPrecision.toFixed(3)} R ${s.citationRecall.toFixed(3)} ` +
    `relation ${s.citationRelation.toFixed(3)} issuer ${s.citationIssuer.toFixed(3)} date ${s.citationDate.toFixed(3)}`
  );
}
