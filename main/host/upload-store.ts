// Files handed over by the renderer (drag and drop, file inputs) for a later import. The bytes are
// kept in a private temp folder under a generated id; the renderer never names a path, only the
// original file name, which is reduced to a safe base name.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { appError } from '../contract/errors.js';
import { MAX_UPLOAD_BYTES } from '../contract/transport.js';
import type { UploadArea } from '../core/app/ports.js';
import { VanKhoError } from '../core/archive/vankho-error.js';

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
  private readonly uploads = new Map<string, string>();

  constructor(parentDir: string = tmpdir()) {
    this.root = mkdtempSync(join(parentDir, 'vankho-uploads-'));
  }

  async putBytes(name: string, bytes: Uint8Array): Promise<string> {
    if (bytes.byteLength > MAX_UPLOAD_BYTES)
      throw new VanKhoError(appError('FILE_TOO_LARGE', safeFileName(name)));
    const { id, file } = await this.slot(name);
    await writeFile(file, bytes);
    this.uploads.set(id, file);
    return id;
  }

  /** Streams a request body to disk, refusing more than `limit` bytes. */
  async putStream(name: string, body: Readable, limit = MAX_UPLOAD_BYTES): Promise<string> {
    const { id, dir, file } = await this.slot(name);
    let seen = 0;
    try {
      await pipeline(
        body,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            seen += chunk.length;
            if (seen > limit) throw new VanKhoError(appError('FILE_TOO_LARGE', safeFileName(name)));
            yield chunk;
          }
        },
        createWriteStream(file),
      );
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
    this.uploads.set(id, file);
    return id;
  }

  /** Takes over a file received elsewhere (moved, not copied: same temp volume); returns its id. */
  async adopt(name: string, path: string): Promise<string> {
    const { id, dir, file } = await this.slot(name);
    try {
      await rename(path, file);
    } catch {
      // Another volume: copy, then drop the original.
      try {
        await copyFile(path, file);
        await rm(path, { force: true });
      } catch (e) {
        await rm(dir, { recursive: true, force: true });
        throw e;
      }
    }
    this.uploads.set(id, file);
    return id;
  }

  /** The stored paths of these uploads; NOT_FOUND for an unknown id. */
  pathsOf(ids: readonly string[]): string[] {
    return ids.map((id) => {
      const p = UPLOAD_ID.test(id) ? this.uploads.get(id) : undefined;
      if (!p) throw new VanKhoError(appError('NOT_FOUND', `upload ${id.slice(0, 64)}`));
      return p;
    });
  }

  async release(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const p = this.uploads.get(id);
      if (!p) continue;
      this.uploads.delete(id);
      await rm(join(this.root, id), { recursive: true, force: true });
    }
  }

  dispose(): void {
    this.uploads.clear();
    rmSync(this.root, { recursive: true, force: true });
  }

  private async slot(name: string): Promise<{ id: string; dir: string; file: string }> {
    const id = randomBytes(12).toString('base64url');
    const dir = join(this.root, id);
    await mkdir(dir);
    return { id, dir, file: join(dir, safeFileName(name)) };
  }
}
