-- 002: full-text search (owned by main/core/search). Self-contained; never edit once landed.
--
-- One row per document (rowid = documents.id), filled by the search write hook inside the same
-- transaction as the change (from change_journal, see 001), so search never disagrees with the data.
-- Every column holds text prepared in JS by the Vietnamese text engine (main/core/text): SQLite's
-- unicode61 does not fold đ, so folding happens before FTS5 sees the text.
--   number    document-number key as one token (n_8_2022_qd_ttg) + its folded syllables
--   title_f   folded title (trích yếu) syllables      title_b  folded syllable pairs (bigrams)
--   title_a   accent-kept canonical title syllables
--   tags, issuer, signer, doctype: folded syllables + pairs of those fields
--   body_f    folded page text                        body_b   folded syllable pairs
--   body_a    accent-kept canonical syllables (ranking of exact-accent matches)
-- Contentless (the text is in pages/documents already); contentless_delete lets a row be replaced.
CREATE VIRTUAL TABLE search_fts USING fts5(
  number, title_f, title_b, title_a, tags, issuer, signer, doctype, body_f, body_b, body_a,
  content = '',
  contentless_delete = 1,
  tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);

-- Document frequency per term, for choosing selective terms to match on.
CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row');

INSERT OR IGNORE INTO index_checkpoints (consumer, seq) VALUES ('search-fts', 0);
