import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import { allDocumentIds } from '../../main/core/export/collect-bundle-data.js';
import { exportCatalogue } from '../../main/core/export/export-catalogue.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { seedArchive } from './export-seed.js';

let tmp: TempDir;
let a: Archive;

beforeAll(async () => {
  tmp = await makeTempDir('vankho-catalogue-');
  a = openArchive(join(tmp.dir, 'A'));
  await seedArchive(a, [
    {
      title: 'Về việc kiện toàn Ban chỉ đạo',
      number: '112/QĐ-UBND',
      docType: 'Quyết định',
      issuer: 'UBND xã Hòa Bình',
      issuedDate: '2024-06-30',
      pageCount: 4,
      files: [{ name: 'qđ 112.pdf', bytes: Buffer.from('%PDF-1.4 x'), mediaType: 'application/pdf' }],
    },
    {
      title: 'Báo cáo sơ kết 6 tháng',
      number: '50/BC-UBND',
      docType: 'Báo cáo',
      issuer: 'UBND xã Hòa Bình',
      issuedDate: '2024-07-05',
      notes: 'Bản sao',
      files: [],
    },
  ]);
});
afterAll(async () => {
  a.close();
  await tmp.cleanup();
});

describe('catalogue-only export', () => {
  it('writes XLSX, CSV and HTML files named by extension, atomically', async () => {
    const ids = allDocumentIds(a.db);
    const x = await exportCatalogue(a.db, { ids, out: join(tmp.dir, 'muc-luc.xlsx'), title: 'Hồ sơ số 05' });
    expect(x).toMatchObject({ format: 'xlsx', documents: 2 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(x.out);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A2').value).toBe('Hồ sơ số 05');
    expect(ws.getRow(5).values).toEqual([
      undefined,
      1,
      '112/QĐ-UBND',
      '30/06/2024',
      'UBND xã Hòa Bình',
      'Quyết định về việc kiện toàn Ban chỉ đạo',
      4,
      undefined,
      'qđ 112.pdf',
    ]);

    const c = await exportCatalogue(a.db, { ids, out: join(tmp.dir, 'muc-luc.csv') });
    const csv = readFileSync(c.out, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('2,50/BC-UBND,05/07/2024,UBND xã Hòa Bình,Báo cáo sơ kết 6 tháng,,Bản sao,\r\n');

    const h = await exportCatalogue(a.db, { ids, out: join(tmp.dir, 'muc-luc.html') });
    expect(readFileSync(h.out, 'utf8')).toContain('<td>112/QĐ-UBND</td>');

    await expect(exportCatalogue(a.db, { ids, out: c.out })).rejects.toMatchObject({
      appError: { code: 'INVALID_INPUT' },
    });
    expect(readdirSync(tmp.dir).sort()).toEqual(['A', 'muc-luc.csv', 'muc-luc.html', 'muc-luc.xlsx']);
  });
});
