-- 001: the archive's first schema. Never edit once landed; add a new numbered file instead.
-- Dates are ISO-8601 text (yyyy-mm-dd for document dates, full timestamps for audit columns).

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
  id               INTEGER PRIMARY KEY,
  uid              TEXT NOT NULL UNIQUE,          -- stable across archives (bundles merge on it)
  title            TEXT NOT NULL DEFAULT '',      -- trích yếu, or the file name until extracted
  number           TEXT,                          -- số và ký hiệu as written ("08/2022/QĐ-TTg")
  number_key       TEXT,                          -- normalized for lookup and citation resolution
  doc_type         TEXT,                          -- loại văn bản ("Quyết định")
  system           TEXT CHECK (system IN ('party', 'state')),
  issuer           TEXT,                          -- cơ quan ban hành
  issuer_superior  TEXT,                          -- cơ quan chủ quản line above the issuer
  place            TEXT,                          -- địa danh
  issued_date      TEXT,                          -- ngày ban hành, yyyy-mm-dd
  signer           TEXT,                          -- người ký
  signer_title     TEXT,                          -- chức vụ, with T/M, KT., TL., TUQ.
  recipients       TEXT,                          -- nơi nhận
  notes            TEXT NOT NULL DEFAULT '',
  text_status      TEXT NOT NULL DEFAULT 'pending'
                   CHECK (text_status IN ('pending', 'ok', 'partial', 'none', 'failed')),
  text_error_code  TEXT,                          -- why text is missing/partial (contract error code)
  page_count       INTEGER,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX documents_number_key ON documents (number_key);
CREATE INDEX documents_issued_date ON documents (issued_date);

-- Provenance of each metadata field: 'auto' values are suggestions (with a confidence) that a
-- re-extraction may replace; 'user' values were confirmed or typed by a person and are never
-- overwritten by extraction. A field without a row here was never filled.
CREATE TABLE document_fields (
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  field        TEXT NOT NULL,
  source       TEXT NOT NULL CHECK (source IN ('auto', 'user')),
  confidence   REAL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (document_id, field)
) WITHOUT ROWID;

-- One row per stored original. Bytes live in the content-addressed store (files/ab/cd/<sha256>),
-- written once and never modified; the same bytes are stored once.
CREATE TABLE files (
  id             INTEGER PRIMARY KEY,
  document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  sha256         TEXT NOT NULL UNIQUE,
  size           INTEGER NOT NULL,
  media_type     TEXT NOT NULL,
  original_name  TEXT NOT NULL,
  role           TEXT NOT NULL DEFAULT 'main' CHECK (role IN ('main', 'attachment')),
  position       INTEGER NOT NULL DEFAULT 0,
  text_encoding  TEXT,                            -- detected charset / legacy encoding, if text
  imported_at    TEXT NOT NULL
);
CREATE INDEX files_document ON files (document_id);

-- Extracted text per page (one page for formats without pages), cleaned and NFC.
CREATE TABLE pages (
  file_id  INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  page_no  INTEGER NOT NULL,                      -- 1-based
  text     TEXT NOT NULL,
  PRIMARY KEY (file_id, page_no)
) WITHOUT ROWID;

CREATE TABLE tags (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  parent_id   INTEGER REFERENCES tags (id) ON DELETE SET NULL,
  color       TEXT,
  created_at  TEXT NOT NULL
);

CREATE TABLE document_tags (
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  tag_id       INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (document_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX document_tags_tag ON document_tags (tag_id);

-- A citation or a manual link from one document to another. target_id is set once the cited
-- document is in the archive; until then cited_number_key lets a later import resolve it.
CREATE TABLE relations (
  id                INTEGER PRIMARY KEY,
  source_id         INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  kind              TEXT NOT NULL,                -- can_cu, thuc_hien, theo, huong_dan, sua_doi, bo_sung, thay_the, bai_bo, lien_quan
  target_id         INTEGER REFERENCES documents (id) ON DELETE SET NULL,
  cited_number      TEXT,
  cited_number_key  TEXT,
  cited_type        TEXT,
  cited_date        TEXT,
  cited_issuer      TEXT,
  evidence          TEXT,
  origin            TEXT NOT NULL CHECK (origin IN ('auto', 'manual')),
  created_at        TEXT NOT NULL
);
CREATE INDEX relations_source ON relations (source_id);
CREATE INDEX relations_target ON relations (target_id);
CREATE INDEX relations_cited_key ON relations (cited_number_key);

CREATE TABLE import_batches (
  id           INTEGER PRIMARY KEY,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  status       TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
  total        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE import_log (
  id           INTEGER PRIMARY KEY,
  batch_id     INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
  path         TEXT NOT NULL,
  outcome      TEXT NOT NULL CHECK (outcome IN ('imported', 'duplicate', 'failed')),
  document_id  INTEGER REFERENCES documents (id) ON DELETE SET NULL,
  sha256       TEXT,
  code         TEXT,                              -- contract error code for failures
  message_vi   TEXT,
  message_en   TEXT,
  at           TEXT NOT NULL
);
CREATE INDEX import_log_batch ON import_log (batch_id);

-- Change journal: every change that can alter what search shows for a document appends a row, so
-- derived indexes (FTS tables, the in-memory instant-find index) catch up from their checkpoint.
CREATE TABLE change_journal (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id  INTEGER NOT NULL,
  op           TEXT NOT NULL CHECK (op IN ('upsert', 'delete'))
);
CREATE TABLE index_checkpoints (
  consumer  TEXT PRIMARY KEY,
  seq       INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
  INSERT INTO change_journal (document_id, op) VALUES (new.id, 'upsert');
END;
CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
  INSERT INTO change_journal (document_id, op) VALUES (new.id, 'upsert');
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
  INSERT INTO change_journal (document_id, op) VALUES (old.id, 'delete');
END;
CREATE TRIGGER files_ai AFTER INSERT ON files BEGIN
  INSERT INTO change_journal (document_id, op) VALUES (new.document_id, 'upsert');
END;
CREATE TRIGGER files_ad AFTER DELETE ON files
  WHEN EXISTS (SELECT 1 FROM documents WHERE id = old.document_id) BEGIN
  INSERT INTO change_journal (document_id, op) VALUES (old.document_id, 'upsert');
END;
CREATE TRIGGER pages_ai AFTER INSERT ON pages BEGIN
  INSERT INTO change_journal (document_id, op)
    SELECT document_id, 'upsert' FROM files WHERE id = new.file_id;
END;
CREATE TRIGGER pages_ad AFTER DELETE ON pages BEGIN
  INSERT INTO change_journal (document_id, op)
    SELECT document_id, 'upsert' FROM files WHERE id = old.file_id;
END;
CREATE TRIGGER document_tags_ai AFTER INSERT ON document_tags BEGIN
  INSERT INTO change_journal (document_id, op) VALUES (new.document_id, 'upsert');
END;
CREATE TRIGGER document_tags_ad AFTER DELETE ON document_tags
  WHEN EXISTS (SELECT 1 FROM documents WHERE id = old.document_id) BEGIN
  INSERT INTO change_journal (document_id, op) VALUES (old.document_id, 'upsert');
END;
CREATE TRIGGER tags_au AFTER UPDATE OF name ON tags BEGIN
  INSERT INTO change_journal (document_id, op)
    SELECT document_id, 'upsert' FROM document_tags WHERE tag_id = new.id;
END;
