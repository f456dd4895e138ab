// OCR in bundles (issue 11): a scan read by OCR is exported with its pages' words, boxes and
// confidence, and an archive importing the bundle has them again — the scan layer and re-extraction
// work there without reading the page a second time.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { ocrPagesOf } from '../../../main/core/ocr/ocr-store.js';
import { openVanKho } from '../../../main/core/open-vankho.js';
import { makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const SCAN = [
  { text: 'THÔNG BÁO', x: 297, y: 110, size: 16, bold: true, center: true },
  { text: 'Lịch tiếp công dân định kỳ của Ủy ban', x: 70, y: 160, size: 14 },
];

async function entriesOf(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  for await (const e of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of (await zip.openReadStreamPromise(e)) as AsyncIterable<Buffer>) chunks.push(c);
    out.set(e.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return out;
}

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
    const entries = await entriesOf(out);
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
  });
});
