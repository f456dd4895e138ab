// Sections (issue 15): a query naming an article or a khoản of a numbered document ("Điều 36
// 68/2020/QH14", "điều 5 nghị định 21/2021", "khoan 2 dieu 5 quyet dinh 08/2022") finds that
// document first with that section's path and snippets; any hit in a structured text carries the
// section its best snippet lies in. On the real-docs decrees (one as its real PDF), the search-dev
// articles of a law stored article by article, and a generated three-page decision with the
// regulation it issues, all imported by the real pipeline.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../main/contract/search-types.js';
import { importPaths } from '../../main/core/ingest/import-files.js';
import { openVanKho, type VanKho } from '../../main/core/open-vankho.js';
import { importSearchDev, loadSearchDev } from '../bench/search-dev-eval.js';
import { makePdf } from '../helpers/make-pdf.js';
import { testdata } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { getDocumentPages } from '../../main/core/archive/pages-repo.js';

const HEADER = [
  'ỦY BAN NHÂN DÂN',
  'HUYỆN YÊN LẠC',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Số: 08/2022/QĐ-UBND',
  'Yên Lạc, ngày 10 tháng 3 năm 2022',
  'QUYẾT ĐỊNH',
  'Ban hành Quy định về công tác văn thư, lưu trữ trên địa bàn huyện',
];
const DECISION_PAGES = [
  [
    ...HEADER,
    'ỦY BAN NHÂN DÂN HUYỆN YÊN LẠC',
    'Điều 1. Ban hành kèm theo Quyết định này Quy định về công tác văn thư, lưu trữ trên địa bàn huyện.',
    'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
    'Điều 3. Chánh Văn phòng Ủy ban nhân dân huyện và các cơ quan, đơn vị chịu trách nhiệm thi hành Quyết định này.',
    'CHỦ TỊCH',
    'Nguyễn Văn An',
  ],
  [
    'QUY ĐỊNH',
    'Về công tác văn thư, lưu trữ trên địa bàn huyện',
    'Chương I',
    'QUY ĐỊNH CHUNG',
    'Điều 1. Phạm vi điều chỉnh',
    'Quy định này quy định về soạn thảo, ban hành, quản lý văn bản và lập hồ sơ.',
    'Điều 2. Đối tượng áp dụng',
    'Các cơ quan, đơn vị thuộc Ủy ban nhân dân huyện.',
    'Chương II',
    'QUẢN LÝ VĂN BẢN',
    'Điều 3. Văn bản đến',
    'Văn bản đến được đăng ký vào sổ trong ngày.',
    'Điều 4. Văn bản đi',
    'Văn bản đi được ghi số, ngày, tháng, năm ban hành.',
  ],
  [
    'Điều 5. Lập hồ sơ và nộp lưu hồ sơ',
    '1. Mỗi cán bộ, công chức lập hồ sơ công việc được giao theo danh mục hồ sơ.',
    '2. Hồ sơ có thời hạn bảo quản vĩnh viễn được nộp vào Lưu trữ cơ quan trong thời hạn 01 năm kể từ ngày công việc kết thúc.',
    '3. Việc giao nộp hồ sơ điện tử thực hiện theo quy định của pháp luật.',
    'Điều 6. Tổ chức thực hiện',
    'Văn phòng Ủy ban nhân dân huyện theo dõi, kiểm tra việc thực hiện Quy định này.',
  ],
];
const CITING = [
  'ỦY BAN NHÂN DÂN',
  'XÃ TÂN PHƯỚC',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Số: 21/KH-UBND',
  'Tân Phước, ngày 05 tháng 4 năm 2022',
  'KẾ HOẠCH',
  'Nộp lưu hồ sơ vào Lưu trữ cơ quan năm 2022',
  'Thực hiện khoản 2 Điều 5 Quy định ban hành kèm theo Quyết định số 08/2022/QĐ-UBND ngày 10/3/2022 của Ủy ban nhân dân huyện, Ủy ban nhân dân xã xây dựng kế hoạch nộp lưu hồ sơ như sau:',
  '1. Các bộ phận rà soát hồ sơ có thời hạn bảo quản vĩnh viễn.',
  'CHỦ TỊCH',
  'Trần Văn Bình',
].join('\n');

describe('search by section (issue 15)', () => {
  let tmp: TempDir;
  let vk: VanKho;
  const search = (query: string): SearchHit[] => vk.search.search({ query, limit: 20 }).hits;
  const idOf = (number: string): number =>
    vk.archive.db.prepare<[string], number>(`SELECT id FROM documents WHERE number = ?`).pluck().get(number)!;
  const marked = (h: SearchHit): string =>
    h.snippets
      .flatMap((s) => s.parts)
      .map((p) => p.text)
      .join('');

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-search-sections-');
    const files = join(tmp.dir, 'files');
    mkdirSync(files);
    // The real decrees and the rest of real-docs as text; 36/2015/NĐ-CP as its real PDF instead.
    cpSync(testdata('real-docs', 'docs'), files, { recursive: true });
    rmSync(join(files, '36-2015-nd-cp.txt'));
    cpSync(testdata('real-docs', 'pdf', '36-2015-nd-cp.pdf'), join(files, '36-2015-nd-cp.pdf'));
    writeFileSync(join(files, 'qd-08-2022.pdf'), await makePdf(DECISION_PAGES));
    writeFileSync(join(files, 'kh-21-2022.txt'), CITING);
    vk = openVanKho(join(tmp.dir, 'archive'), { create: true });
    await importPaths(vk.archive, [files]);
    // A law stored article by article (search-dev): Luật Cư trú 68/2020/QH14 and another law.
    const dev = loadSearchDev(testdata('search-dev'));
    const laws = new Set([
      '68/2020/QH14',
      dev.docs.find((d) => d.number && d.number !== '68/2020/QH14')!.number,
    ]);
    importSearchDev(
      vk.archive,
      dev.docs.filter((d) => laws.has(d.number)),
    );
  }, 240_000);

  afterAll(async () => {
    vk?.close();
    await tmp?.cleanup();
  });

  it('"Điều 36 68/2020/QH14": the article of a law stored article by article', () => {
    const [top] = search('Điều 36 68/2020/QH14');
    expect(top!.uid).toMatch(/-d036$/);
    expect(top!.section?.path).toBe('Điều 36');
    expect(marked(top!)).toMatch(/^Điều 36\./);
  });

  it('"điều 5 nghị định 21/2021": that decree first, its Điều 5 as the section, snippets from it', () => {
    const text = readFileSync(testdata('real-docs', 'docs', '21-2021-nd-cp.txt'), 'utf8');
    const heading = /^Điều 5\. (.*)$/m.exec(text)![1]!;
    for (const q of ['điều 5 nghị định 21/2021', 'dieu 5 nghi dinh 21/2021', 'Điều 5 21/2021/NĐ-CP']) {
      const [top] = search(q);
      expect(top!.id, q).toBe(idOf('21/2021/NĐ-CP'));
      expect(top!.section?.path, q).toBe('Điều 5');
      expect(marked(top!), q).toContain(heading.slice(0, 40));
    }
    const [k] = search('khoan 2 dieu 5 nghi dinh 21/2021');
    expect(k!.section?.path).toBe('Điều 5, khoản 2');
    expect(marked(k!)).toMatch(/Một nghĩa vụ có thể được bảo đảm thực hiện bằng nhiều tài sản/);
  });

  it('"khoan 2 dieu 5 quyet dinh 08/2022": the khoản of the regulation, on its PDF page, above a plan citing it', () => {
    const own = idOf('08/2022/QĐ-UBND');
    const citing = idOf('21/KH-UBND');
    const hits = search('khoan 2 dieu 5 quyet dinh 08/2022');
    expect(hits[0]!.id).toBe(own);
    expect(hits[0]!.section).toEqual({ path: 'Điều 5, khoản 2', page: 3 });
    expect(marked(hits[0]!)).toMatch(/Hồ sơ có thời hạn bảo quản vĩnh viễn/);
    expect(hits.findIndex((h) => h.id === citing)).toBeGreaterThan(0);
  });

  it('a section of a real PDF carries the page it starts on', () => {
    const [top] = search('điều 5 nghị định 36/2015');
    expect(top!.id).toBe(idOf('36/2015/NĐ-CP'));
    expect(top!.section?.path).toBe('Điều 5');
    const pages = getDocumentPages(vk.archive.db, top!.id);
    const page = pages.find((p) => /^\s*Điều 5\./m.test(p.text))!;
    expect(top!.section?.page).toBe(page.pageNo);
  });

  it('any hit in a structured text carries the section its best snippet lies in', () => {
    const hits = search('bảo đảm thực hiện nghĩa vụ bằng nhiều tài sản');
    const top = hits.find((h) => h.id === idOf('21/2021/NĐ-CP'))!;
    expect(top.section?.path).toMatch(/^Điều \d+/);
    // Documents without Điều headings carry none.
    const plan = search('nộp lưu hồ sơ vào lưu trữ cơ quan').find((h) => h.id === idOf('21/KH-UBND'))!;
    expect(plan.section).toBeUndefined();
  });
});
