// Retention tables (bảng thời hạn bảo quản, issue 12): the one module holding the SQL of
// `retention_tables` and `retention_rows` (migrations/012-retention.sql). The shipped rows
// (retention-tables.json) are seeded once per archive; after that the tables are the archive's own.
// A hồ sơ's retention is proposed from them by the words its title shares with a row's title.
import { readFileSync } from 'node:fs';
import { appError } from '../../contract/errors.js';
import { fold } from '../../contract/fold-text.js';
import type { Archive, Db } from '../archive/archive.js';
import { readMeta, writeMeta } from '../archive/meta-store.js';
import { VanKhoError } from '../errors/vankho-error.js';
import type { Retention } from './records-store.js';

export interface RetentionRow {
  id: number;
  table: string;
  group: string;
  title: string;
  retention: Retention;
  /** As VanKho shipped it and unchanged since (false once a person edited or added it). */
  shipped: boolean;
  updatedAt: string;
}

export interface RetentionTable {
  key: string;
  name: string;
  source: string;
  note: string;
  rows: RetentionRow[];
}

export interface RetentionProposal {
  row: RetentionRow;
  /** 0..1: how much of the row's (rarity-weighted) words the title has. */
  score: number;
  /** The folded words the title and the row share. */
  words: string[];
}

interface ShippedData {
  tables: Array<{
    key: string;
    name: string;
    source: string;
    note: string;
    rows: Array<{ group: string; title: string; retention: Retention }>;
  }>;
}

const SEEDED_KEY = 'retention_seeded';
const invalid = (detail: string): VanKhoError => new VanKhoError(appError('INVALID_INPUT', detail));
const text = (s: string): string => s.normalize('NFC').trim();

function shippedData(): ShippedData {
  return JSON.parse(readFileSync(new URL('./retention-tables.json', import.meta.url), 'utf8')) as ShippedData;
}

/**
 * Seeds the shipped tables once: an archive whose rows a person removed keeps them removed (the
 * meta key, not the row count, says it was seeded). A no-op on a read-only archive.
 */
export function seedRetentionTables(archive: Archive): void {
  if (archive.readonly) return;
  if (readMeta(archive.db, SEEDED_KEY) !== null) return;
  const data = shippedData();
  archive.write((db) => {
    const now = new Date().toISOString();
    const table = db.prepare(
      `INSERT OR IGNORE INTO retention_tables (key, name, source, note) VALUES (?, ?, ?, ?)`,
    );
    const row = db.prepare(
      `INSERT INTO retention_rows (table_key, grp, title, retention_years, shipped, updated_at)
       VALUES (?, ?, ?, ?, 1, ?)`,
    );
    for (const t of data.tables) {
      table.run(t.key, text(t.name), text(t.source), text(t.note));
      for (const r of t.rows)
        row.run(t.key, text(r.group), text(r.title), r.retention === 'permanent' ? null : r.retention, now);
    }
    writeMeta(db, SEEDED_KEY, now);
  });
}

interface RowRecord {
  id: number;
  table_key: string;
  grp: string;
  title: string;
  retention_years: number | null;
  shipped: number;
  updated_at: string;
}

const rowOf = (r: RowRecord): RetentionRow => ({
  id: r.id,
  table: r.table_key,
  group: r.grp,
  title: r.title,
  retention: r.retention_years ?? 'permanent',
  shipped: r.shipped === 1,
  updatedAt: r.updated_at,
});

function allRows(db: Db): RetentionRow[] {
  return (db.prepare(`SELECT * FROM retention_rows ORDER BY table_key, grp, id`).all() as RowRecord[]).map(
    rowOf,
  );
}

/** Every table with its rows, by group. */
export function listRetentionTables(db: Db): RetentionTable[] {
  const rows = allRows(db);
  return (
    db.prepare(`SELECT key, name, source, note FROM retention_tables ORDER BY key`).all() as Array<
      Omit<RetentionTable, 'rows'>
    >
  ).map((t) => ({ ...t, rows: rows.filter((r) => r.table === t.key) }));
}

export interface RetentionRowInput {
  /** Absent: a new row. */
  id?: number;
  table: string;
  group?: string;
  title: string;
  retention: Retention;
}

/** Adds a row, or changes row `id` (which then no longer counts as shipped). */
export function setRetentionRow(archive: Archive, input: RetentionRowInput): RetentionRow {
  const title = text(input.title);
  if (title === '') throw invalid('tên hồ sơ, tài liệu không được để trống / the row needs a title');
  const r = input.retention;
  if (r !== 'permanent' && (!Number.isInteger(r) || r < 1 || r > 999))
    throw invalid(`thời hạn bảo quản: số năm hoặc vĩnh viễn / retention: years or permanent: ${r}`);
  const years = r === 'permanent' ? null : r;
  return archive.write((db) => {
    if (!db.prepare(`SELECT 1 FROM retention_tables WHERE key = ?`).get(input.table))
      throw new VanKhoError(appError('NOT_FOUND', `bảng thời hạn / retention table ${input.table}`));
    const now = new Date().toISOString();
    let id = input.id;
    if (id === undefined) {
      id = Number(
        db
          .prepare(
            `INSERT INTO retention_rows (table_key, grp, title, retention_years, shipped, updated_at)
             VALUES (?, ?, ?, ?, 0, ?)`,
          )
          .run(input.table, text(input.group ?? ''), title, years, now).lastInsertRowid,
      );
    } else {
      const changed = db
        .prepare(
          `UPDATE retention_rows SET table_key = ?, grp = coalesce(?, grp), title = ?, retention_years = ?,
             shipped = 0, updated_at = ? WHERE id = ?`,
        )
        .run(input.table, input.group === undefined ? null : text(input.group), title, years, now, id);
      if (changed.changes === 0)
        throw new VanKhoError(appError('NOT_FOUND', `dòng bảng thời hạn / retention row ${id}`));
    }
    return rowOf(db.prepare(`SELECT * FROM retention_rows WHERE id = ?`).get(id) as RowRecord);
  });
}

/** Removes a row; false when there was none. */
export function removeRetentionRow(archive: Archive, id: number): boolean {
  return archive.write((db) => db.prepare(`DELETE FROM retention_rows WHERE id = ?`).run(id).changes > 0);
}

/** Folded words of two letters or more ("Kế hoạch, báo cáo năm" → ke, hoach, bao, cao, nam). */
function wordsOf(s: string): Set<string> {
  return new Set(
    fold(s.normalize('NFC'))
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 2),
  );
}

/**
 * The rows whose titles best match a hồ sơ title, best first. A shared word weighs by its rarity
 * among the rows (log(1 + n/df)): "hồ sơ", which most rows have, says little; "quyết toán" says much.
 * The score is the share of the row's weight the title covers, so a short exact row beats a long
 * one that shares the same words. Rows sharing no rare word (score below `min`) are left out.
 */
export function proposeRetention(db: Db, title: string, limit = 5, min = 0.25): RetentionProposal[] {
  const rows = allRows(db);
  const wanted = wordsOf(title);
  if (wanted.size === 0 || rows.length === 0) return [];
  const rowWords = rows.map((r) => wordsOf(`${r.title}`));
  const df = new Map<string, number>();
  for (const ws of rowWords) for (const w of ws) df.set(w, (df.get(w) ?? 0) + 1);
  const weight = (w: string): number => Math.log(1 + rows.length / (df.get(w) ?? 1));
  const out: RetentionProposal[] = [];
  rows.forEach((row, i) => {
    const ws = rowWords[i]!;
    let total = 0;
    let shared = 0;
    const words: string[] = [];
    for (const w of ws) {
      total += weight(w);
      if (wanted.has(w)) {
        shared += weight(w);
        words.push(w);
      }
    }
    const score = total === 0 ? 0 : shared / total;
    if (score >= min) out.push({ row, score: Math.round(score * 1000) / 1000, words });
  });
  return out.sort((a, b) => b.score - a.score || a.row.id - b.row.id).slice(0, limit);
}
