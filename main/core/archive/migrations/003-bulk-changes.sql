-- 003: bulk edits of many documents at once, kept so the last one can be undone (also after a
-- restart). Never edit once landed.
CREATE TABLE bulk_changes (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('set', 'addTag', 'confirmAll')),
  field           TEXT,                           -- 'set': the documents column written
  value           TEXT,                           -- 'set': the value; 'addTag': the tag name
  created_tag_id  INTEGER,                        -- 'addTag': the tag, when this change created it
  document_count  INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  undone_at       TEXT                            -- set once undone (never undone twice)
);

-- What each document looked like before the change, for exactly the fields (value + provenance
-- row) or tag link the change touched, as JSON. No foreign key on document_id: a document deleted
-- since is simply skipped by the undo.
CREATE TABLE bulk_change_items (
  change_id    INTEGER NOT NULL REFERENCES bulk_changes (id) ON DELETE CASCADE,
  document_id  INTEGER NOT NULL,
  before       TEXT NOT NULL,
  PRIMARY KEY (change_id, document_id)
) WITHOUT ROWID;
