import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDocumentIds } from '../../main/core/archive/documents-repo.js';
import { exportBundle } from '../../main/core/export/export-bundle.js';
import { exportSourceOf } from '../../main/core/app/export-source.js';
import { importBundle } from '../../main/core/export/import-bundle.js';
import { openVanKho, type VanKho } from '../../main/core/open-vankho.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { seedArchive } from './export-seed.js';

// T-E1, search part: a bundle imported into a fresh archive (opened the way the app opens it, with
// its search engine) answers the same queries with the same documents as the source archive.

let tmp: TempDir;
let a: VanKho;
let b: VanKho;

beforeAll(async () => {
  tmp = await makeTempDir('vankho-bundle-search-');
  a = openVanKho(join(tmp.dir, 'A'));
  const docs = [
    [
      'Về việc ban hành quy chế công tác văn thư, lưu trữ',
      '08/2022/QĐ-TTg',
      'Quyết định',
      'Điều 1. Ban hành kèm theo Quyết định này Quy chế công tác văn thư',
    ],
    [
      'Chương trình hành động thực hiện Nghị quyết Đại hội',
      '04-CTr/HU',
      'Chương trình',
      'Nâng cao năng lực lãnh đạo của Đảng bộ huyện',
    ],
    [
      'Kế hoạch chuyển đổi số năm 2024',
      '45/KH-UBND',
      'Kế hoạch',
      'Triển khai chính quyền số, dữ liệu số, lưu trữ điện tử',
    ],
    ['Báo cáo tổng kết công tác năm', '27/BC-ĐU', 'Báo cáo', 'Kết quả thực hiện nhiệm vụ chính trị năm 2023'],
  ];
  await seedArchive(
    a.archive,
    docs.map(([title, number, docType, text], i) => ({
      uid: `s${i}`,
      title: title!,
      number: number!,
      docType: docType!,
      issuedDate: `202${i}-0${i + 1}-1${i}`,
      files: [
        {
          name: `${i}.txt`,
          bytes: Buffer.from(`${title}\n${text}`),
          mediaType: 'text/plain',
          pages: [`${title}\n${text}`],
        },
      ],
      tags: i % 2 === 0 ? ['Văn thư'] : [],
    })),
    [{ name: 'Văn thư' }],
  );
  const out = join(tmp.dir, 'b.zip');
  await exportBundle(exportSourceOf(a.archive), { ids: allDocumentIds(a.archive.db), out });
  b = openVanKho(join(tmp.dir, 'B'));
  await importBundle(b.archive, out);
}, 120_000);

afterAll(async () => {
  a?.close();
  b?.close();
  await tmp.cleanup();
});

describe('search after a bundle import', () => {
  it.each(['quy chế', 'quy che', 'lưu trữ', '08/2022/QĐ-TTg', 'chuyen doi so', 'Đảng bộ', 'năm'])(
    '"%s" finds the same documents',
    (query) => {
      const uids = (vk: VanKho): string[] =>
        vk.search
          .search({ query, limit: 50, facets: false, snippets: false })
          .hits.map((h) => h.uid)
          .sort();
      const expected = uids(a);
      expect(expected.length).toBeGreaterThan(0);
      expect(uids(b)).toEqual(expected);
    },
  );
});
