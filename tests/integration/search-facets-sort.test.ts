// Facets and date sorting on a real archive (issue 16): several values of one facet (OR within a
// facet, AND across) with each facet counted without its own selection, a "no year" bucket that can
// be filtered, the query language's comma lists meaning the same, and undated documents last in
// both date sorts.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValidityStatus } from '../../main/contract/dto.js';
import type { AccessLevel } from '../../main/contract/request-context.js';
import { NO_YEAR, type SearchFilters, type SearchRequest } from '../../main/contract/search-types.js';
import { updateDocumentMetadata } from '../../main/core/archive/documents-repo.js';
import { openVanKho, type VanKho } from '../../main/core/open-vankho.js';
import type { GeneratedDoc } from '../bench/generate-corpus.js';
import { insertDocs } from '../bench/insert-docs.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

const doc = (name: string, docType: string, issuedDate: string, tags: string[] = []): GeneratedDoc => ({
  number: `${name.length}${name.charCodeAt(0)}/${docType === 'Chỉ thị' ? 'CT' : 'QĐ'}-UBND`,
  docType,
  system: 'state',
  issuer: 'Ủy ban nhân dân xã Tân Phước',
  issuedDate,
  signer: 'Vũ Thị Lan',
  title: `${docType} về bảo vệ ngọn hải đăng ${name}`,
  tags,
  pages: [`${docType.toUpperCase()}\nVề việc bảo vệ ngọn hải đăng ${name} trên địa bàn xã.`],
});

const DOCS = {
  a: doc('Mũi Nai', 'Quyết định', '2021-03-01', ['Biển đảo']),
  b: doc('Hòn Dấu', 'Quyết định', '2022-05-02'),
  c: doc('Kê Gà', 'Chỉ thị', '2022-07-03', ['Biển đảo']),
  d: doc('Vũng Tàu', 'Kế hoạch', '2021-09-04', ['Du lịch']),
  e: doc('Đá Lát', 'Chỉ thị', '2020-01-01'), // its date is removed below
  f: doc('Long Châu', 'Quyết định', '2020-01-01'), // its date is removed below
};
type Key = keyof typeof DOCS;

describe('facets with several values and undated documents', () => {
  let tmp: TempDir;
  let vk: VanKho;
  const id = {} as Record<Key, number>;
  const search = (query: string, extra: Partial<SearchRequest> = {}) =>
    vk.search.search({ query, limit: 50, ...extra });
  const keys = (query: string, extra: Partial<SearchRequest> = {}): Key[] =>
    search(query, extra).hits.map((h) => (Object.keys(id) as Key[]).find((k) => id[k] === h.id)!);
  const counts = (r: ReturnType<typeof search>, facet: 'type' | 'year' | 'tag') =>
    Object.fromEntries(r.facets[facet].map((c) => [c.value, c.count]));

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-facets-');
    vk = openVanKho(join(tmp.dir, 'archive'), { create: true });
    const names = Object.keys(DOCS) as Key[];
    const ids = insertDocs(
      vk.archive,
      names.map((n) => DOCS[n]),
      'facet',
    );
    names.forEach((n, i) => (id[n] = ids[i]!));
    updateDocumentMetadata(vk.archive, id.e, { issuedDate: null });
    updateDocumentMetadata(vk.archive, id.f, { issuedDate: null });
  });

  afterAll(async () => {
    vk?.close();
    await tmp?.cleanup();
  });

  it('sorts undated documents last, oldest-first and newest-first alike', () => {
    const asc = keys('hai dang', { sort: 'date-asc' });
    expect(asc.slice(0, 4)).toEqual(['a', 'd', 'b', 'c']);
    expect(asc.slice(4).sort()).toEqual(['e', 'f']);
    const desc = keys('hai dang', { sort: 'date-desc' });
    expect(desc.slice(0, 4)).toEqual(['c', 'b', 'd', 'a']);
    expect(desc.slice(4).sort()).toEqual(['e', 'f']);
    expect(keys('', { sort: 'date-asc' }).slice(-2).sort()).toEqual(['e', 'f']);
  });

  it('keeps the other values of a facet, with counts, when one is picked; several are any of them', () => {
    const one = search('hai dang', { filters: { types: ['Quyết định'] } });
    expect(one.total).toBe(3);
    expect(counts(one, 'type')).toEqual({ 'Quyết định': 3, 'Chỉ thị': 2, 'Kế hoạch': 1 });
    // Other facets count the result set.
    expect(counts(one, 'year')).toEqual({ '2021': 1, '2022': 1, [NO_YEAR]: 1 });

    const two = search('hai dang', { filters: { types: ['Quyết định', 'Chỉ thị'] } });
    expect(two.total).toBe(5);
    expect(keys('hai dang', { filters: { types: ['Quyết định', 'Chỉ thị'] } }).sort()).toEqual([
      'a',
      'b',
      'c',
      'e',
      'f',
    ]);

    // AND across facets: each facet is counted with the other facets' selections only.
    const both = search('hai dang', { filters: { types: ['Quyết định', 'Chỉ thị'], years: [2022] } });
    expect(both.hits.map((h) => h.id).sort()).toEqual([id.b, id.c].sort());
    expect(counts(both, 'type')).toEqual({ 'Quyết định': 1, 'Chỉ thị': 1 });
    expect(counts(both, 'year')).toEqual({ '2021': 1, '2022': 2, [NO_YEAR]: 2 });

    const tags = search('hai dang', { filters: { tags: ['Biển đảo', 'Du lịch'] } });
    expect(tags.total).toBe(3);
    expect(counts(tags, 'tag')).toEqual({ 'Biển đảo': 2, 'Du lịch': 1 });
  });

  it('counts documents without a date as "no year", last, and filters by it', () => {
    const r = search('hai dang');
    expect(r.facets.year.map((y) => y.value)).toEqual(['2022', '2021', NO_YEAR]);
    expect(counts(r, 'year')[NO_YEAR]).toBe(2);
    expect(keys('hai dang', { filters: { years: [null] } }).sort()).toEqual(['e', 'f']);
    expect(keys('hai dang', { filters: { years: [null, 2021] } }).sort()).toEqual(['a', 'd', 'e', 'f']);
  });

  it('reads comma lists in the query language as any of their values, like the facets', () => {
    expect(keys('hai dang nam:none').sort()).toEqual(['e', 'f']);
    expect(keys('hai dang nam:2021,none').sort()).toEqual(['a', 'd', 'e', 'f']);
    expect(keys('hai dang loai:"quyet dinh,chi thi"').sort()).toEqual(['a', 'b', 'c', 'e', 'f']);
    expect(keys('hai dang tag:"bien dao,du lich"').sort()).toEqual(['a', 'c', 'd']);
    // Each tag: word applies; query filters and structured ones apply together.
    expect(keys('hai dang tag:"bien dao" tag:"du lich"')).toEqual([]);
    expect(keys('hai dang loai:"chi thi"', { filters: { types: ['Quyết định'] } })).toEqual([]);
    expect(keys('hai dang nam:2022', { filters: { types: ['Quyết định', 'Chỉ thị'] } }).sort()).toEqual([
      'b',
      'c',
    ]);
  });

  it('counts each value of a facet as the total that picking only it (the other selections kept) gives', () => {
    const selections: SearchFilters[] = [
      {},
      { types: ['Quyết định'] },
      { types: ['Quyết định', 'Chỉ thị'], years: [2022] },
      { years: [null, 2021], tags: ['Biển đảo'] },
      { tags: ['Du lịch', 'Biển đảo'], access: ['cong-khai'], validity: ['unknown'] },
    ];
    const pick = {
      type: (v: string): SearchFilters => ({ types: [v] }),
      year: (v: string): SearchFilters => ({ years: [v === NO_YEAR ? null : Number(v)] }),
      tag: (v: string): SearchFilters => ({ tags: [v] }),
      access: (v: string): SearchFilters => ({ access: [v as AccessLevel] }),
      validity: (v: string): SearchFilters => ({ validity: [v as ValidityStatus] }),
    };
    for (const query of ['hai dang', 'bao ve ngon', '']) {
      for (const filters of selections) {
        const r = search(query, { filters });
        let seen = 0;
        for (const [facet, only] of Object.entries(pick) as [
          keyof typeof pick,
          (v: string) => SearchFilters,
        ][]) {
          for (const { value, count } of r.facets[facet]) {
            seen++;
            expect(
              search(query, { filters: { ...filters, ...only(value) } }).total,
              `${query} ${facet}=${value}`,
            ).toBe(count);
          }
        }
        expect(seen).toBeGreaterThan(0);
      }
    }
  });
});
