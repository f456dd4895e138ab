-- 005: hồ sơ (records files) and the registers of incoming and outgoing documents (issue 12; Nghị
-- định 30/2020 Phụ lục IV–VI, Thông tư 05/2025/TT-BNV). Owned by main/core/records (records-store.ts,
-- registers-store.ts hold all of their SQL). Never edit once landed.

-- A hồ sơ. Its code (mã hồ sơ, FileCode) is organ code + year + ký hiệu hồ sơ, e.g.
-- "000.00.00.H41.2025.01.TH"; the parts are kept too. NULL in an overridable column means "derived
-- from its documents" (dates: their issue dates; sheets/pages: their page counts).
CREATE TABLE records (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  organ_code      TEXT NOT NULL,
  year            INTEGER NOT NULL,
  notation        TEXT NOT NULL,                    -- ký hiệu hồ sơ
  heading         TEXT NOT NULL DEFAULT '',         -- đề mục of the danh mục hồ sơ
  title           TEXT NOT NULL,                    -- tiêu đề hồ sơ
  creator         TEXT NOT NULL DEFAULT '',         -- đơn vị/người lập hồ sơ
  retention_years INTEGER CHECK (retention_years IS NULL OR retention_years > 0), -- NULL: vĩnh viễn
  access          TEXT NOT NULL DEFAULT 'cong-khai' CHECK (access IN ('cong-khai', 'han-che', 'mat')),
  language        TEXT NOT NULL DEFAULT 'Tiếng Việt',
  start_date      TEXT,                             -- override of the derived start (yyyy-mm-dd)
  end_date        TEXT,                             -- override of the derived end
  keywords        TEXT NOT NULL DEFAULT '',         -- từ khóa, comma-separated
  sheet_count     INTEGER,                          -- override of số lượng tờ
  page_count      INTEGER,                          -- override of số lượng trang
  physical_state  TEXT NOT NULL DEFAULT '',         -- tình trạng vật lý
  notes           TEXT NOT NULL DEFAULT '',
  state           TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'archived')),
  manual_order    INTEGER NOT NULL DEFAULT 0,       -- 1 once a person reordered: new documents go last
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  closed_at       TEXT
);
CREATE INDEX records_year ON records (year, heading);

-- A document in a hồ sơ (one document may be in several, never copied), at a position 1..n.
CREATE TABLE record_documents (
  record_id    INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  added_at     TEXT NOT NULL,
  PRIMARY KEY (record_id, document_id)
) WITHOUT ROWID;
CREATE INDEX record_documents_document ON record_documents (document_id);

-- One row of a register: sổ đăng ký văn bản đến (book 'in') or đi ('out'). seq is số đến / số đi,
-- from 1 per (book, series, year): never reused, never deleted, so the register has no gaps. The
-- row copies what it registered (a register is a record of its own; it stays when the document goes).
CREATE TABLE register_entries (
  id            INTEGER PRIMARY KEY,
  book          TEXT NOT NULL CHECK (book IN ('in', 'out')),
  series        TEXT NOT NULL DEFAULT '',           -- which sổ (e.g. 'mat' for the confidential series)
  year          INTEGER NOT NULL,
  seq           INTEGER NOT NULL CHECK (seq > 0),
  entry_date    TEXT NOT NULL,                      -- ngày đến (in) / ngày đăng ký (out), yyyy-mm-dd
  document_id   INTEGER REFERENCES documents (id) ON DELETE SET NULL,
  document_uid  TEXT,
  number        TEXT,                               -- số, ký hiệu
  doc_date      TEXT,                               -- ngày văn bản
  doc_type      TEXT,
  summary       TEXT NOT NULL DEFAULT '',           -- trích yếu
  sender        TEXT,                               -- nơi gửi / tác giả (in)
  receiver      TEXT,                               -- đơn vị/người nhận (in)
  due_date      TEXT,                               -- hạn xử lý (in)
  urgency       TEXT,                               -- độ khẩn: khan, thuong-khan, hoa-toc
  signer        TEXT,                               -- người ký (out)
  recipients    TEXT,                               -- nơi nhận (out)
  copies        INTEGER,                            -- số bản (out)
  notes         TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  UNIQUE (book, series, year, seq)
);
CREATE INDEX register_entries_document ON register_entries (document_id);
CREATE INDEX register_entries_date ON register_entries (book, entry_date);
