// The one error mapper (issue 13/17): every disk-full form is DISK_FULL, a damaged database is
// ARCHIVE_CORRUPT, and an unexpected error's own text never reaches what host or CLI show. The ZIP
// reader's and pdf.js's own exceptions (real ones, thrown by the libraries here) are mapped here too.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import yauzl from 'yauzl';
import { toAppError as cliToAppError } from '../../../main/cli/cli-context.js';
import { appError } from '../../../main/contract/errors.js';
import { VanKhoError } from '../../../main/core/errors/vankho-error.js';
import {
  isDiskFull,
  knownAppError,
  parsingFailure,
  toVanKhoError,
} from '../../../main/core/errors/to-vankho-error.js';
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

  it('maps what the ZIP reader and pdf.js throw by what was being parsed', async () => {
    const notZip = Buffer.from('không phải tệp zip, chỉ là chữ');
    const zipError = await new Promise<unknown>((resolve) => {
      yauzl.fromBuffer(notZip, {}, (e) => resolve(e));
    });
    expect(zipError).toBeInstanceOf(Error);
    expect(parsingFailure(zipError, 'zip').appError).toMatchObject({ code: 'BUNDLE_INVALID' });
    expect(parsingFailure(zipError, 'zip').appError.detail).toMatch(/^not a ZIP file: /);
    expect(parsingFailure(zipError, 'backup-zip').appError.code).toBe('BACKUP_INVALID');
    expect(parsingFailure(zipError, 'zip-entry', { detail: 'files/a.pdf' }).appError).toMatchObject({
      code: 'BUNDLE_TAMPERED',
      detail: `files/a.pdf: ${(zipError as Error).message}`,
    });
    expect(parsingFailure(new Error('absolute path: /etc/passwd'), 'zip-directory').appError.code).toBe(
      'BUNDLE_HOSTILE',
    );
    // What the rules for every caller know comes first: a full disk, a write refused, a cancel.
    expect(parsingFailure(errno('ENOSPC'), 'zip-entry', { detail: 'x' }).appError.code).toBe('DISK_FULL');
    expect(parsingFailure(errno('EACCES'), 'backup-entry').appError.code).toBe('WRITE_DENIED');
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(parsingFailure(abort, 'zip-entry').appError.code).toBe('CANCELLED');
    // The named file missing is that file's fault, not the ZIP's.
    expect(parsingFailure(errno('ENOENT'), 'zip', { readingInput: true }).appError.code).toBe(
      'FILE_UNREADABLE',
    );

    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdfError = await pdfjs.getDocument({ data: new Uint8Array(notZip), verbosity: 0 }).promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(parsingFailure(pdfError, 'pdf').appError).toMatchObject({
      code: 'PDF_CORRUPT',
      detail: (pdfError as Error).name,
    });
    const locked = Object.assign(new Error('No password given'), { name: 'PasswordException' });
    expect(parsingFailure(locked, 'pdf').appError.code).toBe('PDF_ENCRYPTED');
    const kept = new VanKhoError(appError('BUNDLE_HOSTILE', 'x'));
    expect(parsingFailure(kept, 'zip')).toBe(kept);
  });
});
