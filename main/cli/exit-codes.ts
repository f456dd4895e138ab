import type { ErrorCode } from '../contract/errors.js';

/**
 * Exit codes of the `vankho` command, stable for scripts:
 *   0  success (import: every file imported or already in the archive)
 *   1  partial failure: the command ran but some items failed (import: at least one file failed;
 *      check: the archive has problems; extract: the file could not be read or parsed)
 *   2  usage error (unknown command, bad option or argument, invalid field=value)
 *   3  archive not found
 *   4  archive locked by another process
 *   5  archive made by a newer VanKho
 *   6  archive corrupt
 *   7  not found (document or tag id)
 *   8  cancelled (Ctrl+C)
 *   9  disk full
 *  10  unexpected internal error (a bug: please report it)
 *  11  the input file was refused: an invalid, tampered or hostile bundle, or an invalid backup
 */
export const EXIT = {
  OK: 0,
  PARTIAL: 1,
  USAGE: 2,
  ARCHIVE_NOT_FOUND: 3,
  ARCHIVE_LOCKED: 4,
  ARCHIVE_TOO_NEW: 5,
  ARCHIVE_CORRUPT: 6,
  NOT_FOUND: 7,
  CANCELLED: 8,
  DISK_FULL: 9,
  INTERNAL: 10,
  INPUT_REFUSED: 11,
  WRITE_DENIED: 12,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Every contract error code mapped deliberately (a Record, so a new code in errors.ts fails the
 * typecheck until it is given an exit code here). Only INTERNAL means a bug (10): an expected
 * failure must never look like one to a script.
 */
const EXIT_OF: Record<ErrorCode, ExitCode> = {
  ARCHIVE_NOT_FOUND: EXIT.ARCHIVE_NOT_FOUND,
  NO_ARCHIVE_OPEN: EXIT.ARCHIVE_NOT_FOUND,
  FOLDER_NOT_EMPTY: EXIT.ARCHIVE_NOT_FOUND, // --archive names a folder that is not one
  ARCHIVE_EXISTS: EXIT.USAGE,
  PATH_NOT_ABSOLUTE: EXIT.USAGE,
  ARCHIVE_LOCKED: EXIT.ARCHIVE_LOCKED,
  ARCHIVE_TOO_NEW: EXIT.ARCHIVE_TOO_NEW,
  ARCHIVE_CORRUPT: EXIT.ARCHIVE_CORRUPT,
  NOT_FOUND: EXIT.NOT_FOUND,
  CANCELLED: EXIT.CANCELLED,
  DISK_FULL: EXIT.DISK_FULL,
  WRITE_DENIED: EXIT.WRITE_DENIED,
  INVALID_INPUT: EXIT.USAGE,
  RESTORE_CONFLICT: EXIT.USAGE, // the document is in the archive again: nothing to restore
  TAG_EXISTS: EXIT.USAGE, // rename onto an existing tag's name: merge instead
  USER_EXISTS: EXIT.USAGE, // users add with a name already taken
  WEAK_PASSWORD: EXIT.USAGE, // users add / reset-password with a guessable password
  LAST_ADMIN: EXIT.USAGE, // users disable / role of the only active administrator
  TOO_MANY_JOBS: EXIT.PARTIAL, // the server is busy: nothing was started, try again later
  JOB_NOT_RESUMABLE: EXIT.USAGE, // nothing to take up: the job ended or was resumed already
  OCR_PAUSED: EXIT.USAGE, // nothing was started: `vankho ocr --resume` first
  CONFLICT: EXIT.USAGE, // a save from an older copy of the document (the CLI sends no version)
  // Web-host and mode errors: the CLI never raises them itself; if one surfaces, the request as
  // made is not allowed here — the caller's mistake, not a bug.
  UNSUPPORTED: EXIT.USAGE,
  UNAUTHORIZED: EXIT.USAGE,
  LOGIN_FAILED: EXIT.USAGE,
  ACCOUNT_LOCKED: EXIT.USAGE,
  TOO_MANY_ATTEMPTS: EXIT.USAGE,
  SERVER_NO_ADMIN: EXIT.USAGE,
  SHARED_ADDRESS_INVALID: EXIT.USAGE, // the desktop app's "connect to a shared archive" only
  SHARED_INSECURE: EXIT.USAGE,
  SHARED_UNREACHABLE: EXIT.USAGE,
  SHARED_NOT_VANKHO: EXIT.USAGE,
  SHARED_TOO_NEW: EXIT.USAGE,
  SHARED_CERT_CHANGED: EXIT.USAGE,
  FORBIDDEN: EXIT.USAGE,
  INPUT_TOO_DEEP: EXIT.USAGE,
  UPLOAD_LIMIT: EXIT.USAGE,
  ACCOUNT_UPLOAD_LIMIT: EXIT.USAGE,
  // A single input file (import item, `extract FILE`) or folder that cannot be read or parsed: the item failed.
  FILE_UNREADABLE: EXIT.PARTIAL,
  FOLDER_UNREADABLE: EXIT.PARTIAL, // a folder of an import whose entries cannot be listed
  FILE_EMPTY: EXIT.PARTIAL,
  FILE_TOO_LARGE: EXIT.PARTIAL,
  PDF_CORRUPT: EXIT.PARTIAL,
  PDF_ENCRYPTED: EXIT.PARTIAL,
  PDF_ENCRYPTED_NO_TEXT: EXIT.PARTIAL, // `extract` of an encrypted PDF (nothing is filed)
  DOCX_CORRUPT: EXIT.PARTIAL,
  EXTRACTION_FAILED: EXIT.PARTIAL,
  EXTRACTION_TIMEOUT: EXIT.PARTIAL,
  TEXT_TRUNCATED: EXIT.PARTIAL,
  // OCR of a page or an image that failed: that item failed, the run went on.
  OCR_FAILED: EXIT.PARTIAL,
  OCR_TIMEOUT: EXIT.PARTIAL,
  // A page read with a caveat (marked for review): never a command's failure.
  OCR_ORIENTATION_UNSURE: EXIT.OK,
  IMAGE_TOO_LARGE: EXIT.PARTIAL,
  IMAGE_DAMAGED: EXIT.PARTIAL,
  IMAGE_UNSUPPORTED: EXIT.PARTIAL,
  NOT_OCRED: EXIT.USAGE, // a searchable PDF asked of a document no OCR has read: run `vankho ocr` first
  // A bundle or backup refused as a whole (nothing was imported or restored).
  BUNDLE_INVALID: EXIT.INPUT_REFUSED,
  BUNDLE_TAMPERED: EXIT.INPUT_REFUSED,
  BUNDLE_HOSTILE: EXIT.INPUT_REFUSED,
  BACKUP_INVALID: EXIT.INPUT_REFUSED,
  INTERNAL: EXIT.INTERNAL,
};

/** The exit code a command ends with when it fails with this contract error. */
export function exitCodeFor(code: ErrorCode): ExitCode {
  return EXIT_OF[code] ?? EXIT.INTERNAL;
}
