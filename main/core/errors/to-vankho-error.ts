// The ONE place where low-level errors (SQLite result codes, fs errno codes, the ZIP reader's and
// pdf.js's exceptions) become contract codes.
// Host, CLI and core all go through here, so a disk-full or a damaged database is reported the same
// way whichever layer met it. Anything not recognised is INTERNAL: its message is for the log only,
// never shown (it may hold paths, SQL or stack frames).
import { appError, type AppError } from '../../contract/errors.js';
import { VanKhoError } from './vankho-error.js';

interface LowLevel {
  code?: unknown;
  message?: unknown;
  name?: unknown;
}

function codeOf(e: unknown): string {
  const c = (e as LowLevel | null)?.code;
  return typeof c === 'string' ? c : '';
}

function messageOf(e: unknown): string {
  const m = (e as LowLevel | null)?.message;
  return typeof m === 'string' ? m : '';
}

/**
 * Every form a full disk takes: fs ENOSPC, a quota (EDQUOT), SQLite's SQLITE_FULL (also as an
 * extended code), and the bare message SQLite gives when only the text survives a wrapper.
 */
export function isDiskFull(e: unknown): boolean {
  if (e instanceof VanKhoError) return e.appError.code === 'DISK_FULL';
  const code = codeOf(e);
  return (
    code === 'ENOSPC' ||
    code === 'EDQUOT' ||
    code.startsWith('SQLITE_FULL') ||
    /database or disk is full/i.test(messageOf(e))
  );
}

/** A damaged database file (SQLITE_CORRUPT and its extended codes, SQLITE_NOTADB). */
export function isDatabaseCorrupt(e: unknown): boolean {
  const code = codeOf(e);
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

export interface MapOptions {
  /**
   * The operation was reading an input file the user named (an import source, `extract FILE`): an
   * fs error other than a full disk means that file cannot be read (FILE_UNREADABLE with the errno).
   */
  readingInput?: boolean;
  /** A safe detail (a file name) for the mapped error; never the low-level message. */
  detail?: string;
  /**
   * The call was parsing an untrusted input with its library: what no rule above knows (not a full
   * disk, not an fs error of the named file, not a cancel) is that input's fault, by `parsing`.
   */
  parsing?: ParsingStep;
}

/**
 * What was being parsed: a PDF opened by pdf.js; a ZIP opened by yauzl, its central directory
 * listed, or an entry's bytes read (inflate, CRC, size) — of a bundle, or of a backup.
 */
export type ParsingStep = 'pdf' | 'zip' | 'zip-directory' | 'zip-entry' | 'backup-zip' | 'backup-entry';

/** yauzl's refusals of an entry name (strictFileNames) that mean a crafted ZIP, not a damaged one. */
const HOSTILE_ZIP_NAME = /absolute path|invalid relative path|invalid characters in fileName/;

function parsingError(e: unknown, step: ParsingStep, detail: string | undefined): AppError {
  const message = messageOf(e);
  const named = detail ? `${detail}: ${message}` : message;
  switch (step) {
    case 'pdf': {
      const name = (e as LowLevel | null)?.name;
      if (name === 'PasswordException') return appError('PDF_ENCRYPTED');
      return appError('PDF_CORRUPT', typeof name === 'string' ? name : undefined);
    }
    case 'zip':
      return appError('BUNDLE_INVALID', `not a ZIP file: ${message}`);
    case 'backup-zip':
      return appError('BACKUP_INVALID', `not a ZIP file: ${message}`);
    case 'zip-directory':
      return appError(HOSTILE_ZIP_NAME.test(message) ? 'BUNDLE_HOSTILE' : 'BUNDLE_INVALID', message);
    case 'zip-entry':
      return appError('BUNDLE_TAMPERED', named);
    case 'backup-entry':
      return appError('BACKUP_INVALID', named);
  }
}

/**
 * The contract error for `e`, or null when it is not a known low-level form (the caller then treats
 * it as INTERNAL and logs it). VanKhoError keeps its own error; an AbortError is CANCELLED.
 */
export function knownAppError(e: unknown, opts: MapOptions = {}): AppError | null {
  if (e instanceof VanKhoError) return e.appError;
  if ((e as LowLevel | null)?.name === 'AbortError') return appError('CANCELLED');
  if (isDiskFull(e)) return appError('DISK_FULL', opts.detail);
  if (isDatabaseCorrupt(e)) return appError('ARCHIVE_CORRUPT', opts.detail);
  const code = codeOf(e);
  if (opts.readingInput && /^E[A-Z]+$/.test(code)) {
    return appError('FILE_UNREADABLE', opts.detail ? `${opts.detail} (${code})` : code);
  }
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY') {
    return appError('WRITE_DENIED', opts.detail);
  }
  if (opts.parsing) return parsingError(e, opts.parsing, opts.detail);
  return null;
}

/** `knownAppError`, with everything unrecognised as INTERNAL (the caller logs `e`). */
export function toContractError(e: unknown, opts: MapOptions = {}): AppError {
  return knownAppError(e, opts) ?? appError('INTERNAL');
}

/**
 * For core code that rethrows: a known low-level error as a VanKhoError carrying its contract code;
 * anything else unchanged (so the boundary still logs the original as INTERNAL, with its stack).
 */
export function toVanKhoError(e: unknown, opts: MapOptions = {}): unknown {
  if (e instanceof VanKhoError) return e;
  const known = knownAppError(e, opts);
  return known ? new VanKhoError(known) : e;
}

/** A parser's failure (see MapOptions.parsing) as the VanKhoError to throw; a VanKhoError stays itself. */
export function parsingFailure(
  e: unknown,
  parsing: ParsingStep,
  opts: Omit<MapOptions, 'parsing'> = {},
): VanKhoError {
  if (e instanceof VanKhoError) return e;
  return new VanKhoError(knownAppError(e, { ...opts, parsing }) ?? appError('INTERNAL'));
}
