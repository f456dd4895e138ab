// A citation resolves only to a document it does not contradict (issue 12): on the real Hà Tĩnh
// 80/2025/QĐ-UBND, which repeals Hà Tĩnh's own 15/2025/QĐ-UBND "của Ủy ban nhân dân tỉnh", and the real
// Đồng Tháp 552/KH-UBND, which cites "10-CTr/TU … của Ban Thường vụ Tỉnh ủy". The real-docs set holds
// neither cited document, and no other province's document of those numbers, so those are written
// here as text files with the headers of real documents (Bắc Ninh's and Hà Tĩnh's 15/2025/QĐ-UBND,
// two provinces' 10-CTr/TU, a Bắc Ninh Sở Nội vụ tờ trình 70/TTr-SNV, Nghị định 78/2025/NĐ-CP), and
// everything goes through the import pipeline into real archives.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../main/core/archive/archive.js';
import { listDocumentRelations } from '../../main/core/archive/document-relations.js';
import { getDocumentValidity } from '../../main/core/archive/document-validity.js';
import { writeUserMetadata } from '../../main/core/archive/documents-repo.js';
import { restoreFromTrash, trashDocuments } from '../../main/core/archive/trash.js';
import { exportBundle } from '../../main/core/export/export-bundle.js';
import { exportSourceOf } from '../../main/core/app/export-source.js';
import { importBundle } from '../../main/core/export/import-bundle.js';
import { importPaths } from '../../main/core/ingest/import-files.js';
import { openVanKho, openVanKhoForReading } from '../../main/core/open-vankho.js';
import { testdata } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

const UBND = (province: string, number: string, date: string, title: string, body: string): string =>
  `ỦY BAN NHÂN DÂN
TỈNH ${province.toUpperCase()}
--------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: ${number}

${province}, ${date}

QUYẾT ĐỊNH
${title}
ỦY BAN NHÂN DÂN TỈNH ${province.toUpperCase()}
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;
Căn cứ Nghị định số 158/2018/NĐ-CP ngày 22/11/2018 của Chính phủ quy định về thành lập, tổ chức lại, giải thể tổ chức hành chính;
QUYẾT ĐỊNH:
Điều 1. ${body}
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Bình
`;

const TINH_UY = (province: string, date: string): string =>
  `ĐẢNG BỘ TỈNH ${province.toUpperCase()}
TỈNH ỦY ${province.toUpperCase()}
*
Số 10-CTr/TU

ĐẢNG CỘNG SẢN VIỆT NAM
${province}, ${date}

CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động như sau:
I. MỤC TIÊU
Đến năm 2030, khoa học, công nghệ và chuyển đổi số là động lực phát triển của tỉnh.
Nơi nhận:
- Các đảng bộ trực thuộc,
- Lưu Văn phòng Tỉnh ủy.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Lê Quang Huy
`;

const MADE: Record<string, string> = {
  'bn-15-2025-qd-ubnd.txt': UBND(
    'Bắc Ninh',
    '15/2025/QĐ-UBND',
    // The same day as Hà Tĩnh's: only the province tells them apart.
    'ngày 01 tháng 3 năm 2025',
    'Ban hành Quy chế phối hợp quản lý cụm công nghiệp trên địa bàn tỉnh Bắc Ninh',
    'Ban hành kèm theo Quyết định này Quy chế phối hợp quản lý cụm công nghiệp trên địa bàn tỉnh.',
  ),
  'ht-15-2025-qd-ubnd.txt': UBND(
    'Hà Tĩnh',
    '15/2025/QĐ-UBND',
    'ngày 01 tháng 3 năm 2025',
    'Ban hành Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ',
    'Ban hành kèm theo Quyết định này Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ.',
  ),
  'bn-70-ttr-snv.txt': `UBND TỈNH BẮC NINH
SỞ NỘI VỤ
--------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: 70/TTr-SNV

Bắc Ninh, ngày 10 tháng 11 năm 2025

TỜ TRÌNH
Về việc sắp xếp các phòng chuyên môn thuộc Sở Nội vụ
Kính gửi: Ủy ban nhân dân tỉnh.
Sở Nội vụ kính trình Ủy ban nhân dân tỉnh xem xét, quyết định.
Nơi nhận:
- Như trên;
- Lưu: VT.
GIÁM ĐỐC
Trần Thị Mai
`,
  'dt-10-ctr-tu.txt': TINH_UY('Đồng Tháp', 'ngày 13 tháng 8 năm 2025'),
  'na-10-ctr-tu.txt': TINH_UY('Nghệ An', 'ngày 13 tháng 8 năm 2025'),
  '78-2025-nd-cp.txt': `CHÍNH PHỦ
--------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: 78/2025/NĐ-CP

Hà Nội, ngày 01 tháng 4 năm 2025

NGHỊ ĐỊNH
Quy định chi tiết một số điều và biện pháp để tổ chức, hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật
Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
Chính phủ ban hành Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Ban hành văn bản quy phạm pháp luật.
Điều 1. Phạm vi điều chỉnh
Nơi nhận:
- Các bộ, cơ quan ngang bộ;
- Lưu: VT.
TM. CHÍNH PHỦ
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
Lê Thành Long
`,
};

const REAL = ['80-2025-qd-ubnd.txt', '552-kh-ubnd.txt', '39365-chq-gsql.txt', '167-2025-nd-cp.txt'];
const realPath = (f: string): string => testdata('real-docs', 'docs', f);

function idOf(archive: Archive, file: string): number {
  const id = archive.db
    .prepare<[string], number>('SELECT document_id FROM files WHERE original_name = ?')
    .pluck()
    .get(file);
  if (id === undefined) throw new Error(`${file} not imported`);
  return id;
}

/**
 * What the document screen lists for `file`'s citation of `number` (as printed, spaces aside: 552
 * writes "10- CTr/TU"): its target's id, or null when it is listed as cited, not in the archive.
 */
function citationOf(archive: Archive, file: string, number: string): { target: number | null } | undefined {
  const rel = listDocumentRelations(archive.db, idOf(archive, file));
  const is = (r: { citedNumber: string | null }): boolean => r.citedNumber?.replace(/\s+/g, '') === number;
  const cited = rel.cites.find(is);
  if (cited) return { target: cited.other!.id };
  return rel.missing.some(is) ? { target: null } : undefined;
}

describe('citation resolution by locality and date', () => {
  let tmp: TempDir;
  let made: string;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-citation-resolution-');
    made = join(tmp.dir, 'made');
    mkdirSync(made);
    for (const [name, text] of Object.entries(MADE)) writeFileSync(join(made, name), text);
  });
  afterAll(async () => {
    await tmp?.cleanup();
  });
  const madePath = (f: string): string => join(made, f);

  it('cited documents filed after the citing ones: another province is never the target', async () => {
    const vk = openVanKho(join(tmp.dir, 'later'), { create: true });
    try {
      const a = vk.archive;
      // The citing documents, then only other provinces' documents of the numbers they cite.
      await importPaths(a, [
        ...REAL.slice(0, 3).map(realPath),
        ...['bn-15-2025-qd-ubnd.txt', 'bn-70-ttr-snv.txt', 'na-10-ctr-tu.txt'].map(madePath),
      ]);
      expect(citationOf(a, '80-2025-qd-ubnd.txt', '15/2025/QĐ-UBND')).toEqual({ target: null });
      expect(citationOf(a, '80-2025-qd-ubnd.txt', '70/TTr-SNV')).toEqual({ target: null });
      expect(citationOf(a, '552-kh-ubnd.txt', '10-CTr/TU')).toEqual({ target: null });
      // Still listed as cited, not in the archive, with what the citation says.
      const missing = listDocumentRelations(a.db, idOf(a, '80-2025-qd-ubnd.txt')).missing.find(
        (r) => r.citedNumber === '15/2025/QĐ-UBND',
      )!;
      expect(missing).toMatchObject({
        kind: 'bai_bo',
        origin: 'auto',
        other: null,
        citedDate: '2025-03-01',
        citedIssuer: 'Ủy ban nhân dân tỉnh',
      });
      // Bắc Ninh's decision is not repealed by Hà Tĩnh's.
      const bn = idOf(a, 'bn-15-2025-qd-ubnd.txt');
      expect(listDocumentRelations(a.db, bn).citedBy).toEqual([]);
      expect(getDocumentValidity(a.db, bn)).toMatchObject({ status: 'unknown', repealedBy: [] });

      // The documents of the citing ones' own province (and two central decrees) arrive: they resolve.
      await importPaths(a, [
        ...['ht-15-2025-qd-ubnd.txt', 'dt-10-ctr-tu.txt', '78-2025-nd-cp.txt'].map(madePath),
        realPath('167-2025-nd-cp.txt'),
      ]);
      const ht = idOf(a, 'ht-15-2025-qd-ubnd.txt');
      expect(citationOf(a, '80-2025-qd-ubnd.txt', '15/2025/QĐ-UBND')).toEqual({ target: ht });
      expect(citationOf(a, '552-kh-ubnd.txt', '10-CTr/TU')).toEqual({ target: idOf(a, 'dt-10-ctr-tu.txt') });
      // Central numbers are one document whatever the citing document's province.
      expect(citationOf(a, '80-2025-qd-ubnd.txt', '78/2025/NĐ-CP')).toEqual({
        target: idOf(a, '78-2025-nd-cp.txt'),
      });
      expect(citationOf(a, '39365-chq-gsql.txt', '167/2025/NĐ-CP')).toEqual({
        target: idOf(a, '167-2025-nd-cp.txt'),
      });
      expect(getDocumentValidity(a.db, ht)).toMatchObject({
        status: 'no-longer-in-force',
        repealedBy: [expect.objectContaining({ id: idOf(a, '80-2025-qd-ubnd.txt') })],
      });
      expect(getDocumentValidity(a.db, bn).repealedBy).toEqual([]);
      expect(citationOf(a, '80-2025-qd-ubnd.txt', '70/TTr-SNV')).toEqual({ target: null });
    } finally {
      vk.close();
    }
  }, 60_000);

  const firstDir = (): string => join(tmp.dir, 'first');

  it('cited documents filed first: the citing document picks its own province, a central decree whatever the province', async () => {
    const vk = openVanKho(firstDir(), { create: true });
    try {
      const a = vk.archive;
      await importPaths(a, [...Object.keys(MADE).map(madePath), ...REAL.map(realPath)]);
      expect(citationOf(a, '80-2025-qd-ubnd.txt', '15/2025/QĐ-UBND')).toEqual({
        target: idOf(a, 'ht-15-2025-qd-ubnd.txt'),
      });
      expect(citationOf(a, '80-2025-qd-ubnd.txt', '78/2025/NĐ-CP')).toEqual({
        target: idOf(a, '78-2025-nd-cp.txt'),
      });
      // A Sở's number with no issuer named: Bắc Ninh's Sở Nội vụ is not Hà Tĩnh's, even on the same day.
      expect(citationOf(a, '80-2025-qd-ubnd.txt', '70/TTr-SNV')).toEqual({ target: null });
      expect(citationOf(a, '552-kh-ubnd.txt', '10-CTr/TU')).toEqual({ target: idOf(a, 'dt-10-ctr-tu.txt') });
      expect(listDocumentRelations(a.db, idOf(a, 'na-10-ctr-tu.txt')).citedBy).toEqual([]);
      expect(listDocumentRelations(a.db, idOf(a, 'bn-15-2025-qd-ubnd.txt')).citedBy).toEqual([]);
    } finally {
      vk.close();
    }
  }, 60_000);

  it('an archive whose links an older rule made is put right when opened; manual links stay', () => {
    let vk = openVanKho(firstDir());
    const a = vk.archive;
    const ht80 = idOf(a, '80-2025-qd-ubnd.txt');
    const bn = idOf(a, 'bn-15-2025-qd-ubnd.txt');
    const file = (name: string): number => idOf(a, name);
    // The links the old rule made (the only document with the number, or a tie broken by a loose
    // issuer match), as an archive of before this rule holds them, and a link a person made.
    a.write((db) => {
      const link = db.prepare(
        'UPDATE relations SET target_id = ? WHERE source_id = ? AND cited_number_key = ?',
      );
      link.run(bn, ht80, '15-2025-qd-ubnd');
      link.run(file('bn-70-ttr-snv.txt'), ht80, '70-ttr-snv');
      link.run(file('na-10-ctr-tu.txt'), file('552-kh-ubnd.txt'), '10-ctr-tu');
      db.prepare(
        `INSERT INTO relations (source_id, kind, target_id, origin, created_at)
         VALUES (?, 'lien_quan', ?, 'manual', '2026-01-01T00:00:00.000Z')`,
      ).run(ht80, bn);
      db.prepare(`DELETE FROM meta WHERE key = 'citation_rule'`).run();
    });
    expect(getDocumentValidity(a.db, bn).status).toBe('no-longer-in-force');
    vk.close();

    // A reading command finds the archive behind and brings it up to date (nobody holds it).
    vk = openVanKhoForReading(firstDir());
    try {
      const b = vk.archive;
      expect(b.readonly).toBe(false);
      expect(citationOf(b, '80-2025-qd-ubnd.txt', '15/2025/QĐ-UBND')).toEqual({
        target: idOf(b, 'ht-15-2025-qd-ubnd.txt'),
      });
      expect(citationOf(b, '80-2025-qd-ubnd.txt', '70/TTr-SNV')).toEqual({ target: null });
      expect(citationOf(b, '552-kh-ubnd.txt', '10-CTr/TU')).toEqual({ target: idOf(b, 'dt-10-ctr-tu.txt') });
      expect(getDocumentValidity(b.db, bn)).toMatchObject({ status: 'unknown', repealedBy: [] });
      const manual = listDocumentRelations(b.db, bn).citedBy;
      expect(manual).toEqual([expect.objectContaining({ origin: 'manual', kind: 'lien_quan' })]);
      expect(manual[0]!.other!.id).toBe(ht80);
      // A person puts the Sở under Hà Tĩnh's People's Committee: the tờ trình is now the one cited.
      const snv = idOf(b, 'bn-70-ttr-snv.txt');
      b.write((db) =>
        writeUserMetadata(db, snv, [['issuerSuperior', 'UBND TỈNH HÀ TĨNH']], new Date().toISOString()),
      );
      expect(citationOf(b, '80-2025-qd-ubnd.txt', '70/TTr-SNV')).toEqual({ target: snv });
    } finally {
      vk.close();
    }
    // Done once: the next reader opens it read-only.
    vk = openVanKhoForReading(firstDir());
    try {
      expect(vk.archive.readonly).toBe(true);
    } finally {
      vk.close();
    }
  });

  it('a document back from the trash has its citations resolved again: a link it went in with is not kept', async () => {
    const vk = openVanKho(join(tmp.dir, 'trash'), { create: true });
    try {
      const a = vk.archive;
      await importPaths(a, [realPath('80-2025-qd-ubnd.txt'), madePath('bn-15-2025-qd-ubnd.txt')]);
      const bn = idOf(a, 'bn-15-2025-qd-ubnd.txt');
      const setIssuer = (issuer: string): void =>
        a.write((db) => writeUserMetadata(db, bn, [['issuer', issuer]], new Date().toISOString()));
      // A person files Bắc Ninh's decision under Hà Tĩnh by mistake: Hà Tĩnh's 80/2025 now repeals it.
      setIssuer('ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH');
      expect(citationOf(a, '80-2025-qd-ubnd.txt', '15/2025/QĐ-UBND')).toEqual({ target: bn });
      // The citing decision goes to the trash with that link; the issuer is put right meanwhile.
      const [entry] = trashDocuments(a, [idOf(a, '80-2025-qd-ubnd.txt')]);
      setIssuer('ỦY BAN NHÂN DÂN TỈNH BẮC NINH');
      restoreFromTrash(a, [entry!.id]);
      expect(citationOf(a, '80-2025-qd-ubnd.txt', '15/2025/QĐ-UBND')).toEqual({ target: null });
      expect(getDocumentValidity(a.db, bn)).toMatchObject({ status: 'unknown', repealedBy: [] });
    } finally {
      vk.close();
    }
  }, 60_000);

  it('a bundle from an archive never upgraded brings its automatic links in by the one rule; manual links as they are', async () => {
    // The sending archive: Hà Tĩnh's 80/2025 and Bắc Ninh's 15/2025, with the link the old rule made
    // from one to the other (the only document with the number) and a link a person made, exported
    // before any open could put it right.
    const vk = openVanKho(join(tmp.dir, 'old-sender'), { create: true });
    const out = join(tmp.dir, 'old-links.zip');
    try {
      const a = vk.archive;
      await importPaths(a, [realPath('80-2025-qd-ubnd.txt'), madePath('bn-15-2025-qd-ubnd.txt')]);
      const ht80 = idOf(a, '80-2025-qd-ubnd.txt');
      const bn = idOf(a, 'bn-15-2025-qd-ubnd.txt');
      expect(citationOf(a, '80-2025-qd-ubnd.txt', '15/2025/QĐ-UBND')).toEqual({ target: null });
      a.write((db) => {
        db.prepare('UPDATE relations SET target_id = ? WHERE source_id = ? AND cited_number_key = ?').run(
          bn,
          ht80,
          '15-2025-qd-ubnd',
        );
        db.prepare(
          `INSERT INTO relations (source_id, kind, target_id, origin, created_at)
           VALUES (?, 'lien_quan', ?, 'manual', '2026-01-01T00:00:00.000Z')`,
        ).run(ht80, bn);
      });
      expect(citationOf(a, '80-2025-qd-ubnd.txt', '15/2025/QĐ-UBND')).toEqual({ target: bn });
      await exportBundle(exportSourceOf(a), { ids: [ht80, bn], out });
    } finally {
      vk.close();
    }

    // Into an archive holding nothing else: Hà Tĩnh's decision repeals no Bắc Ninh decision.
    const empty = openVanKho(join(tmp.dir, 'receiver-empty'), { create: true });
    try {
      const b = empty.archive;
      const r = await importBundle(b, out);
      expect(r.added).toBe(2);
      expect(citationOf(b, '80-2025-qd-ubnd.txt', '15/2025/QĐ-UBND')).toEqual({ target: null });
      const bn = idOf(b, 'bn-15-2025-qd-ubnd.txt');
      expect(getDocumentValidity(b.db, bn)).toMatchObject({ status: 'unknown', repealedBy: [] });
      const manual = listDocumentRelations(b.db, bn).citedBy;
      expect(manual).toEqual([expect.objectContaining({ origin: 'manual', kind: 'lien_quan' })]);
      expect(manual[0]!.other!.id).toBe(idOf(b, '80-2025-qd-ubnd.txt'));
    } finally {
      empty.close();
    }

    // Into an archive holding Hà Tĩnh's own 15/2025: the citation finds it.
    const holder = openVanKho(join(tmp.dir, 'receiver-ht'), { create: true });
    try {
      const c = holder.archive;
      await importPaths(c, [madePath('ht-15-2025-qd-ubnd.txt')]);
      await importBundle(c, out);
      const ht = idOf(c, 'ht-15-2025-qd-ubnd.txt');
      expect(citationOf(c, '80-2025-qd-ubnd.txt', '15/2025/QĐ-UBND')).toEqual({ target: ht });
      expect(getDocumentValidity(c.db, ht)).toMatchObject({ status: 'no-longer-in-force' });
      expect(getDocumentValidity(c.db, idOf(c, 'bn-15-2025-qd-ubnd.txt')).repealedBy).toEqual([]);
    } finally {
      holder.close();
    }
  }, 60_000);
});
