// What a number or a type name in a query means (issue 15, intent), on the samples and the real-docs
// texts imported by the real pipeline: documents bearing a number first, then those citing it, whatever
// words surround it; a type name before the start of a number ("chương trình 04") names that document;
// a type name alone puts that type first. Expected sets come from the archive's own tables.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteDocument, updateDocumentMetadata } from '../../main/core/archive/documents-repo.js';
import { importPaths } from '../../main/core/ingest/import-files.js';
import { openVanKho, type VanKho } from '../../main/core/open-vankho.js';
import { queryIntent } from '../../main/core/search/query-intent.js';
import { parseQuery } from '../../main/core/search/query-parser.js';
import { fold } from '../../main/core/text/normalize.js';
import { repoPath, testdata } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

describe('search intent: numbers and type names', () => {
  let tmp: TempDir;
  let vk: VanKho;
  const hits = (query: string): number[] =>
    vk.search.search({ query, limit: 100, snippets: false }).hits.map((h) => h.id);
  const idOf = (number: string): number =>
    vk.archive.db.prepare<[string], number>(`SELECT id FROM documents WHERE number = ?`).pluck().get(number)!;
  /** Documents citing a number key, or (with a type) any number key starting with a prefix. */
  const citing = (key: string, prefixType?: string): Set<number> => {
    const rows = vk.archive.db
      .prepare<[], { id: number; key: string; type: string | null }>(
        `SELECT source_id AS id, cited_number_key AS key, cited_type AS type FROM relations`,
      )
      .all();
    return new Set(
      rows
        .filter((r) =>
          prefixType === undefined
            ? r.key === key
            : (r.key === key || r.key?.startsWith(`${key}-`)) && fold(r.type ?? '') === fold(prefixType),
        )
        .map((r) => r.id),
    );
  };
  const ofType = (type: string): Set<number> =>
    new Set(
      vk.archive.db
        .prepare<[string], number>(`SELECT id FROM documents WHERE doc_type = ?`)
        .pluck()
        .all(type),
    );

  /**
   * The documents a query names, read the way it was before the intent index: one pass over every
   * row of the documents table (and of relations, for those citing). By boost (bearing 1000, of the
   * year 700, citing 500), the newest first, as the suggestions list them.
   */
  const readTables = (): {
    docs: { id: number; type: string | null; key: string | null; date: string | null }[];
    relations: { id: number; key: string | null; type: string | null }[];
  } => ({
    docs: vk.archive.db
      .prepare<[], { id: number; type: string | null; key: string | null; date: string | null }>(
        `SELECT id, doc_type AS type, number_key AS key, issued_date AS date FROM documents`,
      )
      .all(),
    relations: vk.archive.db
      .prepare<[], { id: number; key: string | null; type: string | null }>(
        `SELECT source_id AS id, cited_number_key AS key, cited_type AS type FROM relations`,
      )
      .all(),
  });
  const namedByScan = (q: string, citers = false, tables = readTables()): number[] => {
    const { docs, relations } = tables;
    const parsed = parseQuery(q);
    const intent = queryIntent(parsed);
    const boost = new Map<number, number>();
    const name = (id: number, b: number): void => {
      boost.set(id, Math.max(boost.get(id) ?? 0, b));
    };
    for (const num of parsed.numbers) {
      for (const d of docs) if (d.key === num.key) name(d.id, 1000);
      if (citers) for (const r of relations) if (r.key === num.key) name(r.id, 500);
    }
    const p = intent.numberPrefix;
    if (p !== null || intent.year !== null) {
      for (const d of docs) {
        if (intent.typeF !== 'van ban' && fold(d.type ?? '').trim() !== intent.typeF) continue;
        if (p !== null && d.key !== null && (d.key === p || d.key.startsWith(`${p}-`))) name(d.id, 1000);
        else if (intent.year !== null && d.date?.slice(0, 4) === String(intent.year)) name(d.id, 700);
      }
    }
    if (p !== null && citers) {
      for (const r of relations)
        if (
          (r.key === p || r.key?.startsWith(`${p}-`)) &&
          (intent.typeF === 'van ban' || (r.type !== null && fold(r.type).trim() === intent.typeF))
        )
          name(r.id, 500);
    }
    return [...boost].sort((a, b) => b[1] - a[1] || b[0] - a[0]).map(([id]) => id);
  };
  /** The suggestions' head, as long as what the scan names (at most 50). */
  const suggestedHead = (q: string, tables = readTables()): number[] => {
    const want = Math.min(50, namedByScan(q, false, tables).length);
    return vk.search
      .find(q, 50)
      .slice(0, want)
      .map((h) => h.id);
  };

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-search-intent-');
    vk = openVanKho(join(tmp.dir, 'archive'), { create: true });
    await importPaths(vk.archive, [repoPath('resources', 'samples'), testdata('real-docs', 'docs')]);
  }, 240_000);

  afterAll(async () => {
    vk?.close();
    await tmp?.cleanup();
  });

  it('a number with words: the document bearing it, then those citing it, then the rest', () => {
    const own = idOf('1520/QĐ-UBND');
    const citers = citing('1520-qd-ubnd');
    expect(citers.size).toBeGreaterThan(0);
    for (const q of ['quyet dinh 1520/qd-ubnd', 'ban chỉ đạo chuyển đổi số 1520/QĐ-UBND thành lập']) {
      const h = hits(q);
      expect(h[0], q).toBe(own);
      expect(new Set(h.slice(1, 1 + citers.size)), q).toEqual(citers);
    }
  });

  it('a number no document here bears: the documents citing it come first, whatever the words', () => {
    const citers = citing('15-2025-qd-ubnd');
    expect(citers.size).toBe(1);
    for (const q of ['quyết định 15/2025/QĐ-UBND', 'quyet dinh 15/2025/qd-ubnd ban hanh quy dinh'])
      expect(new Set(hits(q).slice(0, citers.size)), q).toEqual(citers);
  });

  it('a type name before the start of a number names that document, then those citing it', () => {
    const own = idOf('04-CTr/ĐU');
    const h = hits('chương trình 04');
    expect(h[0]).toBe(own);
    const citers = citing('4', 'Chương trình');
    expect(citers.size).toBeGreaterThanOrEqual(2);
    expect(new Set(h.slice(1, 1 + citers.size))).toEqual(citers);
    expect(hits('chuong trinh so 04')[0]).toBe(own);
    expect(hits('quyết định 1520')[0]).toBe(idOf('1520/QĐ-UBND'));
    // Nothing here bears a Nghị định 30/2020: the documents citing one lead.
    const decree = citing('30-2020', 'Nghị định');
    expect(decree.size).toBeGreaterThanOrEqual(2);
    expect(new Set(hits('nghị định 30/2020').slice(0, decree.size))).toEqual(decree);
  });

  it('a count of time after a type name is not a number', () => {
    const plain = hits('bao cao 6 thang dau nam');
    expect(plain.length).toBeGreaterThan(0);
    // Same order as the words alone would give: no document is lifted for a number "6".
    const scores = vk.search.search({ query: 'bao cao 6 thang dau nam', limit: 5, snippets: false }).hits;
    for (const s of scores) expect(s.score).toBeLessThan(500);
  });

  it('a type name alone puts documents of that type first, with or without accents', () => {
    for (const [q, type] of [
      ['nghị quyết', 'Nghị quyết'],
      ['ke hoach', 'Kế hoạch'],
      ['Công văn', 'Công văn'],
    ] as const) {
      const want = ofType(type);
      expect(want.size, type).toBeGreaterThanOrEqual(5);
      const h = hits(q);
      expect(new Set(h.slice(0, want.size)), q).toEqual(want);
    }
  });

  it('a type name before a year names the documents of that type issued that year, and counts only them', () => {
    const ofTypeIn = (type: string, year: number): Set<number> =>
      new Set(
        vk.archive.db
          .prepare<[string, string], number>(
            `SELECT id FROM documents WHERE doc_type = ? AND substr(issued_date, 1, 4) = ?`,
          )
          .pluck()
          .all(type, String(year)),
      );
    for (const [q, type, year] of [
      ['nghi dinh 2021', 'Nghị định', 2021],
      ['nghị định năm 2021', 'Nghị định', 2021],
      ['ke hoach nam 2025', 'Kế hoạch', 2025],
      ['Quyết định 2024', 'Quyết định', 2024],
    ] as const) {
      const want = ofTypeIn(type, year);
      expect(want.size, q).toBeGreaterThanOrEqual(1);
      // The year must be what lifts them: other documents of that type exist in other years.
      expect(ofType(type).size, q).toBeGreaterThan(want.size);
      // As the app's search box asks while typing (the last word a prefix) and after Enter.
      for (const asYouType of [false, true]) {
        const r = vk.search.search({ query: q, limit: 100, snippets: false, asYouType });
        expect(new Set(r.hits.slice(0, want.size).map((h) => h.id)), q).toEqual(want);
        expect(r.total, q).toBe(want.size);
      }
    }
  });

  it('a year reading needs a plausible year: "quyết định 1520" stays a number', () => {
    const own = idOf('1520/QĐ-UBND');
    const r = vk.search.search({ query: 'quyết định 1520', limit: 5, snippets: false });
    expect(r.hits[0]!.id).toBe(own);
  });

  it('the instant suggestions read the query as search does: number, type and number start, type and year', () => {
    const suggest = (q: string): number[] => vk.search.find(q, 10).map((h) => h.id);
    // A number among words: the document bearing it first (the words alone suggest others first).
    const own = idOf('1520/QĐ-UBND');
    expect(suggest('ban chỉ đạo 1520/QĐ-UBND')[0]).toBe(own);
    expect(suggest('chương trình 04')[0]).toBe(idOf('04-CTr/ĐU'));
    expect(suggest('chuong trinh so 04')[0]).toBe(idOf('04-CTr/ĐU'));
    expect(suggest('quyết định 1520')[0]).toBe(own);
    for (const [q, type, year] of [
      ['nghi dinh 2021', 'Nghị định', 2021],
      ['ke hoach nam 2025', 'Kế hoạch', 2025],
    ] as const) {
      const want = vk.archive.db
        .prepare<[string, string], number>(
          `SELECT id FROM documents WHERE doc_type = ? AND substr(issued_date, 1, 4) = ? ORDER BY id DESC`,
        )
        .pluck()
        .all(type, String(year));
      expect(want.length, q).toBeGreaterThanOrEqual(1);
      const got = vk.search.find(q, 10);
      expect(
        got.slice(0, Math.min(10, want.length)).map((h) => h.id),
        q,
      ).toEqual(want.slice(0, 10));
      expect(got[0]!.field).toBe('title');
    }
    // A reader who may not see a named document is not suggested it.
    const hidden = vk.search.find('quyết định 1520', 10, { all: false, levels: new Set(), userId: null });
    expect(hidden.some((h) => h.id === own)).toBe(false);
  });

  it('suggestions and search name what a pass over every document names: type + number start, type + year', () => {
    const rows = vk.archive.db
      .prepare<[], { type: string; key: string | null; date: string | null }>(
        `SELECT doc_type AS type, number_key AS key, issued_date AS date FROM documents WHERE doc_type IS NOT NULL`,
      )
      .all();
    const queries = new Set<string>();
    for (const r of rows) {
      const lead = r.key?.split('-')[0];
      if (lead && /^\d{1,5}$/.test(lead))
        for (const q of [`${r.type} ${lead}`, `${fold(r.type)} so ${lead}`, `văn bản ${lead}`])
          queries.add(q);
      const year = r.date?.slice(0, 4);
      if (year && /^\d{4}$/.test(year))
        for (const q of [`${r.type} ${year}`, `${fold(r.type)} nam ${year}`]) queries.add(q);
    }
    const tables = readTables();
    let named = 0;
    let several = 0;
    // Every third query (in a stable order) keeps the test to seconds.
    for (const q of [...queries].sort().filter((_, i) => i % 3 === 0)) {
      const want = namedByScan(q, false, tables);
      if (want.length > 0) named++;
      if (want.length > 1) several++;
      expect(suggestedHead(q, tables), q).toEqual(want.slice(0, 50));
      // Search names the citing documents too; the count is theirs alone (the honest count).
      const all = namedByScan(q, true, tables);
      if (all.length === 0 || all.length > 100) continue;
      const r = vk.search.search({ query: q, limit: 100, snippets: false, facets: false });
      expect(r.total, q).toBe(all.length);
      expect(new Set(r.hits.slice(0, all.length).map((h) => h.id)), q).toEqual(new Set(all));
    }
    // Not a vacuous check: many of the queries name documents, several of them more than one.
    expect(named).toBeGreaterThan(40);
    expect(several).toBeGreaterThan(5);
  });

  it('suggestions follow a document whose number, type or date changes, and its deletion', () => {
    const id = idOf('04-CTr/ĐU');
    const first = (q: string): number | undefined => vk.search.find(q, 10)[0]?.id;
    const same = (...qs: string[]): void => {
      for (const q of qs) expect(suggestedHead(q), q).toEqual(namedByScan(q).slice(0, 50));
    };
    expect(first('chương trình 04')).toBe(id);
    updateDocumentMetadata(vk.archive, id, { number: '9876-CTr/ĐU' });
    expect(first('chương trình 9876')).toBe(id);
    expect(first('văn bản 9876')).toBe(id);
    expect(namedByScan('chương trình 04')).not.toContain(id);
    same('chương trình 04', 'chương trình 9876');
    updateDocumentMetadata(vk.archive, id, { docType: 'Kế hoạch' });
    expect(first('kế hoạch 9876')).toBe(id);
    expect(namedByScan('chương trình 9876')).not.toContain(id);
    same('chương trình 9876', 'kế hoạch 9876');
    updateDocumentMetadata(vk.archive, id, { issuedDate: '1999-05-01' });
    expect(first('ke hoach nam 1999')).toBe(id);
    same('ke hoach nam 1999', 'kế hoạch 9876');
    deleteDocument(vk.archive, id);
    for (const q of ['kế hoạch 9876', 'ke hoach nam 1999']) {
      expect(namedByScan(q), q).not.toContain(id);
      expect(
        vk.search.find(q, 10).map((h) => h.id),
        q,
      ).not.toContain(id);
    }
  });
});
