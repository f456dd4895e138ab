// Files handed over by the renderer (drag and drop, file inputs) for a later import. The bytes are
// kept in a private temp folder under a generated id; the renderer never names a path, only the
// original file name, which is reduced to a safe base name. The folder carries this process's owner
// marker (a later run removes it if this one is killed); the bytes held at once are capped per session,
// and in server mode per account too (bytes and files, in flight or held), so one account at its cap
// leaves room for the others.
import { createWriteStream, rmSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { appError } from '../contract/errors.js';
import {
  DEFAULT_ACCOUNT_UPLOAD_BYTES,
  DEFAULT_ACCOUNT_UPLOAD_FILES,
  MAX_SESSION_UPLOAD_BYTES,
  MAX_UPLOAD_BYTES,
} from '../contract/transport.js';
import type { UploadArea, UploadOwner } from '../core/app/ports.js';
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

/** Per-account caps on what one account holds uploaded and not yet imported (in flight included). */
export interface AccountUploadLimits {
  bytes: number;
  files: number;
}

export const DEFAULT_ACCOUNT_UPLOAD_LIMITS: AccountUploadLimits = {
  bytes: DEFAULT_ACCOUNT_UPLOAD_BYTES,
  files: DEFAULT_ACCOUNT_UPLOAD_FILES,
};

/** What an owner may still upload now: bytes and files, and which cap bounds the bytes. */
export interface UploadRoom {
  bytes: number;
  files: number;
  /** 'account' when the account's own cap is the tighter one (ACCOUNT_UPLOAD_LIMIT), else 'session'. */
  bound: 'account' | 'session';
}

interface OwnerUse {
  bytes: number;
  files: number;
}

export class UploadStore implements UploadArea {
  readonly root: string;
  private readonly uploads = new Map<string, { file: string; size: number; owner: UploadOwner }>();
  /** Bytes of the held uploads plus those still streaming in. */
  private used = 0;
  /** Per account: bytes and files held or streaming in. */
  private readonly byOwner = new Map<string, OwnerUse>();

  constructor(
    parentDir: string = tmpdir(),
    /** Most bytes held at once (MAX_SESSION_UPLOAD_BYTES). */
    readonly maxTotalBytes: number = MAX_SESSION_UPLOAD_BYTES,
    readonly accountLimits: AccountUploadLimits = DEFAULT_ACCOUNT_UPLOAD_LIMITS,
  ) {
    this.root = makeOwnedTempDir(parentDir, UPLOADS_DIR_PREFIX);
  }

  /** How much more this owner (default: the local person) may upload now. */
  room(owner: UploadOwner = null): UploadRoom {
    const session = Math.max(0, this.maxTotalBytes - this.used);
    if (owner === null) return { bytes: session, files: Infinity, bound: 'session' };
    const use = this.byOwner.get(owner) ?? { bytes: 0, files: 0 };
    const account = Math.max(0, this.accountLimits.bytes - use.bytes);
    return {
      bytes: Math.min(session, account),
      files: Math.max(0, this.accountLimits.files - use.files),
      bound: account <= session ? 'account' : 'session',
    };
  }

  private use(owner: UploadOwner): OwnerUse | null {
    if (owner === null) return null;
    let u = this.byOwner.get(owner);
    if (!u) this.byOwner.set(owner, (u = { bytes: 0, files: 0 }));
    return u;
  }

  /** One more file for this owner (refused past its count cap); undone by `untake`. */
  private take(name: string, owner: UploadOwner): void {
    const u = this.use(owner);
    if (!u) return;
    if (u.files >= this.accountLimits.files) {
      throw new VanKhoError(
        appError(
          'ACCOUNT_UPLOAD_LIMIT',
          `${safeFileName(name)}: ${this.accountLimits.files} files held for import by this account`,
        ),
      );
    }
    u.files++;
  }

  private untake(owner: UploadOwner, bytes: number, files: number): void {
    this.used -= bytes;
    const u = owner === null ? undefined : this.byOwner.get(owner);
    if (!u) return;
    u.bytes -= bytes;
    u.files -= files;
    if (u.files <= 0 && u.bytes <= 0) this.byOwner.delete(owner!);
  }

  private reserve(name: string, n: number, owner: UploadOwner): void {
    const u = owner === null ? undefined : this.byOwner.get(owner);
    if (u && u.bytes + n > this.accountLimits.bytes) {
      throw new VanKhoError(
        appError(
          'ACCOUNT_UPLOAD_LIMIT',
          `${safeFileName(name)}: > ${this.accountLimits.bytes} bytes held for import by this account`,
        ),
      );
    }
    if (this.used + n > this.maxTotalBytes) {
      throw new VanKhoError(
        appError('UPLOAD_LIMIT', `${safeFileName(name)}: > ${this.maxTotalBytes} bytes held for import`),
      );
    }
    this.used += n;
    if (u) u.bytes += n;
  }

  async putBytes(name: string, bytes: Uint8Array, owner: UploadOwner = null): Promise<string> {
    if (bytes.byteLength > MAX_UPLOAD_BYTES)
      throw new VanKhoError(appError('FILE_TOO_LARGE', safeFileName(name)));
    this.take(name, owner);
    try {
      this.reserve(name, bytes.byteLength, owner);
    } catch (e) {
      this.untake(owner, 0, 1);
      throw e;
    }
    try {
      const { id, file } = await this.slot(name);
      await writeFile(file, bytes);
      this.uploads.set(id, { file, size: bytes.byteLength, owner });
      return id;
    } catch (e) {
      this.untake(owner, bytes.byteLength, 1);
      throw e;
    }
  }

  /**
   * Streams a request body to disk, refusing more than `limit` bytes (FILE_TOO_LARGE) or more than
   * `room` allows (default: this store's own caps): a staging store on the HTTP thread passes the
   * room the worker's store gave this owner, and counts this owner's other bodies in flight against it.
   */
  async putStream(
    name: string,
    body: Readable,
    limit = MAX_UPLOAD_BYTES,
    room?: UploadRoom,
    owner: UploadOwner = null,
  ): Promise<string> {
    if (room) {
      const u = owner === null ? undefined : this.byOwner.get(owner);
      if ((u?.files ?? 0) + 1 > room.files) {
        throw new VanKhoError(
          appError('ACCOUNT_UPLOAD_LIMIT', `${safeFileName(name)}: no more files for this account now`),
        );
      }
    }
    this.take(name, owner);
    let slot: { id: string; dir: string; file: string };
    try {
      slot = await this.slot(name);
    } catch (e) {
      this.untake(owner, 0, 1);
      throw e;
    }
    const { id, dir, file } = slot;
    let seen = 0;
    let reserved = 0;
    const inFlight = (): number =>
      owner === null ? seen : (this.byOwner.get(owner)?.bytes ?? 0) - reserved + seen;
    const reserve = (n: number): void => {
      this.reserve(name, n, owner);
      reserved += n;
    };
    try {
      await pipeline(
        body,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            seen += chunk.length;
            if (seen > limit) throw new VanKhoError(appError('FILE_TOO_LARGE', safeFileName(name)));
            if (room && inFlight() > room.bytes) {
              throw new VanKhoError(
                appError(
                  room.bound === 'account' ? 'ACCOUNT_UPLOAD_LIMIT' : 'UPLOAD_LIMIT',
                  `${safeFileName(name)}: > ${room.bytes} bytes of room left`,
                ),
              );
            }
            reserve(chunk.length);
            yield chunk;
          }
        },
        createWriteStream(file),
      );
    } catch (e) {
      this.untake(owner, reserved, 1);
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
    this.uploads.set(id, { file, size: seen, owner });
    return id;
  }

  /** Takes over a file received elsewhere (moved, not copied: same temp volume); returns its id. */
  async adopt(name: string, path: string, owner: UploadOwner = null): Promise<string> {
    const size = (await stat(path)).size;
    try {
      this.take(name, owner);
      try {
        this.reserve(name, size, owner);
      } catch (e) {
        this.untake(owner, 0, 1);
        throw e;
      }
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
    let slot: { id: string; dir: string; file: string };
    try {
      slot = await this.slot(name);
    } catch (e) {
      this.untake(owner, size, 1);
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
        this.untake(owner, size, 1);
        throw e;
      }
    }
    this.uploads.set(id, { file, size, owner });
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
      this.untake(u.owner, u.size, 1);
      await rm(join(this.root, id), { recursive: true, force: true });
    }
  }

  dispose(): void {
    this.uploads.clear();
    this.byOwner.clear();
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
