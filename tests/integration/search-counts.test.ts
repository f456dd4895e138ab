// Honest counts (issue 15): a result holds every word typed; documents holding only some follow the
// results, flagged `partial`, never counted, faceted or exported. Checked against the documents' own
// text (pages, trích yếu, issuer, type) on the samples and the real-docs texts.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchResultIds } from '../../main/core/export-selection.js';
import { importPaths } from '../../main/core/ingest/import-files.js';
import { openVanKho, type VanKho } from '../../main/core/open-vankho.js';
import { fold } from '../../main/core/text/normalize.js';
import { repoPath, testdata } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

describe('honest counts: every word typed, partly matching listed apart', () => {
  let tmp: TempDir;
  let vk: VanKho;
  /** Folded words of each document's searchable text. */
  let words: Map<number, Set<string>>;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-search-counts-');
    vk = openVanKho(join(tmp.dir, 'archive'), { create: true });
    await importPaths(vk.archive, [repoPath('resources', 'samples'), testdata('real-docs', 'docs')]);
    words = new Map();
    const db = vk.archive.db;
    const rows = db
      .prepare<[], { id: number; text: string }>(
        `SELECT d.id, coalesce(d.title, '') || ' ' || coalesce(d.issuer, '') || ' ' || coalesce(d.doc_type, '') || ' ' ||
                coalesce(d.signer, '') || ' ' || coalesce((SELECT group_concat(p.text, ' ') FROM files f JOIN pages p ON p.file_id = f.id
                WHERE f.document_id = d.id), '') AS text
           FROM documents d`,
      )
      .all();
    for (const r of rows) words.set(r.id, new Set(fold(r.text).split(/[^\p{L}\p{N}]+/u)));
  }, 240_000);

  afterAll(async () => {
    vk?.close();
    await tmp?.cleanup();
  });

  const holdingAll = (query: string): Set<number> => {
    const want = fold(query).split(/\s+/);
    return new Set([...words].filter(([, w]) => want.every((x) => w.has(x))).map(([id]) => id));
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
