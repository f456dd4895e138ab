// Access levels and độ mật (issue 12): one parser of the words people type (CLI flags, `set`, the
// edit form, bundles) and one table of names, in which no English label means two levels.
import { describe, expect, it } from 'vitest';
import { fieldValueText } from '../../main/cli/field-labels.js';
import { RECORD_ACCESS_LEVELS, SECRECY_LEVELS } from '../../main/contract/dto.js';
import {
  ACCESS_TERMS,
  SECRECY_TERMS,
  parseAccessLevel,
  parseSecrecyLevel,
} from '../../main/contract/glossary.js';
import { requireAccessLevel } from '../../main/core/archive/access.js';
import { normalizeMetadataValue } from '../../main/core/archive/documents-repo.js';
import { manifestDocumentSchema } from '../../main/core/export/bundle-manifest.js';
import { en } from '../../renderer/src/i18n/en.js';
import { vi } from '../../renderer/src/i18n/vi.js';

describe('access level words', () => {
  it.each([
    ['cong-khai', 'cong-khai'],
    ['Công khai', 'cong-khai'],
    ['  công   khai ', 'cong-khai'],
    ['CONG_KHAI', 'cong-khai'],
    ['public', 'cong-khai'],
    ['Hạn chế', 'han-che'],
    ['han che', 'han-che'],
    ['Restricted', 'han-che'],
    ['mat', 'mat'],
    ['Mật', 'mat'],
    ['MẬT', 'mat'],
    // NFD input (a macOS file name, a pasted PDF text) reads as the NFC word.
    ['Mật'.normalize('NFD'), 'mat'],
    ['confidential', 'mat'],
  ])('%j is %s', (typed, code) => {
    expect(parseAccessLevel(typed)).toBe(code);
    expect(requireAccessLevel(typed)).toBe(code);
    expect(normalizeMetadataValue('access', typed)).toBe(code);
  });

  it.each(['', 'bí mật', 'tối mật', 'secret', 'mat-lam', 'cong'])('%j is not an access level', (typed) => {
    expect(parseAccessLevel(typed)).toBeNull();
    expect(() => requireAccessLevel(typed)).toThrow(/cong-khai \(Công khai \/ Public\)/);
  });

  it('độ mật reads its own words; "Secret" is tối mật there, never an access level', () => {
    expect(parseSecrecyLevel('Tối mật')).toBe('toi-mat');
    expect(parseSecrecyLevel('secret')).toBe('toi-mat');
    expect(parseSecrecyLevel('tuyet mat')).toBe('tuyet-mat');
    expect(parseSecrecyLevel('Top secret')).toBe('tuyet-mat');
    expect(parseSecrecyLevel('Mật')).toBe('mat');
    expect(parseSecrecyLevel('Công khai')).toBeNull();
    expect(normalizeMetadataValue('secrecy', 'tối mật')).toBe('toi-mat');
    expect(() => normalizeMetadataValue('secrecy', 'hạn chế')).toThrow(/Độ mật/);
  });

  it('a bundle’s level goes through the same parser (codes, words), and a wrong one refuses it', () => {
    const doc = (access: unknown, secrecy: unknown) =>
      manifestDocumentSchema.shape.access.safeParse(access).success &&
      manifestDocumentSchema.shape.secrecy.safeParse(secrecy).success;
    expect(manifestDocumentSchema.shape.access.parse('Mật')).toBe('mat');
    expect(manifestDocumentSchema.shape.access.parse(undefined)).toBe('cong-khai');
    expect(manifestDocumentSchema.shape.secrecy.parse('Tuyệt mật')).toBe('tuyet-mat');
    expect(manifestDocumentSchema.shape.secrecy.parse(null)).toBeNull();
    expect(doc('mat', 'toi-mat')).toBe(true);
    expect(doc('bí mật', null)).toBe(false);
    expect(doc('mat', 'confidential-ish')).toBe(false);
  });
});

describe('access level names', () => {
  it('follow the law’s ladder: mật = Confidential, tối mật = Secret, tuyệt mật = Top secret', () => {
    expect(ACCESS_TERMS.mat).toEqual(SECRECY_TERMS.mat);
    expect(ACCESS_TERMS.mat.en).toBe('Confidential');
    expect(SECRECY_TERMS['toi-mat'].en).toBe('Secret');
  });

  it('no English (or Vietnamese) name stands for two levels within a table', () => {
    for (const terms of [ACCESS_TERMS, SECRECY_TERMS]) {
      const names = Object.values(terms);
      expect(new Set(names.map((t) => t.en)).size).toBe(names.length);
      expect(new Set(names.map((t) => t.vi)).size).toBe(names.length);
    }
  });

  it('the UI, the CLI and the parser share the table', () => {
    for (const l of RECORD_ACCESS_LEVELS) {
      expect(vi[`record.access.${l}`]).toBe(ACCESS_TERMS[l].vi);
      expect(en[`record.access.${l}`]).toBe(ACCESS_TERMS[l].en);
      expect(fieldValueText('access', l)).toBe(`${ACCESS_TERMS[l].vi} / ${ACCESS_TERMS[l].en}`);
      expect(parseAccessLevel(ACCESS_TERMS[l].vi)).toBe(l);
      expect(parseAccessLevel(ACCESS_TERMS[l].en)).toBe(l);
    }
    for (const l of SECRECY_LEVELS) {
      expect(vi[`secrecy.${l}`]).toBe(SECRECY_TERMS[l].vi);
      expect(fieldValueText('secrecy', l)).toBe(`${SECRECY_TERMS[l].vi} / ${SECRECY_TERMS[l].en}`);
    }
    expect(fieldValueText('issuedDate', '2025-03-04')).toBe('04/03/2025');
  });
});
