// The pages table: a stored file's extracted text, one row per page numbered from 1. Its reads and
// writes live here and everyone calls them (import, bundles, re-extraction, enrichment, OCR, search,
// export, the document screen), so "a file's pages in order" is one query. Below documents-repo and
// enrich-document, which both need it (documents-repo imports enrich-document).
//
// A page's text is stored deflated (raw DEFLATE of its UTF-8, a BLOB in the TEXT column) when that is
// smaller: extracted text is most of an archive's database and packs ~3.5× (issue 15's size target).
// Short texts stay plain, and so do rows written before (the storage class tells them apart), so
// every reader goes through here and nothing else reads pages.text.

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import type { PageText } from '../../contract/dto.js';
import type { Db } from './database.js';
import { prepared } from './prepared.js';
import { fileReadingOrder } from './reading-order.js';

export interface PageRow {
  file_id: number;
  page_no: number;
  text: string;
}

/** A row as stored: `text` plain or deflated. */
interface StoredPageRow {
  file_id: number;
  page_no: number;
  text: string | Buffer;
}

/** Below this many UTF-8 bytes a page is stored plain: deflating it would save a few bytes for a call. */
const PACK_MIN_BYTES = 200;
/** zlib's fastest level: 3.4× against 3.6× at its default, for about two thirds of the CPU. */
const PACK_LEVEL = 1;

/**
 * Per connection, the texts of the pages it packed last, by their packed bytes (a function of the
 * text, so always right), so what a write reads back at once — its search row, its enrichment —
 * costs no inflate. Oldest out first, at most this many characters of text kept.
 */
const RECENT_MAX_CHARS = 4_000_000;
interface Recent {
  texts: Map<string, string>;
  chars: number;
}
const recentByDb = new WeakMap<Db, Recent>();

function remember(db: Db, packed: Buffer, text: string): void {
  let r = recentByDb.get(db);
  if (!r) recentByDb.set(db, (r = { texts: new Map(), chars: 0 }));
  const key = packed.toString('latin1');
  if (r.texts.has(key)) return;
  r.texts.set(key, text);
  r.chars += text.length;
  for (const [k, t] of r.texts) {
    if (r.chars <= RECENT_MAX_CHARS) break;
    r.texts.delete(k);
    r.chars -= t.length;
  }
}

/** The stored form of a page's text: its deflated UTF-8 when that is smaller, else the text itself. */
export function packPageText(text: string): string | Buffer {
  // Cheap bound first: a string of n UTF-16 units is at most 3n UTF-8 bytes.
  if (text.length * 3 < PACK_MIN_BYTES) return text;
  const raw = Buffer.from(text, 'utf8');
  if (raw.length < PACK_MIN_BYTES) return text;
  const packed = deflateRawSync(raw, { level: PACK_LEVEL });
  return packed.length < raw.length ? packed : text;
}

/** A page's text from its stored form. */
export function unpackPageText(stored: string | Buffer): string {
  return typeof stored === 'string' ? stored : inflateRawSync(stored).toString('utf8');
}

/** unpackPageText, from what this connection packed last when it can. */
function unpackIn(db: Db, stored: string | Buffer): string {
  if (typeof stored === 'string') return stored;
  return recentByDb.get(db)?.texts.get(stored.toString('latin1')) ?? unpackPageText(stored);
}

const FILE_PAGES = 'SELECT file_id, page_no, text FROM pages WHERE file_id = ? ORDER BY page_no';

const unpacked = (db: Db, r: StoredPageRow): PageRow => ({
  file_id: r.file_id,
  page_no: r.page_no,
  text: unpackIn(db, r.text),
});

const pageTextOf = (db: Db, r: StoredPageRow): PageText => ({
  fileId: r.file_id,
  pageNo: r.page_no,
  text: unpackIn(db, r.text),
});

/**
 * Extracted text of one stored file, page by page. Read in one go (one file's text is small) rather
 * than with a statement iterator: an iterator left open across an export's awaits would make the
 * shared connection "busy" for every other statement of the process (imports, search) meanwhile.
 */
export function getFilePages(db: Db, fileId: number): PageText[] {
  return (prepared(db, FILE_PAGES).all(fileId) as StoredPageRow[]).map((r) => pageTextOf(db, r));
}

/** The page texts of one stored file, in page order. */
export function filePageTexts(db: Db, fileId: number): string[] {
  return (prepared(db, FILE_PAGES).all(fileId) as StoredPageRow[]).map((r) => unpackIn(db, r.text));
}

/**
 * A reader of one file's pages over a statement of the caller's own, for a reader that streams them
 * and may stop early (search snippets): its iterator is not shared with the cached one getFilePages
 * runs, and a page is unpacked only when reached.
 */
export function filePagesReader(db: Db): (fileId: number) => IterableIterator<PageRow> {
  const stmt: Database.Statement<[number], StoredPageRow> = db.prepare<[number], StoredPageRow>(FILE_PAGES);
  return function* (fileId) {
    for (const r of stmt.iterate(fileId)) yield unpacked(db, r);
  };
}

const DOCUMENT_PAGES = `SELECT p.file_id, p.page_no, p.text FROM pages p JOIN files f ON f.id = p.file_id
  WHERE f.document_id = ? ORDER BY ${fileReadingOrder('f')}, p.page_no`;

/** Extracted text of all of a document's files in reading order (main file first), page by page. */
export function getDocumentPages(db: Db, documentId: number): PageText[] {
  return (prepared(db, DOCUMENT_PAGES).all(documentId) as StoredPageRow[]).map((r) => pageTextOf(db, r));
}

/** The page texts of all of a document's files, in reading order. */
export function documentPageTexts(db: Db, documentId: number): string[] {
  return (prepared(db, DOCUMENT_PAGES).all(documentId) as StoredPageRow[]).map((r) => unpackIn(db, r.text));
}

/** The page rows of all of a document's files (texts unpacked), e.g. for a trash snapshot. */
export function documentPageRows(db: Db, documentId: number): PageRow[] {
  return (prepared(db, DOCUMENT_PAGES).all(documentId) as StoredPageRow[]).map((r) => unpacked(db, r));
}

/** One page's text (the one INSERT of the pages table: the text is packed here). */
export function insertPage(db: Db, fileId: number, pageNo: number, text: string): void {
  const stored = packPageText(text);
  if (typeof stored !== 'string') remember(db, stored, text);
  prepared(db, 'INSERT INTO pages (file_id, page_no, text) VALUES (?, ?, ?)').run(fileId, pageNo, stored);
}

/** A file's page texts, numbered from 1. */
export function insertPageTexts(db: Db, fileId: number, pages: readonly string[]): void {
  pages.forEach((text, i) => insertPage(db, fileId, i + 1, text));
}

/** Replaces a file's page texts when they differ (no churn in the change journal otherwise). */
export function replacePageTexts(db: Db, fileId: number, pages: readonly string[]): boolean {
  const old = filePageTexts(db, fileId);
  if (old.length === pages.length && old.every((t, i) => t === pages[i])) return false;
  prepared(db, 'DELETE FROM pages WHERE file_id = ?').run(fileId);
  insertPageTexts(db, fileId, pages);
  return true;
}
