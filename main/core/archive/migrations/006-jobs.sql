-- Durable jobs: long work (re-extraction, import, export, reindex, OCR) is recorded in the archive
-- while it runs, so a crash or a kill leaves a row that the next writable open marks 'interrupted'
-- and that can be resumed where its kind allows. job_items are the units a job has finished (for
-- re-extraction: document ids), so a resume skips them.
CREATE TABLE jobs (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('running', 'done', 'cancelled', 'failed', 'interrupted')),
  params       TEXT NOT NULL,                   -- JSON: what the job was asked to do (resume uses it)
  progress     TEXT,                            -- JSON: the last progress reported
  result       TEXT,                            -- JSON summary (counts), never the full report
  error        TEXT,                            -- JSON AppError of a failed job
  actor        TEXT NOT NULL,                   -- who started it (RequestContext.actor.id)
  started_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  finished_at  TEXT,
  resumed_by   TEXT                             -- the job that took over an interrupted one
);
CREATE INDEX jobs_by_state ON jobs (state, started_at);

CREATE TABLE job_items (
  job_id  TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  item    INTEGER NOT NULL,
  PRIMARY KEY (job_id, item)
) WITHOUT ROWID;

-- Who set a field by hand (RequestContext.actor.id); NULL for extraction and for older rows.
ALTER TABLE document_fields ADD COLUMN actor TEXT;
