-- 015: which version of the extraction rules (metadata suggestions and citations) last read each
-- document, or under which a person confirmed its values as they stand (issue 12). A document an older
-- version read shows a notice on its screen and in the review queue until it is read again
-- (re-extraction) or an archivist confirms it. core/archive/enrich-document.ts holds the version
-- (EXTRACTION_RULE) and the column's SQL. Never edit once landed.

-- Documents already here take 1, the rules as they stood when versions began to be kept (the first
-- EXTRACTION_RULE): no archive is told its documents were read by older rules until the rules change.
ALTER TABLE documents ADD COLUMN extraction_rule INTEGER NOT NULL DEFAULT 1 CHECK (extraction_rule >= 0);
