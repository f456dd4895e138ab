import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { appError, type AppError } from '../contract/errors.js';
import { openArchive, type Archive } from '../core/archive/archive.js';
import { openVanKho } from '../core/open-vankho.js';
import { SCHEMA_VERSION } from '../core/archive/database.js';
import { VanKhoError } from '../core/archive/vankho-error.js';
import { EXIT, exitCodeFor, type ExitCode } from './exit-codes.js';

/** Options every command inherits from the program: `--archive DIR`, `--json`. */
export interface GlobalOptions {
  archive?: string;
  json?: boolean;
}

export const ARCHIVE_ENV = 'VANKHO_ARCHIVE';

/**
 * The per-user default archive folder: $VANKHO_ARCHIVE, else the platform's data folder
 * (XDG_DATA_HOME or ~/.local/share on Linux, %APPDATA% on Windows, ~/Library/Application Support on macOS).
 */
export function defaultArchiveDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const fromEnv = env[ARCHIVE_ENV];
  if (fromEnv) return resolve(fromEnv);
  if (platform === 'win32') {
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'VanKho', 'archive');
  }
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'VanKho', 'archive');
  return join(env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share'), 'vankho', 'archive');
}

/** The program-level options as seen from any (sub)command. */
export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

export function archiveDirOf(cmd: Command): string {
  const o = globalOptions(cmd);
  return o.archive ? resolve(o.archive) : defaultArchiveDir();
}

export function isJson(cmd: Command): boolean {
  return globalOptions(cmd).json === true;
}

/** Thrown by commands to end with a given exit code after their output was written. */
export class CliExit extends Error {
  constructor(readonly exitCode: ExitCode) {
    super(`exit ${exitCode}`);
  }
}

/**
 * Opens the archive of --archive, runs fn, always closes (releasing the lock); a non-zero exit code
 * from fn ends the process with it. Writing commands open it with its search engine (openVanKho) so
 * the search indexes follow every change; `create` only for commands that add content (import).
 * Read-only commands take no lock, so they work while the desktop app has the archive open.
 */
export async function withArchive(
  cmd: Command,
  opts: { create?: boolean; readonly?: boolean },
  fn: (archive: Archive) => Promise<ExitCode> | ExitCode,
): Promise<void> {
  const dir = archiveDirOf(cmd);
  const readonly = opts.readonly ?? false;
  const openWritable = (create: boolean): { archive: Archive; close: () => void } => {
    const vk = openVanKho(dir, { create });
    return { archive: vk.archive, close: () => vk.close() };
  };
  let handle: { archive: Archive; close: () => void };
  if (readonly) {
    const ro = openArchive(dir, { readonly: true });
    handle = { archive: ro, close: () => ro.close() };
    if ((ro.db.pragma('user_version', { simple: true }) as number) < SCHEMA_VERSION) {
      // An archive from an older VanKho: migrate it first (this takes the lock once).
      ro.close();
      handle = openWritable(false);
    }
  } else handle = openWritable(opts.create ?? false);
  const archive = handle.archive;
  try {
    if (archive.sweep.quarantined.length > 0 && !isJson(cmd)) {
      process.stderr.write(
        `Đã chuyển ${archive.sweep.quarantined.length} tệp không thuộc văn bản nào vào thư mục cách ly / ` +
          `moved ${archive.sweep.quarantined.length} unreferenced file(s) to quarantine:\n` +
          archive.sweep.quarantined.map((q) => `  ${q}\n`).join(''),
      );
    }
    const redundant = archive.sweep.quarantineRedundantRemoved;
    if (redundant.length > 0 && !isJson(cmd)) {
      process.stderr.write(
        `Đã xóa ${redundant.length} tệp cách ly trùng khớp (SHA-256) với bản gốc đang lưu trong kho / ` +
          `deleted ${redundant.length} quarantined file(s) byte-identical to an original stored in the archive:\n` +
          redundant.map((q) => `  ${q}\n`).join(''),
      );
    }
    const code = await fn(archive);
    if (code !== EXIT.OK) throw new CliExit(code);
  } finally {
    handle.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** "vi / en" on one line, the way the CLI shows every user-facing message. */
export function formatError(e: AppError): string {
  return `${e.message.vi} / ${e.message.en}${e.detail ? ` (${e.detail})` : ''}`;
}

export function toAppError(e: unknown): AppError {
  if (e instanceof VanKhoError) return e.appError;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC') return appError('DISK_FULL');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return appError('ARCHIVE_CORRUPT');
  return appError('INTERNAL', e instanceof Error ? e.message : String(e));
}

/** Reports an error (JSON on stdout with --json, text on stderr otherwise) and returns its exit code. */
export function reportError(cmd: Command | null, e: unknown): ExitCode {
  if (e instanceof CliExit) return e.exitCode;
  const err = toAppError(e);
  if (cmd && isJson(cmd)) printJson({ ok: false, error: err });
  else process.stderr.write(`Lỗi / Error: ${formatError(err)}\n`);
  return exitCodeFor(err.code);
}

/** A usage error (bad argument) as an exception the error reporter understands. */
export function usageError(detail: string): VanKhoError {
  return new VanKhoError(appError('INVALID_INPUT', detail));
}
