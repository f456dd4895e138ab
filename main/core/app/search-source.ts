// What the search engine reads, over an archive: core/archive's stores (the full-text index and its
// journal, attribute and identity rows, hits and citations, read access) and core/records' filing.
// search-service.ts declares the shape (SearchSource) and never sees the database (issue 13's
// storage seam).
import { readableTest } from '../archive/access.js';
import type { Archive } from '../archive/archive.js';
import { sqliteAttributeRows } from '../archive/attribute-rows.js';
import { sqliteFtsIndexStore, sqliteFtsMatch } from '../archive/fts-rows.js';
import { sqliteIdentityRows } from '../archive/identity-rows.js';
import { sqliteSearchRows } from '../archive/search-rows.js';
import { documentIdsInRecords, filingByDocument } from '../records/records-store.js';
import type { SearchSource } from '../search/search-service.js';

/** One source per search service (its statements are prepared once, here). */
export function searchSourceOf(archive: Pick<Archive, 'db'>): SearchSource {
  const { db } = archive;
  return {
    index: sqliteFtsIndexStore(db),
    matcher: (weights) => sqliteFtsMatch(db, weights),
    attributes: sqliteAttributeRows(db),
    identities: sqliteIdentityRows(db),
    documents: sqliteSearchRows(db),
    readable: (scope) => readableTest(db, scope),
    filing: (scope) => filingByDocument(db, scope),
    documentsInRecords: (codes) => documentIdsInRecords(db, codes),
  };
}
