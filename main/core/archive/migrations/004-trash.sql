-- Thùng rác (trash): a deleted document leaves every list, search, count and export at once (its rows
-- go), but what it was is kept whole until a person empties the trash: its rows as a JSON snapshot
-- here, its originals in the file store (trash_files keeps the sweep and the check from touching them).
CREATE TABLE trash (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL,                -- the id it had; restored under it while still free
  uid          TEXT NOT NULL UNIQUE,
  number       TEXT,
  title        TEXT NOT NULL,
  doc_type     TEXT,
  issued_date  TEXT,
  deleted_at   TEXT NOT NULL,
  snapshot     TEXT NOT NULL                    -- {"documents":[…],"document_fields":[…],"files":[…],"pages":[…],"document_tags":[…],"relations":[…],"cited_by":[relation ids]}
);

CREATE TABLE trash_files (
  trash_id  INTEGER NOT NULL REFERENCES trash (id) ON DELETE CASCADE,
  sha256    TEXT NOT NULL,
  size      INTEGER NOT NULL
);
CREATE INDEX trash_files_trash ON trash_files (trash_id);
CREATE INDEX trash_files_sha ON trash_files (sha256);
