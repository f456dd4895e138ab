import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Archive } from '../../main/core/archive/archive.js';
import { docNumberKey } from '../../main/core/text/doc-number.js';
import { getFilePages } from '../../main/core/archive/pages-repo.js';

// Fills an archive with documents for the export/bundle tests: real originals go through the
// FileStore (hashed, content-addressed), rows are written in one archive.write transaction exactly
// as the schema (001-initial.sql) defines them, with provenance, tags, pages and relations.

export interface SeedFile {
  name: string;
  bytes: Buffer;
  mediaType: string;
  role?: 'main' | 'attachment';
  pages?: string[];
}

export interface SeedDoc {
  uid?: string;
  title: string;
  number?: string | null;
  numberKey?: string | null;
  docType?: string | null;
  issuer?: string | null;
  issuedDate?: string | null;
  signer?: string | null;
  notes?: string;
  pageCount?: number | null;
  files: SeedFile[];
  /** column name → provenance */
  fields?: Record<string, 'auto' | 'user'>;
  tags?: string[];
}

export interface SeedTag {
  name: string;
  parent?: string;
  color?: string;
}

export interface SeedRelation {
  from: string;
  to: string | null;
  kind: string;
  citedNumber?: string;
  origin: 'auto' | 'manual';
}

export async function seedArchive(
  archive: Archive,
  docs: SeedDoc[],
  tags: SeedTag[] = [],
  relations: SeedRelation[] = [],
): Promise<Map<string, number>> {
  const tmp = mkdtempSync(join(tmpdir(), 'vankho-seed-'));
  const stored: Array<Array<{ sha256: string; size: number }>> = [];
  try {
    for (const d of docs) {
      const list: Array<{ sha256: string; size: number }> = [];
      for (const f of d.files) {
        const p = join(tmp, randomUUID());
        writeFileSync(p, f.bytes);
        list.push(await archive.files.put(p));
      }
      stored.push(list);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const now = '2024-05-01T08:00:00.000Z';
  return archive.write((db) => {
    const tagIds = new Map<string, number>();
    for (const t of tags) {
      const parent = t.parent ? (tagIds.get(t.parent) ?? null) : null;
      const id = Number(
        db
          .prepare('INSERT INTO tags (name, parent_id, color, created_at) VALUES (?, ?, ?, ?)')
          .run(t.name, parent, t.color ?? null, now).lastInsertRowid,
      );
      tagIds.set(t.name, id);
    }
    const ids = new Map<string, number>();
    docs.forEach((d, i) => {
      const uid = d.uid ?? randomUUID();
      const pages = d.files.reduce((n, f) => n + (f.pages?.length ?? 0), 0);
      const id = Number(
        db
          .prepare(
            `INSERT INTO documents (uid, title, number, number_key, doc_type, system, issuer, issued_date, signer,
               notes, text_status, page_count, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, 'state', ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            uid,
            d.title,
            d.number ?? null,
            d.numberKey ?? (d.number ? docNumberKey(d.number) : null),
            d.docType ?? null,
            d.issuer ?? null,
            d.issuedDate ?? null,
            d.signer ?? null,
            d.notes ?? '',
            pages > 0 ? 'ok' : 'none',
            d.pageCount ?? (pages > 0 ? pages : null),
            now,
            now,
          ).lastInsertRowid,
      );
      ids.set(uid, id);
      for (const [field, source] of Object.entries(d.fields ?? {})) {
        db.prepare(
          'INSERT INTO document_fields (document_id, field, source, confidence, updated_at) VALUES (?, ?, ?, ?, ?)',
        ).run(id, field, source, source === 'auto' ? 0.8 : null, now);
      }
      d.files.forEach((f, j) => {
        const s = stored[i]![j]!;
        const fileId = Number(
          db
            .prepare(
              `INSERT INTO files (document_id, sha256, size, media_type, original_name, role, position, imported_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              id,
              s.sha256,
              s.size,
              f.mediaType,
              f.name,
              f.role ?? (j === 0 ? 'main' : 'attachment'),
              j,
              now,
            ).lastInsertRowid,
        );
        (f.pages ?? []).forEach((text, k) =>
          db.prepare('INSERT INTO pages (file_id, page_no, text) VALUES (?, ?, ?)').run(fileId, k + 1, text),
        );
      });
      for (const t of d.tags ?? []) {
        db.prepare('INSERT INTO document_tags (document_id, tag_id) VALUES (?, ?)').run(id, tagIds.get(t)!);
      }
    });
    for (const r of relations) {
      db.prepare(
        `INSERT INTO relations (source_id, kind, target_id, cited_number, cited_number_key, origin, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        ids.get(r.from)!,
        r.kind,
        r.to ? ids.get(r.to)! : null,
        r.citedNumber ?? null,
        r.citedNumber ? docNumberKey(r.citedNumber) : null,
        r.origin,
        now,
      );
    }
    return ids;
  });
}

/** Everything a bundle must carry, per document uid, in a comparable form (no local ids). */
export function snapshotArchive(archive: Archive): unknown {
  const db = archive.db;
  const docs = db.prepare('SELECT * FROM documents ORDER BY uid').all() as Array<Record<string, unknown>>;
  return docs.map((d) => {
    const id = d['id'] as number;
    const { id: _id, ...cols } = d;
    return {
      ...cols,
      fields: db
        .prepare(
          'SELECT field, source, confidence, updated_at FROM document_fields WHERE document_id = ? ORDER BY field',
        )
        .all(id),
      files: (
        db
          .prepare(
            `SELECT id, sha256, size, media_type, original_name, role, position, text_encoding, imported_at
               FROM files WHERE document_id = ? ORDER BY sha256`,
          )
          .all(id) as Array<Record<string, unknown>>
      ).map(({ id: fileId, ...f }) => ({
        ...f,
        pages: getFilePages(db, fileId as number).map((p) => ({ page_no: p.pageNo, text: p.text })),
      })),
      tags: db
        .prepare(
          `SELECT t.name, p.name AS parent, t.color FROM document_tags dt JOIN tags t ON t.id = dt.tag_id
             LEFT JOIN tags p ON p.id = t.parent_id WHERE dt.document_id = ? ORDER BY t.name`,
        )
        .all(id),
      relations: db
        .prepare(
          `SELECT r.kind, t.uid AS target, r.cited_number, r.cited_number_key, r.origin FROM relations r
             LEFT JOIN documents t ON t.id = r.target_id WHERE r.source_id = ? ORDER BY r.kind, t.uid, r.cited_number`,
        )
        .all(id),
      validity:
        db
          .prepare('SELECT status, note, set_by, set_at FROM document_validity WHERE document_id = ?')
          .get(id) ?? null,
    };
  });
}
