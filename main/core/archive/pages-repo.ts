// The pages table: a stored file's extracted text, one row per page numbered from 1. Its reads and
// writes live here and everyone calls them (import, bundles, re-extraction, enrichment, OCR, search,
// export, the document screen), so "a file's pages in order" is one query. Below documents-repo and
// enrich-document, which both need it (documents-repo imports enrich-document).

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

const FILE_PAGES = 'SELECT file_id, page_no, text FROM pages WHERE file_id = ? ORDER BY page_no';

const pageTextOf = (r: PageRow): PageText => ({ fileId: r.file_id, pageNo: r.page_no, text: r.text });

/**
 * Extracted text of one stored file, page by page. Read in one go (one file's text is small) rather
 * than with a statement iterator: an iterator left open across an export's awaits would make the
 * shared connection "busy" for every other statement of the process (imports, search) meanwhile.
 */
export function getFilePages(db: Db, fileId: number): PageText[] {
  return (prepared(db, FILE_PAGES).all(fileId) as PageRow[]).map(pageTextOf);
}

/** The page texts of one stored file, in page order. */
export function filePageTexts(db: Db, fileId: number): string[] {
  return (prepared(db, FILE_PAGES).all(fileId) as PageRow[]).map((r) => r.text);
}

/**
 * A statement of the caller's own over one file's pages, for a reader that streams them and may stop
 * early (search snippets): its iterator is not shared with the cached one getFilePages runs.
 */
export function filePagesStatement(db: Db): Database.Statement<[number], PageRow> {
  return db.prepare<[number], PageRow>(FILE_PAGES);
}

const DOCUMENT_PAGES = `SELECT p.file_id, p.page_no, p.text FROM pages p JOIN files f ON f.id = p.file_id
  WHERE f.document_id = ? ORDER BY ${fileReadingOrder('f')}, p.page_no`;

/** Extracted text of all of a document's files in reading order (main file first), page by page. */
export function getDocumentPages(db: Db, documentId: number): PageText[] {
  return (prepared(db, DOCUMENT_PAGES).all(documentId) as PageRow[]).map(pageTextOf);
}

/** The page texts of all of a document's files, in reading order. */
export function documentPageTexts(db: Db, documentId: number): string[] {
  return (prepared(db, DOCUMENT_PAGES).all(documentId) as PageRow[]).map((r) => r.text);
}

/** A file's page texts, numbered from 1 (the one INSERT of the pages table). */
export function insertPageTexts(db: Db, fileId: number, pages: readonly string[]): void {
  const insert = prepared(db, 'INSERT INTO pages (file_id, page_no, text) VALUES (?, ?, ?)');
  pages.forEach((text, i) => insert.run(fileId, i + 1, text));
}

/** Replaces a file's page texts when they differ (no churn in the change journal otherwise). */
export function replacePageTexts(db: Db, fileId: number, pages: readonly string[]): boolean {
  const old = filePageTexts(db, fileId);
  if (old.length === pages.length && old.every((t, i) => t === pages[i])) return false;
  prepared(db, 'DELETE FROM pages WHERE file_id = ?').run(fileId);
  insertPageTexts(db, fileId, pages);
  return true;
}
