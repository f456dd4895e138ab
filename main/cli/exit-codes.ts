import type { ErrorCode } from '../contract/errors.js';

/**
 * Exit codes of the `vankho` command, stable for scripts:
 *   0  success (import: every file imported or already in the archive)
 *   1  partial failure: the command ran but some items failed (import: at least one file failed;
 *      check: the archive has problems)
 *   2  usage error (unknown command, bad option or argument, invalid field=value)
 *   3  archive not found
 *   4  archive locked by another process
 *   5  archive made by a newer VanKho
 *   6  archive corrupt
 *   7  not found (document or tag id)
 *   8  cancelled (Ctrl+C)
 *   9  disk full
 *  10  unexpected internal error
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
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code a command ends with when it fails with this contract error. */
export function exitCodeFor(code: ErrorCode): ExitCode {
  switch (code) {
    case 'ARCHIVE_NOT_FOUND':
      return EXIT.ARCHIVE_NOT_FOUND;
    case 'ARCHIVE_LOCKED':
      return EXIT.ARCHIVE_LOCKED;
    case 'ARCHIVE_TOO_NEW':
      return EXIT.ARCHIVE_TOO_NEW;
    case 'ARCHIVE_CORRUPT':
      return EXIT.ARCHIVE_CORRUPT;
    case 'NOT_FOUND':
      return EXIT.NOT_FOUND;
    case 'CANCELLED':
      return EXIT.CANCELLED;
    case 'DISK_FULL':
      return EXIT.DISK_FULL;
    case 'INVALID_INPUT':
      return EXIT.USAGE;
    default:
      return EXIT.INTERNAL;
  }
}
