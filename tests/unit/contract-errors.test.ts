import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, appError } from '../../main/contract/errors.js';

describe('error messages', () => {
  it('gives every code a Vietnamese and an English message in NFC', () => {
    for (const [code, m] of Object.entries(ERROR_MESSAGES)) {
      expect(m.vi.length, code).toBeGreaterThan(5);
      expect(m.en.length, code).toBeGreaterThan(5);
      expect(m.vi.normalize('NFC'), code).toBe(m.vi);
      expect(m.vi, code).not.toBe(m.en);
    }
  });
  it('builds an error value with its messages and detail', () => {
    const e = appError('PDF_ENCRYPTED', 'a.pdf');
    expect(e.message.vi).toContain('mã hóa');
    expect(e.detail).toBe('a.pdf');
  });
});
