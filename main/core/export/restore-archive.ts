import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { appError } from '../../contract/errors.js';
import { DB_FILE_NAME, openArchive, type Archive } from '../archive/archive.js';
import { checkArchive, type CheckReport } from '../archive/check-archive.js';
import { FileStore } from '../archive/file-store.js';
import { VanKhoError } from '../errors/vankho-error.js';
import {
  BACKUP_DB_ENTRY,
  BACKUP_FILE_ENTRY,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_INFO_ENTRY,
  backupInfoSchema,
  type BackupInfo,
} from './backup-format.js';
import { CHECKSUMS_ENTRY } from './bundle-manifest.js';
import { fsyncDirectory, fsyncFile } from '../archive/durable-file.js';
import { hashTap } from './hash-tap.js';
import {
  DEFAULT_BUNDLE_LIMITS,
  ensureFreeSpace,
  openZip,
  readSmallEntry,
  readZipDirectory,
  type BundleLimits,
} from './zip-guard.js';
import { parsingFailure } from '../errors/to-vankho-error.js';

export interface RestoreOptions {
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total: number; bytesDone: number; bytesTotal: number }) => void;
  limits?: BundleLimits;
  /**
   * Wraps the restore's last step (the full check) on the restored archive, open for writing once
   * its database is in place: the one moment a restore job can record itself, in the archive it
   * made (before, the folder is not an archive; after a failure, it is emptied again).
   */
  around?: (archive: Archive, finish: () => Promise<RestoreReport>) => Promise<RestoreReport>;
}

export interface RestoreReport {
  dir: string;
  info: BackupInfo;
  /** The doctor's full check of the restored archive. */
  check: CheckReport;
}

function invalid(detail: string): VanKhoError {
  return new VanKhoError(appError('BACKUP_INVALID', detail));
}

/**
 * Restores a backup (backup-archive.ts) into an empty or missing folder: the ZIP is judged like a
 * bundle (names, links, ratios, counts), every file is streamed through SHA-256 and must match its
 * content address and SHA256SUMS, the database is put in place LAST (so an interrupted restore never
 * looks like an archive), then the archive is opened and fully checked by the doctor. On any failure
 * the folder is emptied again.
 */
export async function restoreArchive(
  file: string,
  dir: string,
  opts: RestoreOptions = {},
): Promise<RestoreReport> {
  const root = resolve(dir);
  const existed = existsSync(root);
  if (existed && readdirSync(root).length > 0) {
    throw new VanKhoError(appError('INVALID_INPUT', `${root} is not empty`));
  }
  const zip = await openZip(file, 'backup');
  let created = false;
  try {
    const entries = await readZipDirectory(zip, opts.limits ?? DEFAULT_BUNDLE_LIMITS);
    const infoEntry = entries.get(BACKUP_INFO_ENTRY);
    const sumsEntry = entries.get(CHECKSUMS_ENTRY);
    const dbEntry = entries.get(BACKUP_DB_ENTRY);
    if (!infoEntry || !sumsEntry || !dbEntry) throw invalid('not a VanKho backup');
    let raw: unknown;
    try {
      raw = JSON.parse((await readSmallEntry(zip, infoEntry, 1 << 20)).toString('utf8'));
    } catch (e) {
      if (e instanceof VanKhoError) throw e;
      throw invalid(`${BACKUP_INFO_ENTRY} is not JSON`);
    }
    const head = raw as { format?: unknown; formatVersion?: unknown } | null;
    if (head?.format !== BACKUP_FORMAT) throw invalid('not a VanKho backup');
    if (typeof head.formatVersion === 'number' && head.formatVersion > BACKUP_FORMAT_VERSION) {
      throw invalid(`backup format ${head.formatVersion} is newer; update VanKho`);
    }
    const parsed = backupInfoSchema.safeParse(raw);
    if (!parsed.success)
      throw invalid(`${BACKUP_INFO_ENTRY}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const info = parsed.data;

    const sums = new Map<string, string>();
    for (const line of (await readSmallEntry(zip, sumsEntry, 512 * 1024 * 1024))
      .toString('utf8')
      .split('\n')) {
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      if (m) sums.set(m[2]!, m[1]!);
    }
    const data = [...entries.values()].filter(
      (e) => e.fileName !== BACKUP_INFO_ENTRY && e.fileName !== CHECKSUMS_ENTRY,
    );
    for (const e of data) {
      if (e.fileName !== BACKUP_DB_ENTRY && !BACKUP_FILE_ENTRY.test(e.fileName)) {
        throw invalid(`unexpected entry ${e.fileName}`);
      }
      if (!sums.has(e.fileName)) throw invalid(`${e.fileName} not in SHA256SUMS`);
    }
    if (sums.get(BACKUP_DB_ENTRY) !== info.db.sha256) throw invalid('database checksum');
    if (data.length !== info.files + 1)
      throw invalid(`expected ${info.files} originals, found ${data.length - 1}`);

    mkdirSync(root, { recursive: true });
    created = true;
    const bytesTotal = data.reduce((n, e) => n + e.uncompressedSize, 0);
    ensureFreeSpace(root, bytesTotal);
    const store = new FileStore(root);
    const staging = join(store.stagingDir, `restore-${randomBytes(6).toString('hex')}`);
    mkdirSync(staging, { recursive: true });
    let bytesDone = 0;
    let done = 0;
    let dbStaged: string | null = null;
    for (const e of data) {
      if (opts.signal?.aborted) throw new VanKhoError(appError('CANCELLED'));
      const tmp = join(staging, `${done}.part`);
      let measured: { sha256: string; size: number } | null = null;
      try {
        await pipeline(
          await zip.openReadStreamPromise(e),
          hashTap(
            (r) => {
              measured = r;
            },
            (n) => {
              bytesDone += n;
            },
          ),
          createWriteStream(tmp, { flags: 'wx' }),
          opts.signal ? { signal: opts.signal } : {},
        );
      } catch (err) {
        throw parsingFailure(err, 'backup-entry', { detail: e.fileName });
      }
      const r = measured as { sha256: string; size: number } | null;
      const expected = sums.get(e.fileName);
      const address = BACKUP_FILE_ENTRY.exec(e.fileName)?.[3];
      if (!r || r.sha256 !== expected || (address !== undefined && address !== r.sha256)) {
        throw invalid(`SHA-256 of ${e.fileName}`);
      }
      fsyncFile(tmp);
      if (address !== undefined) {
        const dest = store.pathOf(address);
        mkdirSync(dirname(dest), { recursive: true });
        renameSync(tmp, dest);
        fsyncDirectory(dirname(dest));
      } else {
        dbStaged = tmp;
      }
      done++;
      opts.onProgress?.({ done, total: data.length, bytesDone, bytesTotal });
    }
    // The database last: until this rename the folder is not an archive.
    renameSync(dbStaged!, join(root, DB_FILE_NAME));
    fsyncDirectory(root);
    rmSync(staging, { recursive: true, force: true });

    const archive = openArchive(root, { create: false });
    try {
      const finish = async (): Promise<RestoreReport> => {
        const check = await checkArchive(archive, {
          full: true,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        return { dir: root, info, check };
      };
      return await (opts.around ? opts.around(archive, finish) : finish());
    } finally {
      archive.close();
    }
  } catch (e) {
    if (created) {
      // The folder was empty before: put it back that way (or remove it if we made it).
      if (existed) for (const n of readdirSync(root)) rmSync(join(root, n), { recursive: true, force: true });
      else rmSync(root, { recursive: true, force: true });
    }
    throw e;
  } finally {
    zip.close();
  }
}
