// Search on a real archive: hand-written documents with known answers plus generated ones for volume,
// inserted through archive.write (the search hook runs in the same transactions), queried through
// openVanKho's SearchService. Covers the query language, accents, numbers, filters, snippets, facets,
// sorting/paging, instant find, and that the indexes follow edits, deletes and rollbacks.

import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchRequest } from '../../main/contract/search-types.js';
import { openArchive } from '../../main/core/archive/archive.js';
import { deleteDocument, updateDocumentMetadata } from '../../main/core/archive/documents-repo.js';
import { openVanKho, type VanKho } from '../../main/core/open-vankho.js';
import { generateCorpus, type GeneratedDoc } from '../bench/generate-corpus.js';
import { insertDocs } from '../bench/insert-docs.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

const filler = (n: number): string =>
  'Các cơ quan, đơn vị tổ chức triển khai thực hiện nghiêm túc, báo cáo kết quả định kỳ. '.repeat(n);

const KNOWN: Record<string, GeneratedDoc> = {
  decision: {
    number: '08/2022/QĐ-TTg',
    docType: 'Quyết định',
    system: 'state',
    issuer: 'Thủ tướng Chính phủ',
    issuedDate: '2022-03-28',
    signer: 'Phạm Minh Chính',
    title: 'Phê duyệt Chương trình chuyển đổi số quốc gia',
    tags: ['Chuyển đổi số'],
    pages: [
      `QUYẾT ĐỊNH\nPhê duyệt Chương trình chuyển đổi số quốc gia\n${filler(20)}`,
      `${filler(10)}Điều 3. Bộ Giao thông vận tải hiện đại hóa đường sắt Bắc - Nam. ${filler(10)}`,
    ],
  },
  plan: {
    number: '45/KH-UBND',
    docType: 'Kế hoạch',
    system: 'state',
    issuer: 'Ủy ban nhân dân tỉnh Lai Châu',
    issuedDate: '2023-05-10',
    signer: 'Trương Quốc Huy',
    title: 'Kế hoạch chuyển đổi số năm 2023',
    tags: ['Chuyển đổi số', 'Mật'],
    pages: [
      `KẾ HOẠCH\nCăn cứ Quyết định số 08/2022/QĐ-TTg của Thủ tướng Chính phủ; ${filler(8)}` +
        'Mục tiêu: chuyển đổi số toàn diện trong cơ quan nhà nước của tỉnh.',
    ],
  },
  program: {
    number: '04-CTr/QU',
    docType: 'Chương trình',
    system: 'party',
    issuer: 'Quận ủy Ba Đình',
    issuedDate: '2021-01-05',
    signer: 'Hoàng Minh Dũng',
    title: 'Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ quận',
    tags: ['Xây dựng Đảng'],
    pages: [`CHƯƠNG TRÌNH\n${filler(5)}Giao UBND quận chủ trì phối hợp với các phường. ${filler(5)}`],
  },
  auction: {
    number: '17/TB-STC',
    docType: 'Thông báo',
    system: 'state',
    issuer: 'Sở Tài chính',
    issuedDate: '2020-07-01',
    signer: 'Lê Văn Tám',
    title: 'Thông báo bán đấu giá tài sản công',
    tags: [],
    pages: [`THÔNG BÁO\nTổ chức bán đấu giá tài sản công là xe ô tô đã qua sử dụng. ${filler(4)}`],
  },
  handover: {
    number: '18/TB-STC',
    docType: 'Thông báo',
    system: 'state',
    issuer: 'Sở Tài chính',
    issuedDate: '2020-08-01',
    signer: 'Lê Văn Tám',
    title: 'Thông báo ban giao tài sản công',
    tags: [],
    // "ban" here is the unaccented form: the folded copy equals "bán", the accent-kept one does not.
    pages: [`THÔNG BÁO\nBan giao tài sản công cho đơn vị sự nghiệp; không bán. ${filler(4)}`],
  },
  railway: {
    number: '27/BC-SGTVT',
    docType: 'Báo cáo',
    system: 'state',
    issuer: 'Sở Giao thông vận tải thành phố Đà Nẵng',
    issuedDate: '2024-11-20',
    signer: 'Đặng Văn Nam',
    title: 'Báo cáo tình hình đường sắt qua Đà Nẵng',
    tags: ['Giao thông'],
    pages: [`BÁO CÁO\nTuyến đường sắt qua địa bàn Đà Nẵng được duy tu. ${filler(6)}`],
  },
};

describe('search on a real archive', () => {
  let tmp: TempDir;
  let vk: VanKho;
  const id: Record<string, number> = {};
  const search = (q: string, extra: Partial<SearchRequest> = {}) =>
    vk.search.search({ query: q, limit: 20, ...extra });
  const ids = (q: string, extra: Partial<SearchRequest> = {}) => search(q, extra).hits.map((h) => h.id);
  /** Every matching document, page by page (a query may match more than one page of 200). */
  const allIds = (q: string): Set<number> => {
    const out = new Set<number>();
    for (let offset = 0; ; offset += 200) {
      const r = search(q, { limit: 200, offset, snippets: false });
      r.hits.forEach((h) => out.add(h.id));
      if (offset + 200 >= r.total) return out;
    }
  };

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-search-');
    vk = openVanKho(join(tmp.dir, 'archive'), { create: true });
    insertDocs(vk.archive, [...generateCorpus(300, 99)], 'gen');
    const names = Object.keys(KNOWN);
    const inserted = insertDocs(
      vk.archive,
      names.map((n) => KNOWN[n]!),
      'known',
    );
    names.forEach((n, i) => (id[n] = inserted[i]!));
  });

  afterAll(async () => {
    vk?.close();
    await tmp?.cleanup();
  });

  it('finds the same documents with or without accents, in any case', () => {
    const variants = [
      'quyết định phê duyệt chương trình chuyển đổi số quốc gia',
      'quyet dinh phe duyet chuong trinh chuyen doi so quoc gia',
      'Quyet Đinh phê DUYỆT chương trinh CHUYỂN đổi số Quốc Gia',
    ].map((q) => search(q, { limit: 200 }));
    const folded = allIds('quyet dinh phe duyet chuong trinh chuyen doi so quoc gia');
    for (const r of variants) {
      expect(r.hits[0]?.id).toBe(id['decision']);
      expect(r.total).toBe(variants[0]!.total);
    }
    expect(allIds('quyết định phê duyệt chương trình chuyển đổi số quốc gia')).toEqual(folded);
    expect(allIds('Quyet Đinh phê DUYỆT chương trinh CHUYỂN đổi số Quốc Gia')).toEqual(folded);
  });

  it('ranks exact-accent matches above folded ones', () => {
    expect(ids('bán tài sản')[0]).toBe(id['auction']);
    expect(ids('ban giao tài sản')[0]).toBe(id['handover']);
  });

  it('returns a document first for its bare number, in any spelling, and finds documents citing it', () => {
    for (const q of ['08/2022/QĐ-TTg', '08/2022/qd-ttg', '8/2022/QD-TTG', 'Quyết định số 08/2022/QĐ-TTg']) {
      const r = search(q);
      expect(r.hits[0]?.id).toBe(id['decision']);
      expect(r.query.numberKey).toBe('8-2022-qd-ttg');
    }
    expect(ids('08/2022/QĐ-TTg')).toContain(id['plan']);
    expect(ids('04-CTr/QU')[0]).toBe(id['program']);
  });

  it('applies every filter, inline or structured, with the same result', () => {
    expect(ids('so:08/2022/qd-ttg')).toEqual([id['decision']]);
    expect(ids('chuyển đổi số loai:"Kế hoạch"')).toEqual(
      ids('chuyển đổi số', { filters: { types: ['Kế hoạch'] } }),
    );
    expect(ids('chuyển đổi số loai:"Kế hoạch"')).toContain(id['plan']);
    expect(ids('chuyển đổi số loai:"Kế hoạch"')).not.toContain(id['decision']);
    expect(ids('chuyển đổi số coquan:"lai chau" nam:2023')).toEqual([id['plan']]);
    expect(ids('"tai san cong" tu:2020-07-15 den:2020-12-31')).toEqual([id['handover']]);
    expect(ids('"tài sản công"', { filters: { dateFrom: '2020-07-15', dateTo: '2020-12-31' } })).toEqual([
      id['handover'],
    ]);
    expect(ids('chuyển đổi số tag:mat')).toEqual([id['plan']]);
    expect(ids('', { filters: { tags: ['Mật'] } })).toEqual([id['plan']]);
    expect(ids('coquan:UBND nam:2023 tag:"chuyển đổi số"')).toContain(id['plan']);
  });

  it('requires quoted phrases, excludes -words and honours OR', () => {
    const phrase = search('"chuyển đổi số"');
    expect(phrase.total).toBeGreaterThanOrEqual(2);
    for (const h of phrase.hits) {
      const text = [h.title, ...h.snippets.flatMap((s) => s.parts.map((p) => p.text))].join(' ');
      expect(text.toLowerCase()).toContain('chuyển đổi số');
    }
    expect(ids('"chuyển đổi số" -"quốc gia"')).not.toContain(id['decision']);
    expect(ids('"chuyển đổi số" -"quốc gia"')).toContain(id['plan']);
    const either = ids('"đường sắt" OR "đấu giá"');
    expect(either).toEqual(expect.arrayContaining([id['railway'], id['auction'], id['decision']]));
  });

  it('treats the last word as a prefix while typing', () => {
    expect(ids('đấu gi', { asYouType: true })).toContain(id['auction']);
    expect(ids('đấu gi')).not.toContain(id['auction']);
  });

  it('expands abbreviations both ways without drowning the literal hits', () => {
    const r = search('UBND Lai Châu');
    expect(r.hits[0]?.id).toBe(id['plan']);
    expect(r.query.expansions['UBND']).toBe('uy ban nhan dan');
    expect(ids('UBND quận')[0]).toBe(id['program']);
  });

  it('marks matched words on the original accented text, with the page they are on', () => {
    const hit = search('duong sat').hits.find((h) => h.id === id['decision'])!;
    expect(hit.snippets.length).toBeGreaterThanOrEqual(1);
    expect(hit.snippets.length).toBeLessThanOrEqual(3);
    const s = hit.snippets[0]!;
    expect(s.page).toBe(2);
    expect(s.fileName).toMatch(/\.txt$/);
    // A pair is one mark (issue 15), in its original accented form.
    expect(s.parts.filter((p) => p.match).map((p) => p.text)).toEqual(['đường sắt']);
    const title = search('chuyen doi so', { filters: { tags: ['Mật'] } }).hits[0]!;
    expect(title.id).toBe(id['plan']);
    expect(title.titleParts.filter((p) => p.match).map((p) => p.text)).toEqual(['chuyển đổi số']);
  });

  it('counts facets over the whole result set, not just the page', () => {
    // A required phrase keeps the result set under the 50 values a facet lists.
    const r = search('"chuyển đổi số"', { limit: 2 });
    expect(r.hits).toHaveLength(2);
    expect(r.total).toBeGreaterThan(2);
    const sum = (xs: { count: number }[]) => xs.reduce((n, x) => n + x.count, 0);
    expect(sum(r.facets.type)).toBe(r.total);
    expect(sum(r.facets.year)).toBe(r.total);
    expect(sum(r.facets.issuer)).toBe(r.total);
    expect(r.facets.tag.find((t) => t.value === 'Chuyển đổi số')!.count).toBeGreaterThanOrEqual(2);
    const planYear = r.facets.year.find((y) => y.value === '2023');
    expect(planYear?.count).toBe(search('"chuyển đổi số" nam:2023').total);
  });

  it('sorts by relevance or date and pages without gaps or repeats', () => {
    // Date order within the results, then within the partly matching documents listed after them.
    for (const part of [false, true]) {
      const all = search('tài sản công', { limit: 200, sort: 'date-desc' }).hits.filter(
        (h) => !!h.partial === part,
      );
      const dates = all.map((h) => h.issuedDate ?? '');
      expect([...dates].sort().reverse()).toEqual(dates);
      const asc = search('tài sản công', { limit: 200, sort: 'date-asc' })
        .hits.filter((h) => !!h.partial === part)
        .map((h) => h.issuedDate ?? '');
      expect([...asc].sort()).toEqual(asc);
    }
    const full = ids('chuyển đổi số', { limit: 200 });
    const paged = [0, 5, 10, 15].flatMap((offset) => ids('chuyển đổi số', { limit: 5, offset }));
    expect(paged).toEqual(full.slice(0, 20));
    for (const part of [false, true]) {
      const scores = search('chuyển đổi số', { limit: 50 })
        .hits.filter((h) => !!h.partial === part)
        .map((h) => h.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
  });

  it('answers instant find by number, title words (folded), issuer and tags', () => {
    expect(vk.search.find('08/20', 5)[0]?.id).toBe(id['decision']);
    expect(vk.search.find('45/KH', 5)[0]?.id).toBe(id['plan']);
    expect(vk.search.find('ke hoach chuyen doi so', 5).map((h) => h.id)).toContain(id['plan']);
    expect(vk.search.find('bao cao duong sat', 5)[0]?.id).toBe(id['railway']);
    expect(vk.search.find('Quận ủy Ba', 5).map((h) => h.id)).toContain(id['program']);
  });

  it('follows edits and tag changes at once', () => {
    updateDocumentMetadata(vk.archive, id['auction']!, {
      title: 'Thông báo đấu giá quyền khai thác khoáng sản Xylophon',
    });
    expect(ids('xylophon')).toEqual([id['auction']]);
    expect(vk.search.find('xyloph', 5)[0]?.id).toBe(id['auction']);
    expect(search('xylophon').hits[0]!.title).toContain('Xylophon');
  });

  it('never shows a deleted document, in search or instant find', () => {
    deleteDocument(vk.archive, id['railway']!);
    expect(ids('đường sắt Đà Nẵng')).not.toContain(id['railway']);
    expect(ids('27/BC-SGTVT')).not.toContain(id['railway']);
    expect(vk.search.find('bao cao duong sat', 10).map((h) => h.id)).not.toContain(id['railway']);
  });

  it('never shows what a rolled-back write added', () => {
    expect(() =>
      vk.archive.write(() => {
        insertDocs(
          vk.archive,
          [{ ...KNOWN['auction']!, number: '99/TB-XYZ', title: 'Zyqwert tạm thời' }],
          'rollback',
        );
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(ids('zyqwert')).toEqual([]);
    expect(vk.search.find('zyqwert', 5)).toEqual([]);
  });

  it('persists instant find, rebuilds it when missing, and catches up on writes made without search', () => {
    vk.close();
    const file = join(tmp.dir, 'archive', 'derived', 'instant-find.bin');
    expect(existsSync(file)).toBe(true);
    // A write by a process that opened the archive without the search engine.
    const plain = openArchive(join(tmp.dir, 'archive'));
    insertDocs(plain, [{ ...KNOWN['auction']!, number: '77/TB-QWE', title: 'Thông báo Quokkaqua' }], 'plain');
    plain.close();
    vk = openVanKho(join(tmp.dir, 'archive'));
    expect(search('quokkaqua').total).toBe(1);
    expect(vk.search.find('quokkaq', 5)).toHaveLength(1);
    expect(vk.search.find('08/20', 5)[0]?.id).toBe(id['decision']);
    vk.close();
    rmSync(file);
    vk = openVanKho(join(tmp.dir, 'archive'));
    expect(vk.search.find('quokkaq', 5)).toHaveLength(1);
  });

  it('reindexes with progress and answers the same afterwards', async () => {
    const before = ids('"chuyển đổi số"', { limit: 50 });
    const seen: number[] = [];
    await vk.search.reindex({ onProgress: (p) => p.phase === 'fulltext' && seen.push(p.done) });
    expect(seen[seen.length - 1]).toBe(vk.archive.db.prepare('SELECT count(*) FROM documents').pluck().get());
    expect(ids('"chuyển đổi số"', { limit: 50 })).toEqual(before);
  });
});
