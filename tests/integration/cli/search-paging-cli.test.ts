// `vankho search --limit N` beyond one contract page (SEARCH_PAGE_MAX) pages through the contract's
// search with offset and returns the whole of what was asked, in the same order as the pages one by
// one; `vankho find` asks the contract at most INSTANT_FIND_MAX suggestions. Real archive, real import.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { INSTANT_FIND_MAX, SEARCH_PAGE_MAX } from '../../../main/contract/api/search-api.js';
import { importPaths } from '../../../main/core/ingest/import-files.js';
import { openVanKho } from '../../../main/core/open-vankho.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

interface SearchJson {
  total: number;
  hits: { id: number }[];
}

const DOCS = SEARCH_PAGE_MAX + 37;

describe('search and find through the contract from the CLI', { timeout: 240_000 }, () => {
  let tmp: TempDir;
  let archive: string;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-search-paging-');
    archive = join(tmp.dir, 'archive');
    const src = join(tmp.dir, 'src');
    mkdirSync(src);
    for (let i = 1; i <= DOCS; i++) {
      writeFileSync(
        join(src, `cv-${i}.txt`),
        `UỶ BAN NHÂN DÂN XÃ QUỲNH LÂM\nSố: ${i}/UBND-VP\nV/v kế hoạch phòng chống lụt bão đợt ${i}\n` +
          `Ủy ban nhân dân xã đề nghị các thôn triển khai kế hoạch phòng chống lụt bão năm 2025.\n`,
      );
    }
    const vk = openVanKho(archive, { create: true });
    try {
      const report = await importPaths(vk.archive, [src]);
      expect(report.imported).toBe(DOCS);
    } finally {
      vk.close();
    }
  });

  afterAll(async () => {
    await tmp?.cleanup();
  });

  const search = async (args: string[]): Promise<SearchJson> => {
    const r = await runCliInProcess(['--archive', archive, '--json', 'search', ...args]);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    return JSON.parse(r.stdout) as SearchJson;
  };

  it('a --limit beyond one page returns every hit asked for, each once, in page order', async () => {
    const all = await search(['phòng chống lụt bão', '--limit', String(DOCS + 50)]);
    expect(all.total).toBe(DOCS);
    const ids = all.hits.map((h) => h.id);
    expect(ids).toHaveLength(DOCS);
    expect(new Set(ids).size).toBe(DOCS);
    // The pages one by one, as a user would ask them, give the same list.
    const pages: number[] = [];
    for (let offset = 0; offset < DOCS; offset += 100)
      pages.push(
        ...(await search(['phòng chống lụt bão', '--limit', '100', '--offset', String(offset)])).hits.map(
          (h) => h.id,
        ),
      );
    expect(pages).toEqual(ids);
    // An offset and a limit that straddle the contract's page boundary.
    const mid = await search([
      'phòng chống lụt bão',
      '--limit',
      '30',
      '--offset',
      String(SEARCH_PAGE_MAX - 10),
    ]);
    expect(mid.hits.map((h) => h.id)).toEqual(ids.slice(SEARCH_PAGE_MAX - 10, SEARCH_PAGE_MAX + 20));
  });

  it('find asks for at most the contract maximum and answers (exit 0) when more is asked', async () => {
    const r = await runCliInProcess(['--archive', archive, '--json', 'find', 'kế hoạch', '--limit', '500']);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    const hits = (JSON.parse(r.stdout) as { hits: { id: number }[] }).hits;
    expect(hits).toHaveLength(INSTANT_FIND_MAX);
    expect(new Set(hits.map((h) => h.id)).size).toBe(INSTANT_FIND_MAX);
  });
});
