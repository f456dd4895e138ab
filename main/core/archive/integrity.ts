// The write gate's integrity check (issue 17 item 2): a writable open runs PRAGMA quick_check, so a
// damaged database is never written to (a write on top of damage can spread it). The result is
// cached in derived/ with the database file's size and mtime, so a big archive is checked again
// only when its file changed since. Damage confined to indexes can be repaired from the tables.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appError } from '../../contract/errors.js';
import type { Db } from './database.js';
import { VanKhoError } from '../errors/vankho-error.js';

export interface DamagedObject {
  name: string;
  type: 'table' | 'index' | 'unknown';
}

export interface IntegrityReport {
  ok: boolean;
  /** The tables and indexes quick_check names (by name or by the root page of their b-tree). */
  damaged: DamagedObject[];
  /** Every damaged object is an index (and at least one is): `reindex` rebuilds them from the tables. */
  indexOnly: boolean;
  lines: string[];
}

const CACHE_FILE = 'integrity.json';

/** Runs quick_check and names what it found damaged. */
export function quickCheck(db: Db): IntegrityReport {
  let lines: string[];
  try {
    lines = (db.pragma('quick_check', { simple: false }) as Array<Record<string, string>>).map(
      (r) => Object.values(r)[0] ?? '',
    );
  } catch (e) {
    lines = [e instanceof Error ? e.message : String(e)];
  }
  return reportFromLines(db, lines);
}

/** The report for the lines of quick_check or integrity_check ('ok' alone when healthy). */
export function reportFromLines(db: Db, lines: string[]): IntegrityReport {
  if (lines.length === 1 && lines[0] === 'ok') return { ok: true, damaged: [], indexOnly: false, lines };
  return { ok: false, ...nameDamage(db, lines), lines };
}

function nameDamage(db: Db, lines: string[]): Pick<IntegrityReport, 'damaged' | 'indexOnly'> {
  let schema: Array<{ type: string; name: string; rootpage: number | null }> = [];
  try {
    schema = db.prepare('SELECT type, name, rootpage FROM sqlite_master').all() as typeof schema;
  } catch {
    // the schema itself is unreadable: nothing can be named
  }
  const byRoot = new Map(schema.filter((s) => s.rootpage).map((s) => [s.rootpage!, s]));
  const byName = new Map(schema.map((s) => [s.name, s]));
  const found = new Map<string, DamagedObject>();
  let unnamed = false;
  const typeOf = (t: string | undefined): DamagedObject['type'] =>
    t === 'index' ? 'index' : t === 'table' ? 'table' : 'unknown';
  for (const raw of lines) {
    for (const line of raw.split('\n')) {
      if (line.startsWith('***') || line.trim() === '') continue;
      const tree = /^Tree (\d+) page/.exec(line);
      const index = /\bindex (\S+)/.exec(line);
      const hit = tree ? byRoot.get(Number(tree[1])) : index ? byName.get(index[1]!) : undefined;
      if (hit) found.set(hit.name, { name: hit.name, type: typeOf(hit.type) });
      else unnamed = true;
    }
  }
  const damaged = [...found.values()];
  return { damaged, indexOnly: !unnamed && damaged.length > 0 && damaged.every((d) => d.type === 'index') };
}

interface Cached {
  size: number;
  mtimeMs: number;
  walSize: number;
  report: IntegrityReport;
}

function fileKey(dbFile: string): { size: number; mtimeMs: number; walSize: number } {
  const st = statSync(dbFile);
  let walSize = 0;
  try {
    walSize = statSync(`${dbFile}-wal`).size;
  } catch {
    // no WAL
  }
  return { size: st.size, mtimeMs: st.mtimeMs, walSize };
}

/** quick_check, or its cached result when the database file (and its WAL) did not change since. */
export function cachedQuickCheck(db: Db, dbFile: string, derivedDir: string): IntegrityReport {
  const cacheFile = join(derivedDir, CACHE_FILE);
  const key = fileKey(dbFile);
  try {
    const c = JSON.parse(readFileSync(cacheFile, 'utf8')) as Cached;
    if (c.size === key.size && c.mtimeMs === key.mtimeMs && c.walSize === key.walSize) return c.report;
  } catch {
    // no cache or unreadable: check
  }
  const report = quickCheck(db);
  rememberCheck(dbFile, derivedDir, report);
  return report;
}

/** Records a result for the database as it is now (after a clean close, a repair). Best effort. */
export function rememberCheck(dbFile: string, derivedDir: string, report: IntegrityReport): void {
  try {
    writeFileSync(
      join(derivedDir, CACHE_FILE),
      JSON.stringify({ ...fileKey(dbFile), report } satisfies Cached),
    );
  } catch {
    // a cache: a full disk or read-only folder only means checking again next time
  }
}

/** What a user is told about damage: what is damaged, and what to do. */
export function damageAdvice(r: IntegrityReport): { vi: string; en: string } {
  const vi = r.damaged.map((d) => `${d.type === 'index' ? 'chỉ mục' : 'bảng'} ${d.name}`).join(', ');
  const en = r.damaged.map((d) => `${d.type === 'index' ? 'index' : 'table'} ${d.name}`).join(', ');
  return r.indexOnly
    ? {
        vi: `Hỏng ${vi}; chỉ chỉ mục bị hỏng, dữ liệu còn nguyên: chạy “vankho reindex” để xây lại.`,
        en: `Damaged ${en}; only indexes are damaged, the data is intact: run “vankho reindex” to rebuild them.`,
      }
    : {
        vi:
          `Hỏng ${vi || 'dữ liệu (không xác định được bảng)'}; hãy khôi phục bản sao lưu (“vankho restore”) ` +
          `hoặc dựng lại danh mục từ các bản gốc (“vankho recover”).`,
        en:
          `Damaged ${en || 'data (table unknown)'}; restore a backup (“vankho restore”) or rebuild the ` +
          `catalogue from the originals (“vankho recover”).`,
      };
}

/** The error a write on a damaged archive is refused with (exit 6 in the CLI). */
export function damagedError(r: IntegrityReport): VanKhoError {
  const a = damageAdvice(r);
  return new VanKhoError(appError('ARCHIVE_CORRUPT', `${a.vi} / ${a.en}`));
}

/**
 * Rebuilds damaged indexes from their tables. REINDEX and DROP INDEX both read the damaged b-tree
 * (and fail), so the index's schema row is removed (writable_schema), the index created again from
 * the table, and VACUUM writes a fresh file without the orphaned pages. Only for index-only damage.
 */
export function rebuildDamagedIndexes(db: Db, r: IntegrityReport): IntegrityReport {
  if (!r.indexOnly) return r;
  const defs = r.damaged.map((d) => ({
    name: d.name,
    sql: db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`).pluck().get(d.name) as
      string | null,
  }));
  if (defs.some((d) => !d.sql)) return r; // an automatic index (UNIQUE, PRIMARY KEY): not ours to drop
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    const del = db.prepare(`DELETE FROM sqlite_master WHERE type = 'index' AND name = ?`);
    db.transaction(() => defs.forEach((d) => del.run(d.name)))();
    db.pragma('writable_schema = RESET');
  } finally {
    db.unsafeMode(false);
  }
  for (const d of defs) db.exec(d.sql!);
  db.exec('VACUUM');
  return quickCheck(db);
}
