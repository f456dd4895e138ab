import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import type { Db } from '../../main/core/archive/database.js';
import { enrichDocument, relinkCitationsOf } from '../../main/core/archive/enrich-document.js';
import { docNumberKey } from '../../main/core/text/doc-number.js';
import { prepareExtractedText } from '../../main/core/text/prepare-text.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

// Real archive database in a temp dir; documents inserted the way import does (document, main file,
// cleaned pages) and then enriched inside the same write transaction.

function addDocument(db: Db, pages: string[]): number {
  const now = new Date().toISOString();
  const id = db
    .prepare(
      "INSERT INTO documents (uid, title, text_status, created_at, updated_at) VALUES (?, 'tệp', 'ok', ?, ?)",
    )
    .run(randomUUID(), now, now).lastInsertRowid as number;
  const fileId = db
    .prepare(
      `INSERT INTO files (document_id, sha256, size, media_type, original_name, role, position, imported_at)
       VALUES (?, ?, 1, 'text/plain', 'a.txt', 'main', 0, ?)`,
    )
    .run(id, randomUUID().replace(/-/g, ''), now).lastInsertRowid as number;
  const ins = db.prepare('INSERT INTO pages (file_id, page_no, text) VALUES (?, ?, ?)');
  pages.forEach((p, i) => ins.run(fileId, i + 1, prepareExtractedText(p).text));
  return id;
}

function importText(archive: Archive, ...pages: string[]): number {
  return archive.write((db) => {
    const id = addDocument(db, pages);
    enrichDocument(db, id);
    return id;
  });
}

const NQ_HU = `ĐẢNG BỘ TỈNH LAM GIANG
HUYỆN ỦY ĐÔNG YÊN
*
Số 12-NQ/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Đông Yên, ngày 05 tháng 01 năm 2024
NGHỊ QUYẾT
về đẩy mạnh chuyển đổi số trên địa bàn huyện
Thực hiện Nghị quyết số 09-NQ/TU ngày 10/10/2023 của Ban Thường vụ Tỉnh ủy về chuyển đổi số,
Ban Chấp hành Đảng bộ huyện quyết nghị:
1. Đến năm 2025, 100% hồ sơ công việc được xử lý trên môi trường mạng; 8/8 phường hoàn thành; kinh phí 17,8 tỷ đồng.
Nơi nhận:
- Ban Thường vụ Tỉnh ủy (để báo cáo),
- Lưu Văn phòng Huyện ủy.
T/M HUYỆN ỦY
BÍ THƯ
Trần Quốc Hưng`;

const QD_UBND = `ỦY BAN NHÂN DÂN
HUYỆN ĐÔNG YÊN
Số: 1520/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đông Yên, ngày 12 tháng 3 năm 2024
QUYẾT ĐỊNH
Về việc thành lập Ban Chỉ đạo chuyển đổi số huyện
CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐÔNG YÊN
Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;
Thực hiện Nghị quyết số 12-NQ/HU ngày 05/01/2024 của Ban Chấp hành Đảng bộ huyện;
QUYẾT ĐỊNH:
Điều 1. Thành lập Ban Chỉ đạo.
Nơi nhận:
- Như Điều 1;
- Lưu: VT.
CHỦ TỊCH
Hoàng Minh Đức`;

describe('enrichDocument', () => {
  let tmp: TempDir;
  let archive: Archive;
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-enrich-');
    archive = openArchive(tmp.dir);
  });
  afterEach(async () => {
    archive.close();
    await tmp.cleanup();
  });

  it('writes suggestions with provenance and number_key', () => {
    const id = importText(archive, QD_UBND);
    const doc = archive.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as Record<string, unknown>;
    expect(doc.number).toBe('1520/QĐ-UBND');
    expect(doc.number_key).toBe(docNumberKey('1520/QĐ-UBND'));
    expect(doc.system).toBe('state');
    expect(doc.doc_type).toBe('Quyết định');
    expect(doc.issuer).toBe('ỦY BAN NHÂN DÂN HUYỆN ĐÔNG YÊN');
    expect(doc.issued_date).toBe('2024-03-12');
    expect(doc.place).toBe('Đông Yên');
    expect(doc.title).toBe('Về việc thành lập Ban Chỉ đạo chuyển đổi số huyện');
    expect(doc.signer).toBe('Hoàng Minh Đức');
    expect(doc.signer_title).toBe('CHỦ TỊCH');
    expect(doc.recipients).toBe('Như Điều 1\nLưu: VT');
    const fields = archive.db
      .prepare('SELECT field, source, confidence FROM document_fields WHERE document_id = ?')
      .all(id) as { field: string; source: string; confidence: number }[];
    expect(fields.map((f) => f.field).sort()).toEqual(
      [
        'doc_type',
        'issued_date',
        'issuer',
        'number',
        'place',
        'recipients',
        'signer',
        'signer_title',
        'system',
        'title',
      ].sort(),
    );
    for (const f of fields) {
      expect(f.source).toBe('auto');
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('never overwrites a field a person set, and re-extraction replaces auto relations', () => {
    const id = importText(archive, QD_UBND);
    archive.write((db) => {
      db.prepare("UPDATE documents SET title = 'Tiêu đề do người nhập' , signer = NULL WHERE id = ?").run(id);
      db.prepare(
        "UPDATE document_fields SET source = 'user', confidence = NULL WHERE document_id = ? AND field IN ('title', 'signer')",
      ).run(id);
      enrichDocument(db, id);
      enrichDocument(db, id);
    });
    const doc = archive.db
      .prepare('SELECT title, signer, number FROM documents WHERE id = ?')
      .get(id) as Record<string, unknown>;
    expect(doc.title).toBe('Tiêu đề do người nhập');
    expect(doc.signer).toBeNull();
    expect(doc.number).toBe('1520/QĐ-UBND');
    const rels = archive.db
      .prepare("SELECT cited_number FROM relations WHERE source_id = ? AND origin = 'auto'")
      .all(id);
    expect(rels).toHaveLength(2); // not duplicated by the second run
  });

  it('stores citations with kind/type/date/issuer and resolves them in both directions', () => {
    // The decision cites the resolution, which is imported only afterwards.
    const qd = importText(archive, QD_UBND);
    let rels = archive.db
      .prepare(
        'SELECT cited_number, kind, cited_type, cited_date, cited_issuer, target_id FROM relations WHERE source_id = ? ORDER BY id',
      )
      .all(qd) as Record<string, unknown>[];
    expect(rels).toEqual([
      {
        cited_number: '749/QĐ-TTg',
        kind: 'can_cu',
        cited_type: 'Quyết định',
        cited_date: '2020-06-03',
        cited_issuer: 'Thủ tướng Chính phủ',
        target_id: null,
      },
      {
        cited_number: '12-NQ/HU',
        kind: 'thuc_hien',
        cited_type: 'Nghị quyết',
        cited_date: '2024-01-05',
        cited_issuer: 'Ban Chấp hành Đảng bộ huyện',
        target_id: null,
      },
    ]);
    const nq = importText(archive, NQ_HU);
    rels = archive.db
      .prepare('SELECT cited_number, target_id FROM relations WHERE source_id = ? ORDER BY id')
      .all(qd) as Record<string, unknown>[];
    expect(rels.map((r) => r.target_id)).toEqual([null, nq]);
    // The resolution's own citation stays unresolved ("cited but not in the archive"); amounts,
    // ratios and dates in its text are not citations.
    const nqRels = archive.db
      .prepare('SELECT cited_number, target_id FROM relations WHERE source_id = ?')
      .all(nq);
    expect(nqRels).toEqual([{ cited_number: '09-NQ/TU', target_id: null }]);
  });

  it('breaks ties between documents with the same number key by cited date', () => {
    const party2020 = NQ_HU.replace('ngày 05 tháng 01 năm 2024', 'ngày 20 tháng 6 năm 2020').replace(
      '09-NQ/TU',
      '01-NQ/TU',
    );
    const older = importText(archive, party2020);
    const newer = importText(archive, NQ_HU);
    const qd = importText(archive, QD_UBND); // cites 12-NQ/HU ngày 05/01/2024
    const target = archive.db
      .prepare("SELECT target_id FROM relations WHERE source_id = ? AND cited_number = '12-NQ/HU'")
      .pluck()
      .get(qd);
    expect(target).toBe(newer);
    expect(target).not.toBe(older);
  });

  it('re-resolves citations when a document number changes', () => {
    const qd = importText(archive, QD_UBND);
    const nq = importText(archive, NQ_HU);
    const cited = () =>
      archive.db
        .prepare("SELECT target_id FROM relations WHERE source_id = ? AND cited_number = '12-NQ/HU'")
        .pluck()
        .get(qd);
    expect(cited()).toBe(nq);
    archive.write((db) => {
      db.prepare("UPDATE documents SET number = '13-NQ/HU' WHERE id = ?").run(nq);
      db.prepare(
        "INSERT INTO document_fields (document_id, field, source, confidence, updated_at) VALUES (?, 'number', 'user', NULL, 'x') ON CONFLICT (document_id, field) DO UPDATE SET source = 'user'",
      ).run(nq);
      enrichDocument(db, nq);
    });
    expect(cited()).toBeNull();
  });

  it('links waiting citations when a person types the number of a document that had none', () => {
    const qd = importText(archive, QD_UBND); // cites 12-NQ/HU
    const scan = importText(archive, 'ảnh quét, không có chữ'); // a scan: no number extracted
    const cited = () =>
      archive.db
        .prepare("SELECT target_id FROM relations WHERE source_id = ? AND cited_number = '12-NQ/HU'")
        .pluck()
        .get(qd);
    expect(cited()).toBeNull();
    archive.write((db) => {
      db.prepare('UPDATE documents SET number = ?, number_key = ? WHERE id = ?').run(
        '12-NQ/HU',
        docNumberKey('12-NQ/HU'),
        scan,
      );
      relinkCitationsOf(db, scan);
    });
    expect(cited()).toBe(scan);
  });
});
