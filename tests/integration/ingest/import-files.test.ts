import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { openArchive, type Archive } from '../../../main/core/archive/archive.js';
import { checkArchive } from '../../../main/core/archive/check-archive.js';
import { getDocument } from '../../../main/core/archive/documents-repo.js';
import { getDocumentPages } from '../../../main/core/archive/pages-repo.js';
import { importPaths } from '../../../main/core/ingest/import-files.js';
import type { ImportProgress } from '../../../main/core/ingest/import-types.js';
import { makeDocx } from '../../helpers/make-docx.js';
import { makePdf } from '../../helpers/make-pdf.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const HEADER = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';

/** Windows-1258 bytes the way old editors wrote them: base letter (â, ơ, đ…) + a combining tone mark. */
function encodeCp1258(s: string): Buffer {
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/gu;
  const out = [...s.normalize('NFC')]
    .map((ch) => {
      const d = ch.normalize('NFD');
      const toneMarks = d.match(tones)?.join('') ?? '';
      return d.replace(tones, '').normalize('NFC') + toneMarks;
    })
    .join('');
  const buf = iconv.encode(out, 'windows-1258');
  if (iconv.decode(buf, 'windows-1258').normalize('NFC') !== s.normalize('NFC'))
    throw new Error('not encodable');
  return buf;
}
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

describe('importPaths', () => {
  let tmp: TempDir;
  let src: string;
  let archive: Archive;
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-import-');
    src = join(tmp.dir, 'src');
    mkdirSync(src);
    archive = openArchive(join(tmp.dir, 'archive'));
  });
  afterEach(async () => {
    archive.close();
    await tmp.cleanup();
  });

  const textOf = (id: number | null): string =>
    getDocumentPages(archive.db, id!)
      .map((p) => p.text)
      .join('\n');

  it('imports PDF, DOCX, TXT (UTF-8, UTF-16, Windows-1258), HTML and an image from a folder tree', async () => {
    mkdirSync(join(src, 'sub', 'deeper'), { recursive: true });
    writeFileSync(
      join(src, 'qd.pdf'),
      await makePdf([[HEADER, 'Quyết định số 08/2022/QĐ-TTg'], ['Trang 2']]),
    );
    writeFileSync(join(src, 'sub', 'ct.docx'), await makeDocx([HEADER, 'Chương trình số 04-CTr/QU']));
    writeFileSync(join(src, 'sub', 'utf8.txt'), `${HEADER}\n${MOTTO}\n`);
    writeFileSync(
      join(src, 'sub', 'utf16.txt'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(`${MOTTO} utf16`, 'utf-16le')]),
    );
    writeFileSync(
      join(src, 'sub', 'deeper', 'cp1258.txt'),
      encodeCp1258(`${HEADER}\n${MOTTO}\nNgười ký: Nguyễn Văn An`),
    );
    writeFileSync(
      join(src, 'sub', 'page.html'),
      `<html><head><title>x</title><script>alert(1)</script></head><body><p>${MOTTO}</p><p>Hà&nbsp;Nội &amp; Huế</p></body></html>`,
    );
    writeFileSync(join(src, 'scan.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    // A PDF without a text layer (a scan): kept, "no text yet".
    writeFileSync(join(src, 'sub', 'scan.pdf'), await makePdf([[''], ['']]));
    const seen: ImportProgress[] = [];
    const r = await importPaths(archive, [src], { onProgress: (p) => seen.push(p) });
    expect(r.failed).toBe(0);
    expect(r.imported).toBe(8);
    expect(r.cancelled).toBe(false);
    // Extraction runs in parallel but documents are numbered in the order of the walk.
    const ids = r.outcomes.map((o) => o.documentId!);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    const by = new Map(r.outcomes.map((o) => [o.name, o]));

    const pdf = by.get('qd.pdf')!;
    expect(pdf.textStatus).toBe('ok');
    const pdfDoc = getDocument(archive.db, pdf.documentId!)!;
    expect(pdfDoc.pageCount).toBe(2);
    expect(pdfDoc.metadata.title).toBeTruthy();
    expect(pdfDoc.files[0]!.originalName).toBe('qd.pdf');
    expect(pdfDoc.files[0]!.mediaType).toBe('application/pdf');
    expect(textOf(pdf.documentId)).toContain('Quyết định số 08/2022/QĐ-TTg');

    expect(textOf(by.get('ct.docx')!.documentId)).toContain('Chương trình số 04-CTr/QU');
    expect(textOf(by.get('utf8.txt')!.documentId)).toContain(MOTTO);
    expect(textOf(by.get('utf16.txt')!.documentId)).toContain(`${MOTTO} utf16`);
    const cp = by.get('cp1258.txt')!;
    expect(textOf(cp.documentId)).toContain('Người ký: Nguyễn Văn An');
    expect(textOf(cp.documentId)).toContain(HEADER);
    expect(getDocument(archive.db, cp.documentId!)!.files[0]!.sha256).toBe(cp.sha256);
    const html = textOf(by.get('page.html')!.documentId);
    expect(html).toContain(MOTTO);
    expect(html).toContain('Hà Nội & Huế');
    expect(html).not.toContain('alert');
    const png = by.get('scan.png')!;
    expect(png.textStatus).toBe('none');
    expect(getDocument(archive.db, png.documentId!)!.textStatus).toBe('none');
    const scan = getDocument(archive.db, by.get('scan.pdf')!.documentId!)!;
    expect(scan.textStatus).toBe('none');
    expect(scan.pageCount).toBe(2);
    expect(scan.textError).toBeNull();

    const last = seen[seen.length - 1]!;
    expect(last.done).toBe(8);
    expect(last.total).toBe(8);
    expect(last.bytesDone).toBe(last.bytesTotal);
    expect(seen.some((p) => p.currentName === 'qd.pdf')).toBe(true);
    const check = await checkArchive(archive, { full: true });
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
  });

  it('reports duplicates (across runs and within a batch) and stores the bytes once', async () => {
    const pdf = await makePdf([['Báo cáo số 12-BC/HU']]);
    writeFileSync(join(src, 'a.pdf'), pdf);
    writeFileSync(join(src, 'b-copy.pdf'), pdf);
    const first = await importPaths(archive, [src]);
    expect(first.imported).toBe(1);
    expect(first.duplicates).toBe(1);
    const dup = first.outcomes.find((o) => o.outcome === 'duplicate')!;
    const orig = first.outcomes.find((o) => o.outcome === 'imported')!;
    expect(dup.documentId).toBe(orig.documentId);
    const second = await importPaths(archive, [src]);
    expect(second.imported).toBe(0);
    expect(second.duplicates).toBe(2);
    expect(archive.db.prepare('SELECT count(*) FROM files').pluck().get()).toBe(1);
    expect(archive.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(1);
    const logged = archive.db
      .prepare(`SELECT count(*) FROM import_log WHERE outcome = 'duplicate'`)
      .pluck()
      .get();
    expect(logged).toBe(3);

    // Same name, other bytes (a PDF differing only in its metadata): a separate document, nothing overwritten.
    const other = join(tmp.dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'a.pdf'), await makePdf([['Báo cáo số 12-BC/HU']], { title: 'Bản khác' }));
    const third = await importPaths(archive, [other]);
    expect(third.imported).toBe(1);
    expect(archive.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(2);
    expect(existsSync(archive.files.pathOf(orig.sha256!))).toBe(true);
  });

  it('keeps going past bad inputs: empty, too large, unreadable, encrypted and corrupt PDFs', async () => {
    writeFileSync(join(src, 'empty.txt'), '');
    writeFileSync(join(src, 'big.txt'), 'x'.repeat(300_000));
    writeFileSync(join(src, 'secret.pdf'), await makePdf([['Tài liệu mật']], { encrypt: 'mat-khau' }));
    const good = await makePdf([['Kế hoạch số 15-KH/TU'], ['trang hai'], ['trang ba']]);
    writeFileSync(join(src, 'truncated.pdf'), good.subarray(0, Math.floor(good.length / 3)));
    writeFileSync(join(src, 'garbage.pdf'), Buffer.from('not a pdf, just bytes'));
    writeFileSync(join(src, 'ok.txt'), MOTTO);
    const locked = join(src, 'locked.txt');
    writeFileSync(locked, 'cannot read');
    chmodSync(locked, 0o000);
    const rootCanRead = process.getuid?.() === 0;
    const missing = join(tmp.dir, 'does-not-exist.pdf');

    const r = await importPaths(archive, [src, missing], { maxFileSize: 200_000 });
    const by = new Map(r.outcomes.map((o) => [o.name, o]));
    expect(by.get('empty.txt')!.outcome).toBe('failed');
    expect(by.get('empty.txt')!.error!.code).toBe('FILE_EMPTY');
    expect(by.get('big.txt')!.error!.code).toBe('FILE_TOO_LARGE');
    expect(by.get('does-not-exist.pdf')!.error!.code).toBe('FILE_UNREADABLE');
    if (!rootCanRead) expect(by.get('locked.txt')!.error!.code).toBe('FILE_UNREADABLE');
    for (const o of r.outcomes.filter((x) => x.outcome === 'failed')) {
      expect(o.error!.message.vi.length).toBeGreaterThan(3);
      expect(o.error!.message.en.length).toBeGreaterThan(3);
    }

    // Text problems keep the original: imported, text_status failed, with a warning.
    const secret = by.get('secret.pdf')!;
    expect(secret.outcome).toBe('imported');
    expect(secret.warning!.code).toBe('PDF_ENCRYPTED');
    expect(getDocument(archive.db, secret.documentId!)!.textStatus).toBe('failed');
    expect(getDocument(archive.db, secret.documentId!)!.textError!.code).toBe('PDF_ENCRYPTED');
    for (const name of ['truncated.pdf', 'garbage.pdf']) {
      const o = by.get(name)!;
      expect(o.outcome, name).toBe('imported');
      expect(o.warning?.code, name).toBe('PDF_CORRUPT');
      expect(existsSync(archive.files.pathOf(o.sha256!))).toBe(true);
    }
    expect(by.get('ok.txt')!.outcome).toBe('imported');

    const log = archive.db
      .prepare(`SELECT outcome, code, message_vi, message_en FROM import_log WHERE batch_id = ? ORDER BY id`)
      .all(r.batchId) as Array<{ outcome: string; code: string | null; message_vi: string | null }>;
    expect(log.length).toBe(r.outcomes.length);
    expect(log.filter((l) => l.outcome === 'failed').every((l) => l.code && l.message_vi)).toBe(true);
    // Failed files leave nothing behind: no row, no stored blob, no staging leftover.
    const check = await checkArchive(archive, { full: true });
    expect(check.ok).toBe(true);
    expect(check.problems).toEqual([]);
    chmodSync(locked, 0o600);
  });

  it('cancels: files finished before the signal stay, nothing half-stored remains', async () => {
    for (let i = 0; i < 30; i++)
      writeFileSync(join(src, `f${String(i).padStart(2, '0')}.txt`), `Văn bản số ${i}`);
    const ac = new AbortController();
    const r = await importPaths(archive, [src], {
      signal: ac.signal,
      concurrency: 1,
      onProgress: (p) => {
        if (p.done === 5) ac.abort();
      },
    });
    expect(r.cancelled).toBe(true);
    expect(r.imported).toBeGreaterThanOrEqual(5);
    expect(r.imported).toBeLessThan(30);
    const docs = archive.db.prepare('SELECT count(*) FROM documents').pluck().get();
    expect(docs).toBe(r.imported);
    const batch = archive.db.prepare('SELECT status FROM import_batches WHERE id = ?').pluck().get(r.batchId);
    expect(batch).toBe('cancelled');
    const check = await checkArchive(archive, { full: true });
    expect(check.problems).toEqual([]);
    // A later run completes the rest.
    const again = await importPaths(archive, [src]);
    expect(again.imported + again.duplicates).toBe(30);
    expect(again.duplicates).toBe(r.imported);
  });

  it('reads a Word 97 .doc (the sample made by LibreOffice) and keeps hostile file names out of paths', async () => {
    const doc = repoPath('resources', 'samples', '11-quyet-dinh-2105-QD-UBND.doc');
    const nfdName = 'Quyết định ../..\\ số 1.txt'.normalize('NFD').replace(/[/\\]/g, '_');
    writeFileSync(join(src, nfdName), 'Quyết định số 1/QĐ-UBND');
    const r = await importPaths(archive, [doc, src]);
    expect(r.failed).toBe(0);
    const d = r.outcomes.find((o) => o.name.endsWith('.doc'))!;
    expect(d.mediaType).toBe('application/msword');
    expect(textOf(d.documentId)).toContain('ỦY BAN NHÂN DÂN');
    const t = r.outcomes.find((o) => o.name.endsWith('số 1.txt'))!;
    // The name is shown NFC; the stored path is the content address, never derived from the name.
    const f = getDocument(archive.db, t.documentId!)!.files[0]!;
    expect(f.originalName).toBe(nfdName.normalize('NFC'));
    expect(archive.files.pathOf(f.sha256).startsWith(archive.files.root)).toBe(true);
    expect(getDocument(archive.db, t.documentId!)!.metadata.title).toBeTruthy();
  });
});
