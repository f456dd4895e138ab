import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile } from '../../../main/core/ingest/extract-file.js';
import { headerProblems, signProblems, textLines } from '../../helpers/layout-checks.js';
import { makeDocxBlocks, type DocxBlock, type DocxCell } from '../../helpers/make-docx.js';
import { officeTruth, type OfficeDoc } from '../../helpers/office-layout.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

// Word files whose header and end block are tables laid out in different ways (two rows, merged
// cells, a nested table) or paragraphs with tab stops: the text must come out in the linearised
// order, one paragraph per line, and a data table in the body row by row.

const DOC: OfficeDoc = {
  issuer: ['BỘ TÀI CHÍNH', 'CỤC HẢI QUAN'],
  number: 'Số: 37413/CHQ-NVTHQ',
  vv: ['V/v kê khai trị giá hải quan'],
  motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
  date: 'Hà Nội, ngày 21 tháng 11 năm 2025',
  body: [
    'Kính gửi: Công ty TNHH Thương mại Minh Phát.',
    'Cục Hải quan nhận được công văn số 15/2025/CV-MP của Công ty về việc kê khai trị giá hải quan.',
  ],
  recipients: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, NVTHQ (3b).'],
  sign: ['TL. CỤC TRƯỞNG', 'KT. TRƯỞNG BAN NGHIỆP VỤ THUẾ HQ', 'PHÓ TRƯỞNG BAN'],
  signer: 'Đào Thu Hương',
};
const DECISION: OfficeDoc = {
  ...DOC,
  issuer: ['ỦY BAN NHÂN DÂN', 'TỈNH LAI CHÂU'],
  number: 'Số: 2926/QĐ-UBND',
  vv: undefined,
  date: 'Lai Châu, ngày 19 tháng 11 năm 2025',
  heading: 'QUYẾT ĐỊNH',
  title: ['VỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH THUỘC PHẠM VI', 'CHỨC NĂNG QUẢN LÝ CỦA SỞ Y TẾ TỈNH LAI CHÂU'],
  body: ['Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;', 'QUYẾT ĐỊNH:'],
  recipients: ['Nơi nhận:', '- Như Điều 3;', '- Cục Kiểm soát TTHC-VPCP;', '- Lưu: VT, Hcc3.'],
  sign: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
  signer: 'Tống Thanh Hải',
};

const left = (d: OfficeDoc): DocxBlock[] => [...d.issuer, '-------', d.number, ...(d.vv ?? [])];
const cell = (blocks: DocxBlock[], more: Partial<DocxCell> = {}): DocxCell => ({ blocks, ...more });
const heading = (d: OfficeDoc): DocxBlock[] => (d.heading ? [d.heading, ...(d.title ?? [])] : []);
const endTable = (d: OfficeDoc): DocxBlock => ({
  rows: [[cell(d.recipients), cell([...d.sign, '', '', d.signer])]],
});

const CASES: Array<[string, OfficeDoc, DocxBlock[]]> = [
  [
    'a header table of two rows (issuer | motto, then Số and V/v | date)',
    DOC,
    [
      {
        rows: [
          [cell(DOC.issuer), cell(DOC.motto)],
          [cell([DOC.number, ...DOC.vv!]), cell([DOC.date])],
        ],
      },
      ...DOC.body,
      endTable(DOC),
    ],
  ],
  [
    'merged cells on a three-column grid (motto over two columns, Số over two)',
    DECISION,
    [
      {
        rows: [
          [cell(DECISION.issuer), cell(DECISION.motto, { columnSpan: 2 })],
          [cell([DECISION.number], { columnSpan: 2 }), cell([DECISION.date])],
        ],
      },
      ...heading(DECISION),
      ...DECISION.body,
      endTable(DECISION),
    ],
  ],
  [
    'the left cell merged down two rows',
    DECISION,
    [
      {
        rows: [
          [cell(left(DECISION), { rowSpan: 2 }), cell(DECISION.motto)],
          [cell([{ text: DECISION.date, italic: true }])],
        ],
      },
      ...heading(DECISION),
      ...DECISION.body,
      endTable(DECISION),
    ],
  ],
  [
    'a nested table holding the motto in the right cell',
    DOC,
    [
      {
        rows: [
          [
            cell(left(DOC)),
            cell([
              { rows: [[cell(DOC.motto.map((m) => ({ text: m, bold: true })))]] },
              '---------------',
              DOC.date,
            ]),
          ],
        ],
      },
      ...DOC.body,
      endTable(DOC),
    ],
  ],
  [
    'an end table of two rows (Nơi nhận | sign block, then recipients | name)',
    DECISION,
    [
      { rows: [[cell(left(DECISION)), cell([...DECISION.motto, DECISION.date])]] },
      ...heading(DECISION),
      ...DECISION.body,
      {
        rows: [
          [cell(DECISION.recipients.slice(0, 1)), cell(DECISION.sign)],
          [cell(DECISION.recipients.slice(1)), cell(['', DECISION.signer])],
        ],
      },
    ],
  ],
  [
    'header and end block laid out with tab stops instead of a table',
    DECISION,
    [
      `${DECISION.issuer[0]}\t\t${DECISION.motto[0]}`,
      `${DECISION.issuer[1]}\t\t${DECISION.motto[1]}`,
      '-------\t\t---------------',
      `${DECISION.number}\t\t${DECISION.date}`,
      ...heading(DECISION),
      ...DECISION.body,
      `${DECISION.recipients[0]}\t\t${DECISION.sign[0]}`,
      `${DECISION.recipients[1]}\t\t${DECISION.sign[1]}`,
      `${DECISION.recipients[2]}\t\t${DECISION.sign[2]}`,
      DECISION.recipients[3]!,
      `\t\t${DECISION.signer}`,
    ],
  ],
];

describe('DOCX layout', () => {
  let tmp: TempDir;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-docx-layout-');
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  async function extract(blocks: DocxBlock[], name: string): Promise<string> {
    const path = join(tmp.dir, `${name}.docx`);
    writeFileSync(path, await makeDocxBlocks(blocks));
    const r = await extractFile(path, 'docx');
    expect(r.status).toBe('ok');
    expect(r.pages).toHaveLength(1);
    return r.pages[0]!;
  }

  it.each(CASES)('%s', async (name, doc, blocks) => {
    const text = await extract(blocks, name.replace(/\W+/g, '-').slice(0, 40));
    const truth = officeTruth(doc);
    expect(headerProblems(text, truth)).toEqual([]);
    expect(signProblems([text], truth)).toEqual([]);
    const lines = textLines(text);
    for (const p of doc.body) expect(lines).toContain(p);
    // Recipients: right after "Nơi nhận", in order, each on its own line.
    const at = lines.indexOf('Nơi nhận:');
    expect(lines.slice(at, at + doc.recipients.length)).toEqual(doc.recipients);
  });

  it('reads a data table in the body row by row, one cell a line, one paragraph a line', async () => {
    const rows = [
      ['STT', 'Nhiệm vụ', 'Thời hạn'],
      ['1', 'Xây dựng kế hoạch chuyển đổi số', 'Quý I/2026'],
      ['2', 'Rà soát thủ tục hành chính', 'Quý II/2026'],
    ];
    const text = await extract(
      [
        { rows: [[cell(left(DECISION)), cell([...DECISION.motto, DECISION.date])]] },
        ...heading(DECISION),
        'Các nhiệm vụ cụ thể như sau:',
        { rows: rows.map((r) => r.map((c) => cell([c]))), borders: true },
        'Giao Sở Tài chính theo dõi, đôn đốc thực hiện.',
        endTable(DECISION),
      ],
      'data-table',
    );
    const lines = textLines(text);
    const at = lines.indexOf('Các nhiệm vụ cụ thể như sau:');
    expect(lines.slice(at, at + 11)).toEqual([
      'Các nhiệm vụ cụ thể như sau:',
      ...rows.flat(),
      'Giao Sở Tài chính theo dõi, đôn đốc thực hiện.',
    ]);
    expect(text).not.toMatch(/\n\s*\n/); // no blank lines between paragraphs
    expect(headerProblems(text, officeTruth(DECISION))).toEqual([]);
  });
});
