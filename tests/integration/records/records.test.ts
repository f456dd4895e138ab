// Hồ sơ on a real archive file: codes, a document in two hồ sơ, chronological and manual order,
// derived dates and page counts with overrides, states, and the mục lục / danh mục read back from the
// XLSX and HTML written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../main/core/archive/archive.js';
import { trashDocuments } from '../../../main/core/archive/trash.js';
import { addDocumentTrashHooks } from '../../../main/core/open-vankho.js';
import { exportRecordContents, exportRecordList } from '../../../main/core/records/record-lists.js';
import {
  addDocumentsToRecord,
  createRecord,
  getRecord,
  listRecords,
  parseRecordCode,
  parseRetention,
  recordDocuments,
  recordsOfDocument,
  removeDocumentsFromRecord,
  reorderRecord,
  setRecordState,
  updateRecord,
} from '../../../main/core/records/records-store.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { seedArchive } from '../export-seed.js';

let tmp: TempDir;
let a: Archive;
let ids: Map<string, number>;
const id = (uid: string): number => ids.get(uid)!;

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { appError?: { code: string } }).appError?.code ?? String(e);
  }
};

beforeAll(async () => {
  tmp = await makeTempDir('vankho-records-');
  a = openArchive(join(tmp.dir, 'kho'));
  addDocumentTrashHooks(a);
  ids = await seedArchive(a, [
    // Filed out of date order on purpose: the hồ sơ puts them in date order.
    {
      uid: 'bc',
      title: 'Báo cáo sơ kết 6 tháng đầu năm 2025',
      number: '50/BC-UBND',
      docType: 'Báo cáo',
      issuer: 'UBND xã Hòa Bình',
      issuedDate: '2025-07-05',
      pageCount: 6,
      files: [],
    },
    {
      uid: 'qd',
      title: 'Về việc kiện toàn Ban chỉ đạo chuyển đổi số',
      number: '112/QĐ-UBND',
      docType: 'Quyết định',
      issuer: 'UBND xã Hòa Bình',
      issuedDate: '2025-03-10',
      pageCount: 3,
      files: [],
    },
    {
      uid: 'kh',
      title: 'Kế hoạch chuyển đổi số năm 2025',
      number: '20/KH-UBND',
      docType: 'Kế hoạch',
      issuer: 'UBND xã Hòa Bình',
      issuedDate: '2025-01-15',
      pageCount: 4,
      files: [],
    },
    {
      uid: 'cv',
      title: 'V/v góp ý dự thảo',
      number: '7/UBND-VP',
      docType: 'Công văn',
      issuer: 'UBND xã Hòa Bình',
      issuedDate: '2025-09-01',
      pageCount: null,
      files: [],
    },
  ]);
});
afterAll(async () => {
  a.close();
  await tmp.cleanup();
});

describe('mã hồ sơ, thời hạn', () => {
  it('splits organ code, year and ký hiệu hồ sơ, and refuses a code without them', () => {
    expect(parseRecordCode(' 000.00.00.H41.2025.01.TH ')).toEqual({
      code: '000.00.00.H41.2025.01.TH',
      organCode: '000.00.00.H41',
      year: 2025,
      notation: '01.TH',
    });
    expect(codeOf(() => parseRecordCode('H41.01.TH'))).toBe('INVALID_INPUT');
    expect(codeOf(() => parseRecordCode('2025.01'))).toBe('INVALID_INPUT');
    expect(codeOf(() => parseRecordCode('H41.2025'))).toBe('INVALID_INPUT');
    expect(parseRetention('permanent')).toBe('permanent');
    expect(parseRetention('Vĩnh viễn')).toBe('permanent');
    expect(parseRetention('10')).toBe(10);
    expect(parseRetention('20 năm')).toBe(20);
    expect(codeOf(() => parseRetention('0'))).toBe('INVALID_INPUT');
  });

  it('keeps the code unique (also in another case)', () => {
    createRecord(a, { code: 'H41.2024.99', title: 'Hồ sơ thử' });
    expect(codeOf(() => createRecord(a, { code: 'h41.2024.99', title: 'Lần hai' }))).toBe('INVALID_INPUT');
    expect(getRecord(a.db, 'h41.2024.99').title).toBe('Hồ sơ thử');
  });
});

describe('a hồ sơ and its documents', () => {
  it('orders documents chronologically, derives dates and page counts, and lets a person override', () => {
    const r = createRecord(a, {
      code: 'H41.2025.01.TH',
      title: 'Hồ sơ chuyển đổi số năm 2025',
      heading: 'I. TỔNG HỢP',
      creator: 'Văn phòng',
      retention: 10,
      access: 'han-che',
      keywords: ['chuyển đổi số', 'kế hoạch'],
    });
    expect(r).toMatchObject({
      state: 'open',
      documentCount: 0,
      startDate: null,
      pageCount: null,
      retention: 10,
    });
    const added = addDocumentsToRecord(a, r.code, [id('bc'), id('qd'), id('kh'), id('kh')]);
    expect(added.added).toEqual([id('bc'), id('qd'), id('kh')]);
    expect(recordDocuments(a.db, r.code).map((d) => d.number)).toEqual([
      '20/KH-UBND',
      '112/QĐ-UBND',
      '50/BC-UBND',
    ]);
    expect(added.record).toMatchObject({
      documentCount: 3,
      startDate: '2025-01-15',
      endDate: '2025-07-05',
      pageCount: 13,
      sheetCount: 13,
      documentsWithoutPageCount: 0,
      keywords: ['chuyển đổi số', 'kế hoạch'],
    });
    // Adding again leaves it as it is.
    expect(addDocumentsToRecord(a, r.code, [id('qd')])).toMatchObject({ added: [], already: [id('qd')] });

    const set = updateRecord(a, r.code, { startDate: '01/01/2025', sheetCount: 7 });
    expect(set).toMatchObject({
      startDate: '2025-01-01',
      startDateSet: true,
      endDate: '2025-07-05',
      sheetCount: 7,
    });
    expect(set.pageCount).toBe(13);
    expect(updateRecord(a, r.code, { startDate: null, sheetCount: null })).toMatchObject({
      startDate: '2025-01-15',
      startDateSet: false,
      sheetCount: 13,
    });
  });

  it('holds one document in two hồ sơ without copying it; a removed or deleted document leaves both', () => {
    const other = createRecord(a, {
      code: 'H41.2025.02.KH',
      title: 'Hồ sơ kế hoạch',
      heading: 'II. KẾ HOẠCH',
    });
    addDocumentsToRecord(a, other.code, [id('kh'), id('cv')]);
    expect(recordsOfDocument(a.db, id('kh'))).toEqual(['H41.2025.01.TH', 'H41.2025.02.KH']);
    expect(a.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(4);
    expect(getRecord(a.db, other.code)).toMatchObject({ pageCount: 4, documentsWithoutPageCount: 1 });

    removeDocumentsFromRecord(a, other.code, [id('kh')]);
    expect(recordDocuments(a.db, other.code).map((d) => [d.position, d.number])).toEqual([[1, '7/UBND-VP']]);
    expect(recordsOfDocument(a.db, id('kh'))).toEqual(['H41.2025.01.TH']);
  });

  it('keeps a person’s order; new documents then go last; chronological order can come back', () => {
    const code = 'H41.2025.01.TH';
    const [kh, qd, bc] = [id('kh'), id('qd'), id('bc')];
    expect(codeOf(() => reorderRecord(a, code, [bc, kh]))).toBe('INVALID_INPUT');
    expect(reorderRecord(a, code, [bc, kh, qd]).map((d) => d.documentId)).toEqual([bc, kh, qd]);
    addDocumentsToRecord(a, code, [id('cv')]);
    expect(recordDocuments(a.db, code).map((d) => [d.position, d.documentId])).toEqual([
      [1, bc],
      [2, kh],
      [3, qd],
      [4, id('cv')],
    ]);
    expect(reorderRecord(a, code, null).map((d) => d.documentId)).toEqual([kh, qd, bc, id('cv')]);
    removeDocumentsFromRecord(a, code, [id('cv')]);
  });

  it('closes: a closed hồ sơ keeps its documents; it reopens, or is handed over for good', () => {
    const code = 'H41.2025.02.KH';
    expect(setRecordState(a, code, 'closed')).toMatchObject({ state: 'closed' });
    expect(getRecord(a.db, code).closedAt).not.toBeNull();
    expect(codeOf(() => addDocumentsToRecord(a, code, [id('qd')]))).toBe('INVALID_INPUT');
    expect(setRecordState(a, code, 'open').state).toBe('open');
    setRecordState(a, code, 'closed');
    expect(setRecordState(a, code, 'archived').state).toBe('archived');
    expect(codeOf(() => setRecordState(a, code, 'open'))).toBe('INVALID_INPUT');
  });

  it('writes the mục lục in the hồ sơ’s order with tờ số running on, as XLSX and HTML', async () => {
    const code = 'H41.2025.01.TH';
    const x = await exportRecordContents(a.db, code, join(tmp.dir, 'muc-luc.xlsx'));
    expect(x).toMatchObject({ format: 'xlsx', rows: 3 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(x.out);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('MỤC LỤC VĂN BẢN');
    expect(ws.getCell('A2').value).toBe('Hồ sơ số H41.2025.01.TH: Hồ sơ chuyển đổi số năm 2025');
    expect(String(ws.getCell('A3').value)).toContain('Thời hạn bảo quản: 10 năm');
    expect(String(ws.getCell('A3').value)).toContain('Mức độ tiếp cận: Hạn chế');
    expect(ws.getCell('B5').value).toBe('Số, ký hiệu văn bản');
    // Empty trailing cells read back as missing.
    const row = (n: number): unknown[] => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(6)).toEqual([
      1,
      '20/KH-UBND',
      '15/01/2025',
      'Kế hoạch chuyển đổi số năm 2025',
      'UBND xã Hòa Bình',
      '1–4',
    ]);
    expect(row(7)).toEqual([
      2,
      '112/QĐ-UBND',
      '10/03/2025',
      'Quyết định về việc kiện toàn Ban chỉ đạo chuyển đổi số',
      'UBND xã Hòa Bình',
      '5–7',
    ]);
    expect(row(8)[5]).toBe('8–13');

    const h = await exportRecordContents(a.db, code, join(tmp.dir, 'muc-luc.html'));
    const html = readFileSync(h.out, 'utf8');
    expect(html).toContain('<h1>MỤC LỤC VĂN BẢN</h1>');
    expect(html.indexOf('20/KH-UBND')).toBeLessThan(html.indexOf('112/QĐ-UBND'));
    expect(html.indexOf('112/QĐ-UBND')).toBeLessThan(html.indexOf('50/BC-UBND'));
    expect(html).toContain('<td class="c">8–13</td>');
    expect(html.normalize('NFC')).toBe(html);
    await expect(exportRecordContents(a.db, code, h.out)).rejects.toMatchObject({
      appError: { code: 'INVALID_INPUT' },
    });
  });

  it('leaves tờ số empty from a document without a page count on', async () => {
    createRecord(a, { code: 'H41.2025.03', title: 'Hồ sơ công văn' });
    addDocumentsToRecord(a, 'H41.2025.03', [id('cv'), id('bc')]);
    const h = await exportRecordContents(a.db, 'H41.2025.03', join(tmp.dir, 'cv.html'));
    const html = readFileSync(h.out, 'utf8');
    expect(html).toContain('1 văn bản chưa rõ số trang');
    expect(html).toMatch(/<td class="c">1–6<\/td>[\s\S]*7\/UBND-VP[\s\S]*<td class="c"><\/td>/);
  });

  it('writes the danh mục hồ sơ of a year by đề mục', async () => {
    expect(listRecords(a.db, { year: 2025 }).map((r) => r.code)).toEqual([
      'H41.2025.03',
      'H41.2025.01.TH',
      'H41.2025.02.KH',
    ]);
    const x = await exportRecordList(a.db, 2025, join(tmp.dir, 'danh-muc.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(x.out);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('DANH MỤC HỒ SƠ NĂM 2025');
    const values = (n: number): unknown[] => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(3)[0]).toBe('Số và ký hiệu hồ sơ');
    expect(values(4)[0]).toBe('Chưa xếp đề mục / no heading');
    expect(values(5)).toEqual(['H41.2025.03', 'Hồ sơ công văn', 'Vĩnh viễn']);
    expect(values(6)[0]).toBe('I. TỔNG HỢP');
    expect(values(7)).toEqual([
      'H41.2025.01.TH',
      'Hồ sơ chuyển đổi số năm 2025',
      '10 năm',
      'Văn phòng',
      'Hạn chế',
    ]);
    expect(values(8)[0]).toBe('II. KẾ HOẠCH');
    const h = await exportRecordList(a.db, 2025, join(tmp.dir, 'danh-muc.html'));
    expect(readFileSync(h.out, 'utf8')).toContain('<tr class="group"><td colspan="5">II. KẾ HOẠCH</td></tr>');
  });

  it('drops a document moved to the trash from its hồ sơ (the derived values follow)', () => {
    trashDocuments(a, [id('bc')]);
    expect(getRecord(a.db, 'H41.2025.01.TH')).toMatchObject({
      documentCount: 2,
      endDate: '2025-03-10',
      pageCount: 7,
    });
  });
});
