// Files handed over by the renderer (drag and drop, file inputs) for a later import. The bytes are
// kept in a private temp folder under a generated id; the renderer never names a path, only the
// original file name, which is reduced to a safe base name. The folder carries this process's owner
// marker (a later run removes it if this one is killed); the bytes held at once are capped per session.
import { createWriteStream, rmSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { appError } from '../contract/errors.js';
import { MAX_SESSION_UPLOAD_BYTES, MAX_UPLOAD_BYTES } from '../contract/transport.js';
import type { UploadArea } from '../core/app/ports.js';
import { makeOwnedTempDir } from '../core/archive/temp-owner.js';
import { VanKhoError } from '../core/errors/vankho-error.js';

/** Temp folder name prefix (also what the start-up sweep looks for). */
export const UPLOADS_DIR_PREFIX = 'vankho-uploads-';

/** Keeps only a file's base name, without control characters or separators; never empty. */
export function safeFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
  if (clean === '' || clean === '.' || clean === '..') clean = 'tep';
  if (clean.length > 200) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
    clean = clean.slice(0, 200 - ext.length) + ext;
  }
  return clean;
}

const UPLOAD_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class UploadStore implements UploadArea {
  readonly root: string;
  private readonly uploads = new Map<string, { file: string; size: number }>();
  /** Bytes of the held uploads plus those still streaming in. */
  private used = 0;

  constructor(
    parentDir: string = tmpdir(),
    /** Most bytes held at once (MAX_SESSION_UPLOAD_BYTES). */
    readonly maxTotalBytes: number = MAX_SESSION_UPLOAD_BYTES,
  ) {
    this.root = makeOwnedTempDir(parentDir, UPLOADS_DIR_PREFIX);
  }

  /** How many more bytes this session may upload now. */
  room(): number {
    return Math.max(0, this.maxTotalBytes - this.used);
  }

  private reserve(name: string, n: number): void {
    if (this.used + n > this.maxTotalBytes) {
      throw new VanKhoError(
        appError('UPLOAD_LIMIT', `${safeFileName(name)}: > ${this.maxTotalBytes} bytes held for import`),
      );
    }
    this.used += n;
  }

  async putBytes(name: string, bytes: Uint8Array): Promise<string> {
    if (bytes.byteLength > MAX_UPLOAD_BYTES)
      throw new VanKhoError(appError('FILE_TOO_LARGE', safeFileName(name)));
    this.reserve(name, bytes.byteLength);
    try {
      const { id, file } = await this.slot(name);
      await writeFile(file, bytes);
      this.uploads.set(id, { file, size: bytes.byteLength });
      return id;
    } catch (e) {
      this.used -= bytes.byteLength;
      throw e;
    }
  }

  /**
   * Streams a request body to disk, refusing more than `limit` bytes (FILE_TOO_LARGE) or more than
   * `totalRoom` (default: this store's room; UPLOAD_LIMIT).
   */
  async putStream(
    name: string,
    body: Readable,
    limit = MAX_UPLOAD_BYTES,
    totalRoom?: number,
  ): Promise<string> {
    const { id, dir, file } = await this.slot(name);
    let seen = 0;
    const room = totalRoom ?? Infinity;
    let reserved = 0;
    const reserve = (n: number): void => {
      this.reserve(name, n);
      reserved += n;
    };
    try {
      await pipeline(
        body,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            seen += chunk.length;
            if (seen > limit) throw new VanKhoError(appError('FILE_TOO_LARGE', safeFileName(name)));
            if (seen > room) {
              throw new VanKhoError(
                appError('UPLOAD_LIMIT', `${safeFileName(name)}: > ${room} bytes of room left`),
              );
            }
            reserve(chunk.length);
            yield chunk;
          }
        },
        createWriteStream(file),
      );
    } catch (e) {
      this.used -= reserved;
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
    this.uploads.set(id, { file, size: seen });
    return id;
  }

  /** Takes over a file received elsewhere (moved, not copied: same temp volume); returns its id. */
  async adopt(name: string, path: string): Promise<string> {
    const size = (await stat(path)).size;
    try {
      this.reserve(name, size);
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
    let slot: { id: string; dir: string; file: string };
    try {
      slot = await this.slot(name);
    } catch (e) {
      this.used -= size;
      throw e;
    }
    const { id, dir, file } = slot;
    try {
      await rename(path, file);
    } catch {
      // Another volume: copy, then drop the original.
      try {
        await copyFile(path, file);
        await rm(path, { force: true });
      } catch (e) {
        await rm(dir, { recursive: true, force: true });
        this.used -= size;
        throw e;
      }
    }
    this.uploads.set(id, { file, size });
    return id;
  }

  /** The stored paths of these uploads; NOT_FOUND for an unknown id. */
  pathsOf(ids: readonly string[]): string[] {
    return ids.map((id) => {
      const u = UPLOAD_ID.test(id) ? this.uploads.get(id) : undefined;
      if (!u) throw new VanKhoError(appError('NOT_FOUND', `upload ${id.slice(0, 64)}`));
      return u.file;
    });
  }

  async release(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const u = this.uploads.get(id);
      if (!u) continue;
      this.uploads.delete(id);
      this.used -= u.size;
      await rm(join(this.root, id), { recursive: true, force: true });
    }
  }

  dispose(): void {
    this.uploads.clear();
    this.used = 0;
    rmSync(this.root, { recursive: true, force: true });
  }

  private async slot(name: string): Promise<{ id: string; dir: string; file: string }> {
    const id = randomBytes(12).toString('base64url');
    const dir = join(this.root, id);
    await mkdir(dir);
    return { id, dir, file: join(dir, safeFileName(name)) };
  }
}
