import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { appError, type AppError } from '../contract/errors.js';
import { VanKhoError } from '../core/errors/vankho-error.js';
import { knownAppError, toContractError } from '../core/errors/to-vankho-error.js';
import { exitCodeFor, type ExitCode } from './exit-codes.js';
import { terminalSafe } from './terminal-text.js';

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

/** What an archive's open swept up (the core's SweepReport, as far as it is told). */
export interface SweptOnOpen {
  sweep: {
    quarantined: readonly string[];
    quarantineRedundantRemoved: readonly string[];
    partialsRemoved: readonly string[];
  };
}

/** What the open's sweep did (quarantined strays, removed partials), on stderr; nothing with --json. */
export function reportSweep(cmd: Command, archive: SweptOnOpen): void {
  if (archive.sweep.quarantined.length > 0 && !isJson(cmd)) {
    printErrorLine(
      `Đã chuyển ${archive.sweep.quarantined.length} tệp không thuộc văn bản nào vào thư mục cách ly / ` +
        `moved ${archive.sweep.quarantined.length} unreferenced file(s) to quarantine:`,
    );
    for (const q of archive.sweep.quarantined) printErrorLine(`  ${q}`);
  }
  const redundant = archive.sweep.quarantineRedundantRemoved;
  if (redundant.length > 0 && !isJson(cmd)) {
    printErrorLine(
      `Đã xóa ${redundant.length} tệp cách ly trùng khớp (SHA-256) với bản gốc đang lưu trong kho / ` +
        `deleted ${redundant.length} quarantined file(s) byte-identical to an original stored in the archive:`,
    );
    for (const q of redundant) printErrorLine(`  ${q}`);
  }
  const partials = archive.sweep.partialsRemoved;
  if (partials.length > 0 && !isJson(cmd)) {
    printErrorLine(
      `Đã xóa ${partials.length} tệp xuất/sao lưu dở dang của lần chạy bị ngắt / ` +
        `deleted ${partials.length} unfinished export/backup file(s) left by an interrupted run:`,
    );
    for (const q of partials) printErrorLine(`  ${q}`);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** One line on stdout, made terminal-safe (a value's own newlines are shown as \n, never printed). */
export function printLine(line = ''): void {
  process.stdout.write(`${terminalSafe(line)}\n`);
}

/** Several lines of one value (extracted text) on stdout, each made terminal-safe. */
export function printLines(text: string): void {
  for (const line of text.split('\n')) printLine(line);
}

/** `  Label: value  mark`; a multi-line value (nơi nhận) continues indented under its label. */
export function printField(label: string, value: string, mark = ''): void {
  const [first, ...more] = value.split('\n');
  printLine(`  ${label}: ${first ?? ''}${mark}`);
  for (const line of more) printLine(`      ${line}`);
}

/** One line on stderr, made terminal-safe. */
export function printErrorLine(line: string): void {
  process.stderr.write(`${terminalSafe(line)}\n`);
}

/** Rewrites the progress line on stderr (`\r` + the safe text padded/cut to the terminal width). */
export function drawStatusLine(text: string): void {
  const width = process.stderr.columns || 100;
  const safe = terminalSafe(text);
  process.stderr.write(`\r${safe.length > width - 1 ? safe.slice(0, width - 1) : safe.padEnd(width - 1)}`);
}

/** "vi / en" on one line, the way the CLI shows every user-facing message. */
export function formatError(e: AppError): string {
  return `${e.message.vi} / ${e.message.en}${e.detail ? ` (${e.detail})` : ''}`;
}

/**
 * The contract error for anything a command threw, through the one mapper. An unexpected error is
 * INTERNAL: its own message and stack go to the log (stderr, only with VANKHO_DEBUG=1), never into
 * the message shown or the --json output.
 */
export function toAppError(e: unknown, env: NodeJS.ProcessEnv = process.env): AppError {
  const known = knownAppError(e);
  if (known) return known;
  if (env['VANKHO_DEBUG']) console.error('VanKho: unexpected error', e);
  return toContractError(e);
}

/** Reports an error (JSON on stdout with --json, text on stderr otherwise) and returns its exit code. */
export function reportError(cmd: Command | null, e: unknown): ExitCode {
  if (e instanceof CliExit) return e.exitCode;
  const err = toAppError(e);
  if (cmd && isJson(cmd)) printJson({ ok: false, error: err });
  else printErrorLine(`Lỗi / Error: ${formatError(err)}`);
  return exitCodeFor(err.code);
}

/** A usage error (bad argument) as an exception the error reporter understands. */
export function usageError(detail: string): VanKhoError {
  return new VanKhoError(appError('INVALID_INPUT', detail));
}
