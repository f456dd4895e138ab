// One issuing body, printed three ways in real headers ("UBND TỈNH …" flattened, "ỦY BAN NHÂN DÂN /
// TỈNH …" over two lines, the old tone placement "UỶ BAN …"), is stored in one canonical spelling
// through the normal import path, so the issuer facet and the catalogue show it once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDocuments } from '../../main/core/archive/documents-repo.js';
import { importPaths } from '../../main/core/ingest/import-files.js';
import { openVanKho, type VanKho } from '../../main/core/open-vankho.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

const body = (n: number): string => `KẾ HOẠCH
TRIỂN KHAI NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026 SỐ ${n}
Thực hiện Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch.
Nơi nhận:
- Các sở, ngành;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Vương Quốc Tuấn`;

const HEADERS = [
  `UBND TỈNH BẮC NINH -------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
Số: 101/KH-UBND Bắc Ninh, ngày 02 tháng 12 năm 2025 `,
  `ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
-------

CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 102/KH-UBND

Bắc Ninh, ngày 03
tháng 12 năm 2025

`,
  `UỶ BAN NHÂN
DÂN TỈNH BẮC NINH
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 103/KH-UBND
Bắc Ninh, ngày 04 tháng 12 năm 2025
`,
];

describe('canonical issuer', () => {
  let tmp: TempDir;
  let vk: VanKho;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-issuer-');
    HEADERS.forEach((h, i) => writeFileSync(join(tmp.dir, `kh-${i}.txt`), h + body(i)));
    vk = openVanKho(join(tmp.dir, 'archive'));
    const r = await importPaths(vk.archive, [
      join(tmp.dir, 'kh-0.txt'),
      join(tmp.dir, 'kh-1.txt'),
      join(tmp.dir, 'kh-2.txt'),
    ]);
    expect(r.imported).toBe(3);
  });
  afterAll(async () => {
    vk.close();
    await tmp.cleanup();
  });

  it('stores one spelling (what the catalogue prints), shown once in the issuer facet', () => {
    const docs = listDocuments(vk.archive.db, { order: 'id_asc' }).items;
    expect(docs.map((d) => d.metadata.number)).toEqual(['101/KH-UBND', '102/KH-UBND', '103/KH-UBND']);
    expect(new Set(docs.map((d) => d.metadata.issuer))).toEqual(new Set(['ỦY BAN NHÂN DÂN TỈNH BẮC NINH']));
    const r = vk.search.search({ query: 'chuyển đổi số', limit: 10 });
    expect(r.total).toBe(3);
    expect(r.facets.issuer).toEqual([{ value: 'ỦY BAN NHÂN DÂN TỈNH BẮC NINH', count: 3 }]);
  });
});
