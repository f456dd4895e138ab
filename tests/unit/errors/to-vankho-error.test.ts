// The one error mapper (issue 13/17): every disk-full form is DISK_FULL, a damaged database is
// ARCHIVE_CORRUPT, and an unexpected error's own text never reaches what host or CLI show.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { toAppError as cliToAppError } from '../../../main/cli/cli-context.js';
import { appError } from '../../../main/contract/errors.js';
import { VanKhoError } from '../../../main/core/errors/vankho-error.js';
import { isDiskFull, knownAppError, toVanKhoError } from '../../../main/core/errors/to-vankho-error.js';
import { toAppError as hostToAppError } from '../../../main/core/errors/to-app-error.js';

const errno = (code: string, message = code): Error => Object.assign(new Error(message), { code });

describe('the one error mapper', () => {
  it('maps every disk-full form to DISK_FULL', () => {
    const sqliteFull = Object.assign(new Database.SqliteError('database or disk is full', 'SQLITE_FULL'));
    for (const e of [
      errno('ENOSPC'),
      errno('EDQUOT'),
      sqliteFull,
      errno('SQLITE_FULL_SOMETHING'),
      new Error('SqliteError: database or disk is full'),
    ]) {
      expect(isDiskFull(e), String(e)).toBe(true);
      expect(knownAppError(e)?.code).toBe('DISK_FULL');
      expect(hostToAppError(e, () => undefined).code).toBe('DISK_FULL');
      expect(cliToAppError(e, {}).code).toBe('DISK_FULL');
    }
  });

  it('maps a damaged database to ARCHIVE_CORRUPT, read-only to WRITE_DENIED, an input read to FILE_UNREADABLE', () => {
    expect(knownAppError(errno('SQLITE_CORRUPT_INDEX'))?.code).toBe('ARCHIVE_CORRUPT');
    expect(knownAppError(errno('SQLITE_NOTADB'))?.code).toBe('ARCHIVE_CORRUPT');
    expect(knownAppError(errno('EROFS'))?.code).toBe('WRITE_DENIED');
    expect(knownAppError(errno('EACCES'))?.code).toBe('WRITE_DENIED');
    expect(knownAppError(errno('EACCES'), { readingInput: true })).toEqual(
      appError('FILE_UNREADABLE', 'EACCES'),
    );
    expect(knownAppError(errno('ENOSPC'), { readingInput: true })?.code).toBe('DISK_FULL');
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(knownAppError(abort)?.code).toBe('CANCELLED');
  });

  it('keeps a VanKhoError, wraps a known low-level error, passes anything else on unchanged', () => {
    const v = new VanKhoError(appError('NOT_FOUND'));
    expect(toVanKhoError(v)).toBe(v);
    expect((toVanKhoError(errno('ENOSPC')) as VanKhoError).appError.code).toBe('DISK_FULL');
    const bug = new TypeError('x is undefined');
    expect(toVanKhoError(bug)).toBe(bug);
  });

  it('never shows an unexpected error’s own message: INTERNAL without detail, logged instead', () => {
    const bug = new TypeError('secret /home/user/path SELECT * FROM documents');
    const logged: unknown[] = [];
    const host = hostToAppError(bug, (_m, e) => logged.push(e));
    expect(host).toEqual(appError('INTERNAL'));
    expect(logged).toEqual([bug]);
    const cli = cliToAppError(bug, {});
    expect(cli).toEqual(appError('INTERNAL'));
    expect(JSON.stringify(cli)).not.toContain('secret');
  });
});
