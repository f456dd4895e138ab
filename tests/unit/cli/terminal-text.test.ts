import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../../main/cli/terminal-text.js';

describe('terminalSafe', () => {
  it('shows controls, newlines, C1 and bidi overrides as visible escapes', () => {
    expect(terminalSafe('a\x1b[2Jb')).toBe('a\\x1b[2Jb');
    expect(terminalSafe('x\ry\nz\x00\x7f')).toBe('x\\ry\\nz\\x00\\x7f');
    expect(terminalSafe('c1\u009b31m')).toBe('c1\\u009b31m');
    expect(terminalSafe('\u202Eabc\u2066\u200F')).toBe('\\u202eabc\\u2066\\u200f');
  });

  it('leaves ordinary text, tabs and Vietnamese (NFC and NFD) untouched', () => {
    for (const s of [
      'Quyết định số 08/2022/QĐ-TTg',
      'a\tb',
      'Quyết'.normalize('NFD'),
      'C:\\tai-lieu\\x.pdf',
      '😀',
    ]) {
      expect(terminalSafe(s)).toBe(s);
    }
  });
});
