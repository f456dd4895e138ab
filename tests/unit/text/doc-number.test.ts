import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  docNumberKey,
  parseDocNumbers,
  repairTypeCode,
  type DocNumber,
} from '../../../main/core/text/doc-number.js';
import { testdata } from '../../helpers/repo-root.js';

interface Expected {
  number: string;
  year?: number;
  typeCode: string | null;
  issuerCode: string;
  unitCode?: string;
  system: 'state' | 'party';
  raw: string;
}
const cases = (
  JSON.parse(readFileSync(testdata('doc-numbers.json'), 'utf8')) as {
    cases: { text: string; expected: Expected[] }[];
  }
).cases;

function project(d: DocNumber): Expected {
  return {
    number: d.number ?? '',
    ...(d.year !== undefined ? { year: d.year } : {}),
    typeCode: d.typeCode,
    issuerCode: d.issuerCode,
    ...(d.unitCode !== undefined ? { unitCode: d.unitCode } : {}),
    system: d.system,
    raw: d.raw,
  };
}

describe('doc-numbers.json', () => {
  it('has the cases, including negatives', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => c.expected.length === 0).length).toBeGreaterThanOrEqual(13);
  });
  for (const c of cases) {
    it(c.text, () => {
      const found = parseDocNumbers(c.text);
      expect(found.map(project)).toEqual(c.expected);
      for (const d of found) expect(c.text.slice(d.index, d.end)).toBe(d.raw);
    });
  }
});

describe('docNumberKey', () => {
  it('ignores case, accents, separators, look-alikes and leading zeros', () => {
    const k = docNumberKey('08/2022/QĐ-TTg');
    expect(k).toBe('8-2022-qd-ttg');
    expect(docNumberKey('8/2022/qd-ttg')).toBe(k);
    expect(docNumberKey('08/2022/QÐ–TTg')).toBe(k);
    expect(docNumberKey('Số: 08/2022/QĐ-TTg')).toBe(k);
    expect(docNumberKey('04-CTr/QU')).toBe(docNumberKey('Số 4-CTR/QU'));
    expect(docNumberKey('04-CTr/QU')).not.toBe(docNumberKey('04-CTr/HU'));
    expect(docNumberKey('')).toBe('');
  });

  it('drops the "Số:" label of a number outside the grammar (lower case, spaces around "/")', () => {
    const k = docNumberKey('15/QĐ-UBND');
    expect(docNumberKey('Số: 15 / qđ-ubnd')).toBe(k);
    expect(docNumberKey('so 15/qd-ubnd')).toBe(k);
    expect(docNumberKey('SỐ: 15 /qđ-ubnd')).toBe(k);
    expect(docNumberKey('No. 15 / qd-ubnd')).toBe(k);
    // A symbol that merely starts with letters "so" keeps them: only a label before digits goes.
    expect(docNumberKey('sob/15')).toBe('sob-15');
  });
});

describe('repairTypeCode (OCR confusions in a type segment)', () => {
  it('drops a doubled letter', () => {
    expect(repairTypeCode('QĐĐ', 'state', false)).toBe('QĐ');
    expect(repairTypeCode('QĐĐ', 'state', true)).toBe('QĐ');
    expect(repairTypeCode('KHH', 'state', false)).toBe('KH');
  });
  it('chooses between TT and TTr by the year: a thông tư has one, a tờ trình none', () => {
    expect(repairTypeCode('TTT', 'state', true)).toBe('TT');
    expect(repairTypeCode('TTT', 'state', false)).toBe('TTr');
    expect(repairTypeCode('TIT', 'state', false)).toBe('TTr');
  });
  it('reads a digit or a look-alike back as the letter', () => {
    expect(repairTypeCode('T1', 'state', true)).toBe('TT');
    expect(repairTypeCode('Tl', 'state', true)).toBe('TT');
    expect(repairTypeCode('0Đ', 'state', true)).toBe('QĐ');
    expect(repairTypeCode('OĐ', 'state', false)).toBe('QĐ');
    expect(repairTypeCode('NO', 'state', false)).toBe('NQ');
    expect(repairTypeCode('\u00d0\u00d0', 'state', true)).toBeNull();
  });
  it('reads every digit of a type segment back as a letter: a type code has none', () => {
    expect(repairTypeCode('77', 'state', true)).toBe('TT');
    expect(repairTypeCode('T7', 'state', true)).toBe('TT');
    expect(repairTypeCode('71', 'state', true)).toBe('TT');
    expect(repairTypeCode('T7T', 'state', true)).toBe('TT');
    // Without a year no type is two look-alikes from "77" or "70".
    expect(repairTypeCode('77', 'state', false)).toBeNull();
    expect(repairTypeCode('70', 'state', false)).toBeNull();
  });
  it('takes D beside Đ for one glyph read twice', () => {
    expect(repairTypeCode('QDĐ', 'state', false)).toBe('QĐ');
    expect(repairTypeCode('QĐD', 'state', true)).toBe('QĐ');
  });
  it('leaves a repair the number form rules out', () => {
    // "TT" never goes without a year, and nothing else is one letter from "T1".
    expect(repairTypeCode('T1', 'state', false)).toBeNull();
    // A tờ trình has no year, and "TT" is no deletion of "TIT".
    expect(repairTypeCode('TIT', 'state', true)).toBeNull();
  });
  it('leaves an ambiguous segment as read', () => {
    // Without a year both "CT" (chỉ thị) and "CTr" (chương trình) are one confusion from "CTT".
    expect(repairTypeCode('CTT', 'state', false)).toBeNull();
    expect(repairTypeCode('CTT', 'state', true)).toBe('CT');
  });
  it('keeps a doubled first letter: issuer initialisms repeat it (Chi cục Thuế, Trung tâm …)', () => {
    for (const s of ['CCT', 'TTB', 'TTC'])
      for (const y of [false, true]) expect(repairTypeCode(s, 'state', y), s).toBeNull();
  });
  it('leaves known codes, issuer codes and long words alone', () => {
    for (const s of ['QĐ', 'TTr', 'QD', 'UBND', 'BTC', 'CHQ', 'TTg', 'VPCP', 'BTTTT', 'A'])
      expect(repairTypeCode(s, 'state', true), s).toBeNull();
  });
  it('uses the party codes in the party system', () => {
    expect(repairTypeCode('KLL', 'party', false)).toBe('KL');
    expect(repairTypeCode('KLL', 'state', false)).toBeNull();
  });
});
