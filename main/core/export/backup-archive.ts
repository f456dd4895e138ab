import { createReadStream, existsSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { appError } from '../../contract/errors.js';
import { snapshotArchive } from '../archive/archive-snapshot.js';
import { finishJobRow } from '../archive/jobs-store.js';
import { FileStore } from '../archive/file-store.js';
import { startPartial } from '../archive/temp-owner.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { appVersion } from './app-version.js';
import {
  BACKUP_DB_ENTRY,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_INFO_ENTRY,
  backupFileEntry,
  type BackupInfo,
} from './backup-format.js';
import { CHECKSUMS_ENTRY } from './bundle-manifest.js';
import { STORED_MEDIA_TYPES } from './export-bundle.js';
import { ensureFreeSpace } from './zip-guard.js';
import { checksumLines, writeZipAtomically, type ZipWriteProgress } from './write-zip-atomically.js';

export interface BackupOptions {
  overwrite?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ZipWriteProgress) => void;
  /**
   * The backup's own row in the jobs table, 'running' in the live archive when the copy is taken: in
   * the copy it is ended as 'done' (with the copy's counts), since the copy survives only in a
   * backup that completed — a restored archive never lists the backup that made it as interrupted.
   */
  jobId?: string;
}

export interface BackupReport {
  out: string;
  documents: number;
  files: number;
  bytes: number;
  schemaVersion: number;
}

/**
 * Backs up a live archive into one file (R7): the database through SQLite (`VACUUM INTO` on a
 * separate read-only connection: one read transaction, so a consistent snapshot even while another
 * process is importing — WAL readers never wait for the writer and need no archive lock), checked
 * with integrity_check before use, then the originals the snapshot references. Originals are
 * content-addressed and written before the row that references them commits (R3), so every file
 * of the snapshot exists; each is re-hashed while copied. Written to a temporary name and renamed
 * when complete.
 */
export async function backupArchive(
  archiveDir: string,
  out: string,
  opts: BackupOptions = {},
): Promise<BackupReport> {
  const target = resolve(out);
  if (existsSync(target) && !opts.overwrite)
    throw new VanKhoError(appError('INVALID_INPUT', `${target} exists`));
  const root = resolve(archiveDir);
  const snapshotPartial = startPartial(target, { archiveDir: root, suffix: 'sqlite' });
  const snapshot = snapshotPartial.path;
  try {
    const { jobId } = opts;
    const { files, documents, schemaVersion, archiveUid } = snapshotArchive(
      root,
      snapshot,
      (bytes) => ensureFreeSpace(dirname(target), bytes * 2),
      jobId === undefined
        ? undefined
        : (copy, s) =>
            finishJobRow(copy, jobId, {
              state: 'done',
              result: { out: target, documents: s.documents, files: s.files.length },
            }),
    );
    const store = new FileStore(root);
    const bytesTotal = files.reduce((n, f) => n + f.size, 0);
    ensureFreeSpace(dirname(target), bytesTotal + statSync(snapshot).size);
    const createdAt = new Date().toISOString();
    const result = await writeZipAtomically(
      target,
      [
        {
          path: BACKUP_DB_ENTRY,
          compress: true,
          label: BACKUP_DB_ENTRY,
          countsTowardBytes: false,
          open: () => createReadStream(snapshot),
        },
        ...files.map((f) => ({
          path: backupFileEntry(f.sha256),
          compress: !STORED_MEDIA_TYPES.test(f.media_type),
          size: f.size,
          expectSha: f.sha256,
          label: f.sha256,
          countsTowardBytes: true,
          open: () => {
            const p = store.pathOf(f.sha256);
            if (!existsSync(p))
              throw new VanKhoError(appError('ARCHIVE_CORRUPT', `missing original ${f.sha256}`));
            return createReadStream(p);
          },
        })),
      ],
      [
        {
          path: BACKUP_INFO_ENTRY,
          make: (written) => {
            const db = written.find((w) => w.path === BACKUP_DB_ENTRY)!;
            const info: BackupInfo = {
              format: BACKUP_FORMAT,
              formatVersion: BACKUP_FORMAT_VERSION,
              app: { name: 'VanKho', version: appVersion() },
              schemaVersion,
              createdAt,
              archiveUid,
              documents,
              files: files.length,
              db: { sha256: db.sha256, size: db.size },
            };
            return Buffer.from(`${JSON.stringify(info, null, 1)}\n`, 'utf8');
          },
        },
        { path: CHECKSUMS_ENTRY, make: (written) => checksumLines(written) },
      ],
      {
        overwrite: opts.overwrite ?? false,
        bytesTotal,
        archiveDir: root,
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      },
    );
    return { out: result.out, documents, files: files.length, bytes: result.bytes, schemaVersion };
  } finally {
    rmSync(snapshot, { force: true });
    snapshotPartial.done();
  }
}
