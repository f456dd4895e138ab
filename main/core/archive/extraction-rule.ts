// Which version of the extraction rules read a document (documents.extraction_rule, migration 015).
// Stored suggestions and automatic citations change only when a document is read again, so a change
// of the rules leaves every document read before it as it was: those show a notice (document screen,
// review queue, archive screen) until re-extraction reads them by the current rules or an archivist
// confirms them as they stand. The column's SQL is here; documents-repo and enrich-document use it.
import type { Db } from './database.js';
import { prepared } from './prepared.js';

/**
 * Version of the rules that read a text into metadata suggestions (core/text/extract-metadata.ts) and
 * citations (core/text/extract-citations.ts). Bump it when they read a text differently.
 * 1: the rules as they stood when versions began to be kept (what migration 015 gives every document).
 */
export const EXTRACTION_RULE = 1;

/** A document (alias d) whose extracted values an older version of the rules read. */
export const OLDER_RULES_SQL = `d.extraction_rule < ${EXTRACTION_RULE}`;

/** The document's values stand by the current rules: it was just read by them, or a person confirmed them. */
export function markCurrentRules(db: Db, documentId: number): void {
  // Only when it changes: an UPDATE of documents journals the document for the search index.
  prepared(db, 'UPDATE documents SET extraction_rule = ? WHERE id = ? AND extraction_rule <> ?').run(
    EXTRACTION_RULE,
    documentId,
    EXTRACTION_RULE,
  );
}

/** The version that read the document (null: no such document). */
export function extractionRuleOf(db: Db, documentId: number): number | null {
  return (
    (prepared(db, 'SELECT extraction_rule FROM documents WHERE id = ?').pluck().get(documentId) as
      number | undefined) ?? null
  );
}

/** How many documents (alias d, narrowed by `where`, an SQL condition on d or null) older rules read. */
export function countReadByOlderRules(db: Db, where: string | null): number {
  return prepared(
    db,
    `SELECT count(*) FROM documents d WHERE ${OLDER_RULES_SQL}${where ? ` AND (${where})` : ''}`,
  )
    .pluck()
    .get() as number;
}
