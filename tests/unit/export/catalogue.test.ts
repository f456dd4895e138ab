import { describe, expect, it } from 'vitest';
import { catalogueCsvChunks, csvCell } from '../../../main/core/export/catalogue-csv.js';
import { catalogueHtmlChunks, escapeHtml } from '../../../main/core/export/catalogue-html.js';
import {
  catalogueRows,
  catalogueSummary,
  formatVietnameseDate,
} from '../../../main/core/export/catalogue-rows.js';

const base = { issuer: 'UBND tỉnh', pageCount: 2, notes: '', file: 'originals/a.pdf' };

describe('Mục lục văn bản', () => {
  it('orders rows chronologically (undated last) and numbers them', () => {
    const rows = catalogueRows([
      { ...base, number: '3/KH', issuedDate: null, docType: 'Kế hoạch', title: 'Triển khai' },
      {
        ...base,
        number: '2/QĐ',
        issuedDate: '2023-05-01',
        docType: 'Quyết định',
        title: 'Về việc khen thưởng',
      },
      { ...base, number: '1/CT', issuedDate: '2021-12-31', docType: null, title: 'Chỉ thị về phòng chống' },
    ]);
    expect(rows.map((r) => [r.stt, r.number, r.date])).toEqual([
      [1, '1/CT', '31/12/2021'],
      [2, '2/QĐ', '01/05/2023'],
      [3, '3/KH', ''],
    ]);
    expect(rows[1]!.summary).toBe('Quyết định về việc khen thưởng');
    expect(rows[2]!.summary).toBe('Kế hoạch: Triển khai');
  });

  it('writes type and summary the way the catalogue reads', () => {
    expect(catalogueSummary('Quyết định', 'Về việc ban hành quy chế')).toBe(
      'Quyết định về việc ban hành quy chế',
    );
    expect(catalogueSummary('Quyết định', 'Quyết định ban hành quy chế')).toBe('Quyết định ban hành quy chế');
    expect(catalogueSummary(null, 'Báo cáo')).toBe('Báo cáo');
    expect(catalogueSummary('Thông báo', '')).toBe('Thông báo');
    expect(formatVietnameseDate('2022-03-28')).toBe('28/03/2022');
  });

  it('CSV: BOM, CRLF, quoting, NFC, no formula injection', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "x"')).toBe('"say ""x"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('Quye\u0302\u0301t')).toBe('Quyết');
    const text = [
      ...catalogueCsvChunks(
        catalogueRows([{ ...base, number: '1', issuedDate: null, docType: null, title: 'dòng 1\ndòng 2' }]),
      ),
    ].join('');
    expect(text.startsWith('\ufeffSTT,')).toBe(true);
    expect(text).toContain('\r\n1,1,,UBND tỉnh,"dòng 1\ndòng 2",2,,originals/a.pdf\r\n');
  });

  it('HTML: escaped, A4 landscape print CSS, Vietnamese title block, no script', () => {
    const rows = catalogueRows([
      {
        ...base,
        number: '<b>',
        issuedDate: '2020-01-01',
        docType: null,
        title: '"><script>alert(1)</script>',
      },
    ]);
    const html = [
      ...catalogueHtmlChunks(rows, {
        title: 'Hồ sơ & tài liệu',
        exportedAt: '2026-11-26T10:00:00Z',
        documentCount: 1,
      }),
    ].join('');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('@page { size: A4 landscape;');
    expect(html).toContain('<h1>MỤC LỤC VĂN BẢN</h1>');
    expect(html).toContain('Hồ sơ &amp; tài liệu');
    expect(html).toContain('Lập ngày 26/11/2026');
    expect(html).toContain('&lt;b&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain("default-src 'none'");
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});
