import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  existsSync,
  rmSync,
  unlinkSync,
  type PathLike,
} from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { faultPoint } from '../jobs/fault-point.js';

/** Content-addressed originals: files/ab/cd/<sha256>, written once, never modified (R2). */
export class FileStore {
  readonly root: string;
  readonly stagingDir: string;

  constructor(archiveDir: string) {
    this.root = join(archiveDir, 'files');
    this.stagingDir = join(archiveDir, 'staging');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /**
   * Deletes a stored original: only for one a person threw away (emptying the trash), once no row
   * holds it. Returns false when it was not there.
   */
  remove(sha256: string): boolean {
    const p = this.pathOf(sha256);
    if (!existsSync(p)) return false;
    unlinkSync(p);
    return true;
  }

  /**
   * Streams `source` into a staging file while hashing it, fsyncs it, then renames it into its
   * content address and fsyncs the directory (R3). Returns the hash and size. If the same bytes are
   * already stored the staging copy is dropped (created: false — the caller must then never remove
   * the blob on failure: it is not its own, and may be the only copy, as in recovery). The caller
   * commits the database row afterwards.
   */
  async put(
    source: PathLike,
    signal?: AbortSignal,
  ): Promise<{ sha256: string; size: number; created: boolean }> {
    mkdirSync(this.stagingDir, { recursive: true });
    const staging = join(this.stagingDir, `${Date.now()}-${randomBytes(6).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        size += chunk.length;
        cb(null, chunk);
      },
    });
    try {
      await pipeline(createReadStream(source), tap, createWriteStream(staging, { flags: 'wx' }), { signal });
      const fd = openSync(staging, 'r+'); // r+: Windows refuses to flush a read-only handle
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      // Unreadable source, disk full, cancelled: leave nothing half-written behind.
      rmSync(staging, { force: true });
      throw e;
    }
    const sha256 = hash.digest('hex');
    const dest = this.pathOf(sha256);
    const dir = join(dest, '..');
    if (existsSync(dest)) {
      rmSync(staging, { force: true });
      return { sha256, size, created: false };
    }
    mkdirSync(dir, { recursive: true });
    faultPoint('store:before-rename');
    renameSync(staging, dest);
    fsyncDir(dir);
    return { sha256, size, created: true };
  }
}

function fsyncDir(dir: string): void {
  // Directory fsync makes the rename durable; not supported on every platform (Windows), hence best effort.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}
