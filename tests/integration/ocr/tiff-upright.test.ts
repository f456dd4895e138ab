// An archive whose TIFF pages were read before pages were turned by their Orientation tag (issue 11):
// those pages' boxes lie on the stored pixels while the preview and the copy now show the page
// upright. Opening the archive once lays them on the upright page (the words' angle turned with
// them), nothing re-read; an upright TIFF keeps its boxes; a second open changes nothing; a mirrored
// page waits for OCR again. A bundle written before (its TIFF boxes on the stored pixels) is turned
// on import; a newer one says its boxes are upright and is imported as it is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deleteMeta, readMeta } from '../../../main/core/archive/meta-store.js';
import { importPaths } from '../../../main/core/ingest/import-files.js';
import { markPageDone, ocrPagesOf } from '../../../main/core/ocr/ocr-store.js';
import { TIFF_UPRIGHT_KEY } from '../../../main/core/ocr/tiff-upright.js';
import { openVanKho, openVanKhoForReading } from '../../../main/core/open-vankho.js';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { renderScan } from '../../helpers/make-scan.js';
import { makeTiff } from '../../helpers/make-tiff.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { rebuiltBundle, zipEntries } from '../../helpers/zip-entries.js';
import { useTempDir } from '../../helpers/temp-dir.js';

type Box = [number, number, number, number];
const read = (words: { text: string; box: Box; angle?: 90 | 180 | 270 }[]) => ({
  text: words.map((w) => w.text).join(' '),
  rawText: '',
  words: words.map((w) => ({ conf: 90, ...w })),
  confidence: 90,
  width: 600,
  height: 400,
});

describe('TIFF pages read before their Orientation tag turned them', () => {
  const tmp = useTempDir('vankho-tiff-upright-');

  it('get their boxes laid on the upright page once, at the next open', async () => {
    const page = renderScan([{ text: 'Trang', x: 70, y: 100, size: 14 }], { dpi: 50 });
    const files = { 'quay-6.tif': 6, 'nguoc-3.tif': 3, 'thang.tif': 1, 'soi-guong.tif': 2 } as const;
    for (const [name, orientation] of Object.entries(files))
      writeFileSync(join(tmp.dir, name), await makeTiff([page], { dpi: 50, orientation }));
    const dir = join(tmp.dir, 'kho');
    const vk = openVanKho(dir, { create: true });
    // A new archive has nothing to turn: it is marked done at once.
    expect(readMeta(vk.archive.db, TIFF_UPRIGHT_KEY)).toBe('1');
    const r = await importPaths(
      vk.archive,
      Object.keys(files).map((n) => join(tmp.dir, n)),
    );
    const ids = new Map(
      Object.keys(files).map((name) => {
        const doc = r.outcomes.find((o) => o.name === name)!.documentId!;
        return [name, vk.archive.db.prepare('SELECT id FROM files WHERE document_id = ?').pluck().get(doc)];
      }),
    );
    const fileOf = (name: string): number => ids.get(name) as number;
    // Read as before: a word upright on the stored pixels, and one the detector found turned.
    const stored = read([
      { text: 'Trang', box: [0.1, 0.2, 0.3, 0.25] },
      { text: 'một', box: [0.6, 0.1, 0.65, 0.3], angle: 270 },
    ]);
    vk.archive.write((db) => {
      for (const name of Object.keys(files)) markPageDone(db, fileOf(name), 1, stored, 'vie');
      deleteMeta(db, TIFF_UPRIGHT_KEY);
    });
    const words = (name: string, v = vk) => ocrPagesOf(v.archive.db, fileOf(name))[0]!;
    expect(words('quay-6.tif').words.map((w) => w.box)).toEqual([
      [0.1, 0.2, 0.3, 0.25],
      [0.6, 0.1, 0.65, 0.3],
    ]);
    vk.close();

    // Reading commands see it done too: the archive is opened writable once for it.
    const v2 = openVanKhoForReading(dir);
    expect(readMeta(v2.archive.db, TIFF_UPRIGHT_KEY)).toBe('1');
    // Tag 6 (the viewer turns the pixels a quarter turn clockwise): each box turned so, the upright
    // word now runs at 90°, the one that ran at 270° upright.
    expect(words('quay-6.tif', v2)).toMatchObject({
      state: 'done',
      words: [
        { text: 'Trang', box: [0.75, 0.1, 0.8, 0.3], angle: 90 },
        { text: 'một', box: [0.7, 0.6, 0.9, 0.65] },
      ],
    });
    expect(words('quay-6.tif', v2).words[1]!.angle).toBeUndefined();
    // Tag 3: a half turn.
    const half = words('nguoc-3.tif', v2).words;
    expect(half.map((w) => w.box.map((x) => Math.round(x * 100) / 100))).toEqual([
      [0.7, 0.75, 0.9, 0.8],
      [0.35, 0.7, 0.4, 0.9],
    ]);
    expect(half.map((w) => w.angle)).toEqual([180, 90]);
    // Upright: as read. Mirrored: no turn puts it right; it waits for OCR again.
    expect(words('thang.tif', v2).words).toEqual(stored.words);
    expect(words('soi-guong.tif', v2).state).toBe('pending');
    v2.close();

    // Done once: a later open leaves the boxes as they are.
    const v3 = openVanKho(dir);
    const upright = words('quay-6.tif', v3).words;
    expect(upright[0]!.box).toEqual([0.75, 0.1, 0.8, 0.3]);
    v3.close();

    // A bundle says its TIFF boxes are upright: imported as they are, not turned again.
    const out = join(tmp.dir, 'goi.zip');
    expect((await runCliInProcess(['--archive', dir, 'export', '--all', '--out', out])).code).toBe(EXIT.OK);
    const importedWords = async (name: string, bundle: string) => {
      const to = join(tmp.dir, name);
      const r = await runCliInProcess(['--archive', to, 'import-bundle', bundle]);
      expect(r.code, r.stderr).toBe(EXIT.OK);
      const vb = openVanKho(to, { create: false });
      const id = vb.archive.db
        .prepare("SELECT id FROM files WHERE original_name = 'quay-6.tif'")
        .pluck()
        .get() as number;
      const got = ocrPagesOf(vb.archive.db, id)[0]!.words;
      vb.close();
      return got;
    };
    expect(await importedWords('kho-b', out)).toEqual(upright);

    // A bundle written before (no `upright`, boxes on the stored pixels): turned on the way in.
    type Manifest = {
      documents: { files: { originalName: string; ocr?: { path: string; upright?: true } }[] }[];
    };
    const m = JSON.parse(new Map(await zipEntries(out)).get('manifest.json')!.toString('utf8')) as Manifest;
    const ref = m.documents.flatMap((d) => d.files).find((f) => f.originalName === 'quay-6.tif')!.ocr!;
    expect(ref.upright).toBe(true);
    const entry = JSON.parse(new Map(await zipEntries(out)).get(ref.path)!.toString('utf8')) as Record<
      string,
      unknown
    >[];
    const older = Buffer.from(JSON.stringify([{ ...entry[0], words: stored.words }]), 'utf8');
    const oldFile = join(tmp.dir, 'goi-cu.zip');
    writeFileSync(
      oldFile,
      await rebuiltBundle(out, new Map([[ref.path, older]]), (mm) => {
        for (const d of (mm as unknown as Manifest).documents) for (const f of d.files) delete f.ocr?.upright;
      }),
    );
    expect(await importedWords('kho-c', oldFile)).toEqual(upright);
  });
});
