// How page texts are stored (pages-repo.ts): a page long enough is kept deflated, a short one and a
// row written by an older VanKho as plain text, and every reader gets the same text back — search,
// the document's pages, the trash's snapshot and its restore. Real archive files.
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openVanKho, type VanKho } from '../../../main/core/open-vankho.js';
import { DB_FILE_NAME, type Db } from '../../../main/core/archive/archive.js';
import {
  documentPageTexts,
  filePageTexts,
  getDocumentPages,
  insertPageTexts,
  replacePageTexts,
} from '../../../main/core/archive/pages-repo.js';
import { restoreFromTrash, trashDocuments } from '../../../main/core/archive/trash.js';
import { insertDocs } from '../../bench/insert-docs.js';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const LONG = [
  'QUYẾT ĐỊNH về việc ban hành Quy chế quản lý hồ sơ, tài liệu lưu trữ điện tử của cơ quan.',
  'Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý hồ sơ, tài liệu lưu trữ điện tử.',
  'Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng phòng Nội vụ chịu trách nhiệm thi hành.',
]
  .join('\n')
  .normalize('NFC');

describe('page texts on disk', () => {
  let tmp: TempDir;
  let vk: VanKho;
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-pages-');
    vk = openVanKho(join(tmp.dir, 'kho'), { create: true });
  });
  afterEach(async () => {
    vk.close();
    await tmp.cleanup();
  });

  const stored = (fileId: number): { kind: string; bytes: number }[] =>
    vk.archive.db
      .prepare<[number], { kind: string; bytes: number }>(
        `SELECT typeof(text) AS kind, length(CAST(text AS BLOB)) AS bytes FROM pages WHERE file_id = ? ORDER BY page_no`,
      )
      .all(fileId);

  /** A generated document whose one file's pages `write` writes instead of the generated ones. */
  const documentWithPages = (write: (db: Db, fileId: number) => unknown): { id: number; fileId: number } => {
    const [id] = insertDocs(vk.archive, [...generateCorpus(1)]);
    const fileId = vk.archive.db
      .prepare(`SELECT id FROM files WHERE document_id = ?`)
      .pluck()
      .get(id) as number;
    vk.archive.write((db) => {
      db.prepare(`DELETE FROM pages WHERE file_id = ?`).run(fileId);
      write(db, fileId);
    });
    return { id: id!, fileId };
  };

  it('keeps a long page deflated and a short one plain, and reads both back as written', () => {
    const { id, fileId } = documentWithPages((db, f) => insertPageTexts(db, f, [LONG, 'Trang 2', '']));
    const rows = stored(fileId);
    expect(rows.map((r) => r.kind)).toEqual(['blob', 'text', 'text']);
    expect(rows[0]!.bytes).toBeLessThan(Buffer.byteLength(LONG) * 0.8);
    expect(filePageTexts(vk.archive.db, fileId)).toEqual([LONG, 'Trang 2', '']);
    // Raw DEFLATE of the UTF-8, read back by another connection (nothing of this one's kept).
    const other = new Database(join(tmp.dir, 'kho', DB_FILE_NAME), { readonly: true });
    try {
      const blob = other
        .prepare(`SELECT text FROM pages WHERE file_id = ? AND page_no = 1`)
        .pluck()
        .get(fileId);
      expect(inflateRawSync(blob as Buffer).toString('utf8')).toBe(LONG);
      expect(filePageTexts(other, fileId)).toEqual([LONG, 'Trang 2', '']);
      expect(documentPageTexts(other, id)).toEqual([LONG, 'Trang 2', '']);
    } finally {
      other.close();
    }
    expect(getDocumentPages(vk.archive.db, id).map((p) => [p.pageNo, p.text])).toEqual([
      [1, LONG],
      [2, 'Trang 2'],
      [3, ''],
    ]);
    // Search indexes the text and its snippet is cut from it, accents and all.
    const hit = vk.search.search({ query: 'lưu trữ điện tử' }).hits.find((h) => h.id === id);
    expect(hit?.snippets.map((s) => s.parts.map((p) => p.text).join('')).join(' ')).toContain(
      'lưu trữ điện tử',
    );
  });

  it('reads a plain row written before packing, and packs it when the file’s pages are written again', () => {
    // As an older VanKho wrote it.
    const { id, fileId } = documentWithPages((db, f) =>
      db.prepare(`INSERT INTO pages (file_id, page_no, text) VALUES (?, 1, ?)`).run(f, LONG),
    );
    expect(stored(fileId).map((r) => r.kind)).toEqual(['text']);
    expect(documentPageTexts(vk.archive.db, id)).toEqual([LONG]);
    // Re-extraction writes the file's pages again: then they are packed.
    vk.archive.write((db) => replacePageTexts(db, fileId, [LONG, 'Trang 2']));
    expect(stored(fileId).map((r) => r.kind)).toEqual(['blob', 'text']);
    expect(filePageTexts(vk.archive.db, fileId)).toEqual([LONG, 'Trang 2']);
  });

  it('a trashed document keeps its text readable in the snapshot and gets it back on restore', () => {
    const id = insertDocs(vk.archive, [...generateCorpus(1)])[0]!;
    const before = documentPageTexts(vk.archive.db, id);
    expect(before.join('').length).toBeGreaterThan(200);
    const fileId = vk.archive.db
      .prepare(`SELECT id FROM files WHERE document_id = ?`)
      .pluck()
      .get(id) as number;
    expect(stored(fileId).some((r) => r.kind === 'blob')).toBe(true);
    const [entry] = trashDocuments(vk.archive, [id]);
    const snapshot = JSON.parse(
      vk.archive.db.prepare(`SELECT snapshot FROM trash WHERE id = ?`).pluck().get(entry!.id) as string,
    ) as { pages: { page_no: number; text: unknown }[] };
    expect(snapshot.pages.map((p) => p.text)).toEqual(before);
    const [back] = restoreFromTrash(vk.archive, [entry!.id]);
    expect(documentPageTexts(vk.archive.db, back!)).toEqual(before);
    const restoredFile = vk.archive.db
      .prepare(`SELECT id FROM files WHERE document_id = ?`)
      .pluck()
      .get(back) as number;
    expect(stored(restoredFile).some((r) => r.kind === 'blob')).toBe(true);
  });
});
