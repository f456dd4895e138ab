import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import { allDocumentIds } from '../../main/core/archive/documents-repo.js';
import { bundleRowsOf } from '../../main/core/archive/bundle-rows.js';
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
    const x = await exportCatalogue(bundleRowsOf(a.db), {
      ids,
      out: join(tmp.dir, 'muc-luc.xlsx'),
      title: 'Hồ sơ số 05',
    });
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

    const c = await exportCatalogue(bundleRowsOf(a.db), { ids, out: join(tmp.dir, 'muc-luc.csv') });
    const csv = readFileSync(c.out, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('2,50/BC-UBND,05/07/2024,UBND xã Hòa Bình,Báo cáo sơ kết 6 tháng,,Bản sao,\r\n');

    const h = await exportCatalogue(bundleRowsOf(a.db), { ids, out: join(tmp.dir, 'muc-luc.html') });
    expect(readFileSync(h.out, 'utf8')).toContain('<td>112/QĐ-UBND</td>');

    await expect(exportCatalogue(bundleRowsOf(a.db), { ids, out: c.out })).rejects.toMatchObject({
      appError: { code: 'INVALID_INPUT' },
    });
    expect(
      readdirSync(tmp.dir)
        .filter((n) => n.startsWith('muc-luc') || n === 'A')
        .sort(),
    ).toEqual(['A', 'muc-luc.csv', 'muc-luc.html', 'muc-luc.xlsx']);
  });
});

describe('printed HTML catalogue (issue 16, defect 10)', () => {
  it('breaks long file names only after separators, keeps the full name, marks a missing page count', async () => {
    const longName = 'Quyet_dinh_so_112-QD-UBND_ve_viec_kien_toan_Ban_chi_dao_phong_chong_thien_tai.docx';
    const b = openArchive(join(tmp.dir, 'B'));
    try {
      await seedArchive(b, [
        {
          title: 'Về việc kiện toàn',
          number: '112/QĐ-UBND',
          docType: 'Quyết định',
          issuer: 'UBND xã Hòa Bình',
          issuedDate: '2024-06-30',
          files: [
            { name: longName, bytes: Buffer.from('PK not really'), mediaType: 'application/octet-stream' },
          ],
        },
      ]);
      const h = await exportCatalogue(bundleRowsOf(b.db), {
        ids: allDocumentIds(b.db),
        out: join(tmp.dir, 'long.html'),
      });
      const html = readFileSync(h.out, 'utf8');
      const cell = /<td class="f" title="([^"]*)">(.*?)<\/td>/u.exec(html);
      expect(cell?.[1]).toContain(longName);
      // Every piece between break points ends at a separator, so no name is cut letter by letter.
      const pieces = cell![2]!.split('<wbr>');
      expect(pieces.length).toBeGreaterThan(8);
      for (const p of pieces.slice(0, -1)) expect(p).toMatch(/[/\\_\-.\s]$/u);
      expect(pieces.join('')).toContain(longName);
      expect(html).toContain('<td class="c">—*</td>');
      expect(html).toContain('Không có số trang trong tệp');
    } finally {
      b.close();
    }
    const full = await exportCatalogue(bundleRowsOf(a.db), {
      ids: [allDocumentIds(a.db)[0]!],
      out: join(tmp.dir, 'one.html'),
    });
    expect(readFileSync(full.out, 'utf8')).not.toContain('Không có số trang trong tệp');
  });
});
