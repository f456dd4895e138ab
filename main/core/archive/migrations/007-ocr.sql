-- 007: OCR of scanned pages (issue 11). One row per page of a stored original that needs OCR (no
-- text layer, an unreadable one, or an image file). Pending rows are the OCR queue: it lives in the
-- archive, so it survives a restart or a killed process. Done rows keep the recognised text, the
-- word boxes (for the highlight layer on the page image) and the confidence; the document's pages
-- take the text when all of its pages are done. Owned by main/core/ocr (ocr-store.ts holds its SQL).
-- Never edit once landed.
CREATE TABLE ocr_pages (
  file_id     INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  page_no     INTEGER NOT NULL CHECK (page_no >= 1),   -- 1-based, as pages.page_no
  reason      TEXT NOT NULL CHECK (reason IN ('scan', 'mojibake', 'image')),
  state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  priority    INTEGER NOT NULL DEFAULT 0,              -- higher first (the document on screen)
  text        TEXT,                                    -- done: the page text (NFC, post-corrected)
  words_json  TEXT,                                    -- done: [{"text","conf","box":[l,t,r,b]}], box in 0..1 of the page
  confidence  REAL,                                    -- done: mean word confidence 0..100
  langs       TEXT,                                    -- done: the models used ("vie", "vie+eng")
  error_code  TEXT,                                    -- failed: contract error code
  error_detail TEXT,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (file_id, page_no)
) WITHOUT ROWID;
CREATE INDEX ocr_pages_queue ON ocr_pages (state, priority DESC, file_id, page_no);
