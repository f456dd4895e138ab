// Runs metadata and citation extraction on a document's stored pages and writes the results:
// suggestions into documents + document_fields (source 'auto' with a confidence, never over a
// field a person set: source 'user'), number_key, the document's auto relations (replaced), and
// citation resolution in both directions. Runs inside the caller's write transaction. Part of the
// archive layer (it needs only the stored pages and core/text), so an edit can re-run it without the
// archive importing ingest; import and re-extraction call it from above.

import type { Db } from './database.js';
import { docNumberKey, parseDocNumbers, sharedAcrossLocalities } from '../text/doc-number.js';
import { extractCitations, uniqueCitations } from '../text/extract-citations.js';
import {
  EXTRACTED_FIELDS,
  extractMetadata,
  type ExtractedField,
  type ExtractedMetadata,
} from '../text/extract-metadata.js';
import { FIELD_COLUMNS } from './field-columns.js';
import { fieldsWithSource, writeFieldProvenance } from './field-provenance.js';
import {
  bodiesContradict,
  canonicalIssuer,
  documentBody,
  issuerBody,
  type IssuerBody,
  type LocalLevel,
} from '../text/issuer-name.js';
import { fold } from '../text/normalize.js';
import { markCurrentRules } from './extraction-rule.js';
import { readMeta, writeMeta } from './meta-store.js';
import { getDocumentPages } from './pages-repo.js';
import { prepared } from './prepared.js';
import { fileReadingOrder } from './reading-order.js';

/**
 * The document's pages in reading order (citations read them all) and those of its main file (the
 * header and signature belong to it, not to attachments), from one read of the pages.
 */
function documentAndMainPages(db: Db, documentId: number): { all: string[]; main: string[] } {
  const file = prepared(
    db,
    `SELECT id FROM files WHERE document_id = ? ORDER BY ${fileReadingOrder()} LIMIT 1`,
  ).get(documentId) as { id: number } | undefined;
  const pages = getDocumentPages(db, documentId);
  return {
    all: pages.map((p) => p.text),
    main: file ? pages.filter((p) => p.fileId === file.id).map((p) => p.text) : [],
  };
}

function valueOf(
  meta: ExtractedMetadata,
  field: ExtractedField,
): { value: string; confidence: number } | null {
  const s = meta[field];
  if (!s) return null;
  let value = Array.isArray(s.value) ? s.value.join('\n') : s.value;
  // One stored spelling per body, so facets and the catalogue show it once ("UBND tỉnh …").
  if (field === 'issuer' || field === 'issuerSuperior') value = canonicalIssuer(value);
  if (!value) return null;
  return { value, confidence: s.confidence };
}

interface Candidate {
  id: number;
  doc_type: string | null;
  issuer: string | null;
  issuer_superior: string | null;
  issued_date: string | null;
}

/** What a citation says of the document it names (the cited_* columns of its relation). */
export interface CitedDocument {
  number: string | null;
  key: string;
  type: string | null;
  issuer: string | null;
  date: string | null;
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The body the cited document must be of, as far as the citation and the citing document tell: the
 * issuer it names; a level named without its place ("của Ủy ban nhân dân tỉnh", "Tỉnh ủy") is the
 * citing document's own (a Hà Tĩnh decision citing "the provincial People's Committee" means Hà
 * Tĩnh's); and a number every locality uses alike ("…/QĐ-UBND", "…-KH/TU") cited with no place
 * named is of the citing document's own locality.
 */
function expectedBody(cited: CitedDocument, citer: IssuerBody): IssuerBody {
  const named = cited.issuer ? issuerBody(cited.issuer) : null;
  const places: IssuerBody['places'] = {};
  for (const [level, place] of Object.entries(named?.places ?? {}) as [LocalLevel, string | null][]) {
    const p = place ?? citer.places[level];
    if (p) places[level] = p;
  }
  const parsed = cited.number ? parseDocNumbers(cited.number)[0] : undefined;
  if (Object.keys(named?.places ?? {}).length === 0 && parsed && sharedAcrossLocalities(parsed))
    Object.assign(places, citer.places);
  return { kind: named?.kind ?? null, level: named?.level ?? null, places };
}

/** A candidate the citation contradicts is not its target: another body, or another date. */
function contradicts(c: Candidate, cited: CitedDocument, expected: IssuerBody): boolean {
  if (cited.date && c.issued_date && FULL_DATE.test(cited.date) && FULL_DATE.test(c.issued_date))
    if (cited.date !== c.issued_date) return true;
  return bodiesContradict(expected, documentBody(c.issuer, c.issuer_superior));
}

/** How well a candidate fits a citation's type/issuer/date (to break ties between equal keys). */
function fitScore(c: Candidate, cited: CitedDocument, expected: IssuerBody): number {
  let s = 0;
  const type = cited.type;
  if (type && c.doc_type && fold(c.doc_type) === fold(type)) s += 1;
  if (type && c.doc_type && fold(type).startsWith(fold(c.doc_type))) s += 0.5;
  const body = documentBody(c.issuer, c.issuer_superior);
  if (expected.kind !== null && expected.kind === body.kind) s += 0.5;
  if ((Object.keys(expected.places) as LocalLevel[]).some((l) => body.places[l] != null)) s += 1;
  if (cited.date && c.issued_date === cited.date) s += 2;
  return s;
}

/** The body of a stored document (the citing one), from its issuer and superior line. */
function bodyOfDocument(db: Db, documentId: number): IssuerBody {
  const d = prepared(db, 'SELECT issuer, issuer_superior FROM documents WHERE id = ?').get(documentId) as
    { issuer: string | null; issuer_superior: string | null } | undefined;
  return documentBody(d?.issuer ?? null, d?.issuer_superior ?? null);
}

/**
 * The one archived document a citation names, or null: none with its number key, every one with it
 * contradicted by what the citation says (another locality's body, another date; contradicts), or
 * a tie that nothing breaks. The one rule of every path that resolves (import, re-extraction, a
 * number edited, the trash, a bundle, the upgrade pass of reresolveAutomaticCitations).
 */
export function resolveTarget(db: Db, sourceId: number, cited: CitedDocument): number | null {
  if (!cited.key) return null;
  const cands = prepared(
    db,
    'SELECT id, doc_type, issuer, issuer_superior, issued_date FROM documents WHERE number_key = ? AND id != ? ORDER BY id',
  ).all(cited.key, sourceId) as Candidate[];
  if (cands.length === 0) return null;
  const expected = expectedBody(cited, bodyOfDocument(db, sourceId));
  const fit = cands.filter((c) => !contradicts(c, cited, expected));
  if (fit.length === 0) return null;
  if (fit.length === 1) return fit[0]!.id;
  const scored = fit.map((c) => ({ id: c.id, s: fitScore(c, cited, expected) }));
  scored.sort((a, b) => b.s - a.s);
  return scored[0]!.s > scored[1]!.s ? scored[0]!.id : null;
}

/** A relation as stored (what a citation says, and the document it resolved to, if any). */
export interface NewRelation {
  sourceId: number;
  kind: string;
  targetId: number | null;
  citedNumber: string | null;
  citedNumberKey: string | null;
  citedType: string | null;
  citedDate: string | null;
  citedIssuer: string | null;
  evidence: string | null;
  origin: 'auto' | 'manual';
  createdAt: string;
}

/** A relation row the same as this one (source, kind, target and cited key), if there is one. */
export function findRelation(
  db: Db,
  sourceId: number,
  kind: string,
  targetId: number | null,
  citedNumberKey: string | null,
): { id: number; origin: string } | undefined {
  return prepared(
    db,
    `SELECT id, origin FROM relations WHERE source_id = ? AND kind = ? AND target_id IS ?
       AND cited_number_key IS ? LIMIT 1`,
  ).get(sourceId, kind, targetId, citedNumberKey) as { id: number; origin: string } | undefined;
}

/** A person confirmed the link (a bundle carries their word): it is no longer the rule's to redo. */
export function markRelationManual(db: Db, relationId: number): void {
  prepared(db, `UPDATE relations SET origin = 'manual' WHERE id = ?`).run(relationId);
}

/** The one INSERT of a relation row (extraction here, bundle import). */
export function insertRelation(db: Db, r: NewRelation): void {
  prepared(
    db,
    `INSERT INTO relations (source_id, kind, target_id, cited_number, cited_number_key, cited_type, cited_date,
       cited_issuer, evidence, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.sourceId,
    r.kind,
    r.targetId,
    r.citedNumber,
    r.citedNumberKey,
    r.citedType,
    r.citedDate,
    r.citedIssuer,
    r.evidence,
    r.origin,
    r.createdAt,
  );
}

interface RelationRow {
  id: number;
  source_id: number;
  cited_number: string | null;
  cited_number_key: string | null;
  cited_type: string | null;
  cited_issuer: string | null;
  cited_date: string | null;
  target_id: number | null;
}

const SET_TARGET = 'UPDATE relations SET target_id = ? WHERE id = ?';
/** Always read plucked (the statement is shared through prepared()). */
const NUMBER_KEY_OF = 'SELECT number_key FROM documents WHERE id = ?';

/** The columns of RelationRow, for every read of relations to re-resolve. */
const RELATION_COLUMNS =
  'id, source_id, cited_number, cited_number_key, cited_type, cited_issuer, cited_date, target_id';

function citedOf(r: RelationRow): CitedDocument {
  return {
    number: r.cited_number,
    key: r.cited_number_key ?? '',
    type: r.cited_type,
    issuer: r.cited_issuer,
    date: r.cited_date,
  };
}

/**
 * Extract and store metadata suggestions and citations of one document. Must be called inside the
 * caller's write transaction (archive.write); it opens none itself.
 */
export function enrichDocument(db: Db, documentId: number): void {
  const now = new Date().toISOString();
  if (!prepared(db, 'SELECT 1 FROM documents WHERE id = ?').get(documentId)) return;
  const pages = documentAndMainPages(db, documentId);
  const meta = extractMetadata(pages.main);

  // 1. Field suggestions, never over a person's value.
  const userFields = fieldsWithSource(db, documentId, 'user');
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const field of EXTRACTED_FIELDS) {
    const column = FIELD_COLUMNS[field];
    if (userFields.has(column)) continue;
    const v = valueOf(meta, field);
    if (!v) continue;
    sets.push(`${column} = ?`);
    params.push(v.value);
    writeFieldProvenance(db, documentId, column, {
      source: 'auto',
      confidence: v.confidence,
      updatedAt: now,
      actor: null,
    });
  }
  if (sets.length > 0) {
    // One statement per set of columns filled (a handful in practice), prepared once each.
    prepared(db, `UPDATE documents SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(
      ...params,
      now,
      documentId,
    );
  }

  // 2. number_key from whatever number the document now has (a person's or the suggestion).
  const { number, doc_type: docType } = prepared(
    db,
    'SELECT number, doc_type FROM documents WHERE id = ?',
  ).get(documentId) as { number: string | null; doc_type: string | null };
  const numberKey = number ? docNumberKey(number) || null : null;
  prepared(db, 'UPDATE documents SET number_key = ? WHERE id = ? AND number_key IS NOT ?').run(
    numberKey,
    documentId,
    numberKey,
  );

  // 3. Replace this document's auto relations with fresh citations.
  const all = pages.all.join('\n');
  // The type too: "Quyết định này … thay thế …" is this document acting, "Luật này …" in a letter is not.
  const citations = uniqueCitations(extractCitations(all, numberKey, docType));
  prepared(db, "DELETE FROM relations WHERE source_id = ? AND origin = 'auto'").run(documentId);
  for (const c of citations) {
    insertRelation(db, {
      sourceId: documentId,
      kind: c.kind,
      targetId: resolveTarget(db, documentId, {
        number: c.number,
        key: c.numberKey,
        type: c.type,
        issuer: c.issuer,
        date: c.date,
      }),
      citedNumber: c.number,
      citedNumberKey: c.numberKey,
      citedType: c.type,
      citedDate: c.date,
      citedIssuer: c.issuer,
      evidence: c.evidence,
      origin: 'auto',
      createdAt: now,
    });
  }

  // Its suggestions and citations now stand by the current rules (a notice of older ones is cleared).
  markCurrentRules(db, documentId);

  // 4. Other documents' citations of this number.
  relinkCitationsOf(db, documentId);
}

/**
 * Resolves this document's automatic citations by the one rule (resolveTarget): with `openOnly`
 * those that point nowhere yet (what it cites may have been filed since), else every one, so a
 * link it carries from elsewhere is not kept on trust. Inside the caller's write transaction.
 */
function resolveCitationsOf(db: Db, documentId: number, openOnly: boolean): void {
  const own = db
    .prepare<[number], RelationRow>(
      `SELECT ${RELATION_COLUMNS} FROM relations
       WHERE source_id = ? AND origin = 'auto' AND cited_number_key IS NOT NULL${openOnly ? ' AND target_id IS NULL' : ''}`,
    )
    .all(documentId);
  const setTarget = prepared(db, SET_TARGET);
  for (const r of own) {
    const target = resolveTarget(db, documentId, citedOf(r));
    if (target !== r.target_id) setTarget.run(target, r.id);
  }
}

/**
 * Every automatic citation of a document back from the trash, resolved again: its links are as it
 * went in, and what they point to may have changed meanwhile (a person's edit of the cited
 * document, an older rule's link; none of that re-checks a trashed document's rows).
 */
export function reresolveCitationsOf(db: Db, documentId: number): void {
  resolveCitationsOf(db, documentId, false);
}

/**
 * Other documents' automatic citations of this number, resolved by the one rule (resolveTarget);
 * `openOnly` leaves the ones already pointing somewhere as they are.
 */
function relinkCiters(db: Db, documentId: number, numberKey: string, openOnly: boolean): void {
  const setTarget = prepared(db, SET_TARGET);
  const citers = prepared(
    db,
    `SELECT ${RELATION_COLUMNS} FROM relations
       WHERE cited_number_key = ? AND source_id != ? AND origin = 'auto'${openOnly ? ' AND target_id IS NULL' : ''}`,
  ).all(numberKey, documentId) as RelationRow[];
  for (const r of citers) {
    const target = resolveTarget(db, r.source_id, citedOf(r));
    if (target !== r.target_id) setTarget.run(target, r.id);
  }
}

/**
 * A document arriving from elsewhere with its relations as they were (a bundle): its citations that
 * point nowhere, and this archive's citations waiting for its number, are resolved; links that
 * already point somewhere are kept. Inside the caller's write transaction.
 */
export function linkOpenCitationsAround(db: Db, documentId: number): void {
  resolveCitationsOf(db, documentId, true);
  const numberKey = prepared(db, NUMBER_KEY_OF).pluck().get(documentId) as string | null | undefined;
  if (numberKey) relinkCiters(db, documentId, numberKey, true);
}

/**
 * Re-resolves other documents' automatic citations against this document's current number_key:
 * links unresolved ones that name it (a cited document imported later) and re-checks ones that point
 * here although the number changed. Call after a person edits a document's number (inside the same
 * write transaction); enrichDocument calls it itself.
 */
export function relinkCitationsOf(db: Db, documentId: number): void {
  const numberKey =
    (prepared(db, NUMBER_KEY_OF).pluck().get(documentId) as string | null | undefined) ?? null;
  const setTarget = prepared(db, SET_TARGET);
  if (numberKey) relinkCiters(db, documentId, numberKey, false);
  const stale = prepared(
    db,
    `SELECT ${RELATION_COLUMNS} FROM relations
       WHERE target_id = ? AND origin = 'auto' AND cited_number_key IS NOT ?`,
  ).all(documentId, numberKey) as RelationRow[];
  for (const r of stale) {
    setTarget.run(resolveTarget(db, r.source_id, citedOf(r)), r.id);
  }
}

/**
 * Version of the resolution rule (resolveTarget). 2: a candidate the citation contradicts (another
 * locality's body, another date) is no longer taken because it is the only one with the number.
 * An archive whose links an older rule made is re-resolved once when opened (openVanKho).
 */
export const CITATION_RULE = 2;
const CITATION_RULE_KEY = 'citation_rule';

/** Whether the archive's automatic links were made by an older rule than this app's. */
export function citationRuleBehind(db: Db): boolean {
  return Number(readMeta(db, CITATION_RULE_KEY) ?? 0) < CITATION_RULE;
}

/**
 * Every automatic citation resolved again by the current rule, and the rule's version recorded;
 * manual links (origin 'manual') are never touched. Inside the caller's write transaction. Returns
 * how many links changed.
 */
export function reresolveAutomaticCitations(db: Db): number {
  // In pages by id: an archive of 200k documents holds about a million citations, too many to hold as
  // rows at once in the app's main process (and a statement cannot stay open under the updates).
  const page = db.prepare<[number], RelationRow>(
    `SELECT ${RELATION_COLUMNS} FROM relations
     WHERE origin = 'auto' AND cited_number_key IS NOT NULL AND id > ? ORDER BY id LIMIT 5000`,
  );
  const setTarget = prepared(db, SET_TARGET);
  let changed = 0;
  for (let rows = page.all(0); rows.length > 0; rows = page.all(rows[rows.length - 1]!.id)) {
    for (const r of rows) {
      const target = resolveTarget(db, r.source_id, citedOf(r));
      if (target === r.target_id) continue;
      setTarget.run(target, r.id);
      changed++;
    }
  }
  writeMeta(db, CITATION_RULE_KEY, String(CITATION_RULE));
  return changed;
}
