// Hồ sơ bundles (nộp lưu, issue 12): two hồ sơ sharing a document, exported with `export --records`
// and imported into a second, fresh archive, arrive identical — hồ sơ columns, document order,
// documents, files — and the folder per hồ sơ carries its files named "mã hồ sơ.số thứ tự", its
// Phụ lục VI metadata as XML and JSON and its mục lục, all in SHA256SUMS. A bundle whose hồ sơ
// points at a document it does not carry is refused with nothing applied; a hồ sơ that differs here
// is reported, not overwritten.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLevel } from '../../main/contract/request-context.js';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import { VanKhoError } from '../../main/core/errors/vankho-error.js';
import { exportBundle } from '../../main/core/export/export-bundle.js';
import { exportSourceOf } from '../../main/core/app/export-source.js';
import { importBundle } from '../../main/core/export/import-bundle.js';
import { splitDocumentNumber } from '../../main/core/export/record-metadata.js';
import { resolveExportSelection } from '../../main/core/export-selection.js';
import {
  addDocumentsToRecord,
  createRecord,
  recordDocuments,
  reorderRecord,
  setRecordState,
  updateRecord,
} from '../../main/core/records/records-store.js';
import { makePdf } from '../helpers/make-pdf.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { zipEntries, zipOf } from '../helpers/zip-entries.js';
import { seedArchive, snapshotArchive } from './export-seed.js';

const R1 = '000.00.00.H41.2025.01.TH';
const R2 = '000.00.00.H41.2025.02.BC';

let tmp: TempDir;
let a: Archive;
let ids: Map<string, number>;
const opened: Archive[] = [];
const fresh = (name: string): Archive => {
  const x = openArchive(join(tmp.dir, name));
  opened.push(x);
  return x;
};

/**
 * Every hồ sơ with all its stored columns (no row ids; created_by is the archive's own: an actor id
 * names an account of the archive that wrote it) and its documents' uids in order.
 */
function recordsDump(x: Archive): unknown {
  const rows = x.db.prepare('SELECT * FROM records ORDER BY code').all() as Array<Record<string, unknown>>;
  return rows.map(({ id, created_by: _by, ...cols }) => ({
    ...cols,
    documents: x.db
      .prepare(
        `SELECT x.position, d.uid FROM record_documents x JOIN documents d ON d.id = x.document_id
          WHERE x.record_id = ? ORDER BY x.position`,
      )
      .all(id as number),
  }));
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function exportRecords(from: Archive, codes: string[], out: string, includeSecret = false) {
  const resolved = resolveExportSelection(from.db, null, { kind: 'records', codes }, { includeSecret });
  const report = await exportBundle(exportSourceOf(from), {
    ids: resolved.ids,
    out,
    title: resolved.title,
    selection: resolved.selection,
    ...(resolved.records ? { records: resolved.records } : {}),
  });
  return { resolved, report };
}

beforeAll(async () => {
  tmp = await makeTempDir('vankho-bundle-records-');
  a = fresh('A');
  const pdf = async (lines: string[], pages = 1): Promise<Buffer> =>
    makePdf(Array.from({ length: pages }, (_, i) => (i === 0 ? lines : [`Trang ${i + 1}`])));
  ids = await seedArchive(
    a,
    [
      {
        uid: 'kh',
        title: 'Kế hoạch chuyển đổi số năm 2025',
        number: '12/KH-UBND',
        docType: 'Kế hoạch',
        issuer: 'UBND xã Hòa Bình',
        issuedDate: '2025-02-10',
        signer: 'Nguyễn Văn An',
        files: [
          {
            name: 'kh12.pdf',
            bytes: await pdf(['KẾ HOẠCH 12'], 2),
            mediaType: 'application/pdf',
            pages: ['KẾ HOẠCH 12', 'Trang 2'],
          },
          {
            name: 'phu-luc.txt',
            bytes: Buffer.from('Phụ lục kèm kế hoạch', 'utf8'),
            mediaType: 'text/plain',
            role: 'attachment',
            pages: ['Phụ lục kèm kế hoạch'],
          },
        ],
        fields: { number: 'user' },
      },
      {
        uid: 'qd',
        title: 'Về việc kiện toàn Ban chỉ đạo chuyển đổi số',
        number: '112/QĐ-UBND',
        docType: 'Quyết định',
        issuer: 'UBND xã Hòa Bình',
        issuedDate: '2025-03-01',
        files: [
          {
            name: 'qd112.pdf',
            bytes: await pdf(['QUYẾT ĐỊNH 112']),
            mediaType: 'application/pdf',
            pages: ['QUYẾT ĐỊNH 112'],
          },
        ],
        tags: ['Chuyển đổi số'],
      },
      {
        // In both hồ sơ.
        uid: 'bc',
        title: 'Báo cáo sơ kết 6 tháng đầu năm 2025',
        number: '50/BC-UBND',
        docType: 'Báo cáo',
        issuer: 'UBND xã Hòa Bình',
        issuedDate: '2025-07-05',
        files: [
          {
            name: 'bc50.pdf',
            bytes: await pdf(['BÁO CÁO 50'], 3),
            mediaType: 'application/pdf',
            pages: ['BÁO CÁO 50', 'Trang 2', 'Trang 3'],
          },
        ],
      },
      {
        uid: 'cv',
        title: 'Về việc nộp báo cáo',
        number: '08/2025/CV-UBND',
        docType: 'Công văn',
        issuer: 'UBND huyện',
        issuedDate: '2025-06-20',
        files: [
          {
            name: 'cv08.pdf',
            bytes: await pdf(['CÔNG VĂN 08']),
            mediaType: 'application/pdf',
            pages: ['CÔNG VĂN 08'],
          },
        ],
      },
      {
        uid: 'mat',
        title: 'Báo cáo tình hình an ninh',
        number: '03/BC-CA',
        docType: 'Báo cáo',
        issuer: 'Công an xã',
        issuedDate: '2025-04-01',
        files: [
          {
            name: 'mat.pdf',
            bytes: await pdf(['BÁO CÁO MẬT']),
            mediaType: 'application/pdf',
            pages: ['BÁO CÁO MẬT'],
          },
        ],
      },
    ],
    [{ name: 'Chuyển đổi số' }],
  );
  a.write((db) => db.prepare(`UPDATE documents SET access = 'mat', secrecy = 'mat' WHERE uid = 'mat'`).run());
  const id = (u: string): number => ids.get(u)!;
  createRecord(a, {
    code: R1,
    title: 'Hồ sơ chuyển đổi số năm 2025',
    heading: 'I. Tổng hợp',
    creator: 'Văn phòng UBND xã',
    retention: 'permanent',
    keywords: ['chuyển đổi số', 'kế hoạch'],
    physicalState: 'Tốt',
  });
  addDocumentsToRecord(a, R1, [id('bc'), id('kh'), id('qd'), id('mat')]);
  // A person's order (not by date): kept through the bundle.
  reorderRecord(a, R1, [id('qd'), id('kh'), id('mat'), id('bc')]);
  createRecord(a, { code: R2, title: 'Hồ sơ báo cáo năm 2025', retention: 10, access: 'han-che' });
  addDocumentsToRecord(a, R2, [id('cv'), id('bc')]);
  updateRecord(a, R2, { notes: 'Bản sao lưu', startDate: '01/01/2025', sheetCount: 7 });
  setRecordState(a, R2, 'closed');
});

afterAll(async () => {
  for (const x of opened) x.close();
  await tmp.cleanup();
});

describe('hồ sơ bundle (nộp lưu)', () => {
  let bundle: string;
  let entries: Map<string, Buffer>;

  beforeAll(async () => {
    bundle = join(tmp.dir, 'ho-so.zip');
    const { resolved, report } = await exportRecords(a, [R1, R2.toLowerCase()], bundle);
    expect(resolved.secretLeftOut).toBe(1);
    expect(report).toMatchObject({ records: 2, documents: 4, files: 5 });
    entries = new Map(await zipEntries(bundle));
  });

  it('lays out a folder per hồ sơ: files "mã hồ sơ.số thứ tự", XML, JSON, mục lục, all in SHA256SUMS', async () => {
    const names = [...entries.keys()].filter((n) => n.startsWith(`${R1}/`) || n.startsWith(`${R2}/`)).sort();
    expect(names).toEqual(
      [
        // R1 without the mật document: qd, kh (+ its attachment), bc — numbered 1..3 among those exported.
        `${R1}/${R1}.1.pdf`,
        `${R1}/${R1}.2.pdf`,
        `${R1}/${R1}.2 - đính kèm 1.txt`,
        `${R1}/${R1}.3.pdf`,
        `${R1}/${R1}.json`,
        `${R1}/${R1}.xml`,
        `${R1}/muc-luc-van-ban.html`,
        `${R1}/muc-luc-van-ban.xlsx`,
        // R2 by date: cv, bc (bc's bytes again, under this hồ sơ's name).
        `${R2}/${R2}.1.pdf`,
        `${R2}/${R2}.2.pdf`,
        `${R2}/${R2}.json`,
        `${R2}/${R2}.xml`,
        `${R2}/muc-luc-van-ban.html`,
        `${R2}/muc-luc-van-ban.xlsx`,
      ].sort(),
    );
    expect(entries.get(`${R2}/${R2}.2.pdf`)!.equals(entries.get(`${R1}/${R1}.3.pdf`)!)).toBe(true);
    expect([...entries.keys()].some((n) => n.startsWith('originals/'))).toBe(false);
    // SHA256SUMS: every entry but itself, each hash right.
    const sums = new Map(
      entries
        .get('SHA256SUMS')!
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => [l.slice(66), l.slice(0, 64)] as const),
    );
    expect([...sums.keys()].sort()).toEqual([...entries.keys()].filter((n) => n !== 'SHA256SUMS').sort());
    for (const [name, h] of sums) expect(h, name).toBe(sha(entries.get(name)!));

    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as {
      formatVersion: number;
      selection: unknown;
      records: Array<{ code: string; documents: string[]; folder: string; manualOrder: boolean }>;
    };
    expect(manifest.formatVersion).toBe(2);
    expect(manifest.selection).toEqual({ kind: 'records', value: `${R1} ${R2}` });
    expect(manifest.records.map((r) => [r.code, r.documents, r.manualOrder])).toEqual([
      [R1, ['qd', 'kh', 'bc'], true],
      [R2, ['cv', 'bc'], false],
    ]);
  });

  it('writes the Phụ lục VI metadata as XML and JSON, and the mục lục', async () => {
    const xml = entries.get(`${R2}/${R2}.xml`)!.toString('utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain(`<FileCode>${R2}</FileCode>`);
    expect(xml).toContain('<Maintenance>10 năm</Maintenance>');
    expect(xml).toContain('<Rights>Hạn chế</Rights>');
    expect(xml).toContain('<StartDate>2025-01-01</StartDate>');
    expect(xml).toContain('<EndDate>2025-07-05</EndDate>');
    expect(xml).toContain('<DocTotal>2</DocTotal>');
    expect(xml).toContain('<SheetTotal>7</SheetTotal>');
    expect(xml).toContain('<PageTotal>4</PageTotal>');
    expect(xml).toContain('<CodeNumber>08</CodeNumber>');
    expect(xml).toContain('<CodeNotation>CV-UBND</CodeNotation>');
    expect(xml).toContain('<OrganName>UBND huyện</OrganName>');
    expect(xml).toContain('<Subject>Về việc nộp báo cáo</Subject>');
    expect(xml).toContain(`<Name>${R2}.2.pdf</Name>`);
    expect(xml).toContain(`<Sha256>${sha(entries.get(`${R2}/${R2}.2.pdf`)!)}</Sha256>`);
    const json = JSON.parse(entries.get(`${R1}/${R1}.json`)!.toString('utf8')) as {
      File: {
        FileCode: string;
        Maintenance: string;
        Rights: string;
        KeyWord: string;
        Documents: Array<{
          DocOrdinal: number;
          Identifier: string;
          CodeNumber: string;
          PageAmount: number;
          DigitalFiles: Array<{ Name: string }>;
        }>;
      };
    };
    expect(json.File).toMatchObject({
      FileCode: R1,
      Maintenance: 'Vĩnh viễn',
      Rights: 'Công khai',
      KeyWord: 'chuyển đổi số, kế hoạch',
    });
    expect(json.File.Documents.map((d) => [d.DocOrdinal, d.Identifier, d.CodeNumber, d.PageAmount])).toEqual([
      [1, 'qd', '112', 1],
      [2, 'kh', '12', 3],
      [3, 'bc', '50', 3],
    ]);
    expect(json.File.Documents[1]!.DigitalFiles.map((f) => f.Name)).toEqual([
      `${R1}.2.pdf`,
      `${R1}.2 - đính kèm 1.txt`,
    ]);
    // Mục lục: the exported documents in the hồ sơ's order, tờ số running on.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(entries.get(`${R1}/muc-luc-van-ban.xlsx`)! as unknown as ArrayBuffer);
    const cells = (wb.worksheets[0]!.getSheetValues() as unknown[][]).flat().map(String);
    expect(cells).toContain('112/QĐ-UBND');
    expect(cells).not.toContain('03/BC-CA');
    const html = entries.get(`${R1}/muc-luc-van-ban.html`)!.toString('utf8');
    expect(html.indexOf('112/QĐ-UBND')).toBeLessThan(html.indexOf('12/KH-UBND'));
    expect(html.indexOf('12/KH-UBND')).toBeLessThan(html.indexOf('50/BC-UBND'));
  });

  it('imports into a second, fresh archive identical: hồ sơ, order, metadata, documents, files', async () => {
    const b = fresh('B');
    const report = await importBundle(b, bundle);
    expect(report).toMatchObject({ added: 4, merged: 0, skipped: 0 });
    expect(report.records.map((r) => [r.code, r.outcome, r.documentsAdded, r.conflicts])).toEqual([
      [R1, 'added', 3, []],
      [R2, 'added', 2, []],
    ]);
    // What A holds of the exported documents, without the mật one that stayed home.
    const exported = (snapshotArchive(a) as Array<{ uid: string }>).filter((d) => d.uid !== 'mat');
    expect(snapshotArchive(b)).toEqual(exported);
    const positionsWithoutMat = (dump: unknown): unknown =>
      (dump as Array<{ documents: Array<{ uid: string }> }>).map((r) => ({
        ...r,
        documents: r.documents.filter((d) => d.uid !== 'mat').map((d, i) => ({ ...d, position: i + 1 })),
      }));
    expect(recordsDump(b)).toEqual(positionsWithoutMat(recordsDump(a)));
    expect(recordDocuments(b.db, R1).map((d) => d.uid)).toEqual(['qd', 'kh', 'bc']);
    // Made here by the importer (the person at this machine by default), not by A's actor.
    expect(b.db.prepare('SELECT DISTINCT created_by FROM records').pluck().all()).toEqual(['local']);
    // The stored files are the same bytes.
    for (const f of b.db.prepare('SELECT sha256 FROM files').pluck().all() as string[])
      expect(b.files.has(f)).toBe(true);

    // Again: nothing new, nothing doubled.
    const again = await importBundle(b, bundle);
    expect(again).toMatchObject({ added: 0, merged: 0, skipped: 4 });
    expect(again.records.map((r) => r.outcome)).toEqual(['skipped', 'skipped']);
    expect(recordsDump(b)).toEqual(positionsWithoutMat(recordsDump(a)));
  });

  it('with the mật material included, the round trip is whole', async () => {
    const out = join(tmp.dir, 'ho-so-mat.zip');
    const { report } = await exportRecords(a, [R1, R2], out, true);
    expect(report.documents).toBe(5);
    const c = fresh('C');
    await importBundle(c, out);
    expect(snapshotArchive(c)).toEqual(snapshotArchive(a));
    expect(recordsDump(c)).toEqual(recordsDump(a));
  });

  it('a hồ sơ that differs here keeps its content, gains missing documents and is reported (vi/en)', async () => {
    const d = fresh('D');
    await seedArchive(d, [
      {
        uid: 'other',
        title: 'Văn bản riêng của kho này',
        issuedDate: '2025-01-05',
        files: [
          { name: 'o.txt', bytes: Buffer.from('riêng', 'utf8'), mediaType: 'text/plain', pages: ['riêng'] },
        ],
      },
    ]);
    const otherId = d.db.prepare(`SELECT id FROM documents WHERE uid = 'other'`).pluck().get() as number;
    createRecord(d, { code: R1, title: 'Tiêu đề khác ở kho này' });
    addDocumentsToRecord(d, R1, [otherId]);
    const report = await importBundle(d, bundle);
    const r1 = report.records.find((r) => r.code === R1)!;
    expect(r1.outcome).toBe('merged');
    expect(r1.documentsAdded).toBe(3);
    expect(r1.conflicts.map((c) => c.field)).toEqual(
      expect.arrayContaining(['title', 'heading', 'creator', 'keywords']),
    );
    expect(r1.conflicts.find((c) => c.field === 'title')).toEqual({
      field: 'title',
      here: 'Tiêu đề khác ở kho này',
      bundle: 'Hồ sơ chuyển đổi số năm 2025',
    });
    expect(r1.message).toMatch(
      /đã có ở kho này với nội dung khác.*\/ file .* already exists here with different content/,
    );
    const row = d.db.prepare('SELECT title FROM records WHERE code = ?').pluck().get(R1);
    expect(row).toBe('Tiêu đề khác ở kho này');
    // Its own document first (nobody reordered it here: by date), then the bundle's.
    expect(recordDocuments(d.db, R1).map((x) => x.uid)).toEqual(['other', 'kh', 'qd', 'bc']);
  });

  it('an importer brings in nothing it may not read: refused whole (vi/en), nothing applied', async () => {
    const refusal = async (
      x: Archive,
      file: string,
      readable: AccessLevel[],
    ): Promise<string | undefined> => {
      const err = await importBundle(x, file, { actor: { id: 'user:7', readable } }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(VanKhoError);
      expect((err as VanKhoError).appError.code).toBe('FORBIDDEN');
      return (err as VanKhoError).appError.detail;
    };
    const counts = (x: Archive): number[] =>
      ['documents', 'files', 'records', 'record_documents', 'import_batches'].map(
        (t) => x.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number,
      );

    // R2 is hạn chế: a reader of công khai alone gets none of the bundle.
    const g = fresh('G');
    expect(await refusal(g, bundle, ['cong-khai'])).toBe(
      'gói có 1 hồ sơ tài khoản này không được đọc (mức Hạn chế) nên không nhập gì; hãy nhờ người được ' +
        'đọc mức đó nhập gói / the bundle holds 1 file(s) this account may not read (level Restricted), so ' +
        'nothing was imported; ask someone who may read that level to import it',
    );
    expect(counts(g)).toEqual([0, 0, 0, 0, 0]);
    // The mật document of the bundle with mật material, for a reader of công khai and hạn chế.
    expect(await refusal(g, join(tmp.dir, 'ho-so-mat.zip'), ['cong-khai', 'han-che'])).toMatch(
      /^gói có 1 văn bản tài khoản này không được đọc \(mức Mật\).* \/ the bundle holds 1 document\(s\) .*\(level Confidential\)/,
    );
    expect(counts(g)).toEqual([0, 0, 0, 0, 0]);
    // Reading both levels of the bundle, it imports; the hồ sơ are the importer's.
    const report = await importBundle(g, bundle, {
      actor: { id: 'user:7', readable: ['cong-khai', 'han-che'] },
    });
    expect(report.records.map((r) => r.outcome)).toEqual(['added', 'added']);
    expect(g.db.prepare('SELECT DISTINCT created_by FROM records').pluck().all()).toEqual(['user:7']);

    // Here, the bundle's 'kh' and R1 are mật: a merge would write into what the reader cannot open.
    const h = fresh('H');
    await seedArchive(h, [
      {
        uid: 'kh',
        title: 'Kế hoạch (bản của kho này)',
        files: [
          {
            name: 'kh.txt',
            bytes: Buffer.from('kế hoạch', 'utf8'),
            mediaType: 'text/plain',
            pages: ['kế hoạch'],
          },
        ],
      },
    ]);
    h.write((db) => db.prepare(`UPDATE documents SET access = 'mat'`).run());
    createRecord(h, { code: R1, title: 'Hồ sơ mật ở kho này', access: 'mat' }, 'user:1');
    const before = counts(h);
    expect(await refusal(h, bundle, ['cong-khai', 'han-che'])).toMatch(
      /^gói có 1 văn bản \+ 1 hồ sơ tài khoản này không được đọc \(trùng với văn bản, hồ sơ ở kho này mà tài khoản không được đọc\)/,
    );
    expect(counts(h)).toEqual(before);
    expect(h.db.prepare('SELECT title FROM documents').pluck().all()).toEqual(['Kế hoạch (bản của kho này)']);
    // Someone who reads mật merges it: R1 keeps its maker here.
    const merged = await importBundle(h, bundle);
    expect(merged.records.find((r) => r.code === R1)?.outcome).toBe('merged');
    expect(h.db.prepare('SELECT created_by FROM records WHERE code = ?').pluck().get(R1)).toBe('user:1');
  });

  it('refuses a bundle whose hồ sơ lists a document it does not carry, applying nothing', async () => {
    const list = await zipEntries(bundle);
    const m = JSON.parse(list.find(([n]) => n === 'manifest.json')![1].toString('utf8')) as {
      records: Array<{ documents: string[] }>;
    };
    m.records[1]!.documents.push('not-in-bundle');
    const manifest = Buffer.from(JSON.stringify(m));
    const rebuilt = list
      .filter(([n]) => n !== 'SHA256SUMS')
      .map(([n, buf]): [string, Buffer] => [n, n === 'manifest.json' ? manifest : buf]);
    const file = join(tmp.dir, 'missing-doc.zip');
    writeFileSync(file, await zipOf(rebuilt));
    const e = fresh('E');
    const err = await importBundle(e, file).then(
      () => null,
      (x: unknown) => x,
    );
    expect(err).toBeInstanceOf(VanKhoError);
    expect((err as VanKhoError).appError.code).toBe('BUNDLE_INVALID');
    expect((err as VanKhoError).appError.detail).toBe(
      `hồ sơ ${R2} kê văn bản not-in-bundle không có trong gói / file ${R2} lists document not-in-bundle, which the bundle does not hold`,
    );
    for (const t of ['documents', 'files', 'records', 'record_documents', 'import_batches'])
      expect(e.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
  });

  it('refuses a bundle naming a hồ sơ twice, or a document twice in one hồ sơ, applying nothing', async () => {
    const list = await zipEntries(bundle);
    const original = JSON.parse(list.find(([n]) => n === 'manifest.json')![1].toString('utf8')) as {
      records: Array<{ code: string; documents: string[] }>;
    };
    const cases: Array<[(m: typeof original) => void, string]> = [
      [
        (m) => m.records.push({ ...m.records[0]!, code: m.records[0]!.code.toLowerCase() }),
        `hồ sơ ${R1.toLowerCase()} có hai lần trong gói / file ${R1.toLowerCase()} is listed twice`,
      ],
      [
        (m) => m.records[0]!.documents.push(m.records[0]!.documents[0]!),
        `hồ sơ ${R1} kê văn bản qd hai lần / file ${R1} lists document qd twice`,
      ],
    ];
    for (const [change, detail] of cases) {
      const m = structuredClone(original);
      change(m);
      const file = join(tmp.dir, `case-${cases.findIndex((c) => c[1] === detail)}.zip`);
      writeFileSync(
        file,
        await zipOf(
          list
            .filter(([n]) => n !== 'SHA256SUMS')
            .map(([n, buf]): [string, Buffer] => [
              n,
              n === 'manifest.json' ? Buffer.from(JSON.stringify(m)) : buf,
            ]),
        ),
      );
      const e = fresh(`F${cases.findIndex((c) => c[1] === detail)}`);
      const err = (await importBundle(e, file).then(
        () => null,
        (x: unknown) => x,
      )) as VanKhoError | null;
      expect(err?.appError.code).toBe('BUNDLE_INVALID');
      expect(err?.appError.detail).toBe(detail);
      for (const t of ['documents', 'records', 'record_documents'])
        expect(e.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
    }
  });

  it('refuses a mật hồ sơ unless mật material is included, and an unknown mã', () => {
    createRecord(a, { code: '000.00.00.H41.2025.03.MAT', title: 'Hồ sơ mật', access: 'mat' });
    addDocumentsToRecord(a, '000.00.00.H41.2025.03.MAT', [ids.get('qd')!]);
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (x) {
        return (x as VanKhoError).appError.code;
      }
      return undefined;
    };
    expect(
      code(() =>
        resolveExportSelection(a.db, null, { kind: 'records', codes: ['000.00.00.H41.2025.03.MAT'] }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      resolveExportSelection(
        a.db,
        null,
        { kind: 'records', codes: ['000.00.00.H41.2025.03.MAT'] },
        { includeSecret: true },
      ).ids,
    ).toEqual([ids.get('qd')]);
    expect(
      code(() => resolveExportSelection(a.db, null, { kind: 'records', codes: ['000.00.00.X.2025.99'] })),
    ).toBe('NOT_FOUND');
  });

  it('`vankho export --records <code…>` writes the same bundle from the command line', async () => {
    a.close();
    opened.splice(opened.indexOf(a), 1);
    const out = join(tmp.dir, 'cli.zip');
    const r = await runCliInProcess([
      '--archive',
      join(tmp.dir, 'A'),
      '--json',
      'export',
      '--records',
      R1,
      R2,
      '--out',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, records: 2, documents: 4, secretLeftOut: 1 });
    const names = (await zipEntries(out)).map(([n]) => n);
    expect(names).toContain(`${R1}/${R1}.xml`);
    expect(names).toContain(`${R2}/${R2}.2.pdf`);
    const human = await runCliInProcess([
      '--archive',
      join(tmp.dir, 'A'),
      'export',
      '--records',
      R2,
      '--out',
      join(tmp.dir, 'cli2.zip'),
    ]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Đã xuất 1 hồ sơ, 2 văn bản');
    a = fresh('A');
  });

  it('splits document numbers into CodeNumber and CodeNotation', () => {
    expect(splitDocumentNumber('08/2022/QĐ-TTg')).toEqual({ codeNumber: '08', codeNotation: 'QĐ-TTg' });
    expect(splitDocumentNumber('04-CTr/HU')).toEqual({ codeNumber: '04', codeNotation: 'CTr/HU' });
    expect(splitDocumentNumber('112/QĐ-UBND')).toEqual({ codeNumber: '112', codeNotation: 'QĐ-UBND' });
    expect(splitDocumentNumber('Hướng dẫn')).toEqual({ codeNumber: '', codeNotation: 'Hướng dẫn' });
    expect(splitDocumentNumber(null)).toEqual({ codeNumber: '', codeNotation: '' });
  });
});
