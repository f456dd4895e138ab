-- 011: a person's word on a document's validity (tình trạng hiệu lực, issue 12). The validity itself is
-- derived from the relation graph at read time (core/archive/document-validity.ts, which holds all of
-- this table's SQL); a row here overrides it, with who and when, because the archive may not hold the
-- replacing document, or a citation may be partial ("bãi bỏ Điều 5 của …"). Never edit once landed.
CREATE TABLE document_validity (
  document_id  INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  status       TEXT NOT NULL CHECK (status IN ('in-force', 'amended', 'replaced', 'no-longer-in-force')),
  note         TEXT NOT NULL DEFAULT '',
  set_by       TEXT,
  set_at       TEXT NOT NULL
);

-- An override changes what search filters and counts on (SearchFilters.validity): journal it as a
-- change of its document, as tags are.
CREATE TRIGGER document_validity_ai AFTER INSERT ON document_validity BEGIN
  INSERT INTO change_journal (document_id, op) VALUES (new.document_id, 'upsert');
END;
CREATE TRIGGER document_validity_au AFTER UPDATE ON document_validity BEGIN
  INSERT INTO change_journal (document_id, op) VALUES (new.document_id, 'upsert');
END;
CREATE TRIGGER document_validity_ad AFTER DELETE ON document_validity
  WHEN EXISTS (SELECT 1 FROM documents WHERE id = old.document_id) BEGIN
  INSERT INTO change_journal (document_id, op) VALUES (old.document_id, 'upsert');
END;
