import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import {
  allDocumentIds,
  getDocument,
  updateDocumentMetadata,
} from '../../main/core/archive/documents-repo.js';
import { VanKhoError } from '../../main/core/errors/vankho-error.js';
import { exportBundle } from '../../main/core/export/export-bundle.js';
import { exportSourceOf } from '../../main/core/app/export-source.js';
import { documentIdsForTag } from '../../main/core/archive/tags-repo.js';
import { importBundle } from '../../main/core/export/import-bundle.js';
import { parseManifest } from '../../main/core/export/read-bundle.js';
import { makeDocx } from '../helpers/make-docx.js';
import { makePdf } from '../helpers/make-pdf.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { seedArchive, snapshotArchive } from './export-seed.js';

async function readEntries(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, {
    lazyEntries: true,
    strictFileNames: true,
    validateEntrySizes: true,
  });
  const out = new Map<string, Buffer>();
  for await (const e of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of (await zip.openReadStreamPromise(e)) as AsyncIterable<Buffer>) chunks.push(c);
    out.set(e.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return out;
}

let tmp: TempDir;
let a: Archive;
const opened: Archive[] = [];

async function seedA(): Promise<void> {
  const pdf1 = await makePdf([
    ['THỦ TƯỚNG CHÍNH PHỦ', 'Số: 08/2022/QĐ-TTg', 'QUYẾT ĐỊNH', 'Về việc ban hành quy chế lưu trữ'],
    ['Trang hai: Điều 1. Căn cứ Nghị định 30/2020/NĐ-CP'],
  ]);
  const pdf2 = await makePdf([['HUYỆN ỦY', 'Số 04-CTr/HU', 'CHƯƠNG TRÌNH hành động']]);
  const docx = await makeDocx(['ỦY BAN NHÂN DÂN TỈNH', 'Số: 12/KH-UBND', 'KẾ HOẠCH triển khai']);
  const txt = Buffer.from('Báo cáo tổng kết năm 2023 — đặc biệt: “trích dẫn”, emoji 📄', 'utf8');
  await seedArchive(
    a,
    [
      {
        uid: 'uid-qd-08',
        title: 'Về việc ban hành quy chế lưu trữ',
        number: '08/2022/QĐ-TTg',
        docType: 'Quyết định',
        issuer: 'Thủ tướng Chính phủ',
        issuedDate: '2022-03-28',
        signer: 'Phạm Minh Chính',
        notes: 'Bản chính; "có dấu", =SUM(A1)',
        files: [
          {
            name: 'QĐ 08.pdf',
            bytes: pdf1,
            mediaType: 'application/pdf',
            pages: ['Trang một\nQUYẾT ĐỊNH', 'Trang hai'],
          },
          { name: 'phu-luc.txt', bytes: txt, mediaType: 'text/plain', pages: ['Báo cáo tổng kết'] },
        ],
        fields: { title: 'auto', number: 'user', doc_type: 'auto', issued_date: 'user' },
        tags: ['Lưu trữ', 'Quyết định 2022'],
      },
      {
        uid: 'uid-ctr-04',
        title: 'Chương trình hành động thực hiện Nghị quyết',
        number: '04-CTr/HU',
        docType: 'Chương trình',
        issuer: 'Huyện ủy Yên Thành',
        issuedDate: '2021-01-15',
        files: [
          { name: 'ctr04.pdf', bytes: pdf2, mediaType: 'application/pdf', pages: ['CHƯƠNG TRÌNH hành động'] },
        ],
        fields: { number: 'auto' },
        tags: ['Lưu trữ'],
      },
      {
        uid: 'uid-kh-12',
        title: 'Kế hoạch triển khai',
        number: '12/KH-UBND',
        docType: 'Kế hoạch',
        issuer: 'UBND tỉnh Nghệ An',
        issuedDate: null,
        files: [
          {
            name: 'kh12.docx',
            bytes: docx,
            mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            pages: ['KẾ HOẠCH triển khai'],
          },
        ],
      },
      {
        uid: 'uid-empty',
        title: 'CON',
        files: [
          { name: 'scan.bin', bytes: Buffer.from([0, 1, 2, 3, 255]), mediaType: 'application/octet-stream' },
        ],
        tags: ['Màu đỏ'],
      },
    ],
    [
      { name: 'Lưu trữ', color: '#1e88e5' },
      { name: 'Quyết định 2022', parent: 'Lưu trữ', color: '#e53935' },
      { name: 'Màu đỏ' },
    ],
    [
      { from: 'uid-qd-08', to: 'uid-ctr-04', kind: 'can_cu', citedNumber: '04-CTr/HU', origin: 'auto' },
      {
        from: 'uid-kh-12',
        to: 'uid-qd-08',
        kind: 'thuc_hien',
        citedNumber: '08/2022/QĐ-TTg',
        origin: 'manual',
      },
      { from: 'uid-qd-08', to: null, kind: 'can_cu', citedNumber: '30/2020/NĐ-CP', origin: 'auto' },
    ],
  );
}

beforeEach(async () => {
  tmp = await makeTempDir('vankho-bundle-');
  a = openArchive(join(tmp.dir, 'A'));
  opened.push(a);
  await seedA();
});

afterEach(async () => {
  for (const x of opened.splice(0)) x.close();
  await tmp.cleanup();
});

describe('bundle round trip', () => {
  it('A → bundle → new B is equal in every document, file byte, tag and relation; twice gives no duplicates', async () => {
    const out = join(tmp.dir, 'goi.zip');
    const progress: number[] = [];
    const rep = await exportBundle(exportSourceOf(a), {
      ids: allDocumentIds(a.db),
      out,
      title: 'Toàn bộ kho',
      selection: { kind: 'all', value: null },
      onProgress: (p) => progress.push(p.entriesDone),
    });
    expect(rep.documents).toBe(4);
    expect(rep.files).toBe(5);
    expect(progress.at(-1)).toBe(rep.entries);

    const b = openArchive(join(tmp.dir, 'B'));
    opened.push(b);
    const r1 = await importBundle(b, out);
    expect([r1.added, r1.merged, r1.skipped]).toEqual([4, 0, 0]);
    expect(snapshotArchive(b)).toEqual(snapshotArchive(a));
    for (const sha of a.db.prepare('SELECT sha256 FROM files').pluck().all() as string[]) {
      expect(readFileSync(b.files.pathOf(sha)).equals(readFileSync(a.files.pathOf(sha)))).toBe(true);
    }
    // Tag hierarchy and colours.
    expect(
      b.db
        .prepare(
          'SELECT t.name, p.name AS parent, t.color FROM tags t LEFT JOIN tags p ON p.id = t.parent_id ORDER BY t.name',
        )
        .all(),
    ).toEqual(
      a.db
        .prepare(
          'SELECT t.name, p.name AS parent, t.color FROM tags t LEFT JOIN tags p ON p.id = t.parent_id ORDER BY t.name',
        )
        .all(),
    );

    const r2 = await importBundle(b, out);
    expect([r2.added, r2.merged, r2.skipped]).toEqual([0, 0, 4]);
    expect(r2.relationsAdded).toBe(0);
    expect(snapshotArchive(b)).toEqual(snapshotArchive(a));
    for (const t of ['documents', 'files', 'pages', 'tags', 'document_tags', 'relations']) {
      expect(b.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(
        a.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(),
      );
    }
    // Into the same archive: everything is already there.
    const r3 = await importBundle(a, out);
    expect([r3.added, r3.merged, r3.skipped]).toEqual([0, 0, 4]);
  });

  it('exports a tag subset and merges by file hash into an archive holding another uid for the same bytes', async () => {
    const ids = documentIdsForTag(a.db, 'Lưu trữ')!;
    expect(ids).toHaveLength(2);
    const out = join(tmp.dir, 'tag.zip');
    await exportBundle(exportSourceOf(a), {
      ids,
      out,
      title: 'Lưu trữ',
      selection: { kind: 'tag', value: 'Lưu trữ' },
    });
    const entries = await readEntries(out);
    const manifest = parseManifest(entries.get('manifest.json')!);
    expect(manifest.documents.map((d) => d.uid).sort()).toEqual(['uid-ctr-04', 'uid-qd-08']);
    expect(manifest.tags.find((t) => t.name === 'Quyết định 2022')).toMatchObject({
      parent: 'Lưu trữ',
      color: '#e53935',
    });
    // The unresolved citation and the one to a document outside the bundle both travel.
    expect(manifest.relations.filter((r) => r.sourceUid === 'uid-qd-08')).toHaveLength(2);

    const c = openArchive(join(tmp.dir, 'C'));
    opened.push(c);
    const pdf2 = readFileSync(
      a.files.pathOf(manifest.documents.find((d) => d.uid === 'uid-ctr-04')!.files[0]!.sha256),
    );
    await seedArchive(
      c,
      [
        {
          uid: 'other-uid',
          title: '',
          number: '04-CTr/HU',
          files: [{ name: 'x.pdf', bytes: pdf2, mediaType: 'application/pdf' }],
          fields: { number: 'auto' },
          tags: ['Lưu trữ'],
        },
      ],
      [{ name: 'Lưu trữ', color: '#000000' }],
    );
    const r = await importBundle(c, out);
    expect(r.added).toBe(1);
    expect(r.merged).toBe(1);
    const merged = r.outcomes.find((o) => o.uid === 'uid-ctr-04')!;
    expect(merged.matchedBy).toBe('sha256');
    expect(merged.changes).toContain('title');
    expect(c.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(2);
    // Merged by name: the existing colour is kept, the child tag hangs under it.
    expect(c.db.prepare(`SELECT color FROM tags WHERE name = 'Lưu trữ'`).pluck().get()).toBe('#000000');
    expect(
      c.db
        .prepare(
          `SELECT p.name FROM tags t JOIN tags p ON p.id = t.parent_id WHERE t.name = 'Quyết định 2022'`,
        )
        .pluck()
        .get(),
    ).toBe('Lưu trữ');
    // The citation of 04-CTr/HU re-resolves to the merged document.
    const target = c.db
      .prepare(
        `SELECT d.uid FROM relations r JOIN documents s ON s.id = r.source_id JOIN documents d ON d.id = r.target_id WHERE s.uid = 'uid-qd-08'`,
      )
      .pluck()
      .all();
    expect(target).toEqual(['other-uid']);
  });

  it('resolves an imported open citation against a document this archive already holds, by the one rule', async () => {
    const out = join(tmp.dir, 'qd.zip');
    await exportBundle(exportSourceOf(a), { ids: allDocumentIds(a.db), out });
    const c = openArchive(join(tmp.dir, 'C'));
    opened.push(c);
    const nd = await makePdf([['CHÍNH PHỦ', 'Số: 30/2020/NĐ-CP', 'NGHỊ ĐỊNH', 'Về công tác văn thư']]);
    await seedArchive(c, [
      {
        uid: 'uid-nd-30',
        title: 'Về công tác văn thư',
        number: '30/2020/NĐ-CP',
        docType: 'Nghị định',
        files: [{ name: 'nd30.pdf', bytes: nd, mediaType: 'application/pdf' }],
      },
    ]);
    await importBundle(c, out);
    const targets = c.db
      .prepare(
        `SELECT r.cited_number, d.uid FROM relations r JOIN documents s ON s.id = r.source_id
           LEFT JOIN documents d ON d.id = r.target_id WHERE s.uid = 'uid-qd-08' ORDER BY r.cited_number`,
      )
      .all();
    // Open in A (no holder there), linked in C; the link that already pointed somewhere is kept.
    expect(targets).toEqual([
      { cited_number: '04-CTr/HU', uid: 'uid-ctr-04' },
      { cited_number: '30/2020/NĐ-CP', uid: 'uid-nd-30' },
    ]);
  });

  it('writes readable names, checksums and the catalogue as CSV (BOM), XLSX and printable HTML', async () => {
    const out = join(tmp.dir, 'all.zip');
    await exportBundle(exportSourceOf(a), { ids: allDocumentIds(a.db), out, title: 'Toàn bộ kho' });
    const entries = await readEntries(out);
    const names = [...entries.keys()];
    expect(names).toContain('originals/2022-03-28 08-2022-QĐ-TTg Về việc ban hành quy chế lưu trữ.pdf');
    expect(names).toContain(
      'originals/2022-03-28 08-2022-QĐ-TTg Về việc ban hành quy chế lưu trữ - đính kèm 1.txt',
    );
    expect(names).toContain('originals/_CON.bin');
    expect(names).toContain('text/2022-03-28 08-2022-QĐ-TTg Về việc ban hành quy chế lưu trữ.txt');
    for (const n of names) expect(n.normalize('NFC')).toBe(n);

    const manifest = parseManifest(entries.get('manifest.json')!);
    const sums = entries.get('SHA256SUMS')!.toString('utf8').trim().split('\n');
    expect(sums).toHaveLength(names.length - 1);
    for (const e of manifest.entries) expect(sums).toContain(`${e.sha256}  ${e.path}`);
    expect(
      entries.get('text/2022-03-28 08-2022-QĐ-TTg Về việc ban hành quy chế lưu trữ.txt')!.toString('utf8'),
    ).toBe('Trang một\nQUYẾT ĐỊNH\fTrang hai');

    const csv = entries.get('muc-luc-van-ban.csv')!;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'STT,Số và ký hiệu văn bản,Ngày tháng văn bản,Tác giả văn bản (cơ quan ban hành),Tên loại và trích yếu nội dung văn bản,Tờ số / Số trang,Ghi chú,Tệp trong gói',
    );
    // Chronological: 2021 before 2022, undated last; formula-looking notes neutralised.
    expect(lines[1]).toMatch(/^1,04-CTr\/HU,15\/01\/2021,Huyện ủy Yên Thành,Chương trình hành động/);
    expect(lines[2]).toContain(
      '2,08/2022/QĐ-TTg,28/03/2022,Thủ tướng Chính phủ,Quyết định về việc ban hành quy chế lưu trữ,3,',
    );
    expect(lines[2]).toContain('"Bản chính; ""có dấu"", =SUM(A1)"');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(entries.get('muc-luc-van-ban.xlsx')! as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('MỤC LỤC VĂN BẢN');
    expect(ws.getRow(4).getCell(2).value).toBe('Số và ký hiệu văn bản');
    expect(ws.getRow(6).getCell(2).value).toBe('08/2022/QĐ-TTg');
    expect(ws.pageSetup.orientation).toBe('landscape');

    const html = entries.get('muc-luc-van-ban.html')!.toString('utf8');
    expect(html).toContain('size: A4 landscape');
    expect(html).toContain('<h1>MỤC LỤC VĂN BẢN</h1>');
    expect(html).toContain('<td>Quyết định về việc ban hành quy chế lưu trữ</td>');
    expect(html).toContain('&quot;có dấu&quot;');
    expect(html).not.toMatch(/<script/i);
  });

  it("merges metadata by provenance: a person's value wins over a suggestion, never the reverse", async () => {
    const out = join(tmp.dir, 'prov.zip');
    await exportBundle(exportSourceOf(a), { ids: allDocumentIds(a.db), out });
    const c = openArchive(join(tmp.dir, 'P'));
    opened.push(c);
    await seedArchive(c, [
      {
        uid: 'uid-qd-08',
        title: 'Tiêu đề do cán bộ sửa',
        number: '08/2022/QĐ-TTg (cũ)',
        files: [],
        fields: { title: 'user', number: 'auto' },
      },
    ]);
    const r = await importBundle(c, out);
    const o = r.outcomes.find((x) => x.uid === 'uid-qd-08')!;
    expect(o).toMatchObject({ outcome: 'merged', matchedBy: 'uid' });
    const row = c.db.prepare(`SELECT * FROM documents WHERE uid = 'uid-qd-08'`).get() as Record<
      string,
      unknown
    >;
    expect(row['title']).toBe('Tiêu đề do cán bộ sửa'); // user here, auto in the bundle: kept
    expect(row['number']).toBe('08/2022/QĐ-TTg'); // auto here, user in the bundle: replaced
    expect(row['issuer']).toBe('Thủ tướng Chính phủ'); // empty here: filled
    const prov = Object.fromEntries(
      (
        c.db
          .prepare(
            `SELECT field, source FROM document_fields f JOIN documents d ON d.id = f.document_id WHERE d.uid = 'uid-qd-08'`,
          )
          .all() as Array<{ field: string; source: string }>
      ).map((x) => [x.field, x.source]),
    );
    expect(prov).toMatchObject({ title: 'user', number: 'user', issued_date: 'user' });
    // Its two originals were added to the existing document, not as a new one.
    expect(
      c.db
        .prepare(
          `SELECT count(*) FROM files f JOIN documents d ON d.id = f.document_id WHERE d.uid = 'uid-qd-08'`,
        )
        .pluck()
        .get(),
    ).toBe(2);
  });

  it("a person's clearing wins over the other archive's suggestion, both ways, through real bundles", async () => {
    // B gets A's document with its suggestions (signer is 'auto' in A).
    const first = join(tmp.dir, 'first.zip');
    await exportBundle(exportSourceOf(a), { ids: allDocumentIds(a.db), out: first });
    const b = openArchive(join(tmp.dir, 'B'));
    opened.push(b);
    await importBundle(b, first);
    const idIn = (x: Archive) =>
      x.db.prepare(`SELECT id FROM documents WHERE uid = 'uid-qd-08'`).pluck().get() as number;
    expect(getDocument(b.db, idIn(b))!.metadata.signer).toBe('Phạm Minh Chính');

    // In A a person clears the signer and the title (a suggestion each); in B a person clears the issuer.
    updateDocumentMetadata(a, idIn(a), { signer: null, title: '' });
    updateDocumentMetadata(b, idIn(b), { issuer: null });
    const second = join(tmp.dir, 'second.zip');
    await exportBundle(exportSourceOf(a), { ids: allDocumentIds(a.db), out: second });
    const m = parseManifest((await readEntries(second)).get('manifest.json')!);
    const exported = m.documents.find((x) => x.uid === 'uid-qd-08')!;
    expect(exported.signer).toBeNull(); // exported as a person's clearing: no value, source user
    expect(exported.fields.find((f) => f.field === 'signer')?.source).toBe('user');

    const r = await importBundle(b, second);
    const o = r.outcomes.find((x) => x.uid === 'uid-qd-08')!;
    expect(o.outcome).toBe('merged');
    expect(o.changes).toEqual(expect.arrayContaining(['signer:cleared', 'title:cleared']));
    const doc = getDocument(b.db, idIn(b))!;
    expect(doc.metadata.signer).toBeNull();
    expect(doc.metadata.title).toBe('');
    expect(doc.provenance.signer?.source).toBe('user');
    // B's own clearing is not refilled by A's suggestion (A still has the issuer).
    expect(getDocument(a.db, idIn(a))!.metadata.issuer).toBe('Thủ tướng Chính phủ');
    expect(doc.metadata.issuer).toBeNull();
    // Importing the older bundle again (signer still a suggestion there) changes nothing back.
    await importBundle(b, first);
    expect(getDocument(b.db, idIn(b))!.metadata).toMatchObject({ signer: null, issuer: null, title: '' });
  });

  it('a cancelled import leaves the archive as it was', async () => {
    const out = join(tmp.dir, 'cancel.zip');
    await exportBundle(exportSourceOf(a), { ids: allDocumentIds(a.db), out });
    const d = openArchive(join(tmp.dir, 'D'));
    opened.push(d);
    const state = (): unknown => ({
      docs: d.db.prepare('SELECT count(*) FROM documents').pluck().get(),
      tags: d.db.prepare('SELECT count(*) FROM tags').pluck().get(),
      files: existsSync(d.files.root) ? readdirSync(d.files.root, { recursive: true }).length : 0,
      staging: existsSync(d.files.stagingDir) ? readdirSync(d.files.stagingDir).length : 0,
    });
    const before = state();
    for (const phase of ['verify', 'store', 'commit'] as const) {
      const ctrl = new AbortController();
      const err = await importBundle(d, out, {
        signal: ctrl.signal,
        onProgress: (p) => {
          if (p.phase === phase && p.done >= 1) ctrl.abort();
        },
      }).catch((e: unknown) => e);
      if (phase === 'commit') {
        // Once the single transaction has started the import completes; cancelling is too late.
        expect(err).toMatchObject({ added: 4 });
      } else {
        expect((err as VanKhoError).appError.code, phase).toBe('CANCELLED');
        expect(state(), phase).toEqual(before);
      }
    }
  });
});
