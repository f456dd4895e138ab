import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, formatRoute, parseRoute, type SearchState } from '../../../renderer/src/app/router.js';

describe('hash routes', () => {
  it('give every screen and document an address that reads back the same', () => {
    for (const name of ['import', 'tags', 'archive'] as const) {
      expect(formatRoute({ name }, EMPTY_SEARCH)).toBe(`#/${name}`);
      expect(parseRoute(`#/${name}`).route).toEqual({ name });
    }
    const doc = { name: 'document' as const, id: 12, query: 'quyết định 08/2022', page: 3 };
    const hash = formatRoute(doc, EMPTY_SEARCH);
    expect(hash).toMatch(/^#\/doc\/12\?/);
    expect(parseRoute(hash).route).toEqual(doc);
    expect(parseRoute('#/doc/7').route).toEqual({ name: 'document', id: 7, query: '' });
  });

  it('address a hồ sơ by its code, and its printable mục lục', () => {
    for (const name of ['records', 'registers'] as const)
      expect(parseRoute(formatRoute({ name }, EMPTY_SEARCH)).route).toEqual({ name });
    const rec = { name: 'record' as const, code: '000.00.00.H41.2025.01.VP' };
    expect(formatRoute(rec, EMPTY_SEARCH)).toBe('#/records/000.00.00.H41.2025.01.VP');
    expect(parseRoute(formatRoute(rec, EMPTY_SEARCH)).route).toEqual(rec);
    // A code with characters that need escaping, and the print view.
    const odd = { name: 'record' as const, code: 'H41.2025.Hồ sơ/1', print: true };
    expect(parseRoute(formatRoute(odd, EMPTY_SEARCH)).route).toEqual(odd);
    expect(parseRoute('#/records/%E0%A4%A').route).toEqual({ name: 'records' });
  });

  it('carry the search (query, filters including "no year", sort) on the search address', () => {
    const search: SearchState = {
      query: 'chuyển đổi số',
      filters: {
        types: ['Quyết định', 'Chỉ thị'],
        years: [2021, null],
        tags: ['Kinh tế'],
        validity: ['replaced', 'no-longer-in-force'],
        dateFrom: '2020-01',
      },
      sort: 'date-asc',
    };
    const hash = formatRoute({ name: 'search' }, search);
    expect(hash.startsWith('#/search?q=')).toBe(true);
    expect(parseRoute(hash)).toEqual({ route: { name: 'search' }, search });
    expect(formatRoute({ name: 'search' }, EMPTY_SEARCH)).toBe('#/search');
  });

  it('read an unknown, empty or token-only address as the search screen', () => {
    for (const h of ['', '#', '#/nowhere', '#token=abc', '#/doc/x'])
      expect(parseRoute(h).route).toEqual({ name: 'search' });
    expect(parseRoute('#/search?sort=bogus&nam=20x1').search).toEqual(EMPTY_SEARCH);
  });
});
