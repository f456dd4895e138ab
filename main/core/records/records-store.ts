// Hồ sơ (records files, issue 12): the one module holding the SQL of `records` and `record_documents`
// (migrations/005-records.sql). Reads take a Db (work on a read-only archive); writes take the Archive
// so they go through archive.write(). A document is in a hồ sơ by reference (never copied) and may be
// in several; its position is chronological (issue date, then number) until a person reorders.
import type { BundleRecordResultDto, RecordAccessLevel } from '../../contract/dto.js';
import { appError } from '../../contract/errors.js';
import { parseUserDate } from '../../contract/dates.js';
import { RECORD_STATE_LABELS } from '../../contract/record-labels.js';
import { readRetention, retentionLabel } from '../../contract/retention-text.js';
import type { Archive, Db } from '../archive/archive.js';
import type { TrashHook } from '../archive/trash.js';
import { VanKhoError } from '../errors/vankho-error.js';
import type { ManifestRecord } from '../export/bundle-manifest.js';
import {
  andReadableDocument,
  andReadableRecord,
  hiddenDocumentIds,
  recordCondition,
  READ_ALL,
  requireAccessLevel,
  type ReadScope,
} from '../archive/access.js';

export type AccessLevel = RecordAccessLevel;

export type RecordState = 'open' | 'closed' | 'archived';
export const STATE_LABELS: Record<RecordState, { vi: string; en: string }> = RECORD_STATE_LABELS;

/** Thời hạn bảo quản: a number of years, or vĩnh viễn. */
export type Retention = number | 'permanent';

/** A hồ sơ with its derived values (dates, sheets, pages) already resolved against its documents. */
export interface RecordFile {
  id: number;
  /** Mã hồ sơ: organCode.year.notation. */
  code: string;
  organCode: string;
  year: number;
  notation: string;
  heading: string;
  title: string;
  creator: string;
  retention: Retention;
  access: AccessLevel;
  language: string;
  /** Earliest / latest issue date of its documents, unless overridden (startDateSet / endDateSet). */
  startDate: string | null;
  endDate: string | null;
  startDateSet: boolean;
  endDateSet: boolean;
  keywords: string[];
  /** Sum of its documents' page counts (one sheet per page), unless overridden. */
  sheetCount: number | null;
  pageCount: number | null;
  sheetCountSet: boolean;
  pageCountSet: boolean;
  /** Documents whose page count is unknown (the derived counts leave them out). */
  documentsWithoutPageCount: number;
  physicalState: string;
  notes: string;
  state: RecordState;
  documentCount: number;
  createdAt: string;
  /** Who made it (actor id); null before schema 8. */
  createdBy: string | null;
  updatedAt: string;
  closedAt: string | null;
}

/** A document as it stands in a hồ sơ (the fields the mục lục shows). */
export interface RecordDocument {
  position: number;
  documentId: number;
  uid: string;
  number: string | null;
  issuedDate: string | null;
  docType: string | null;
  title: string;
  issuer: string | null;
  pageCount: number | null;
  notes: string;
  access: AccessLevel;
}

export interface CreateRecordInput {
  code: string;
  title: string;
  heading?: string;
  creator?: string;
  retention?: Retention;
  access?: AccessLevel;
  language?: string;
  keywords?: readonly string[];
  physicalState?: string;
  notes?: string;
}

/** Editable fields; null on an overridable one (dates, counts) goes back to the derived value. */
export interface RecordPatch {
  title?: string;
  heading?: string;
  creator?: string;
  retention?: Retention;
  access?: AccessLevel;
  language?: string;
  keywords?: readonly string[];
  physicalState?: string;
  notes?: string;
  startDate?: string | null;
  endDate?: string | null;
  sheetCount?: number | null;
  pageCount?: number | null;
}

const invalid = (detail: string): VanKhoError => new VanKhoError(appError('INVALID_INPUT', detail));
const notFound = (what: string): VanKhoError => new VanKhoError(appError('NOT_FOUND', what));
const text = (s: string): string => s.normalize('NFC').trim();

/**
 * Splits a mã hồ sơ into organ code, year and ký hiệu hồ sơ: the parts are separated by dots and the
 * year is the first four-digit part after the organ code ("000.00.00.H41.2025.01.TH" → organ
 * "000.00.00.H41", 2025, "01.TH").
 */
export function parseRecordCode(code: string): {
  code: string;
  organCode: string;
  year: number;
  notation: string;
} {
  const c = text(code);
  const parts = c.split('.');
  const i = parts.findIndex((p, k) => k > 0 && /^\d{4}$/.test(p) && Number(p) >= 1900 && Number(p) <= 2100);
  const organCode = parts.slice(0, Math.max(i, 0)).join('.');
  const notation = i < 0 ? '' : parts.slice(i + 1).join('.');
  if (i < 0 || organCode === '' || notation === '' || /\s/.test(c) || c.length > 100)
    throw invalid(
      `mã hồ sơ phải là mã cơ quan.năm.ký hiệu hồ sơ, ví dụ 000.00.00.H41.2025.01.TH / ` +
        `the file code is organ code.year.file notation, e.g. 000.00.00.H41.2025.01.TH: ${c}`,
    );
  return { code: c, organCode, year: Number(parts[i]), notation };
}

/** "10", "10 năm", "permanent", "vĩnh viễn", "vv" → a Retention. */
export function parseRetention(value: string): Retention {
  const r = readRetention(value);
  if (r !== null) return r;
  throw invalid(`thời hạn bảo quản: số năm hoặc vĩnh viễn / retention: years or permanent: ${value}`);
}

export { retentionLabel };

function checkDate(field: string, v: string | null): string | null {
  if (v === null || text(v) === '') return null;
  const iso = parseUserDate(v);
  if (!iso) throw invalid(`${field}: ngày không hợp lệ / invalid date: ${v}`);
  return iso;
}

function checkRetention(r: Retention): Retention {
  if (r !== 'permanent' && (!Number.isInteger(r) || r < 1 || r > 999))
    throw invalid(`thời hạn bảo quản: số năm hoặc vĩnh viễn / retention: years or permanent: ${r}`);
  return r;
}

function checkCount(field: string, v: number | null): number | null {
  if (v === null) return null;
  if (!Number.isInteger(v) || v < 0) throw invalid(`${field}: số không hợp lệ / invalid count: ${v}`);
  return v;
}

interface RecordRow {
  id: number;
  code: string;
  organ_code: string;
  year: number;
  notation: string;
  heading: string;
  title: string;
  creator: string;
  retention_years: number | null;
  access: AccessLevel;
  language: string;
  start_date: string | null;
  end_date: string | null;
  keywords: string;
  sheet_count: number | null;
  page_count: number | null;
  physical_state: string;
  notes: string;
  state: RecordState;
  manual_order: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  closed_at: string | null;
  // Derived from its documents in the same query.
  n: number;
  first_date: string | null;
  last_date: string | null;
  pages: number | null;
  unknown_pages: number;
}

/**
 * A hồ sơ row with what it derives from its documents, counting only the documents `scope` may read
 * (a reader learns nothing, not even a count, of the others), among the hồ sơ `scope` may read.
 * `where` is the rest of the query (its own WHERE clauses joined with AND).
 */
function recordSelect(scope: ReadScope, where: string): string {
  const docs = `FROM record_documents x JOIN documents d ON d.id = x.document_id
    WHERE x.record_id = r.id${andReadableDocument(scope, 'd')}`;
  const conditions = [recordCondition(scope, 'r'), where].filter(Boolean);
  return `SELECT r.*,
  (SELECT count(*) ${docs}) AS n,
  (SELECT min(d.issued_date) ${docs}) AS first_date,
  (SELECT max(d.issued_date) ${docs}) AS last_date,
  (SELECT sum(d.page_count) ${docs}) AS pages,
  (SELECT count(*) ${docs} AND d.page_count IS NULL) AS unknown_pages
  FROM records r${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
}

/** The columns a hồ sơ's view and its bundle copy read alike (dates and counts differ: see each). */
function commonFieldsOf(r: RecordRow) {
  return {
    code: r.code,
    organCode: r.organ_code,
    year: r.year,
    notation: r.notation,
    heading: r.heading,
    title: r.title,
    creator: r.creator,
    retention: r.retention_years ?? ('permanent' as const),
    access: r.access,
    language: r.language,
    keywords: r.keywords === '' ? [] : r.keywords.split(',').map((k) => k.trim()),
    physicalState: r.physical_state,
    notes: r.notes,
    state: r.state,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
  };
}

function recordOf(r: RecordRow): RecordFile {
  return {
    ...commonFieldsOf(r),
    id: r.id,
    startDate: r.start_date ?? r.first_date,
    endDate: r.end_date ?? r.last_date,
    startDateSet: r.start_date !== null,
    endDateSet: r.end_date !== null,
    sheetCount: r.sheet_count ?? r.pages,
    pageCount: r.page_count ?? r.pages,
    sheetCountSet: r.sheet_count !== null,
    pageCountSet: r.page_count !== null,
    documentsWithoutPageCount: r.unknown_pages,
    documentCount: r.n,
  };
}

function rowByCode(db: Db, code: string, scope: ReadScope = READ_ALL): RecordRow | undefined {
  return db.prepare(recordSelect(scope, 'r.code = ?')).get(text(code)) as RecordRow | undefined;
}

/** The hồ sơ of this code (case-insensitive), or null (also when `scope` may not read it). */
export function findRecord(db: Db, code: string, scope: ReadScope = READ_ALL): RecordFile | null {
  const r = rowByCode(db, code, scope);
  return r ? recordOf(r) : null;
}

/** NOT_FOUND when absent or not readable by `scope`: the two look the same. */
export function getRecord(db: Db, code: string, scope: ReadScope = READ_ALL): RecordFile {
  const r = findRecord(db, code, scope);
  if (!r) throw notFound(`hồ sơ / file ${text(code)}`);
  return r;
}

/** Hồ sơ of a year (or all), by year, đề mục, ký hiệu: the order of the danh mục hồ sơ. */
export function listRecords(db: Db, opts: { year?: number } = {}, scope: ReadScope = READ_ALL): RecordFile[] {
  const rows = (
    opts.year === undefined
      ? db.prepare(`${recordSelect(scope, '')} ORDER BY r.year, r.heading, r.notation, r.id`).all()
      : db.prepare(`${recordSelect(scope, 'r.year = ?')} ORDER BY r.heading, r.notation, r.id`).all(opts.year)
  ) as RecordRow[];
  return rows.map(recordOf);
}

/** The codes of the hồ sơ a document is in (those `scope` may read). */
export function recordsOfDocument(db: Db, documentId: number, scope: ReadScope = READ_ALL): string[] {
  return db
    .prepare<[number], string>(
      `SELECT r.code FROM records r JOIN record_documents x ON x.record_id = r.id
       WHERE x.document_id = ?${andReadableRecord(scope, 'r')} ORDER BY r.year, r.code`,
    )
    .pluck()
    .all(documentId);
}

/**
 * Ids of the documents in any of these hồ sơ (by code, case-insensitive; unknown codes add nothing),
 * for the search filter "in hồ sơ …". The search applies its own access scope to the documents.
 */
export function documentIdsInRecords(db: Db, codes: readonly string[]): Set<number> {
  const ids = new Set<number>();
  for (const code of codes) {
    const rec = rowByCode(db, code);
    if (!rec) continue;
    for (const id of db
      .prepare<[number], number>('SELECT document_id FROM record_documents WHERE record_id = ?')
      .pluck()
      .all(rec.id))
      ids.add(id);
  }
  return ids;
}

/** Where a document is filed, as the search's hồ sơ and thời hạn facets see it. */
export interface DocumentFiling {
  /** Codes of its hồ sơ, in code order. */
  codes: string[];
  /** The longest period among them (a document is kept as long as its longest-kept hồ sơ). */
  retention: number | 'permanent';
}

/** Every filed document's hồ sơ that `scope` may read, for the search's hồ sơ and thời hạn facets. */
export function filingByDocument(db: Db, scope: ReadScope = READ_ALL): Map<number, DocumentFiling> {
  const out = new Map<number, DocumentFiling>();
  for (const [id, code, years] of db
    .prepare<[], [number, string, number | null]>(
      `SELECT x.document_id, r.code, r.retention_years FROM record_documents x JOIN records r ON r.id = x.record_id
        WHERE 1${andReadableRecord(scope, 'r')} ORDER BY r.code`,
    )
    .raw()
    .all()) {
    const retention = years ?? 'permanent';
    const f = out.get(id);
    if (!f) out.set(id, { codes: [code], retention });
    else {
      f.codes.push(code);
      if (f.retention !== 'permanent' && (retention === 'permanent' || retention > f.retention))
        f.retention = retention;
    }
  }
  return out;
}

/** The documents of a hồ sơ in their order (số thứ tự 1..n). */
/**
 * The documents of a hồ sơ in their order, those `scope` may read. Positions are counted among them
 * (1..n without gaps), so a gap never says a document is left out.
 */
export function recordDocuments(db: Db, code: string, scope: ReadScope = READ_ALL): RecordDocument[] {
  const rec = getRecord(db, code, scope);
  return (
    db
      .prepare(
        `SELECT x.position, d.id, d.uid, d.number, d.issued_date, d.doc_type, d.title, d.issuer,
                d.page_count, d.notes, d.access
         FROM record_documents x JOIN documents d ON d.id = x.document_id
         WHERE x.record_id = ?${andReadableDocument(scope, 'd')} ORDER BY x.position, d.id`,
      )
      .all(rec.id) as Array<{
      position: number;
      id: number;
      uid: string;
      number: string | null;
      issued_date: string | null;
      doc_type: string | null;
      title: string;
      issuer: string | null;
      page_count: number | null;
      notes: string;
      access: AccessLevel;
    }>
  ).map((r, i) => ({
    position: scope.all ? r.position : i + 1,
    documentId: r.id,
    uid: r.uid,
    number: r.number,
    issuedDate: r.issued_date,
    docType: r.doc_type,
    title: r.title,
    issuer: r.issuer,
    pageCount: r.page_count,
    notes: r.notes,
    access: r.access,
  }));
}

export function createRecord(
  archive: Archive,
  input: CreateRecordInput,
  actor: string | null = null,
): RecordFile {
  const { code, organCode, year, notation } = parseRecordCode(input.code);
  const title = text(input.title);
  if (title === '') throw invalid('tiêu đề hồ sơ không được để trống / the file needs a title');
  const retention = checkRetention(input.retention ?? 'permanent');
  return archive.write((db) => {
    const existing = rowByCode(db, code);
    if (existing) throw invalid(`đã có hồ sơ mã ${existing.code} / a file with code ${existing.code} exists`);
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO records (code, organ_code, year, notation, heading, title, creator, retention_years,
         access, language, keywords, physical_state, notes, created_at, updated_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      code,
      organCode,
      year,
      notation,
      text(input.heading ?? ''),
      title,
      text(input.creator ?? ''),
      retention === 'permanent' ? null : retention,
      input.access ?? 'cong-khai',
      text(input.language ?? 'Tiếng Việt'),
      keywordsText(input.keywords ?? []),
      text(input.physicalState ?? ''),
      text(input.notes ?? ''),
      now,
      now,
      actor,
    );
    return recordOf(rowByCode(db, code)!);
  });
}

function keywordsText(keywords: readonly string[]): string {
  return [...new Set(keywords.map(text).filter((k) => k !== ''))].join(', ');
}

export function updateRecord(archive: Archive, code: string, patch: RecordPatch): RecordFile {
  return archive.write((db) => {
    const rec = rowByCode(db, code);
    if (!rec) throw notFound(`hồ sơ / file ${text(code)}`);
    const set: Record<string, unknown> = {};
    if (patch.title !== undefined) {
      if (text(patch.title) === '')
        throw invalid('tiêu đề hồ sơ không được để trống / the file needs a title');
      set['title'] = text(patch.title);
    }
    if (patch.heading !== undefined) set['heading'] = text(patch.heading);
    if (patch.creator !== undefined) set['creator'] = text(patch.creator);
    if (patch.retention !== undefined)
      set['retention_years'] = ((r) => (r === 'permanent' ? null : r))(checkRetention(patch.retention));
    if (patch.access !== undefined) set['access'] = requireAccessLevel(patch.access);
    if (patch.language !== undefined) set['language'] = text(patch.language);
    if (patch.keywords !== undefined) set['keywords'] = keywordsText(patch.keywords);
    if (patch.physicalState !== undefined) set['physical_state'] = text(patch.physicalState);
    if (patch.notes !== undefined) set['notes'] = text(patch.notes);
    if (patch.startDate !== undefined) set['start_date'] = checkDate('startDate', patch.startDate);
    if (patch.endDate !== undefined) set['end_date'] = checkDate('endDate', patch.endDate);
    if (patch.sheetCount !== undefined) set['sheet_count'] = checkCount('sheetCount', patch.sheetCount);
    if (patch.pageCount !== undefined) set['page_count'] = checkCount('pageCount', patch.pageCount);
    set['updated_at'] = new Date().toISOString();
    const cols = Object.keys(set);
    db.prepare(`UPDATE records SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
      ...cols.map((c) => set[c] as never),
      rec.id,
    );
    return recordOf(rowByCode(db, rec.code)!);
  });
}

function requireOpen(rec: RecordRow): void {
  if (rec.state !== 'open')
    throw invalid(
      `hồ sơ ${rec.code} ${STATE_LABELS[rec.state].vi.toLocaleLowerCase('vi')}, không thay đổi được văn bản / ` +
        `file ${rec.code} is ${STATE_LABELS[rec.state].en}: its documents cannot change`,
    );
}

/** Positions 1..n in chronological order: issue date (undated last), number, id. */
function sortChronologically(db: Db, recordId: number): void {
  const ids = db
    .prepare<[number], number>(
      `SELECT x.document_id FROM record_documents x JOIN documents d ON d.id = x.document_id
       WHERE x.record_id = ? ORDER BY d.issued_date IS NULL, d.issued_date, d.number, d.id`,
    )
    .pluck()
    .all(recordId);
  writePositions(db, recordId, ids);
}

function writePositions(db: Db, recordId: number, ids: readonly number[]): void {
  const set = db.prepare('UPDATE record_documents SET position = ? WHERE record_id = ? AND document_id = ?');
  ids.forEach((id, i) => set.run(i + 1, recordId, id));
}

function touch(db: Db, recordId: number): void {
  db.prepare('UPDATE records SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), recordId);
}

export interface AddDocumentsResult {
  record: RecordFile;
  added: number[];
  /** Already in this hồ sơ: left where they were. */
  already: number[];
}

/**
 * Adds documents to an open hồ sơ (by reference). Chronological order is kept unless a person
 * reordered the hồ sơ; then new documents go last.
 */
export function addDocumentsToRecord(
  archive: Archive,
  code: string,
  documentIds: readonly number[],
): AddDocumentsResult {
  return archive.write((db) => {
    const rec = rowByCode(db, code);
    if (!rec) throw notFound(`hồ sơ / file ${text(code)}`);
    requireOpen(rec);
    const exists = db.prepare('SELECT 1 FROM documents WHERE id = ?');
    const has = db.prepare('SELECT 1 FROM record_documents WHERE record_id = ? AND document_id = ?');
    const insert = db.prepare(
      `INSERT INTO record_documents (record_id, document_id, position, added_at)
       VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM record_documents WHERE record_id = ?), ?)`,
    );
    const now = new Date().toISOString();
    const added: number[] = [];
    const already: number[] = [];
    for (const id of [...new Set(documentIds)]) {
      if (!exists.get(id)) throw notFound(`document #${id}`);
      if (has.get(rec.id, id)) already.push(id);
      else {
        insert.run(rec.id, id, rec.id, now);
        added.push(id);
      }
    }
    if (added.length > 0) {
      if (rec.manual_order === 0) sortChronologically(db, rec.id);
      touch(db, rec.id);
    }
    return { record: recordOf(rowByCode(db, rec.code)!), added, already };
  });
}

/** Takes documents out of an open hồ sơ (the documents stay in the archive); positions close up. */
export function removeDocumentsFromRecord(
  archive: Archive,
  code: string,
  documentIds: readonly number[],
): RecordFile {
  return archive.write((db) => {
    const rec = rowByCode(db, code);
    if (!rec) throw notFound(`hồ sơ / file ${text(code)}`);
    requireOpen(rec);
    const del = db.prepare('DELETE FROM record_documents WHERE record_id = ? AND document_id = ?');
    for (const id of documentIds)
      if (del.run(rec.id, id).changes === 0) throw notFound(`document #${id} in ${rec.code}`);
    const rest = db
      .prepare<[number], number>(
        'SELECT document_id FROM record_documents WHERE record_id = ? ORDER BY position',
      )
      .pluck()
      .all(rec.id);
    writePositions(db, rec.id, rest);
    touch(db, rec.id);
    return recordOf(rowByCode(db, rec.code)!);
  });
}

/**
 * Puts the documents of an open hồ sơ in the given order (every document of it, once); from then on
 * new documents go last. `null` restores chronological order.
 */
export function reorderRecord(
  archive: Archive,
  code: string,
  requested: readonly number[] | null,
  scope: ReadScope = READ_ALL,
): RecordDocument[] {
  archive.write((db) => {
    const rec = rowByCode(db, code, scope);
    if (!rec) throw notFound(`hồ sơ / file ${text(code)}`);
    requireOpen(rec);
    if (requested === null) {
      db.prepare('UPDATE records SET manual_order = 0 WHERE id = ?').run(rec.id);
      sortChronologically(db, rec.id);
    } else {
      const current = db
        .prepare<[number], number>(
          'SELECT document_id FROM record_documents WHERE record_id = ? ORDER BY position',
        )
        .pluck()
        .all(rec.id);
      // A caller who reads fewer levels orders what it sees: the others keep their places.
      const hidden = hiddenDocumentIds(db, scope);
      const queue = [...requested];
      const documentIds =
        hidden.size === 0 || requested.length !== current.filter((id) => !hidden.has(id)).length
          ? requested
          : current.map((id) => (hidden.has(id) ? id : queue.shift()!));
      const given = new Set(documentIds);
      if (
        given.size !== documentIds.length ||
        given.size !== current.length ||
        current.some((id) => !given.has(id))
      )
        throw invalid(
          `thứ tự mới phải gồm đúng mỗi văn bản của hồ sơ một lần / ` +
            `the new order must list each document of the file exactly once`,
        );
      db.prepare('UPDATE records SET manual_order = 1 WHERE id = ?').run(rec.id);
      writePositions(db, rec.id, documentIds);
    }
    touch(db, rec.id);
  });
  return recordDocuments(archive.db, code, scope);
}

const TRANSITIONS: Record<RecordState, readonly RecordState[]> = {
  open: ['closed'],
  closed: ['open', 'archived'],
  archived: [],
};

/**
 * Đóng hồ sơ (open → closed), mở lại (closed → open), nộp lưu (closed → archived). A hồ sơ handed
 * over to the archive stays so.
 */
export function setRecordState(archive: Archive, code: string, state: RecordState): RecordFile {
  return archive.write((db) => {
    const rec = rowByCode(db, code);
    if (!rec) throw notFound(`hồ sơ / file ${text(code)}`);
    if (rec.state === state) return recordOf(rec);
    if (!TRANSITIONS[rec.state].includes(state))
      throw invalid(
        `hồ sơ ${rec.code} ${STATE_LABELS[rec.state].vi.toLocaleLowerCase('vi')}, không chuyển sang “${STATE_LABELS[state].vi}” được / ` +
          `file ${rec.code} is ${STATE_LABELS[rec.state].en} and cannot become ${STATE_LABELS[state].en}`,
      );
    const now = new Date().toISOString();
    db.prepare('UPDATE records SET state = ?, updated_at = ?, closed_at = ? WHERE id = ?').run(
      state,
      now,
      state === 'open' ? null : (rec.closed_at ?? now),
      rec.id,
    );
    return recordOf(rowByCode(db, rec.code)!);
  });
}

// ---- the trash's view of record_documents (core/archive/trash.ts, registered by openVanKho) -------

interface TrashedPlace {
  record_code: string;
  position: number;
  added_at: string;
}

/** What a merge did to the source's places: moved onto the target, or closed up beside it. */
interface PlacesMergeUndo {
  /** Hồ sơ where the target took the source's place (and số thứ tự). */
  moved: number[];
  /** Hồ sơ that held both: the source's place went and the ones after it closed up. */
  closed: number[];
}

/** Puts a document at a số thứ tự of a hồ sơ, moving the ones from there on down when it is taken. */
function placeAt(db: Db, recordId: number, documentId: number, position: number, addedAt: string): void {
  const taken = db
    .prepare('SELECT 1 FROM record_documents WHERE record_id = ? AND position = ? AND document_id <> ?')
    .get(recordId, position, documentId);
  if (taken)
    db.prepare(
      'UPDATE record_documents SET position = position + 1 WHERE record_id = ? AND position >= ?',
    ).run(recordId, position);
  db.prepare(
    'INSERT OR IGNORE INTO record_documents (record_id, document_id, position, added_at) VALUES (?, ?, ?, ?)',
  ).run(recordId, documentId, position, addedAt);
}

/**
 * A document's places in hồ sơ through the trash: kept by code (ids are reused), put back where the
 * hồ sơ still exists at the old số thứ tự. In an identity merge the target takes the source's place
 * in a hồ sơ it is not in; in one holding both, the source's place goes and the ones after it close
 * up (no gap in số thứ tự), and the restore opens it again.
 */
export const RECORD_PLACES_TRASH_HOOK: TrashHook = {
  key: 'record_documents',
  snapshot: (db, documentId) =>
    db
      .prepare(
        `SELECT x.position, x.added_at, r.code AS record_code FROM record_documents x
         JOIN records r ON r.id = x.record_id WHERE x.document_id = ?`,
      )
      .all(documentId),
  restore: (db, documentId, saved) => {
    // Absent in snapshots written before hồ sơ places were kept (they were lost).
    const byCode = db.prepare<[string], number>('SELECT id FROM records WHERE code = ?').pluck();
    for (const p of (saved ?? []) as TrashedPlace[]) {
      const recordId = byCode.get(p.record_code);
      if (recordId !== undefined) placeAt(db, recordId, documentId, p.position, p.added_at);
    }
  },
  merge: (db, sourceId, targetId): PlacesMergeUndo => {
    const places = db
      .prepare<[number], { record_id: number; position: number }>(
        'SELECT record_id, position FROM record_documents WHERE document_id = ?',
      )
      .all(sourceId);
    const has = db.prepare('SELECT 1 FROM record_documents WHERE record_id = ? AND document_id = ?');
    const undo: PlacesMergeUndo = { moved: [], closed: [] };
    for (const p of places) {
      if (!has.get(p.record_id, targetId)) {
        db.prepare('UPDATE record_documents SET document_id = ? WHERE record_id = ? AND document_id = ?').run(
          targetId,
          p.record_id,
          sourceId,
        );
        undo.moved.push(p.record_id);
      } else {
        db.prepare('DELETE FROM record_documents WHERE record_id = ? AND document_id = ?').run(
          p.record_id,
          sourceId,
        );
        db.prepare(
          'UPDATE record_documents SET position = position - 1 WHERE record_id = ? AND position > ?',
        ).run(p.record_id, p.position);
        undo.closed.push(p.record_id);
      }
      touch(db, p.record_id);
    }
    return undo;
  },
  unmerge: (db, targetId, undo) => {
    // Older merges kept only the moved hồ sơ, as recordIds.
    const mine = (undo['record_documents'] as PlacesMergeUndo | undefined) ?? {
      moved: (undo['recordIds'] as number[] | undefined) ?? [],
      closed: [],
    };
    const del = db.prepare('DELETE FROM record_documents WHERE document_id = ? AND record_id = ?');
    for (const recordId of mine.moved) del.run(targetId, recordId);
    // The closed-up ones: the restore puts the source back at its số thứ tự (placeAt opens the gap).
  },
};

// ---- hồ sơ in bundles (nộp lưu): the bundle's view of this table, and the import's merge ----------

/** A hồ sơ's own columns as a bundle carries them (manifest `records`, without documents and folder). */
export type BundleRecordFields = Omit<ManifestRecord, 'documents' | 'folder'>;

function bundleFieldsOf(r: RecordRow): BundleRecordFields {
  // Overrides as stored (null = derived from the documents), so the receiving archive derives too.
  return {
    ...commonFieldsOf(r),
    startDate: r.start_date,
    endDate: r.end_date,
    sheetCount: r.sheet_count,
    pageCount: r.page_count,
    manualOrder: r.manual_order === 1,
  };
}

/** The stored columns of a hồ sơ (overrides as stored: null = derived), NOT_FOUND as getRecord. */
export function recordBundleFields(db: Db, code: string, scope: ReadScope = READ_ALL): BundleRecordFields {
  const r = rowByCode(db, code, scope);
  if (!r) throw notFound(`hồ sơ / file ${text(code)}`);
  return bundleFieldsOf(r);
}

/** The fields two archives' copies of one hồ sơ must agree on to be the same hồ sơ unchanged. */
const COMPARED: ReadonlyArray<keyof BundleRecordFields> = [
  'title',
  'heading',
  'creator',
  'retention',
  'access',
  'language',
  'startDate',
  'endDate',
  'keywords',
  'sheetCount',
  'pageCount',
  'physicalState',
  'notes',
  'state',
];

export type BundleRecordOutcome = BundleRecordResultDto;

/**
 * Whether `scope` may take in this hồ sơ of a bundle: it reads the hồ sơ of that code here, if there
 * is one (a merge adds documents to it and reports its values), else the bundle's level.
 */
export function mayImportBundleRecord(
  db: Db,
  rec: Pick<BundleRecordFields, 'code' | 'access'>,
  scope: ReadScope,
): boolean {
  if (scope.all) return true;
  if (rowByCode(db, rec.code)) return rowByCode(db, rec.code, scope) !== undefined;
  return scope.levels.has(requireAccessLevel(rec.access));
}

/**
 * Applies one hồ sơ of a bundle inside the import's transaction (`documentIds`: where its documents
 * landed, in its order). A new code is created as the bundle has it, order and state included, made
 * by `createdBy` (the importer: the exporting archive's actor ids name its own accounts). An
 * existing one (same mã, case-insensitive) keeps its own values and order: documents it lacks are
 * added after its own (or in date order when nobody reordered it), and every field that differs is
 * reported as a conflict — neither side's content is lost (the bundle keeps its copy).
 */
export function mergeBundleRecord(
  db: Db,
  rec: BundleRecordFields,
  documentIds: readonly number[],
  createdBy: string | null,
): BundleRecordOutcome {
  const { code, organCode, year, notation } = parseRecordCode(rec.code);
  const insertMember = db.prepare(
    'INSERT INTO record_documents (record_id, document_id, position, added_at) VALUES (?, ?, ?, ?)',
  );
  const now = new Date().toISOString();
  const existing = rowByCode(db, code);
  if (!existing) {
    const id = Number(
      db
        .prepare(
          `INSERT INTO records (code, organ_code, year, notation, heading, title, creator, retention_years,
             access, language, start_date, end_date, keywords, sheet_count, page_count, physical_state,
             notes, state, manual_order, created_at, updated_at, closed_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          code,
          organCode || rec.organCode,
          year,
          notation || rec.notation,
          rec.heading,
          rec.title,
          rec.creator,
          rec.retention === 'permanent' ? null : rec.retention,
          requireAccessLevel(rec.access),
          rec.language,
          checkDate('startDate', rec.startDate),
          checkDate('endDate', rec.endDate),
          keywordsText(rec.keywords),
          checkCount('sheetCount', rec.sheetCount),
          checkCount('pageCount', rec.pageCount),
          rec.physicalState,
          rec.notes,
          rec.state,
          rec.manualOrder ? 1 : 0,
          rec.createdAt,
          rec.updatedAt,
          rec.closedAt,
          createdBy,
        ).lastInsertRowid,
    );
    documentIds.forEach((docId, i) => insertMember.run(id, docId, i + 1, now));
    return { code, outcome: 'added', documentsAdded: documentIds.length, conflicts: [], message: null };
  }
  const here = bundleFieldsOf(existing);
  const conflicts = COMPARED.filter((f) => JSON.stringify(here[f]) !== JSON.stringify(rec[f])).map((f) => ({
    field: f,
    here: here[f],
    bundle: rec[f],
  }));
  const members = new Set(
    db
      .prepare<[number], number>('SELECT document_id FROM record_documents WHERE record_id = ?')
      .pluck()
      .all(existing.id),
  );
  const missing = [...new Set(documentIds)].filter((d) => !members.has(d));
  if (missing.length > 0) {
    let next = db
      .prepare<[number], number>(
        'SELECT coalesce(max(position), 0) FROM record_documents WHERE record_id = ?',
      )
      .pluck()
      .get(existing.id)!;
    for (const docId of missing) insertMember.run(existing.id, docId, ++next, now);
    if (existing.manual_order === 0) sortChronologically(db, existing.id);
    touch(db, existing.id);
  }
  const names = conflicts.map((c) => c.field).join(', ');
  return {
    code: existing.code,
    outcome: missing.length > 0 ? 'merged' : 'skipped',
    documentsAdded: missing.length,
    conflicts,
    message:
      conflicts.length === 0
        ? null
        : `hồ sơ ${existing.code} đã có ở kho này với nội dung khác (${names}): giữ nguyên nội dung ở đây, ` +
          `thêm ${missing.length} văn bản còn thiếu / file ${existing.code} already exists here with different ` +
          `content (${names}): kept as it is here, ${missing.length} missing document(s) added`,
  };
}

/** The hồ sơ part of a bundle import's unit of work (core/archive/bundle-stores.ts), over its connection. */
export interface BundleRecordTx {
  mayImportBundleRecord(rec: Pick<BundleRecordFields, 'code' | 'access'>, scope: ReadScope): boolean;
  /** Whether a hồ sơ of this code is here (whoever may read it). */
  hasRecord(code: string): boolean;
  mergeBundleRecord(
    rec: BundleRecordFields,
    documentIds: readonly number[],
    createdBy: string | null,
  ): BundleRecordOutcome;
}

export function bundleRecordTx(db: Db): BundleRecordTx {
  return {
    mayImportBundleRecord: (rec, scope) => mayImportBundleRecord(db, rec, scope),
    hasRecord: (code) => findRecord(db, code) !== null,
    mergeBundleRecord: (rec, documentIds, createdBy) => mergeBundleRecord(db, rec, documentIds, createdBy),
  };
}
