import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText, vietnameseLetterRatio } from '../../../main/core/ingest/extractors/decode-text.js';

const VI =
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQuyết định về việc ban hành quy chế làm việc của Ủy ban nhân dân xã.';

/** Windows-1258 as editors wrote it: base letter (â, ơ, đ…) + combining tone mark byte. */
function cp1258(s: string): Buffer {
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/gu;
  return iconv.encode(
    [...s]
      .map((ch) => {
        const d = ch.normalize('NFD');
        return d.replace(tones, '').normalize('NFC') + (d.match(tones)?.join('') ?? '');
      })
      .join(''),
    'windows-1258',
  );
}

describe('decodeText', () => {
  it('decodes UTF-8 with and without BOM to NFC', () => {
    expect(decodeText(Buffer.from(VI, 'utf8'))).toEqual({ text: VI, encoding: 'utf-8' });
    const nfdBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VI.normalize('NFD'), 'utf8')]);
    expect(decodeText(nfdBom)).toEqual({ text: VI, encoding: 'utf-8' });
  });

  it('decodes UTF-16 LE/BE with a BOM and without one', () => {
    const le = iconv.encode(VI, 'utf-16le');
    const be = iconv.encode(VI, 'utf-16be');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual({
      text: VI,
      encoding: 'utf-16le',
    });
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({
      text: VI,
      encoding: 'utf-16be',
    });
    expect(decodeText(le)).toEqual({ text: VI, encoding: 'utf-16le' });
    expect(decodeText(be)).toEqual({ text: VI, encoding: 'utf-16be' });
  });

  it('recognises Windows-1258 (composed tones) and tells it from Windows-1252', () => {
    const bytes = cp1258(VI);
    expect(bytes.toString('latin1')).not.toBe(VI); // really 8-bit, with combining tone bytes
    expect(decodeText(bytes)).toEqual({ text: VI, encoding: 'windows-1258' });
    const fr = 'Le présent arrêté entre en vigueur à compter de sa signature. Très bien, déjà vu, où?';
    expect(decodeText(iconv.encode(fr, 'windows-1252'))).toEqual({ text: fr, encoding: 'windows-1252' });
  });

  it('honours a declared charset (HTML meta) for other scripts', () => {
    const ru = 'Привет, мир';
    expect(decodeText(iconv.encode(ru, 'windows-1251'), 'windows-1251')).toEqual({
      text: ru,
      encoding: 'windows-1251',
    });
  });

  it('never throws on random bytes', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const r = decodeText(bytes);
    expect(typeof r.text).toBe('string');
    expect(r.encoding.length).toBeGreaterThan(0);
  });

  it('measures how Vietnamese a text looks', () => {
    expect(vietnameseLetterRatio(VI)).toBeGreaterThan(0.1);
    expect(vietnameseLetterRatio('Hello world')).toBe(0);
  });
});
