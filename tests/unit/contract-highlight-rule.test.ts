import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fold } from '../../main/contract/fold-text.js';
import { markerFor, type HighlightOptions } from '../../main/contract/highlight-rule.js';
import { repoPath, testdata } from '../helpers/repo-root.js';

const marks = (text: string, query: string, opts?: HighlightOptions): string[] =>
  (markerFor(query, opts)?.find(text) ?? []).map((r) => text.slice(r.start, r.end));

const sample = (name: string): string => readFileSync(repoPath('resources', 'samples', name), 'utf8');
const realDoc = (id: string): string => readFileSync(testdata('real-docs', 'docs', `${id}.txt`), 'utf8');
/** Folded, one space between words: how a mark reads whatever its accents and line breaks. */
const plain = (s: string): string => fold(s).replace(/[\s,/&-]+/g, ' ');

describe('highlighting = matching (issue 15)', () => {
  it('"chuyển đổi số" marks the phrase, never the "sơ" of "hồ sơ" nor a lone "số"', () => {
    for (const text of [sample('05-cong-van-245-CV-HU.txt'), sample('09-thong-bao-112-TB-UBND.txt')]) {
      expect(text).toContain('hồ sơ');
      const found = marks(text, 'chuyển đổi số');
      expect(found.length).toBeGreaterThan(0);
      expect(new Set(found)).toEqual(new Set(['chuyển đổi số']));
    }
    // Typed without accents, "so" is any accented form — but still only as part of the phrase.
    expect(marks('số hóa hồ sơ và chuyển đổi số', 'chuyen doi so')).toEqual(['chuyển đổi số']);
  });

  it('"quyet dinh" marks "Quyết định" as one pair, not "quyết" of "giải quyết" nor "định" of "Quy định"', () => {
    const text = realDoc('1597-qd-ttpvhcc');
    expect(text).toMatch(/giải quyết/);
    expect(text).toMatch(/Quy định/i);
    const found = marks(text, 'quyet dinh');
    expect(found.length).toBeGreaterThan(0);
    for (const m of found) expect(plain(m)).toBe('quyet dinh');
    // Every "quyết định" of the text is marked, each as one mark.
    expect(found.length).toBe(text.match(/quyết\s+định/giu)!.length);
  });

  it('a query that did not ask for "lập" or "ban" marks neither in "Độc lập" or "Ủy ban"', () => {
    const text = sample('09-thong-bao-112-TB-UBND.txt');
    const found = marks(text, 'thanh lap ban chi dao');
    // Only the pairs the query holds: "thành lập" (once, before "theo") and "Ban Chỉ đạo".
    expect(found.length).toBeGreaterThan(0);
    for (const m of found) expect(['thanh lap', 'ban chi dao', 'thanh lap ban chi dao']).toContain(plain(m));
    expect(found.filter((m) => plain(m) === 'ban chi dao').length).toBe(text.match(/Ban Chỉ đạo/g)!.length);
    const lap = found.filter((m) => plain(m).includes('lap'));
    expect(lap).toEqual(['thành lập']);
  });

  it('an accented word marks only that accented form, whatever the case or tone placement', () => {
    expect(marks('Số 12, hồ sơ, SỐ LIỆU, sổ sách', 'số')).toEqual(['Số', 'SỐ']);
    expect(marks('hòa giải, hoà giải, hoa giai', 'hoà giải')).toEqual(['hòa giải', 'hoà giải']);
    expect(marks('Ủy ban, Uỷ ban, uy ban', 'ủy ban')).toEqual(['Ủy ban', 'Uỷ ban']);
    expect(marks('Số 12, hồ sơ, sổ sách', 'so')).toEqual(['Số', 'sơ', 'sổ']);
  });

  it('a quoted phrase is marked only where the whole phrase occurs', () => {
    const text = 'Ban Chỉ đạo; thành lập Ban Chỉ đạo tỉnh; thành lập đoàn';
    expect(marks(text, '"thành lập ban chỉ đạo"')).toEqual(['thành lập Ban Chỉ đạo']);
    expect(marks(text, 'thanh lap ban chi dao')).toEqual([
      'Ban Chỉ đạo',
      'thành lập Ban Chỉ đạo',
      'thành lập',
    ]);
  });

  it('a lone word is marked, a function word beside others is not; a one-word query always is', () => {
    expect(marks('thuế và phí của xã', 'thuế; của')).toEqual(['thuế']);
    expect(marks('thuế và phí của xã', 'của')).toEqual(['của']);
    expect(marks('thuế và phí', 'thuế OR phí')).toEqual(['thuế', 'phí']);
  });

  it('marks a document number as one mark, Đ included', () => {
    expect(marks('theo Quyết định số 1520/QĐ-UBND ngày', '1520/qd-ubnd')).toEqual(['1520/QĐ-UBND']);
    expect(marks('theo Quyết định số 1520/QĐ-UBND ngày', 'quyết định 1520/QĐ-UBND')).toEqual([
      'Quyết định',
      '1520/QĐ-UBND',
    ]);
  });

  it('drops excluded words, filters and operators', () => {
    expect(marks('kế hoạch, dự thảo kế hoạch', 'ke hoach -"du thao" loai:"Kế hoạch" nam:2023')).toEqual([
      'kế hoạch',
      'kế hoạch',
    ]);
  });

  it('the last word as a prefix: always, or only at the end of a pair', () => {
    // The word the prefix starts is marked whole, as the search matched it.
    expect(marks('chuyển đổi số', 'chuyen do', { lastIsPrefix: 'in-phrase' })).toEqual(['chuyển đổi']);
    expect(marks('bánh, ban', 'ban', { lastIsPrefix: 'in-phrase' })).toEqual(['ban']);
    expect(marks('bánh, ban', 'ban', { lastIsPrefix: 'always' })).toEqual(['bánh', 'ban']);
    expect(marks('chuyển đổi số', 'chuyển đổ', { lastIsPrefix: 'always' })).toEqual(['chuyển đổi']);
    expect(marks('chuyển đô thị', 'chuyển đổ', { lastIsPrefix: 'always' })).toEqual([]);
  });

  it('units sharing a first syllable, and a one-syllable prefix beside pairs, are each found', () => {
    // "dao tao" and "dao duc" start alike; the longest unit at a place wins; overlapping pairs join.
    expect(marks('đào tạo cán bộ, đạo đức và đảo', 'dao tao can bo dao duc')).toEqual([
      'đào tạo cán bộ, đạo đức',
    ]);
    expect(marks('đào tạo; đạo đức; cán bộ', 'dao tao can bo dao duc')).toEqual([
      'đào tạo',
      'đạo đức',
      'cán bộ',
    ]);
    // The prefix "b" (a word of its own) marks any word it starts, pairs keep their marks.
    expect(marks('chuyển đổi số ban hành bởi sở', 'chuyển đổi số. b', { lastIsPrefix: 'always' })).toEqual([
      'chuyển đổi số',
      'ban',
      'bởi',
    ]);
    // An accented unit among many keeps its accent rule.
    const long = 'Xin hỏi việc đào tạo cán bộ về đạo đức công vụ số hóa hồ sơ như thế nào';
    expect(marks('đào tạo số hóa và hồ sơ, số', long)).toEqual(['đào tạo', 'số hóa', 'hồ sơ']);
  });

  it('maps marks back onto decomposed (NFD) text and across line breaks', () => {
    const nfd = 'Nghị quyết số 12 về\nthành lập\nBan Chỉ đạo'.normalize('NFD');
    const found = marks(nfd, 'nghị quyết "thành lập ban chỉ đạo"');
    expect(found.map((m) => m.normalize('NFC'))).toEqual(['Nghị quyết', 'thành lập\nBan Chỉ đạo']);
  });

  it('a pair across two words of the query is no mark of its own: "toàn bộ Quyết định" marks "Quyết định"', () => {
    // Was "bộ Quyết định": the pair "bo quyet" of "bai bo | quyet dinh" on its own.
    const text = realDoc('80-2025-qd-ubnd');
    expect(text).toMatch(/toàn bộ Quyết định/);
    const found = marks(text, 'bai bo quyet dinh 15/2025').map(plain);
    expect(found).toContain('bai bo');
    expect(found).toContain('bai bo quyet dinh');
    for (const m of found) expect(['bai bo', 'quyet dinh', 'bai bo quyet dinh', '15 2025']).toContain(m);
    expect(marks('Bãi bỏ toàn bộ Quyết định số 15/2025', 'bai bo quyet dinh 15/2025')).toEqual([
      'Bãi bỏ',
      'Quyết định',
      '15/2025',
    ]);
    // Beside each other they are one mark: the link joins the two words.
    expect(marks('bãi bỏ Quyết định 15/2025/QĐ-UBND', 'bai bo quyet dinh 15/2025')).toEqual([
      'bãi bỏ Quyết định 15/2025',
    ]);
  });

  it('a document number is marked whole, never its tail inside another number', () => {
    // Was "2025/QĐ-UBND" of "15/2025/QĐ-UBND" for the query "80/2025/QĐ-UBND".
    const text = realDoc('80-2025-qd-ubnd');
    expect(text).toContain('15/2025/QĐ-UBND');
    expect(new Set(marks(text, '80/2025/QĐ-UBND'))).toEqual(new Set(['80/2025/QĐ-UBND']));
    expect(marks('số 15/2025/QĐ-UBND và 80/2025', 'quyet dinh 80/2025')).toEqual(['80/2025']);
  });

  it('three syllables are a word of one and a word of two: "bo tai chinh" never marks "bộ tài"', () => {
    // A body's head noun and its name: "toàn bộ tài sản" holds no "Bộ Tài chính".
    const text = realDoc('308-2025-nd-cp');
    expect(text).toMatch(/toàn bộ tài/);
    const found = marks(text, 'bo tai chinh').map(plain);
    expect(found).toContain('tai chinh');
    for (const m of found) expect(['tai chinh', 'bo tai chinh']).toContain(m);
    const mixed = 'toàn bộ tài liệu; Bộ Tài chính; nguồn tài chính; Sở Nội vụ';
    expect(marks(mixed, 'bo tai chinh')).toEqual(['Bộ Tài chính', 'tài chính']);
    expect(marks(mixed, 'so noi vu')).toEqual(['Sở Nội vụ']);
    // Otherwise a word and its modifier: "thay đổi số liệu" holds no "chuyển đổi số".
    expect(marks('thay đổi số liệu; chuyển đổi mô hình', 'chuyen doi so')).toEqual(['chuyển đổi']);
    // Typed with accents, a head noun is only that word: "bổ sung thêm" is no "Bộ".
    expect(marks('bổ sung thêm', 'bổ sung thêm')).toEqual(['bổ sung thêm']);
  });

  it('a number typed after a type name marks the document number it starts, not every such number', () => {
    // "chương trình 04" finds 04-CTr/ĐU by its number: that number is marked whole, a lone "04" is not.
    const text = 'Thực hiện Chương trình số 04-CTr/ĐU; trong 04 năm, 04/5 tổ chức';
    expect(marks(text, 'chuong trinh 04')).toEqual(['Chương trình', '04-CTr/ĐU']);
    expect(marks('căn cứ Nghị định số 30/2020/NĐ-CP; 30 ngày', 'nghi dinh 30')).toEqual([
      'Nghị định',
      '30/2020/NĐ-CP',
    ]);
  });

  it('abbreviation expansions the search matched on are marked whole', () => {
    expect(marks('Ủy ban nhân dân huyện', 'ubnd', { extraPhrases: ['uy ban nhan dan'] })).toEqual([
      'Ủy ban nhân dân',
    ]);
  });
});
