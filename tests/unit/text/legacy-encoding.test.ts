import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeLegacy,
  detectLegacyEncoding,
  encodingOfFont,
  type LegacyEncoding,
} from '../../../main/core/text/legacy-encoding.js';
import {
  TCVN3_BYTES,
  VISCII_BYTES,
  VNI_SEQUENCES,
  VPS_BYTES,
} from '../../../main/core/text/legacy-tables.js';
import { cleanText } from '../../../main/core/text/normalize.js';
import { prepareExtractedText } from '../../../main/core/text/prepare-text.js';
import { testdata } from '../../helpers/repo-root.js';

function load<T>(name: string): T {
  return JSON.parse(readFileSync(testdata('legacy-encodings', name), 'utf8')) as T;
}
interface TcvnFile {
  byteToUnicode: Record<string, string>;
  asSeenToUnicode: Record<string, string>;
  samples: {
    legacy: string;
    legacyBytesHex: string;
    unicodeDecoded: string;
    unicodeIntended: string;
    font?: string;
  }[];
}
interface VniFile {
  sequenceToUnicode: Record<string, string>;
  unicodeToSequence: Record<string, string>;
  samples: { legacy: string; legacyBytesHex: string; unicode: string }[];
}
interface ByteFile {
  byteToUnicode: Record<string, string>;
}
const tcvn3 = load<TcvnFile>('tcvn3.json');
const vni = load<VniFile>('vni.json');
const viscii = load<ByteFile>('viscii.json');
const vps = load<ByteFile>('vps.json');

function asMap(entries: ReadonlyArray<readonly [number, string]>): Record<string, string> {
  return Object.fromEntries(
    entries.map(([b, u]) => [`0x${b.toString(16).toUpperCase().padStart(2, '0')}`, u]),
  );
}
const latin1 = (hex: string): string => Buffer.from(hex, 'hex').toString('latin1');

describe('embedded tables equal the shared test data', () => {
  it('TCVN3, VISCII, VPS byte tables and the VNI sequence table', () => {
    expect(asMap(TCVN3_BYTES)).toEqual(tcvn3.byteToUnicode);
    expect(asMap(VISCII_BYTES)).toEqual(viscii.byteToUnicode);
    expect(asMap(VPS_BYTES)).toEqual(vps.byteToUnicode);
    expect(VNI_SEQUENCES).toEqual(vni.sequenceToUnicode);
  });
});

describe('TCVN3', () => {
  it('decodes every as-seen character', () => {
    for (const [seen, u] of Object.entries(tcvn3.asSeenToUnicode))
      expect(decodeLegacy(seen, 'tcvn3')).toBe(u);
  });
  for (const s of tcvn3.samples) {
    it(s.unicodeIntended, () => {
      expect(latin1(s.legacyBytesHex)).toBe(s.legacy);
      const fonts = s.font ? [s.font] : undefined;
      const hinted = s.font ? encodingOfFont(s.font) : null;
      // Plain table decoding (no case repair) gives unicodeDecoded.
      const plain = s.legacy.replace(/./g, (c) => (c === ' ' ? c : decodeLegacy(c, 'tcvn3')));
      expect(plain).toBe(s.unicodeDecoded);
      if (hinted)
        expect(decodeLegacy(s.legacy, 'tcvn3', { upperCase: hinted.upperCase })).toBe(s.unicodeIntended);
      const prepared = prepareExtractedText(s.legacy, { fontNames: fonts });
      expect(prepared.legacyEncoding).toBe('tcvn3');
      // Without a font, the heading heuristic restores toned capitals; ủy/Ủy stays ambiguous.
      const expected =
        s.unicodeDecoded === s.unicodeIntended || s.font ? s.unicodeIntended : s.unicodeDecoded;
      expect(prepared.text).toBe(s.legacy.startsWith('CéNG') ? s.unicodeIntended : expected);
    });
  }
  it('keeps cp1252 punctuation bytes 0x80-0x9F', () => {
    expect(decodeLegacy('“ViÖt Nam” – §¶ng', 'tcvn3')).toBe('“Việt Nam” – Đảng');
  });
});

describe('VNI', () => {
  for (const s of vni.samples) {
    it(s.unicode, () => {
      expect(latin1(s.legacyBytesHex)).toBe(s.legacy);
      expect(decodeLegacy(s.legacy, 'vni')).toBe(s.unicode);
      const encoded = [...s.unicode].map((c) => vni.unicodeToSequence[c] ?? c).join('');
      expect(encoded).toBe(s.legacy);
      const prepared = prepareExtractedText(s.legacy);
      expect(prepared.legacyEncoding).toBe('vni');
      expect(prepared.text).toBe(s.unicode);
    });
  }
  it('decodes every letter of the table in context', () => {
    for (const [u, seq] of Object.entries(vni.unicodeToSequence))
      expect(decodeLegacy(`x${seq}x`, 'vni')).toBe(`x${u}x`);
  });
});

function encodeWith(table: Record<string, string>, text: string): string {
  const inverse = new Map(Object.entries(table).map(([b, u]) => [u, String.fromCharCode(Number(b))]));
  return [...text].map((c) => inverse.get(c) ?? c).join('');
}

describe('VISCII and VPS', () => {
  const sentence = 'Quyết định về việc thành lập Ban Chỉ đạo của Ủy ban nhân dân tỉnh người được hưởng lợi';
  for (const [name, file] of [
    ['viscii', viscii],
    ['vps', vps],
  ] as const) {
    it(`${name}: round-trips and is detected`, () => {
      const legacy = encodeWith(file.byteToUnicode, sentence);
      expect(legacy).not.toBe(sentence);
      expect(decodeLegacy(legacy, name as LegacyEncoding)).toBe(sentence);
      const prepared = prepareExtractedText(legacy);
      expect(prepared.legacyEncoding).toBe(name);
      expect(prepared.text).toBe(sentence);
    });
  }
});

describe('Unicode text is never altered by the legacy step', () => {
  const norm = (
    JSON.parse(readFileSync(testdata('vi-normalize.json'), 'utf8')) as { vectors: { input: string }[] }
  ).vectors;
  it('vi-normalize inputs', () => {
    for (const v of norm) {
      const p = prepareExtractedText(v.input);
      expect(p.legacyEncoding, v.input).toBeNull();
      expect(p.text).toBe(cleanText(v.input));
    }
  });
  it('random Vietnamese prose, even with a misleading font hint on Unicode lines', () => {
    const syllables = [
      'Quyết',
      'định',
      'Chính',
      'phủ',
      'và',
      'Hà',
      'Nội',
      'ông',
      'bà',
      'công',
      'tác',
      'người',
      'được',
      'Ủy',
      'ban',
      'nhân',
      'dân',
      'tỉnh',
      'về',
      'việc',
      'thực',
      'hiện',
      'là',
      'có',
      'không',
      'Đảng',
      'bộ',
      'các',
      'café',
      'Müller',
      'naïve',
      'São',
      '2022',
      '08/2022/QĐ-TTg',
      'ngày',
      'tháng',
      'năm',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...syllables), { minLength: 1, maxLength: 40 }), (ws) => {
        const text = ws.join(' ');
        expect(detectLegacyEncoding(text)).toBeNull();
        expect(prepareExtractedText(text).text).toBe(cleanText(text));
        expect(prepareExtractedText(text, { fontNames: ['.VnTime', 'Times New Roman'] }).text).toBe(
          cleanText(text),
        );
      }),
      { numRuns: 500 },
    );
  });
  it('a document mixing a TCVN3 paragraph and a Unicode paragraph converts only the legacy one', () => {
    const mixed =
      'QuyÕt ®Þnh vÒ viÖc phª duyÖt kÕ ho¹ch\nQuyết định về việc phê duyệt kế hoạch của Chính phủ';
    const p = prepareExtractedText(mixed, { fontNames: ['.VnTime', 'Times New Roman'] });
    expect(p.text).toBe(
      'Quyết định về việc phê duyệt kế hoạch\nQuyết định về việc phê duyệt kế hoạch của Chính phủ',
    );
  });
});

describe('UTF-8 read as Windows-1252', () => {
  it('is repaired when the whole text is such mojibake', () => {
    const original = 'Quyết định về việc thành lập Ban Chỉ đạo của Ủy ban nhân dân tỉnh – “đợt 1”';
    const mangled = Buffer.from(original, 'utf8')
      .toString('latin1')
      .replace(
        /[\u0080-\u009f]/g,
        (c) => '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'[c.charCodeAt(0) - 0x80]!,
      );
    expect(mangled).toContain('á»');
    const p = prepareExtractedText(mangled);
    expect(p.legacyEncoding).toBe('utf8-as-cp1252');
    expect(p.text).toBe(cleanText(original));
  });
});

describe('legacy detection on long documents', () => {
  const tcvnLine = 'QuyÕt ®Þnh vÒ viÖc phª duyÖt kÕ ho¹ch cña Uû ban nh©n d©n tØnh';
  const uniLine = 'Quyết định về việc phê duyệt kế hoạch của Ủy ban nhân dân tỉnh, café à Paris';
  it('converts a 5,000-line TCVN3 document and leaves a 5,000-line Unicode one alone', () => {
    const legacy = Array.from({ length: 5000 }, (_, i) => `${i}. ${tcvnLine}`).join('\n');
    const p = prepareExtractedText(legacy);
    expect(p.legacyEncoding).toBe('tcvn3');
    expect(p.text.split('\n')[4999]).toBe(
      '4999. Quyết định về việc phê duyệt kế hoạch của Uỷ ban nhân dân tỉnh',
    );
    const uni = Array.from({ length: 5000 }, (_, i) => `${i}. ${uniLine}`).join('\n');
    const q = prepareExtractedText(uni);
    expect(q.legacyEncoding).toBeNull();
    expect(q.text).toBe(uni);
  });
});
