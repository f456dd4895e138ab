// Search regressions found by QA on the demo archive: resources/samples imported by the real import
// pipeline (12 party and state documents of one district). A small archive, so every typed word
// counts; documents are named by their số ký hiệu, never by id.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchRequest } from '../../main/contract/search-types.js';
import { importPaths } from '../../main/core/ingest/import-files.js';
import { openVanKho, type VanKho } from '../../main/core/open-vankho.js';
import { repoPath } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

describe('search on the imported samples (QA regressions)', () => {
  let tmp: TempDir;
  let vk: VanKho;
  const byNumber = new Map<string, number>();
  const id = (number: string): number => {
    const v = byNumber.get(number);
    if (v === undefined) throw new Error(`sample ${number} not imported`);
    return v;
  };
  const hits = (query: string, extra: Partial<SearchRequest> = {}) =>
    vk.search.search({ query, limit: 50, snippets: false, ...extra }).hits.map((h) => h.id);
  const found = (query: string): Set<number> => new Set(hits(query));

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-search-samples-');
    vk = openVanKho(join(tmp.dir, 'archive'), { create: true });
    await importPaths(vk.archive, [repoPath('resources', 'samples')]);
    const rows = vk.archive.db
      .prepare<[], { id: number; number: string }>(
        `SELECT id, number FROM documents WHERE number IS NOT NULL`,
      )
      .all();
    for (const r of rows) byNumber.set(r.number, r.id);
  }, 180_000);

  afterAll(async () => {
    vk?.close();
    await tmp?.cleanup();
  });

  it('finds the same documents for a query with, without or with partial accents', () => {
    // "Đinh" is also a surname in one sample: the rare accent-kept form must not narrow recall.
    const folded = found('quyet dinh');
    expect(folded.size).toBeGreaterThanOrEqual(4);
    for (const q of ['Quyet Đinh', 'quyet đinh', 'quyết dinh', 'quyết định', 'QUYẾT ĐỊNH']) {
      expect(found(q), q).toEqual(folded);
    }
    const plain = found('quyet dinh thu tuong');
    expect(found('quyết định thủ tướng')).toEqual(plain);
    expect(found('Quyet Đinh thu tuong')).toEqual(plain);
  });

  it('ranks exact-accent matches higher without adding documents', () => {
    const exact = vk.search.search({ query: 'quyết định', limit: 50, snippets: false });
    const plain = vk.search.search({ query: 'quyet dinh', limit: 50, snippets: false });
    const score = (r: typeof exact, docId: number) => r.hits.find((h) => h.id === docId)!.score;
    const decision = id('1520/QĐ-UBND');
    expect(score(exact, decision)).toBeGreaterThan(score(plain, decision));
  });

  it('ranks OR-style: a document holding every typed word is found even when the words are common', () => {
    const r = hits('quyet dinh thanh lap ban chi dao');
    // 03/CT-UBND: "… Ban Chỉ đạo chuyển đổi số huyện (thành lập theo Quyết định số 1520/QĐ-UBND …)".
    expect(r).toContain(id('03/CT-UBND'));
    expect(r[0]).toBe(id('1520/QĐ-UBND'));
  });

  it('filters by issuer on whole words, by name or abbreviation', () => {
    const district = new Set([id('12-NQ/HU'), id('245-CV/HU')]); // HUYỆN ỦY ĐÔNG YÊN
    expect(found('coquan:"huyện ủy"')).toEqual(district);
    expect(found('coquan:HU')).toEqual(district);
    expect(found('coquan:"huyen uy"')).toEqual(district);
    // "hu" is never matched inside "huyện" or "Phú": QUẬN ỦY PHÚ LÂM and the district UBND stay out.
    expect(found('coquan:HU')).not.toContain(id('05-CT/QU'));
    expect(found('coquan:HU')).not.toContain(id('1520/QĐ-UBND'));
    const communeParty = found('coquan:"Đảng ủy xã Tân Phước"');
    expect(communeParty).toEqual(new Set([id('04-CTr/ĐU'), id('15-KH/ĐU'), id('27-BC/ĐU')]));
  });

  it('filters by type with hyphens for spaces, by its first words or its abbreviation', () => {
    const decisions = found('loai:"Quyết định"');
    expect(decisions).toEqual(new Set([id('1520/QĐ-UBND'), id('2105/QĐ-UBND')]));
    for (const q of ['loai:quyet-dinh', 'loai:quyet', 'loai:QĐ']) expect(found(q), q).toEqual(decisions);
    const directives = new Set([id('03/CT-UBND'), id('05-CT/QU')]);
    expect(found('loai:chi-thi')).toEqual(directives);
    expect(found('loai:"chỉ thị"')).toEqual(directives);
  });

  it('instant find matches the document type and puts documents matching every typed word first', () => {
    const plans = [id('15-KH/ĐU'), id('45/KH-UBND')]; // both of type Kế hoạch
    for (const q of ['ke hoach chuyen doi so', 'kế hoạch chuyển đổi số']) {
      const r = vk.search.find(q, 10).map((h) => h.id);
      // 15-KH/ĐU holds every word (type Kế hoạch, title "… chuyển đổi số …"); the other plan follows.
      expect(r[0], q).toBe(id('15-KH/ĐU'));
      expect(new Set(r.slice(0, 2)), q).toEqual(new Set(plans));
    }
    expect(
      vk.search
        .find('ke hoach', 10)
        .map((h) => h.id)
        .slice(0, 2)
        .sort(),
    ).toEqual([...plans].sort());
  });

  it('puts a number typed with a space for the hyphen first', () => {
    for (const q of ['1520/QD UBND', '1520/qđ ubnd']) expect(hits(q)[0], q).toBe(id('1520/QĐ-UBND'));
  });

  it('puts the document a short query names (type + trích yếu) above reports that discuss it', () => {
    // The report 27-BC/ĐU says "chuyển đổi số" far more often, but the plan is named by the query.
    for (const q of ['ke hoach chuyen doi so', 'kế hoạch chuyển đổi số']) {
      const r = hits(q);
      expect(r[0], q).toBe(id('15-KH/ĐU'));
      expect(r).toContain(id('27-BC/ĐU'));
    }
    // A long question is not a name: no document jumps ahead for holding its words in the title.
    const long = vk.search.search({
      query: 'kế hoạch chuyển đổi số của đảng ủy xã năm 2024 như thế nào',
      limit: 5,
    });
    expect(long.hits.every((h) => h.score < 100)).toBe(true);
  });
  it('marks what matched in snippets and titles: pairs as one mark, accented words in their form (issue 15)', () => {
    const marksOf = (query: string): string[] =>
      vk.search
        .search({ query, limit: 50 })
        .hits.flatMap((h) => [h.titleParts, ...h.snippets.map((s) => s.parts)])
        .flat()
        .filter((p) => p.match)
        .map((p) => p.text.replace(/\s+/g, ' '));
    const cds = marksOf('chuyển đổi số');
    expect(cds.length).toBeGreaterThan(0);
    // Never the "sơ" of "hồ sơ", never a lone "số" (of "Số: 112/TB-UBND" or "số hóa").
    expect(new Set(cds.map((m) => m.toLowerCase()))).toEqual(new Set(['chuyển đổi số']));
    const qd = marksOf('quyet dinh');
    expect(qd.length).toBeGreaterThan(0);
    // "QĐ" (in 1520/QĐ-UBND) is the abbreviation the search expanded and matched too.
    for (const m of qd) expect(['quyết định', 'qđ']).toContain(m.toLowerCase());
    expect(qd.some((m) => m.toLowerCase() === 'quyết định')).toBe(true);
    // The query's pairs (thành lập, lập ban, ban chỉ, chỉ đạo), their runs and the abbreviation the
    // search expanded (BCĐ); never a syllable alone: not "lập" of "Độc lập" nor "ban" of "Ủy ban".
    const tl = marksOf('thanh lap ban chi dao');
    expect(tl.some((m) => m.toLowerCase() === 'thành lập')).toBe(true);
    for (const m of tl) expect(m.includes(' ') || m === m.toUpperCase(), m).toBe(true);
  });
});
