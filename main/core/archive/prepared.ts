// Statements of the hot paths, prepared once per connection: an import or a bench inserts
// thousands of rows in one transaction, and preparing the same SQL for each row costs more than the
// row (measured 2.3× on 5,000 generated documents); a signed-in reader's access checks and audit
// rows run on every request of the office server (issue 14).
import type Database from 'better-sqlite3';
import type { Db } from './database.js';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** db.prepare(sql), remembered for this connection (keyed by the SQL text). */
export function prepared(db: Db, sql: string): Database.Statement {
  let byDb = cache.get(db);
  if (!byDb) cache.set(db, (byDb = new Map()));
  let stmt = byDb.get(sql);
  if (!stmt) byDb.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
