import { createWriteStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { appError } from '../../contract/errors.js';
import { startPartial } from '../archive/temp-owner.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { hashTap } from './hash-tap.js';
import { finishPartial } from './finish-partial.js';

// One streamed ZIP written the safe way (R12, T-E2), shared by bundles and backups: entries are
// opened one at a time when the writer reaches them (never all at once, never whole in memory),
// hashed while written, the file goes to `.<name>.<pid>-<host>.<random>.partial` beside the target
// (recorded in the archive's .partials/, so the next open removes it if this process is killed), is
// fsynced and renamed only when complete; on error or cancel the temporary file is removed.

export interface ZipEntrySpec {
  path: string;
  compress: boolean;
  /** Known size (yazl then checks the byte count). */
  size?: number;
  /** Expected SHA-256: a mismatch fails the whole write with ARCHIVE_CORRUPT. */
  expectSha?: string;
  /** What progress shows while this entry is written. */
  label: string;
  /** Whether its bytes count toward progress.bytesDone. */
  countsTowardBytes: boolean;
  /** Opened only when the writer reaches the entry; may throw a VanKhoError. */
  open: () => Readable;
}

export interface WrittenEntry {
  path: string;
  sha256: string;
  size: number;
}

/** Entries made from what was written before them (manifests, checksum lists). */
export interface ZipTailSpec {
  path: string;
  make: (written: readonly WrittenEntry[]) => Buffer;
}

export interface ZipWriteProgress {
  entriesDone: number;
  entriesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  currentName: string | null;
}

export interface WriteZipOptions {
  overwrite?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ZipWriteProgress) => void;
  /** Total of the bytes that count toward progress (for a percentage). */
  bytesTotal?: number;
  mtime?: Date;
  /** The archive exported from: the partial file is recorded there (see temp-owner.ts). */
  archiveDir?: string;
}

export interface WriteZipResult {
  out: string;
  entries: number;
  bytes: number;
  written: WrittenEntry[];
}

export async function writeZipAtomically(
  target: string,
  entries: readonly ZipEntrySpec[],
  tail: readonly ZipTailSpec[],
  opts: WriteZipOptions = {},
): Promise<WriteZipResult> {
  const out = resolve(target);
  if (existsSync(out) && !opts.overwrite) throw new VanKhoError(appError('INVALID_INPUT', `${out} exists`));
  const signal = opts.signal;
  if (signal?.aborted) throw new VanKhoError(appError('CANCELLED'));
  const entriesTotal = entries.length + tail.length;
  const progress: ZipWriteProgress = {
    entriesDone: 0,
    entriesTotal,
    bytesDone: 0,
    bytesTotal: opts.bytesTotal ?? 0,
    currentName: null,
  };
  const emit = (): void => opts.onProgress?.({ ...progress });
  const written: WrittenEntry[] = [];
  let lastReported = 0;
  const mtime = opts.mtime ?? new Date();

  const partial = startPartial(out, opts.archiveDir ? { archiveDir: opts.archiveDir } : {});
  const zip = new yazl.ZipFile();
  const zipOut = zip.outputStream as Readable;
  const output = createWriteStream(partial.path, { flags: 'wx' });
  let current: Readable | null = null;
  let settled = false;

  const done = new Promise<void>((resolveDone, reject) => {
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      current?.destroy();
      zipOut.unpipe(output);
      zipOut.destroy();
      output.destroy();
      reject(err);
    };
    const onAbort = (): void => fail(new VanKhoError(appError('CANCELLED')));
    signal?.addEventListener('abort', onAbort, { once: true });
    zip.on('error', fail);
    output.on('error', fail);
    output.on('finish', () => {
      signal?.removeEventListener('abort', onAbort);
      if (!settled) {
        settled = true;
        resolveDone();
      }
    });

    for (const e of entries) {
      zip.addReadStreamLazy(
        e.path,
        { compress: e.compress, mtime, ...(e.size !== undefined ? { size: e.size } : {}) },
        (cb) => {
          if (settled) return;
          let input: Readable;
          try {
            if (signal?.aborted) throw new VanKhoError(appError('CANCELLED'));
            input = e.open();
          } catch (err) {
            fail(err);
            return;
          }
          progress.currentName = e.label;
          emit();
          const tap = hashTap(
            (r) => {
              if (e.expectSha && r.sha256 !== e.expectSha) {
                return new VanKhoError(
                  appError('ARCHIVE_CORRUPT', `SHA-256 mismatch of stored original ${e.label}`),
                );
              }
              written.push({ path: e.path, sha256: r.sha256, size: r.size });
              progress.entriesDone++;
              emit();
              return null;
            },
            (n) => {
              if (!e.countsTowardBytes) return;
              progress.bytesDone += n;
              // Large originals: report every 16 MB, not only at the ends of the entry.
              if (progress.bytesDone - lastReported >= 16 * 1024 * 1024) {
                lastReported = progress.bytesDone;
                emit();
              }
            },
          );
          input.on('error', fail);
          tap.on('error', fail);
          current = input;
          cb(null, input.pipe(tap));
        },
      );
    }
    for (const t of tail) {
      zip.addReadStreamLazy(t.path, { compress: true, mtime }, (cb) => {
        if (settled) return;
        let data: Buffer;
        try {
          data = t.make(written);
        } catch (err) {
          fail(err);
          return;
        }
        progress.entriesDone++;
        progress.currentName = t.path;
        emit();
        cb(null, Readable.from([data]));
      });
    }
    zip.end();
    zipOut.pipe(output);
  });

  await finishPartial(partial, out, signal, () => done);
  return { out, entries: entriesTotal, bytes: output.bytesWritten, written };
}

/** "sha256  path" lines, as `sha256sum -c` reads them. */
export function checksumLines(entries: readonly WrittenEntry[]): Buffer {
  return Buffer.from(entries.map((m) => `${m.sha256}  ${m.path}\n`).join(''), 'utf8');
}
