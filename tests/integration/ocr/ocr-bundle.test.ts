// OCR in bundles (issue 11): a scan read by OCR is exported with its pages' words, boxes and
// confidence, and an archive importing the bundle has them again — the scan layer and re-extraction
// work there without reading the page a second time; a malformed OCR entry refuses the bundle.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { VanKhoError } from '../../../main/core/errors/vankho-error.js';
import { importBundle } from '../../../main/core/export/import-bundle.js';
import { ocrPagesOf } from '../../../main/core/ocr/ocr-store.js';
import { openVanKho } from '../../../main/core/open-vankho.js';
import { makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { zipEntries, zipOf } from '../../helpers/zip-entries.js';

const SCAN = [
  { text: 'THÔNG BÁO', x: 297, y: 110, size: 16, bold: true, center: true },
  { text: 'Lịch tiếp công dân định kỳ của Ủy ban', x: 70, y: 160, size: 14 },
];

const fileIdOf = (db: ReturnType<typeof openVanKho>['archive']['db']): number =>
  db.prepare('SELECT id FROM files ORDER BY id LIMIT 1').pluck().get() as number;

describe('OCR pages in bundles', () => {
  let tmp: TempDir;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ocr-bundle-');
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

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
    const tampered = (await zipEntries(out))
      .filter(([n]) => n !== 'SHA256SUMS')
      .map(([n, b]): [string, Buffer] => {
        if (n === ref.path) return [n, bad];
        if (n !== 'manifest.json') return [n, b];
        const m = JSON.parse(b.toString('utf8')) as {
          entries: { path: string; sha256: string; size: number }[];
        };
        const e = m.entries.find((x) => x.path === ref.path)!;
        e.sha256 = createHash('sha256').update(bad).digest('hex');
        e.size = bad.length;
        return [n, Buffer.from(JSON.stringify(m), 'utf8')];
      });
    const badFile = join(tmp.dir, 'hong.zip');
    writeFileSync(badFile, await zipOf(tampered));
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
});
