import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeEntryPath } from '../../../main/core/export/bundle-manifest.js';
import {
  MAX_NAME_BYTES,
  UniqueNamer,
  safeFileName,
  truncateUtf8,
} from '../../../main/core/export/safe-file-name.js';

// T-N1/T-N2 as properties: whatever the title, the name is one safe component on every OS.
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '..',
    '.',
    '',
    ' ',
    '...',
    'CON',
    'con.pdf',
    'Nul',
    'COM1',
    'lpt9.txt',
    'CONIN$',
    'a/../b',
    'C:\\x',
    '\\\\server\\share',
    'x\u202Etxt.exe',
    'trailing. . ',
    '\u0000',
    'Quye\u0302\u0301t đi\u0323nh',
    'lone \uD800 surrogate \uDC00',
  ),
);

function assertSafe(name: string): void {
  expect(name.length).toBeGreaterThan(0);
  expect(name.normalize('NFC')).toBe(name);
  expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(MAX_NAME_BYTES);
  // eslint-disable-next-line no-control-regex
  expect(name).not.toMatch(/[<>:"/\\|?*\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
  expect(name).not.toMatch(/^[. ]|[. ]$/);
  expect(name.split('.')[0]!.trim()).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)$/i);
  expect(isSafeEntryPath(`originals/${name}`)).toBe(true);
  // No lone surrogate (invalid UTF-16 would not round-trip through UTF-8 ZIP names).
  expect(Buffer.from(name, 'utf8').toString('utf8')).toBe(name);
}

describe('safe file names', () => {
  it('are always one safe, NFC, bounded component', () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom('pdf', 'docx', '', 'tar.gz', '../x', 'TXT'), (base, ext) => {
        assertSafe(safeFileName(base, ext));
      }),
      { numRuns: 2000 },
    );
  });

  it('are unique without regard to case, however many collide', () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 60 }), (bases) => {
        const namer = new UniqueNamer();
        const names = bases.flatMap((b) => [namer.take(b, 'pdf'), namer.take(b.toUpperCase(), 'PDF')]);
        for (const n of names) assertSafe(n);
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      }),
      { numRuns: 200 },
    );
  });

  it('reads the way archivists name files', () => {
    expect(safeFileName('2022-03-28 08/2022/QĐ-TTg Về việc ban hành', 'pdf')).toBe(
      '2022-03-28 08-2022-QĐ-TTg Về việc ban hành.pdf',
    );
    expect(safeFileName('CON', 'pdf')).toBe('_CON.pdf');
    expect(safeFileName('  ..hidden. ', 'txt')).toBe('hidden.txt');
    expect(safeFileName('Quye\u0302\u0301t đi\u0323nh', 'pdf')).toBe('Quyết định.pdf');
    const long = safeFileName(
      `2024-01-01 1/QĐ ${'Về việc ban hành quy chế công tác văn thư lưu trữ '.repeat(5)}`,
      'pdf',
    );
    expect(long.endsWith('….pdf')).toBe(true);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    const namer = new UniqueNamer();
    expect([namer.take('a', 'pdf'), namer.take('A', 'pdf'), namer.take('a', 'pdf')]).toEqual([
      'a.pdf',
      'A (2).pdf',
      'a (3).pdf',
    ]);
  });

  it('truncates on code points and never splits a surrogate pair', () => {
    const s = '📄'.repeat(50);
    const t = truncateUtf8(s, 21);
    expect(Buffer.byteLength(t)).toBeLessThanOrEqual(21);
    expect(t).toBe('📄📄📄📄…');
  });

  it('entry paths: relative, no dot segments, no drive or backslash', () => {
    for (const bad of [
      '../x',
      'a/../b',
      '/abs',
      'C:/x',
      'c:x',
      'a\\b',
      'a//b',
      './a',
      'a/',
      '',
      'a\u0000b',
    ]) {
      expect(isSafeEntryPath(bad), bad).toBe(false);
    }
    expect(isSafeEntryPath('originals/2022 Quyết định.pdf')).toBe(true);
  });
});
