// `vankho records …` and `vankho register …` on a real archive of imported PDFs: create a hồ sơ, add
// documents (one in two hồ sơ), show it with its mục lục, close it, write its mục lục and the danh mục
// hồ sơ; register documents in and out and list / print the registers; exit codes of refusals.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { makePdf } from '../../helpers/make-pdf.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

let tmp: TempDir;
let A: string;
const cli = (...args: string[]) => runCliInProcess(['--archive', A, ...args]);
const json = async <T>(...args: string[]): Promise<T> => {
  const r = await cli('--json', ...args);
  expect(r.code, r.stderr + r.stdout).toBe(EXIT.OK);
  return JSON.parse(r.stdout) as T;
};
let ids: number[] = [];

beforeAll(async () => {
  tmp = await makeTempDir('vankho-cli-records-');
  A = join(tmp.dir, 'kho');
  const docs: Array<[string, string, string, string, string[]]> = [
    [
      'ke-hoach.pdf',
      '20/KH-UBND',
      'Kế hoạch',
      'Chuyển đổi số năm 2025',
      ['KẾ HOẠCH', 'Trang hai', 'Trang ba'],
    ],
    [
      'quyet-dinh.pdf',
      '112/QĐ-UBND',
      'Quyết định',
      'Về việc kiện toàn Ban chỉ đạo',
      ['QUYẾT ĐỊNH', 'Trang hai'],
    ],
    ['cong-van.pdf', '7/UBND-VP', 'Công văn', 'V/v góp ý dự thảo', ['CÔNG VĂN']],
  ];
  for (const [name, , , , pages] of docs) writeFileSync(join(tmp.dir, name), await makePdf(pages));
  const r = await cli('--json', 'import', ...docs.map(([n]) => join(tmp.dir, n)));
  expect(r.code, r.stderr).toBe(EXIT.OK);
  const list = await json<{ items: Array<{ id: number; fileNames: string[] }> }>('list', '--sort', 'id');
  ids = docs.map(([n]) => list.items.find((d) => d.fileNames.includes(n))!.id);
  const dates = ['15/01/2025', '10/03/2025', '01/09/2025'];
  for (const [i, [, number, docType, title]] of docs.entries()) {
    const s = await cli(
      'set',
      String(ids[i]),
      `number=${number}`,
      `doc_type=${docType}`,
      `title=${title}`,
      `issued_date=${dates[i]}`,
      'issuer=UBND xã Hòa Bình',
      'signer=Nguyễn Văn An',
    );
    expect(s.code, s.stderr).toBe(EXIT.OK);
  }
}, 120_000);
afterAll(async () => {
  await tmp.cleanup();
});

describe('vankho records', () => {
  it('creates a hồ sơ, adds documents in date order, shows it, and refuses a bad code or a duplicate', async () => {
    const c = await cli(
      'records',
      'create',
      '--code',
      'H41.2025.01.TH',
      '--title',
      'Hồ sơ chuyển đổi số năm 2025',
      '--retention',
      '10',
      '--access',
      'han-che',
      '--heading',
      'I. TỔNG HỢP',
    );
    expect(c.code, c.stderr).toBe(EXIT.OK);
    expect(c.stdout).toContain('Đã lập hồ sơ / created: H41.2025.01.TH  Hồ sơ chuyển đổi số năm 2025');
    expect((await cli('records', 'create', '--code', 'H41.2025.01.TH', '--title', 'x')).code).toBe(
      EXIT.USAGE,
    );
    const bad = await cli('records', 'create', '--code', 'khong-co-nam', '--title', 'x');
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.stderr).toContain('mã hồ sơ phải là mã cơ quan.năm.ký hiệu hồ sơ');
    expect(
      (await cli('records', 'create', '--code', 'H41.2025.02', '--title', 'x', '--access', 'tối mật')).code,
    ).toBe(EXIT.USAGE);

    const add = await cli('records', 'add', 'H41.2025.01.TH', String(ids[1]), String(ids[0]));
    expect(add.code, add.stderr).toBe(EXIT.OK);
    const shown = await json<{
      documentCount: number;
      startDate: string;
      endDate: string;
      pageCount: number;
      documents: Array<{ documentId: number; position: number; sheets: string }>;
    }>('records', 'show', 'H41.2025.01.TH');
    expect(shown).toMatchObject({
      documentCount: 2,
      startDate: '2025-01-15',
      endDate: '2025-03-10',
      pageCount: 5,
    });
    expect(shown.documents.map((d) => [d.position, d.documentId, d.sheets])).toEqual([
      [1, ids[0], '1–3'],
      [2, ids[1], '4–5'],
    ]);
    const text = await cli('records', 'show', 'H41.2025.01.TH');
    expect(text.stdout).toContain('Mức độ tiếp cận / Access: Hạn chế / Restricted');
    expect(text.stdout).toMatch(/1\. #\d+ {2}20\/KH-UBND {2}15\/01\/2025 {2}Kế hoạch/);
    expect((await cli('records', 'add', 'H41.2025.01.TH', '9999')).code).toBe(EXIT.NOT_FOUND);
    expect((await cli('records', 'show', 'H41.2099.01')).code).toBe(EXIT.NOT_FOUND);
  });

  it('puts one document in a second hồ sơ, lists them by year, and overrides a derived value', async () => {
    await cli(
      'records',
      'create',
      '--code',
      'H41.2025.02.KH',
      '--title',
      'Hồ sơ kế hoạch',
      '--heading',
      'II. KẾ HOẠCH',
    );
    expect((await cli('records', 'add', 'H41.2025.02.KH', String(ids[0]), String(ids[2]))).code).toBe(
      EXIT.OK,
    );
    const list = await json<Array<{ code: string; documentCount: number }>>(
      'records',
      'list',
      '--year',
      '2025',
    );
    expect(list.map((r) => [r.code, r.documentCount])).toEqual([
      ['H41.2025.01.TH', 2],
      ['H41.2025.02.KH', 2],
    ]);
    const set = await json<{ sheetCount: number; pageCount: number; startDate: string }>(
      'records',
      'set',
      'H41.2025.02.KH',
      'sheets=2',
      'start=01/01/2025',
    );
    expect(set).toMatchObject({ sheetCount: 2, pageCount: 4, startDate: '2025-01-01' });
    expect((await cli('records', 'set', 'H41.2025.02.KH', 'colour=red')).code).toBe(EXIT.USAGE);
  });

  it('closes a hồ sơ (no more documents), writes its mục lục and the danh mục hồ sơ', async () => {
    const closed = await cli('records', 'close', 'H41.2025.01.TH');
    expect(closed.code, closed.stderr).toBe(EXIT.OK);
    expect(closed.stdout).toContain('Đã đóng');
    const refused = await cli('records', 'add', 'H41.2025.01.TH', String(ids[2]));
    expect(refused.code).toBe(EXIT.USAGE);
    expect(refused.stderr).toContain('đã đóng, không thay đổi được văn bản');

    const out = join(tmp.dir, 'muc-luc.xlsx');
    const cat = await cli('records', 'catalogue', 'H41.2025.01.TH', '--out', out);
    expect(cat.code, cat.stderr).toBe(EXIT.OK);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('B6').value).toBe('20/KH-UBND');
    expect(ws.getCell('F6').value).toBe('1–3');
    expect(ws.getCell('B7').value).toBe('112/QĐ-UBND');
    expect((await cli('records', 'catalogue', 'H41.2025.01.TH', '--out', out)).code).toBe(EXIT.USAGE);

    const html = join(tmp.dir, 'danh-muc.html');
    const dm = await cli('records', 'list', '--year', '2025', '--out', html);
    expect(dm.code, dm.stderr).toBe(EXIT.OK);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('DANH MỤC HỒ SƠ NĂM 2025');
    expect(page.indexOf('I. TỔNG HỢP')).toBeLessThan(page.indexOf('II. KẾ HOẠCH'));
    expect(page).toContain('<td class="c">10 năm</td>');
  });

  it('reorders, takes several documents out at once (all or none), and hands a closed hồ sơ over', async () => {
    const code = 'H41.2025.02.KH';
    const order = await cli('records', 'order', code, String(ids[2]), String(ids[0]));
    expect(order.code, order.stderr).toBe(EXIT.OK);
    expect(order.stdout).toMatch(new RegExp(`^1\\. #${ids[2]} .*\\n2\\. #${ids[0]} `));
    // ids[1] is not in this hồ sơ: nothing is taken out.
    const partly = await cli('records', 'remove', code, String(ids[0]), String(ids[1]));
    expect(partly.code).toBe(EXIT.NOT_FOUND);
    expect(partly.stderr).toContain(`document #${ids[1]} in ${code}`);
    const kept = await json<{ documentCount: number; documents: Array<{ documentId: number }> }>(
      'records',
      'show',
      code,
    );
    expect(kept.documents.map((d) => d.documentId)).toEqual([ids[2], ids[0]]);
    const removed = await cli('records', 'remove', code, String(ids[0]), String(ids[2]));
    expect(removed.code, removed.stderr).toBe(EXIT.OK);
    expect(removed.stdout).toContain(`${code}  Hồ sơ kế hoạch  (0 văn bản/documents`);

    expect((await cli('records', 'hand-over', code)).code).toBe(EXIT.USAGE);
    expect((await cli('records', 'close', code)).code).toBe(EXIT.OK);
    const handed = await cli('records', 'hand-over', code);
    expect(handed.code, handed.stderr).toBe(EXIT.OK);
    expect(handed.stdout).toContain('Đã nộp lưu');
    const reopen = await cli('records', 'reopen', code);
    expect(reopen.code).toBe(EXIT.USAGE);
    expect(reopen.stderr).toContain('không chuyển sang “Đang lập” được');
  });
});

describe('vankho register', () => {
  it('registers imported documents in and out, numbered from 01, filled from their metadata', async () => {
    const first = await json<{ seq: number; year: number; number: string; sender: string; dueDate: string }>(
      'register',
      'in',
      String(ids[0]),
      '--date',
      '20/01/2025',
      '--due',
      '30/01/2025',
      '--urgency',
      'khan',
      '--receiver',
      'Phòng Văn hóa',
    );
    expect(first).toMatchObject({
      seq: 1,
      year: 2025,
      number: '20/KH-UBND',
      sender: 'UBND xã Hòa Bình',
      dueDate: '2025-01-30',
    });
    const second = await cli('register', 'in', String(ids[1]), '--date', '11/03/2025');
    expect(second.code, second.stderr).toBe(EXIT.OK);
    expect(second.stdout).toContain('Sổ đăng ký văn bản đến 2025, số 02');
    expect((await cli('register', 'in', String(ids[1]))).code).toBe(EXIT.USAGE);
    expect((await cli('register', 'in', String(ids[2]), '--urgency', 'rất gấp')).code).toBe(EXIT.USAGE);
    expect((await cli('register', 'in', '9999')).code).toBe(EXIT.NOT_FOUND);
    const next = await json<{ seq: number; year: number }>(
      'register',
      'in',
      String(ids[2]),
      '--date',
      '02/01/2026',
    );
    expect(next).toMatchObject({ seq: 1, year: 2026 });

    const out = await json<{ seq: number; signer: string; copies: number }>(
      'register',
      'out',
      String(ids[2]),
      '--date',
      '05/09/2025',
      '--copies',
      '3',
    );
    expect(out).toMatchObject({ seq: 1, signer: 'Nguyễn Văn An', copies: 3 });

    const listed = await json<Array<{ seq: number; documentId: number }>>(
      'register',
      'list',
      '--book',
      'in',
      '--year',
      '2025',
    );
    expect(listed.map((e) => [e.seq, e.documentId])).toEqual([
      [1, ids[0]],
      [2, ids[1]],
    ]);
    const text = await cli('register', 'list', '--book', 'in', '--year', '2025');
    expect(text.stdout).toMatch(
      /01 {2}20\/01\/2025 {2}20\/KH-UBND .*Khẩn, hạn\/due 30\/01\/2025, → Phòng Văn hóa/,
    );
    expect((await cli('register', 'list', '--book', 'sideways', '--year', '2025')).code).toBe(EXIT.USAGE);

    const file = join(tmp.dir, 'so-den.xlsx');
    expect((await cli('register', 'list', '--book', 'in', '--year', '2025', '--out', file)).code).toBe(
      EXIT.OK,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect((ws.getRow(5).values as unknown[]).slice(1, 9)).toEqual([
      '20/01/2025',
      '01',
      'UBND xã Hòa Bình',
      '20/KH-UBND',
      '15/01/2025',
      'Kế hoạch: Chuyển đổi số năm 2025',
      'Phòng Văn hóa',
      '30/01/2025',
    ]);
  });

  it('reports a register over a period (--from/--to), across the year, as JSON and as a file', async () => {
    // Rows of the test above: 2025 nos. 01 (20/01) and 02 (11/03), 2026 no. 01 (02/01).
    const period = await json<Array<{ year: number; seq: number; entryDate: string; documentId: number }>>(
      'register',
      'list',
      '--book',
      'in',
      '--from',
      '11/03/2025',
      '--to',
      '02/01/2026',
    );
    expect(period.map((e) => [e.year, e.seq, e.entryDate, e.documentId])).toEqual([
      [2025, 2, '2025-03-11', ids[1]],
      [2026, 1, '2026-01-02', ids[2]],
    ]);
    const since = await json<Array<{ seq: number }>>(
      'register',
      'list',
      '--book',
      'in',
      '--from',
      '01/01/2026',
    );
    expect(since.map((e) => e.seq)).toEqual([1]);
    const until = await json<Array<{ seq: number; year: number }>>(
      'register',
      'list',
      '--book',
      'out',
      '--to',
      '31/12/2025',
    );
    expect(until.map((e) => [e.year, e.seq])).toEqual([[2025, 1]]);
    const reversed = await cli(
      'register',
      'list',
      '--book',
      'in',
      '--from',
      '02/01/2026',
      '--to',
      '11/03/2025',
    );
    expect(reversed.code).toBe(EXIT.USAGE);
    expect(reversed.stderr).toContain('the period ends before it starts');

    const file = join(tmp.dir, 'so-den-ky.html');
    const written = await json<{ out: string; format: string; rows: number }>(
      'register',
      'list',
      '--book',
      'in',
      '--from',
      '11/03/2025',
      '--to',
      '2026-01-02',
      '--out',
      file,
    );
    expect(written).toMatchObject({ format: 'html', rows: 2 });
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('Từ ngày 11/03/2025 đến ngày 02/01/2026');
    expect(html).not.toContain('20/01/2025');
  });
});
