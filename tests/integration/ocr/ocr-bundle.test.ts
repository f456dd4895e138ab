// OCR in bundles (issue 11): a scan read by OCR is exported with its pages' words, boxes and
// confidence, and an archive importing the bundle has them again — the scan layer and re-extraction
// work there without reading the page a second time; a malformed OCR entry refuses the bundle. A
// page's caveat (it may have been read the wrong way up) and its words' angle travel too, and a
// bundle written before them still imports.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { VanKhoError } from '../../../main/core/errors/vankho-error.js';
import { importBundle } from '../../../main/core/export/import-bundle.js';
import { storeOcrText } from '../../../main/core/ocr/ocr-queue.js';
import { markPageDone, ocrPagesOf, ocrSummary } from '../../../main/core/ocr/ocr-store.js';
import { openVanKho } from '../../../main/core/open-vankho.js';
import { makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { rebuiltBundle, zipEntries } from '../../helpers/zip-entries.js';

const SCAN = [
  { text: 'THÔNG BÁO', x: 297, y: 110, size: 16, bold: true, center: true },
  { text: 'Lịch tiếp công dân định kỳ của Ủy ban', x: 70, y: 160, size: 14 },
];

const fileIdOf = (db: ReturnType<typeof openVanKho>['archive']['db']): number =>
  db.prepare('SELECT id FROM files ORDER BY id LIMIT 1').pluck().get() as number;

/** The bundle `file` with its entry `path` holding `data` instead (checksums made to match). */
const withEntry = (file: string, path: string, data: Buffer): Promise<Buffer> =>
  rebuiltBundle(file, new Map([[path, data]]));

/** The path of the first file's OCR entry, as the bundle's manifest names it. */
async function ocrEntryOf(file: string): Promise<string> {
  const manifest = JSON.parse(new Map(await zipEntries(file)).get('manifest.json')!.toString('utf8')) as {
    documents: { files: { ocr?: { path: string } }[] }[];
  };
  return manifest.documents[0]!.files[0]!.ocr!.path;
}

describe('OCR pages in bundles', () => {
  const tmp = useTempDir('vankho-ocr-bundle-');

  it('carries the words and boxes through export and import', async () => {
    const A = join(tmp.dir, 'a');
    const B = join(tmp.dir, 'b');
    const scan = join(tmp.dir, 'tb-tiep-dan.pdf');
    writeFileSync(scan, await makeScannedPdf([renderScan(SCAN, { format: 'jpeg' })]));
    expect((await runCliInProcess(['--archive', A, 'import', scan])).code).toBe(EXIT.OK);
    const ocr = await runCliInProcess(['--archive', A, 'ocr', '--pending', '--workers', '1', '--dpi', '200']);
    expect(ocr.code, ocr.stderr).toBe(EXIT.OK);
    const out = join(tmp.dir, 'goi.zip');
    const exp = await runCliInProcess(['--archive', A, 'export', '--all', '--out', out]);
    expect(exp.code, exp.stderr).toBe(EXIT.OK);

    const va = openVanKho(A, { create: false });
    const before = ocrPagesOf(va.archive.db, fileIdOf(va.archive.db));
    va.close();
    expect(before).toHaveLength(1);
    expect(before[0]!.state).toBe('done');
    expect(before[0]!.words.map((w) => w.text).join(' ')).toContain('tiếp công dân');

    // The manifest names the OCR entry; it is listed and checksummed like a text.
    const entries = new Map(await zipEntries(out));
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as {
      documents: { files: { ocr?: { path: string; pages: number } }[] }[];
      entries: { path: string; role: string }[];
    };
    const ref = manifest.documents[0]!.files[0]!.ocr!;
    expect(ref.pages).toBe(1);
    expect(manifest.entries.find((e) => e.path === ref.path)?.role).toBe('text');
    expect(entries.get('SHA256SUMS')!.toString('utf8')).toContain(ref.path);

    const imp = await runCliInProcess(['--archive', B, 'import-bundle', out]);
    expect(imp.code, imp.stderr).toBe(EXIT.OK);
    const vb = openVanKho(B, { create: false });
    const after = ocrPagesOf(vb.archive.db, fileIdOf(vb.archive.db));
    const pending = vb.archive.db
      .prepare("SELECT count(*) FROM ocr_pages WHERE state = 'pending'")
      .pluck()
      .get();
    const hits = vb.search.search({ query: 'tiep cong dan' }).hits.length;
    vb.close();
    expect(
      after.map(({ pageNo, state, reason, confidence, words }) => ({
        pageNo,
        state,
        reason,
        confidence,
        words,
      })),
    ).toEqual(
      before.map(({ pageNo, state, reason, confidence, words }) => ({
        pageNo,
        state,
        reason,
        confidence,
        words,
      })),
    );
    expect(pending).toBe(0);
    expect(hits).toBe(1);

    // The OCR entry replaced by one whose pages lack their words (checksums made to match): the
    // bundle is refused whole, the archive unchanged.
    const bad = Buffer.from(JSON.stringify([{ pageNo: 1, reason: 'scan', text: 'x' }]), 'utf8');
    const tampered = await withEntry(out, ref.path, bad);
    const badFile = join(tmp.dir, 'hong.zip');
    writeFileSync(badFile, tampered);
    const vc = openVanKho(join(tmp.dir, 'c'), { create: true });
    const err = await importBundle(vc.archive, badFile).then(
      () => null,
      (e: unknown) => e,
    );
    const docs = vc.archive.db.prepare('SELECT count(*) FROM documents').pluck().get();
    vc.close();
    expect(err).toBeInstanceOf(VanKhoError);
    expect((err as VanKhoError).appError.code).toBe('BUNDLE_INVALID');
    expect((err as VanKhoError).appError.detail).toContain(ref.path);
    expect(docs).toBe(0);
  });
  it('carries a page’s caveat and its words’ angle; a bundle written before them still imports', async () => {
    const A = join(tmp.dir, 'caveat-a');
    const scan = join(tmp.dir, 'bia-ho-so.png');
    writeFileSync(scan, renderScan([{ text: 'Danh mục hồ sơ năm 2024', x: 70, y: 120, size: 14 }]));
    expect((await runCliInProcess(['--archive', A, 'import', scan])).code).toBe(EXIT.OK);
    // The page as the OCR job files one read turned upright and still doubted (ocr-queue.ts).
    const turned = { text: '', conf: 0, box: [0.8, 0.1, 0.83, 0.3] as [number, number, number, number] };
    const read = {
      text: 'Danh mục hồ sơ năm 2024',
      rawText: 'Danh mục hồ sơ năm 2024',
      words: [
        { ...turned, text: 'Danh', conf: 93, angle: 90 as const },
        {
          ...turned,
          text: 'mục',
          conf: 88,
          box: [0.8, 0.31, 0.83, 0.4] as typeof turned.box,
          angle: 90 as const,
        },
      ],
      confidence: 91,
      width: 1654,
      height: 2339,
      orientationUnsure: true as const,
    };
    const va = openVanKho(A, { create: false });
    const fileId = fileIdOf(va.archive.db);
    const docId = va.archive.db
      .prepare('SELECT document_id FROM files WHERE id = ?')
      .pluck()
      .get(fileId) as number;
    va.archive.write((db) => {
      markPageDone(db, fileId, 1, read, 'vie');
      storeOcrText(db, docId);
    });
    const before = ocrPagesOf(va.archive.db, fileId);
    va.close();
    expect(before[0]!.error?.code).toBe('OCR_ORIENTATION_UNSURE');
    const out = join(tmp.dir, 'goi-caveat.zip');
    const exp = await runCliInProcess(['--archive', A, 'export', '--all', '--out', out]);
    expect(exp.code, exp.stderr).toBe(EXIT.OK);
    const path = await ocrEntryOf(out);
    const carried = JSON.parse(new Map(await zipEntries(out)).get(path)!.toString('utf8')) as Record<
      string,
      unknown
    >[];
    expect(carried[0]!.caveat).toBe('OCR_ORIENTATION_UNSURE');

    const imported = async (name: string, bundle: string) => {
      const r = await runCliInProcess(['--archive', join(tmp.dir, name), 'import-bundle', bundle]);
      expect(r.code, r.stderr).toBe(EXIT.OK);
      const vk = openVanKho(join(tmp.dir, name), { create: false });
      const id = fileIdOf(vk.archive.db);
      const doc = vk.archive.db
        .prepare('SELECT document_id FROM files WHERE id = ?')
        .pluck()
        .get(id) as number;
      const got = { pages: ocrPagesOf(vk.archive.db, id), summary: ocrSummary(vk.archive.db, doc) };
      vk.close();
      return got;
    };
    // Imported: the same words (with their angle), confidence and caveat; the page still to review.
    const b = await imported('caveat-b', out);
    expect(b.pages).toEqual(before);
    expect(b.summary.lowConfidencePages).toEqual([1]);
    expect(b.summary.pages[0]).toMatchObject({ state: 'done', confidence: 91, low: true });
    expect(b.summary.pages[0]!.error?.message.vi).toContain('đúng chiều');

    // A bundle written before the caveat and the angle were carried: imported as it says.
    const old = carried.map(({ caveat: _, words, ...p }) => ({
      ...p,
      words: (words as Record<string, unknown>[]).map(({ angle: _a, ...w }) => w),
    }));
    const oldFile = join(tmp.dir, 'goi-cu.zip');
    writeFileSync(oldFile, await withEntry(out, path, Buffer.from(JSON.stringify(old), 'utf8')));
    const c = await imported('caveat-c', oldFile);
    expect(c.pages[0]).toMatchObject({ state: 'done', confidence: 91, error: null });
    expect(c.pages[0]!.words.map((w) => [w.text, w.angle])).toEqual([
      ['Danh', undefined],
      ['mục', undefined],
    ]);
    expect(c.summary.pages[0]).toMatchObject({ low: false, error: null });

    // A caveat this VanKho does not know is refused with the entry named, not read as none.
    const unknown = carried.map((p) => ({ ...p, caveat: 'OCR_SOMETHING_NEW' }));
    const unknownFile = join(tmp.dir, 'goi-la.zip');
    writeFileSync(unknownFile, await withEntry(out, path, Buffer.from(JSON.stringify(unknown), 'utf8')));
    const vd = openVanKho(join(tmp.dir, 'caveat-d'), { create: true });
    const err = await importBundle(vd.archive, unknownFile).then(
      () => null,
      (e: unknown) => e,
    );
    vd.close();
    expect((err as VanKhoError).appError.code).toBe('BUNDLE_INVALID');
    expect((err as VanKhoError).appError.detail).toContain(path);
  });
});
