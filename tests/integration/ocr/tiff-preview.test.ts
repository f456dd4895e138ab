// The preview of a TIFF scan (browsers cannot show a TIFF): the host serves each page as a PNG
// derived from the stored original, by the same stored-file operation as every original (access
// and audit included), cached under derived/previews/; the original is never altered.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import type { DocumentDetail } from '../../../main/contract/dto.js';
import type { Result } from '../../../main/contract/errors.js';
import { LOCAL_ACTOR } from '../../../main/contract/request-context.js';
import { READER } from '../../helpers/actors.js';
import { decodeTiffPage } from '../../../main/core/ocr/tiff-decode.js';
import { startHostWorker, type HostClient } from '../../../main/host/host-client.js';
import { renderScan } from '../../helpers/make-scan.js';
import { makeTiff } from '../../helpers/make-tiff.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('TIFF preview', () => {
  let tmp: TempDir;
  let client: HostClient;
  let tiff: Buffer;
  let docId: number;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-tiff-preview-');
    const page = (text: string) =>
      renderScan([{ text, x: 297, y: 100, size: 16, center: true }], { dpi: 100 });
    tiff = await makeTiff([page('Trang một'), page('Trang hai'), page('Trang ba')], {
      compression: 'ccittfax4',
      dpi: 100,
    });
    const src = join(tmp.dir, 'ho-so-quet.tif');
    writeFileSync(src, tiff);
    const A = join(tmp.dir, 'kho');
    const imp = await runCliInProcess(['--archive', A, '--json', 'import', src]);
    expect(imp.code, imp.stderr).toBe(EXIT.OK);
    docId = (JSON.parse(imp.stdout) as { outcomes: { documentId: number }[] }).outcomes[0]!.documentId;
    client = await startHostWorker({ host: 'electron', samplesDir: null, archiveDir: A, create: false });
  });
  afterAll(async () => {
    await client?.stop();
    await tmp.cleanup();
  });

  it('serves each page as a PNG of that page, derived once, the original untouched', async () => {
    const r = (await client.dispatch('documentGet', { documentId: docId })) as Result<DocumentDetail>;
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.pageCount).toBe(3);
    const fileId = r.value.files[0]!.id;
    const ctx = { actor: LOCAL_ACTOR };

    // Without a page: the original itself, as for any file.
    const original = await client.op('storedFile', ctx, fileId, false);
    expect(original.mediaType).toBe('image/tiff');
    expect(sha(readFileSync(original.path))).toBe(sha(tiff));

    const p2 = await client.op('storedFile', ctx, fileId, false, 2);
    expect(p2).toMatchObject({ mediaType: 'image/png', name: 'ho-so-quet-2.png' });
    expect(p2.path).toContain(join('kho', 'derived', 'previews'));
    // An upright page keeps the cache name previews had before pages were turned by their tag.
    expect(basename(p2.path)).toBe(`${sha(tiff)}-2.png`);
    const png = readFileSync(p2.path);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(p2.size).toBe(png.length);
    // The PNG is page 2 (not page 1): the same pixels as the OCR decoder reads there.
    const { data, info } = await sharp(png)
      .greyscale()
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const want = (await decodeTiffPage(original.path, 2)).image;
    expect([info.width, info.height]).toEqual([want.width, want.height]);
    expect(Buffer.from(data).equals(Buffer.from(want.data))).toBe(true);
    const p1 = (await decodeTiffPage(original.path, 1)).image;
    expect(Buffer.from(data).equals(Buffer.from(p1.data))).toBe(false);

    // Asked again: the same derived file, not written anew.
    const mtime = statSync(p2.path).mtimeMs;
    const again = await client.op('storedFile', ctx, fileId, false, 2);
    expect(again.path).toBe(p2.path);
    expect(statSync(again.path).mtimeMs).toBe(mtime);

    // A page past the last is refused with the damaged-image reason, nothing derived for it.
    await expect(client.op('storedFile', ctx, fileId, false, 4)).rejects.toThrow(/IMAGE_DAMAGED/);
    expect(existsSync(p2.path.replace(/-2\.png$/, '-4.png'))).toBe(false);
    // The original is as it was.
    expect(sha(readFileSync(original.path))).toBe(sha(tiff));
    // An unknown file is not found, page or not.
    await expect(client.op('storedFile', ctx, 99999, false, 1)).rejects.toThrow(/NOT_FOUND/);
  });
  it('gives no page of a scan to a caller that may not read it', async () => {
    const reader = READER;
    const r = (await client.dispatch('documentGet', { documentId: docId })) as Result<DocumentDetail>;
    if (!r.ok) throw new Error(r.error.code);
    const fileId = r.value.files[0]!.id;
    // Công khai: the reader sees the page like anyone.
    expect((await client.op('storedFile', { actor: reader }, fileId, false, 1)).mediaType).toBe('image/png');
    const set = await client.dispatch('documentUpdate', { documentId: docId, fields: { access: 'Mật' } });
    expect(set.ok).toBe(true);
    await expect(client.op('storedFile', { actor: reader }, fileId, false, 1)).rejects.toThrow(/NOT_FOUND/);
    await expect(client.op('storedFile', { actor: reader }, fileId, false, 3)).rejects.toThrow(/NOT_FOUND/);
    expect((await client.op('storedFile', { actor: LOCAL_ACTOR }, fileId, false, 1)).mediaType).toBe(
      'image/png',
    );
  });
});
