// Honest counts (issue 15): a result holds every word typed — a word of two syllables as the marking
// reads the query ("bộ | tài chính") as that pair, the way a quoted phrase is held: in the type and
// trích yếu or the text; documents holding only some follow the results, flagged `partial`, never
// counted, faceted or exported. Checked against the documents' own text (pages, trích yếu, issuer,
// type, signer) on the samples and the real-docs texts.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryStretches, queryWords } from '../../main/contract/highlight-rule.js';
import { searchResultIds } from '../../main/core/export-selection.js';
import { importPaths } from '../../main/core/ingest/import-files.js';
import { openVanKho, type VanKho } from '../../main/core/open-vankho.js';
import { fold } from '../../main/core/text/normalize.js';
import { repoPath, testdata } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { documentPageTexts } from '../../main/core/archive/pages-repo.js';

describe('honest counts: every word typed, partly matching listed apart', () => {
  let tmp: TempDir;
  let vk: VanKho;
  /** Folded words of each document's searchable text, and its pairs ("tai chinh") of type + trích yếu and text. */
  let words: Map<number, Set<string>>;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-search-counts-');
    vk = openVanKho(join(tmp.dir, 'archive'), { create: true });
    await importPaths(vk.archive, [repoPath('resources', 'samples'), testdata('real-docs', 'docs')]);
    words = new Map();
    const db = vk.archive.db;
    const rows = db
      .prepare<[], { id: number; title: string; type: string; meta: string }>(
        `SELECT d.id, coalesce(d.title, '') AS title, coalesce(d.doc_type, '') AS type,
                coalesce(d.issuer, '') || ' ' || coalesce(d.signer, '') AS meta
           FROM documents d`,
      )
      .all()
      .map((r) => ({ ...r, body: documentPageTexts(db, r.id).join('\n') }));
    for (const r of rows) {
      // A document is named by its type before its trích yếu ("Kế hoạch triển khai…").
      const named = fold(r.title).startsWith(fold(r.type)) ? r.title : `${r.type} ${r.title}`;
      const held = new Set(fold(`${r.type} ${r.meta}`).split(/[^\p{L}\p{N}]+/u));
      for (const text of [named, r.body]) {
        // Pairs within a run of words joined by spaces and , / - & only (punctuation ends a run).
        for (const run of fold(text).split(/[^\p{L}\p{N} ,/&-]+/u)) {
          const w = run.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
          w.forEach((x, i) => {
            held.add(x);
            if (i > 0) held.add(`${w[i - 1]!} ${x}`);
          });
        }
      }
      words.set(r.id, held);
    }
  }, 240_000);

  afterAll(async () => {
    vk?.close();
    await tmp?.cleanup();
  });

  const holdingAll = (query: string): Set<number> => {
    // Each word as the marking reads the query: "chuyển đổi | số" needs the pair "chuyen doi".
    const want = queryWords(query).flatMap((w) =>
      w.length === 1 ? w : w.slice(1).map((x, i) => `${w[i]!} ${x}`),
    );
    // A stretch of four syllables or more ("phong luu tru dang") by one of its pairs besides them.
    const some = queryStretches(query).map((w) => w.slice(1).map((x, i) => `${w[i]!} ${x}`));
    return new Set(
      [...words]
        .filter(([, w]) => want.every((x) => w.has(x)) && some.every((pairs) => pairs.some((x) => w.has(x))))
        .map(([id]) => id),
    );
  };
  const all = (query: string) => {
    const first = vk.search.search({ query, limit: 200, snippets: false });
    const hits = [...first.hits];
    while (hits.length < first.total + first.partialCount) {
      const r = vk.search.search({ query, limit: 200, offset: hits.length, snippets: false, facets: false });
      if (r.hits.length === 0) break;
      hits.push(...r.hits);
    }
    return { r: first, hits };
  };

  it.each(['phong luu tru dang', 'chuyển đổi số', 'ke hoach ban chi dao'])(
    '"%s": the count, the facets and the results are the documents holding every word',
    (query) => {
      const { r, hits } = all(query);
      const want = holdingAll(query);
      expect(want.size).toBeGreaterThan(0);
      expect(r.total).toBe(want.size);
      expect(r.strongCount).toBe(r.total);
      const results = hits.filter((h) => !h.partial);
      expect(new Set(results.map((h) => h.id))).toEqual(want);
      // Results first, then the partly matching ones; those hold some word but not all.
      expect(hits.findIndex((h) => h.partial)).toBe(r.partialCount > 0 ? r.total : -1);
      expect(hits.slice(r.total).every((h) => h.partial)).toBe(true);
      expect(r.partialCount).toBeGreaterThan(0);
      for (const h of hits.slice(r.total)) expect(want.has(h.id)).toBe(false);
      // Facets count the results only.
      expect(r.facets.type.reduce((s, f) => s + f.count, 0)).toBe(r.total);
      // "Export the results" takes exactly them.
      expect(new Set(searchResultIds(vk.search, query))).toEqual(want);
    },
  );

  it.each([
    ['bo tai chinh', '2926/QĐ-UBND', '31/2022/TT-BTC'],
    ['chuyển đổi số', '5347/CT-CS', '617/KH-UBND'],
  ])(
    '"%s": %s, holding its syllables but not its pair, is no result and ranks below every result',
    (query, without, holder) => {
      const { r, hits } = all(query);
      const want = holdingAll(query);
      const at = hits.findIndex((h) => h.number === without);
      const h = hits[at];
      // It holds each syllable of the query (so it is listed), only not as the query's words.
      expect(
        fold(query)
          .split(' ')
          .every((x) => words.get(h!.id)!.has(x)),
      ).toBe(true);
      expect(want.has(h!.id)).toBe(false);
      expect(h!.partial).toBe(true);
      expect(at).toBeGreaterThanOrEqual(r.total);
      expect(r.total).toBe(want.size);
      expect(hits.slice(0, r.total).some((x) => x.number === holder)).toBe(true);
    },
  );

  it.each(['bo tai chinh', 'chuyển đổi số', 'quyet dinh', 'phong luu tru dang', 'thanh lap ban chi dao'])(
    '"%s": every counted result has a snippet marking what made it one',
    (query) => {
      const results: { number: string | null; marked: boolean }[] = [];
      let total = Infinity;
      while (results.length < total) {
        const r = vk.search.search({ query, limit: 100, offset: results.length, facets: false });
        total = r.total;
        for (const h of r.hits.filter((x) => !x.partial))
          results.push({ number: h.number, marked: h.snippets.some((sn) => sn.parts.some((p) => p.match)) });
        if (r.hits.length === 0 || r.hits.some((x) => x.partial)) break;
      }
      expect(total).toBeGreaterThan(10);
      expect(results.length).toBe(total);
      expect(results.filter((x) => !x.marked).map((x) => x.number)).toEqual([]);
    },
  );

  it('an excluded word takes its documents out of the results and the count, with or without the store', async () => {
    const check = (): void => {
      const { r, hits } = all('ke hoach -chuyen');
      const without = holdingAll('chuyen');
      const want = new Set([...holdingAll('ke hoach')].filter((id) => !without.has(id)));
      expect(want.size).toBeGreaterThan(0);
      expect(without.size).toBeGreaterThan(0);
      expect(r.total).toBe(want.size);
      expect(new Set(hits.filter((h) => !h.partial).map((h) => h.id))).toEqual(want);
      for (const h of hits) expect(without.has(h.id)).toBe(false);
    };
    check();
    // The common words are then read from the in-memory store's postings, not FTS5.
    expect(await vk.search.impacts.build()).toBe(true);
    expect(vk.search.impacts.size()).toBeGreaterThan(0);
    check();
  });

  it('with the in-memory store built, the words, pairs and stretches count alike', () => {
    const queries = ['phong luu tru dang', 'thanh lap ban chi dao', 'bo tai chinh', 'chuyển đổi số'];
    expect(vk.search.impacts.ready()).toBe(true);
    for (const query of queries) {
      const { r, hits } = all(query);
      const want = holdingAll(query);
      expect(r.total, query).toBe(want.size);
      expect(new Set(hits.filter((h) => !h.partial).map((h) => h.id))).toEqual(want);
    }
  });

  it('a long question ranks by any word and counts how many hold them all', () => {
    const q = 'ke hoach thuc hien chuong trinh chuyen doi so cua dang uy xa nam 2024';
    const r = vk.search.search({ query: q, limit: 20, snippets: false });
    expect(r.partialCount).toBe(0);
    expect(r.strongCount).toBeLessThan(r.total);
    expect(r.strongCount).toBeGreaterThan(0);
    expect(r.hits.some((h) => h.partial)).toBe(false);
  });

  it('a query only partly matched anywhere has no results but lists the partial ones', () => {
    const r = vk.search.search({ query: 'chuyen doi so zzqxw', limit: 20, snippets: false });
    expect(r.total).toBe(0);
    expect(r.partialCount).toBeGreaterThan(0);
    expect(r.hits.every((h) => h.partial)).toBe(true);
    expect(searchResultIds(vk.search, 'chuyen doi so zzqxw')).toEqual([]);
  });
});
