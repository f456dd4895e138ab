// The plain FTS5 baseline of docs/search-performance.md, measured in the same run as VanKho:
// one FTS5 table (title, body) with `unicode61 remove_diacritics 2`, bm25 with title weight 5,
// queries as an OR of quoted syllables, ORDER BY rank LIMIT k with snippet().

import Database from 'better-sqlite3';

export type BaselineDb = Database.Database;

export function openBaseline(file: string): BaselineDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(uid UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')`,
  );
  db.exec(`INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(0.0, 5.0, 1.0)')`);
  return db;
}

export function insertBaseline(
  db: BaselineDb,
  rows: readonly { uid: string; title: string; body: string }[],
): void {
  const ins = db.prepare(`INSERT INTO fts (uid, title, body) VALUES (?, ?, ?)`);
  db.transaction(() => {
    for (const r of rows) ins.run(r.uid, r.title, r.body);
  })();
}

/** The baseline's query: every syllable quoted, OR-ed. */
export function baselineMatch(query: string): string | null {
  const words = query
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  if (words.length === 0) return null;
  return [...new Set(words)].map((w) => `"${w}"`).join(' OR ');
}

export function makeBaselineSearch(
  db: BaselineDb,
  withSnippets = true,
): (query: string, k: number) => string[] {
  const stmt = db.prepare<[string, number], { uid: string }>(
    withSnippets
      ? `SELECT uid, snippet(fts, 2, '<b>', '</b>', '…', 12) AS s FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?`
      : `SELECT uid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?`,
  );
  return (query, k) => {
    const m = baselineMatch(query);
    return m ? stmt.all(m, k).map((r) => r.uid) : [];
  };
}
