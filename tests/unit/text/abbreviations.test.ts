import { describe, expect, it } from 'vitest';
import {
  ABBREVIATIONS,
  abbreviationsOf,
  expansionsOf,
  findAbbreviation,
} from '../../../main/core/text/abbreviations.js';

describe('abbreviations', () => {
  it('expands the common party and state abbreviations, accents optional', () => {
    expect(expansionsOf('UBND')).toEqual(['ủy ban nhân dân']);
    expect(expansionsOf('hdnd')).toEqual(['hội đồng nhân dân']);
    expect(expansionsOf('HĐND')).toEqual(['hội đồng nhân dân']);
    expect(expansionsOf('MTTQ')).toEqual(['mặt trận tổ quốc']);
    expect(expansionsOf('TCCS')).toEqual(['tổ chức cơ sở']);
    expect(expansionsOf('BHYT')).toEqual(['bảo hiểm y tế']);
    expect(expansionsOf('qd')).toEqual(['quyết định', 'quy định']);
    expect(expansionsOf('NQ')).toEqual(['nghị quyết']);
    expect(expansionsOf('CTr')).toEqual(['chương trình']);
    expect(expansionsOf('v/v')).toEqual(['về việc']);
    expect(expansionsOf('xyz')).toEqual([]);
  });
  it('maps expansions back to abbreviations', () => {
    expect(abbreviationsOf('uy ban nhan dan')).toEqual(['UBND']);
    expect(abbreviationsOf('Ủy ban nhân dân')).toEqual(['UBND']);
    expect(abbreviationsOf('thay mặt')).toEqual(['TM.', 'T/M']);
    expect(abbreviationsOf('công nghiệp hóa hiện đại hóa')).toEqual(['CNH-HĐH']);
  });
  it('marks ambiguous abbreviations', () => {
    expect(findAbbreviation('CT')?.ambiguous).toBe(true);
    expect(findAbbreviation('UBND')?.ambiguous).toBeUndefined();
  });
  it('keeps expansions lowercase NFC and abbreviations unique', () => {
    const seen = new Set<string>();
    for (const a of ABBREVIATIONS) {
      expect(seen.has(a.abbr), a.abbr).toBe(false);
      seen.add(a.abbr);
      for (const e of a.expansions) {
        expect(e, a.abbr).toBe(e.toLowerCase().normalize('NFC'));
      }
    }
  });
});
