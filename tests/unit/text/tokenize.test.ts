import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, fold } from '../../../main/core/text/normalize.js';
import { scanTokens, tokenize, type TextToken } from '../../../main/core/text/tokenize.js';

const brief = (ts: TextToken[]) => ts.map((t) => `${t.kind}:${t.fold}@${t.position}`);

describe('tokenize', () => {
  it('gives syllables with offsets, positions, folded and accent-kept keys', () => {
    const text = 'Quyết định về việc Thanh Hoá';
    const ts = tokenize(text);
    expect(ts.map((t) => text.slice(t.start, t.end))).toEqual([
      'Quyết',
      'định',
      'về',
      'việc',
      'Thanh',
      'Hoá',
    ]);
    expect(ts.map((t) => t.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ts.map((t) => t.fold)).toEqual(['quyet', 'dinh', 've', 'viec', 'thanh', 'hoa']);
    expect(ts.map((t) => t.acc)).toEqual(['quyết', 'định', 'về', 'việc', 'thanh', 'hóa']);
  });
  it('keeps document numbers whole and by their parts, at the same position', () => {
    const ts = tokenize('theo Quyết định số 08/2022/QĐ-TTg và Chương trình số 04-CTr/QU');
    expect(brief(ts)).toEqual([
      'word:theo@0',
      'word:quyet@1',
      'word:dinh@2',
      'word:so@3',
      'docnum:8-2022-qd-ttg@4',
      'number:08@4',
      'number:2022@5',
      'word:qd@6',
      'word:ttg@7',
      'word:va@8',
      'word:chuong@9',
      'word:trinh@10',
      'word:so@11',
      'docnum:4-ctr-qu@12',
      'number:04@12',
      'word:ctr@13',
      'word:qu@14',
    ]);
    const d = ts.find((t) => t.kind === 'docnum')!;
    expect(d.compound).toBe(true);
  });
  it('keeps dates and decimal numbers, never takes them for document numbers', () => {
    const ts = tokenize('ngày 28/3/2022, 17,8 tỷ đồng, 8/8 phường, 3.471/6.000 người, ĐT 0912-345-678');
    const compounds = ts.filter((t) => t.compound).map((t) => `${t.kind}:${t.fold}`);
    expect(compounds).toEqual(['date:2022-03-28', 'number:17,8', 'number:3.471', 'number:6.000']);
    expect(ts.filter((t) => t.kind === 'docnum')).toEqual([]);
  });
  it('cleans raw input first and reports offsets in the cleaned text', () => {
    const raw = 'Nghi\u0323 quy\u00adết\u00a0số 5';
    const ts: TextToken[] = [];
    const text = scanTokens(raw, (t) => ts.push(t));
    expect(text).toBe(cleanText(raw));
    expect(ts.map((t) => text.slice(t.start, t.end))).toEqual(['Nghị', 'quyết', 'số', '5']);
  });
  it('offsets always point at text whose fold is the token key (property)', () => {
    const alphabet = [
      ...'aăâeêioôơuưyđdqgnhtcQĐ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ0123456789/-.,\n',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }), (chars) => {
        const ts: TextToken[] = [];
        const text = scanTokens(chars.join(''), (t) => ts.push(t));
        let lastPos = -1;
        for (const t of ts) {
          expect(t.start).toBeLessThan(t.end);
          if (!t.compound) {
            expect(fold(text.slice(t.start, t.end))).toBe(t.fold);
            expect(t.position).toBe(lastPos + 1);
            lastPos = t.position;
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
