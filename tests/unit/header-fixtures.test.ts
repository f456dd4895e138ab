// The labelled headers (tests/fixtures/headers/) are well-formed, varied as promised in
// tests/fixtures/README.md, and every label is backed by the text it labels.
import { describe, expect, it } from 'vitest';
import { EXTRACTED_FIELDS } from '../../main/core/text/extract-metadata.js';
import { cleanText } from '../../main/core/text/normalize.js';
import { loadHeaderFixtures, type CitationKind, type ExpectedFields } from '../helpers/expected-fields.js';

const fixtures = loadHeaderFixtures();
const KEYS: (keyof ExpectedFields)[] = [...EXTRACTED_FIELDS, 'citations'];
const KINDS: CitationKind[] = [
  'can_cu',
  'thuc_hien',
  'theo',
  'huong_dan',
  'sua_doi',
  'bo_sung',
  'thay_the',
  'bai_bo',
  'lien_quan',
];
const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('labelled document headers', () => {
  it('has at least 40 headers of varied layout', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    const all = fixtures.map((f) => f.expected);
    expect(all.filter((e) => e.system === 'party').length).toBeGreaterThanOrEqual(15);
    expect(all.filter((e) => e.system === 'state').length).toBeGreaterThanOrEqual(15);
    const types = new Set(all.map((e) => e.docType));
    for (const t of [
      'Nghị quyết',
      'Chỉ thị',
      'Quyết định',
      'Quy định',
      'Chương trình',
      'Kế hoạch',
      'Báo cáo',
      'Tờ trình',
      'Thông báo',
      'Hướng dẫn',
      'Công văn',
    ])
      expect(types, t).toContain(t);
    const texts = fixtures.map((f) => f.text);
    expect(texts.filter((t) => /^V\/v /m.test(t)).length).toBeGreaterThanOrEqual(5);
    expect(texts.filter((t) => /, ngày \d{1,2}\/\d{1,2}\/\d{4}$/m.test(t)).length).toBeGreaterThanOrEqual(3);
    expect(texts.filter((t) => t.normalize('NFC') !== t).length).toBeGreaterThanOrEqual(2);
    expect(texts.some((t) => t.includes('\u00a0'))).toBe(true);
    // Every authority form occurs in a signature block; the signer's title is the position under it.
    for (const form of ['T/M ', 'K/T ', 'T/L ', 'TM. ', 'KT. ', 'TL. ', 'TUQ. '])
      expect(
        texts.some((t) => t.split(/\s+/).some((w, i, ws) => `${w} ` === form && i + 1 < ws.length)),
        form,
      ).toBe(true);
    const titles = all.map((e) => e.signerTitle);
    expect(titles.filter((t) => /^(T\/M|K\/T|T\/L|TM\.|KT\.|TL\.|TUQ\.) /.test(t))).toEqual([]);
    expect(all.some((e) => e.issuerSuperior === null)).toBe(true);
    expect(all.some((e) => e.number === null)).toBe(true);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s is well-formed and backed by its text', (_n, f) => {
    const e = f.expected;
    expect(Object.keys(e)).toEqual(KEYS);
    const json = JSON.stringify(e);
    expect(json.normalize('NFC')).toBe(json);
    expect(json).not.toMatch(/[\u00a0\u200b\u00d0\u2013]/);
    if (e.issuedDate !== null) expect(Number.isNaN(Date.parse(e.issuedDate))).toBe(false);
    expect(e.issuedDate ?? '2000-01-01').toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(e.system).toBe(f.text.normalize('NFC').includes('ĐẢNG CỘNG SẢN VIỆT NAM') ? 'party' : 'state');

    const text = squeeze(cleanText(f.text));
    const contiguous = [e.place, e.title, e.signer, ...e.recipients];
    if (e.number) contiguous.push(e.number);
    for (const s of contiguous) expect(text, s).toContain(squeeze(s));
    // Header columns may be merged line by line (PDF extraction), so these are checked word by word.
    for (const s of [e.issuer, e.issuerSuperior ?? '', e.signerTitle])
      for (const w of s.split(' ')) expect(text, `${s}: ${w}`).toContain(w);

    const seen = new Set<string>();
    for (const c of e.citations) {
      expect(Object.keys(c).sort()).toEqual(['kind', 'number', 'type']);
      expect(KINDS).toContain(c.kind);
      expect(c.number).not.toBe(e.number);
      expect(seen.has(c.number), c.number).toBe(false);
      seen.add(c.number);
      expect(text, c.number).toContain(squeeze(c.number));
      if (c.type) expect(text, c.type).toContain(squeeze(c.type));
    }
  });
});
