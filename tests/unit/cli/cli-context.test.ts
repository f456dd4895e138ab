import { describe, expect, it } from 'vitest';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ERROR_MESSAGES, type ErrorCode } from '../../../main/contract/errors.js';
import { defaultArchiveDir } from '../../../main/cli/cli-context.js';
import { EXIT, exitCodeFor } from '../../../main/cli/exit-codes.js';

describe('defaultArchiveDir', () => {
  it('prefers $VANKHO_ARCHIVE', () => {
    expect(defaultArchiveDir({ VANKHO_ARCHIVE: 'kho' }, 'linux')).toBe(resolve('kho'));
  });
  it('uses the per-user data folder of each platform', () => {
    expect(defaultArchiveDir({ XDG_DATA_HOME: '/data' }, 'linux')).toBe(join('/data', 'vankho', 'archive'));
    expect(defaultArchiveDir({}, 'linux')).toBe(join(homedir(), '.local', 'share', 'vankho', 'archive'));
    expect(defaultArchiveDir({ APPDATA: 'C:\\Users\\an\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\an\\AppData\\Roaming', 'VanKho', 'archive'),
    );
    expect(defaultArchiveDir({}, 'darwin')).toBe(
      join(homedir(), 'Library', 'Application Support', 'VanKho', 'archive'),
    );
  });
});

describe('exit codes', () => {
  it('maps every error code to a documented exit code, distinct for the archive states', () => {
    const all = new Set<number>(Object.values(EXIT));
    for (const code of Object.keys(ERROR_MESSAGES) as ErrorCode[])
      expect(all.has(exitCodeFor(code))).toBe(true);
    const archiveStates = [
      'ARCHIVE_NOT_FOUND',
      'ARCHIVE_LOCKED',
      'ARCHIVE_TOO_NEW',
      'ARCHIVE_CORRUPT',
    ] as const;
    expect(new Set(archiveStates.map(exitCodeFor)).size).toBe(4);
    expect(exitCodeFor('INVALID_INPUT')).toBe(EXIT.USAGE);
  });

  it('maps only INTERNAL to 10 (a bug): every other error code has a deliberate exit code', () => {
    for (const code of Object.keys(ERROR_MESSAGES) as ErrorCode[]) {
      if (code === 'INTERNAL') expect(exitCodeFor(code)).toBe(EXIT.INTERNAL);
      else expect(exitCodeFor(code), code).not.toBe(EXIT.INTERNAL);
    }
    for (const code of ['BUNDLE_INVALID', 'BUNDLE_TAMPERED', 'BUNDLE_HOSTILE', 'BACKUP_INVALID'] as const)
      expect(exitCodeFor(code), code).toBe(EXIT.INPUT_REFUSED);
    for (const code of [
      'FILE_UNREADABLE',
      'FILE_EMPTY',
      'FILE_TOO_LARGE',
      'PDF_CORRUPT',
      'DOCX_CORRUPT',
    ] as const)
      expect(exitCodeFor(code), code).toBe(EXIT.PARTIAL);
    // Exit codes themselves are distinct.
    expect(new Set(Object.values(EXIT)).size).toBe(Object.keys(EXIT).length);
  });
});
