// Creating an archive from the app (web mode: a typed path) on folders where it cannot be made: the
// open archive stays open, nothing is written, and the message says why in Vietnamese then English.

import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveInfo } from '../../main/contract/dto.js';
import type { Result } from '../../main/contract/errors.js';
import { startAppHost, type AppHost } from '../../main/index.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

describe('create archive from the app', () => {
  let tmp: TempDir;
  let host: AppHost;
  let first: string;
  const call = (method: string, input: unknown) =>
    host.dispatch(method as never, input) as Promise<Result<unknown>>;
  const openDir = async () => (await call('archiveInfo', {})) as Result<ArchiveInfo | null>;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-create-');
    first = join(tmp.dir, 'first');
    host = await startAppHost({ host: 'web', samplesDir: null, archiveDir: first, create: true });
  });

  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('refuses a non-empty folder that is not an archive, says so, and keeps the open archive', async () => {
    const folder = join(tmp.dir, 'luan-van');
    mkdirSync(folder);
    writeFileSync(join(folder, 'chuong-1.docx'), 'x');
    const r = await call('archiveCreate', { dir: folder });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('FOLDER_NOT_EMPTY');
    expect(r.error.message.vi).toMatch(/không trống và không phải là kho văn bản/);
    expect(r.error.message.vi).toMatch(/thư mục trống/);
    expect(r.error.message.en).toMatch(/not empty and is not an archive/);
    // No English inside the Vietnamese text, nor in the detail (a path only).
    expect(r.error.message.vi).not.toMatch(/not empty|archive\.sqlite/);
    expect(r.error.detail).toBe(folder);
    expect(readdirSync(folder)).toEqual(['chuong-1.docx']);
    const info = await openDir();
    expect(info.ok && info.value?.dir).toBe(first);
  });

  it('refuses a folder that already holds an archive with a way out, and keeps the open one', async () => {
    const other = join(tmp.dir, 'other');
    expect((await call('archiveCreate', { dir: other })).ok).toBe(true);
    expect((await call('archiveOpen', { dir: first })).ok).toBe(true);
    const r = await call('archiveCreate', { dir: other });
    expect(!r.ok && r.error.code).toBe('ARCHIVE_EXISTS');
    expect(!r.ok && r.error.message.vi).toMatch(/Mở kho/);
    const info = await openDir();
    expect(info.ok && info.value?.dir).toBe(first);
  });

  it('asks for a full path instead of creating a relative one in the server’s working folder', async () => {
    const before = readdirSync(process.cwd());
    const r = await call('archiveCreate', { dir: 'kho-cua-toi' });
    expect(!r.ok && r.error.code).toBe('PATH_NOT_ABSOLUTE');
    expect(!r.ok && r.error.detail).toBe(join(homedir(), 'kho-cua-toi')); // the suggestion shown
    expect(!r.ok && r.error.message.vi).toMatch(/đường dẫn đầy đủ/);
    expect(existsSync(join(process.cwd(), 'kho-cua-toi'))).toBe(false);
    expect(readdirSync(process.cwd())).toEqual(before);
    expect(!((await call('archiveOpen', { dir: 'kho-cua-toi' })) as Result<unknown>).ok).toBe(true);
    const info = await openDir();
    expect(info.ok && info.value?.dir).toBe(first);
  });
});
