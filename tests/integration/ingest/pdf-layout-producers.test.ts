import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile } from '../../../main/core/ingest/extract-file.js';
import { headerProblems, signProblems, textLines } from '../../helpers/layout-checks.js';
import { makePlacedPdf } from '../../helpers/make-pdf.js';
import { officePdfPages, officeTruth, type OfficeDoc, type PdfLayout } from '../../helpers/office-layout.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

// PDFs laid out like office documents but written the way other producers write them: the header
// and end tables row by row across both columns (OCR text layers, PDF printers), words placed one
// by one, columns at other widths. The text must come out in the linearised order all the same.

const BODY = [
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
  'Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính',
  'phủ về kiểm soát thủ tục hành chính; Theo đề nghị của Giám đốc Sở',
  'Tài chính tại Tờ trình số 4943/TTr-STC ngày 04 tháng 11 năm 2025.¶',
  'Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính',
  'sửa đổi, bổ sung trong lĩnh vực đầu tư bằng nguồn vốn hỗ trợ phát',
  'triển chính thức thuộc thẩm quyền giải quyết của Ủy ban nhân dân tỉnh.¶',
  'Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.¶',
];

const DECISION: OfficeDoc = {
  issuer: ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG TRỊ'],
  number: 'Số: 2709/QĐ-UBND',
  motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
  date: 'Quảng Trị, ngày 18 tháng 11 năm 2025',
  heading: 'QUYẾT ĐỊNH',
  title: ['CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH SỬA ĐỔI, BỔ SUNG', 'TRONG LĨNH VỰC ĐẦU TƯ'],
  body: BODY,
  recipients: [
    'Nơi nhận:',
    '- Như Điều 3;',
    '- Cục Kiểm soát TTHC, VPCP;',
    '- Chủ tịch, các PCT UBND tỉnh;',
    '- Lưu: VT, TTPVHCC.',
  ],
  sign: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
  signer: 'Hoàng Nam',
};

const LETTER: OfficeDoc = {
  issuer: ['BỘ TÀI CHÍNH', 'CỤC HẢI QUAN'],
  number: 'Số: 38162/CHQ-GSQL',
  vv: ['V/v hướng dẫn thủ tục hải quan', 'đối với hàng hóa nhập khẩu'],
  motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
  date: 'Hà Nội, ngày 25 tháng 11 năm 2025',
  body: BODY.slice(4),
  recipients: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, GSQL (03b).'],
  sign: ['TL. CỤC TRƯỞNG', 'KT. TRƯỞNG BAN GIÁM SÁT QUẢN LÝ', 'PHÓ TRƯỞNG BAN'],
  signer: 'Nguyễn Bắc Hải',
};

/** The right column longer than the left: one issuer line, "Số" right under it. */
const SHORT_LEFT: OfficeDoc = {
  ...DECISION,
  issuer: ['CHÍNH PHỦ'],
  ruleRow: false,
  number: 'Số: 87/2025/NĐ-CP',
  // Three lines on the right (motto, motto, date) beside two on the left.
  date: 'Hà Nội, ngày 11 tháng 4 năm 2025',
  heading: 'NGHỊ ĐỊNH',
  title: ['QUY ĐỊNH VIỆC GIẢM TIỀN THUÊ ĐẤT NĂM 2024'],
  sign: ['TM. CHÍNH PHỦ', 'KT. THỦ TƯỚNG', 'PHÓ THỦ TƯỚNG'],
  signer: 'Trần Hồng Hà',
};

const STANDARD: Pick<PdfLayout, 'left' | 'right' | 'body'> = {
  left: { x: 60, width: 210 },
  right: { x: 275, width: 290 },
  body: { x: 80, width: 460 },
};
/** A narrow left column and a wide right one, the gutter well left of the page centre. */
const NARROW_LEFT: Pick<PdfLayout, 'left' | 'right' | 'body'> = {
  left: { x: 30, width: 165 },
  right: { x: 215, width: 360 },
  body: { x: 60, width: 470 },
};

const CASES: Array<[string, OfficeDoc, PdfLayout]> = [
  ['rows written across both columns', DECISION, { ...STANDARD, order: 'rows' }],
  ['rows, every word placed on its own (OCR-like)', DECISION, { ...STANDARD, order: 'rows', words: true }],
  ['a công văn with V/v lines, rows', LETTER, { ...STANDARD, order: 'rows' }],
  ['a narrow left column, rows, words placed', LETTER, { ...NARROW_LEFT, order: 'rows', words: true }],
  ['a narrow left column, cell after cell', DECISION, { ...NARROW_LEFT, order: 'columns' }],
  ['the right column longer than the left, rows', SHORT_LEFT, { ...STANDARD, order: 'rows' }],
  [
    'the right column longer than the left, words placed',
    SHORT_LEFT,
    { ...NARROW_LEFT, order: 'rows', words: true },
  ],
  ['the end table on a page of its own, rows', DECISION, { ...STANDARD, order: 'rows', bodyLinesPerPage: 5 }],
];

describe('PDF layout of other producers', () => {
  let tmp: TempDir;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-pdf-layout-');
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  async function extract(pages: Parameters<typeof makePlacedPdf>[0], name: string): Promise<string[]> {
    const path = join(tmp.dir, `${name}.pdf`);
    writeFileSync(path, await makePlacedPdf(pages));
    const r = await extractFile(path, 'pdf');
    expect(r.status).toBe('ok');
    expect(r.pageCount).toBe(pages.length);
    return r.pages;
  }

  it.each(CASES)('%s: header, body and end block in reading order', async (name, doc, layout) => {
    const placed = officePdfPages(doc, layout);
    const pages = await extract(placed, name.replace(/\W+/g, '-'));
    expect(pages.length).toBe(placed.length);
    const truth = officeTruth(doc);
    expect(headerProblems(pages[0]!, truth)).toEqual([]);
    expect(signProblems(pages, truth)).toEqual([]);
    // Justified body lines are not split at their word gaps, nor joined to a column.
    const lines = new Set(pages.flatMap(textLines));
    for (const l of doc.body) expect(lines, l).toContain(l.replace(/¶$/, ''));
    if (layout.bodyLinesPerPage) {
      expect(pages[0]).not.toContain('Nơi nhận');
      expect(pages[pages.length - 1]).toContain('Nơi nhận');
    }
  });

  it('keeps a two-column data table in the body row by row', async () => {
    const rows = [
      ['1', 'Xây dựng kế hoạch chuyển đổi số'],
      ['2', 'Rà soát thủ tục hành chính'],
      ['3', 'Tổng hợp, báo cáo kết quả'],
    ];
    const page = [
      { text: 'Các nhiệm vụ cụ thể như sau:', x: 80, y: 80 },
      ...rows.flatMap(([n, task], i) => [
        { text: n!, x: 90, y: 110 + i * 20 },
        { text: task!, x: 160, y: 110 + i * 20 },
      ]),
      { text: 'Giao Sở Tài chính theo dõi, đôn đốc thực hiện.', x: 80, y: 180 },
    ];
    const [text] = await extract([page], 'data-table');
    const lines = textLines(text!);
    expect(lines[0]).toBe('Các nhiệm vụ cụ thể như sau:');
    // Each row's cells stay together (not all numbers first, then all tasks).
    for (const [n, task] of rows) expect(lines).toContain(`${n} ${task}`);
    expect(lines[lines.length - 1]).toBe('Giao Sở Tài chính theo dõi, đôn đốc thực hiện.');
  });

  it('reads a header whose cells are one string padded with spaces', async () => {
    const page = [
      { text: 'ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', x: 60, y: 50 },
      { text: 'TỈNH SƠN LA                      Độc lập - Tự do - Hạnh phúc', x: 70, y: 67 },
      { text: 'Số: 2929/QĐ-UBND            Sơn La, ngày 18 tháng 11 năm 2025', x: 62, y: 100 },
      { text: 'QUYẾT ĐỊNH', x: 260, y: 140 },
      { text: 'VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH', x: 140, y: 157 },
    ];
    const [text] = await extract([page], 'padded');
    expect(
      headerProblems(text!, {
        type: 'Quyết định',
        issuer_header: 'ỦY BAN NHÂN DÂN TỈNH SƠN LA',
        place: 'Sơn La',
        summary: 'VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH',
        sign_block: [],
        signer: '',
      }),
    ).toEqual([]);
  });

  it('leaves a page without a header table in plain reading order', async () => {
    const page = [
      { text: 'BÁO CÁO TÓM TẮT', x: 230, y: 60, bold: true },
      ...BODY.slice(0, 4).map((t, i) => ({
        text: t.replace(/¶$/, ''),
        x: 80,
        y: 100 + i * 17,
        width: 460,
        align: i === 3 ? ('left' as const) : ('justify' as const),
      })),
    ];
    const [text] = await extract([page], 'plain');
    expect(textLines(text!)).toEqual([
      'BÁO CÁO TÓM TẮT',
      ...BODY.slice(0, 4).map((t) => t.replace(/¶$/, '')),
    ]);
  });
});
