// "Tải bản PDF tìm kiếm được" through the contract (issue 11, export): a scanned PDF and a scanned
// JPEG filed and read by OCR in a real archive; documentSearchablePdf runs an export job whose file
// pdf.js opens with the scan's words in its text layer; the stored originals' bytes are unchanged;
// the job's end leaves an 'export' audit row; a document without OCR text gets NOT_OCRED (vi/en),
// a reader who may not read the document NOT_FOUND. Then the CLI writes the same copy to --out.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResultDto, FileDto, JobStarted, OcrPageWordsDto } from '../../../main/contract/dto.js';
import type { JobFinishedEvent } from '../../../main/contract/events.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { dispatcher, jobFinished } from '../../helpers/dispatch.js';
import { decisionLines, makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { foldedWords, pdfTextWords } from '../../helpers/pdf-text.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const SCAN = decisionLines({
  number: '41/2025/QĐ-UBND',
  title: 'Về việc ban hành Quy chế số hóa tài liệu lưu trữ',
  body: ['Điều 1. Ủy ban nhân dân tỉnh giao Sở Nội vụ thực hiện chỉnh lý.', 'Điều 2. Hiệu lực từ ngày ký.'],
});

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('searchable PDF through the contract', { timeout: 300_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  const { call, refused } = dispatcher(() => host);
  const ids: Record<'pdf' | 'jpeg' | 'text', number> = { pdf: 0, jpeg: 0, text: 0 };
  const ended = (jobId: string): Promise<JobFinishedEvent> => jobFinished(host.events, jobId);
  const storedBytes = (documentId: number): Promise<Buffer> =>
    call<FileDto[]>('filesList', { documentId }).then((files) =>
      readFileSync(host.service.vankho.archive.files.pathOf(files[0]!.sha256)),
    );
  async function searchablePdf(documentId: number): Promise<{ result: ExportResultDto; pdf: Buffer }> {
    const started = await call<JobStarted | null>('documentSearchablePdf', { documentId });
    const end = await ended(started!.jobId);
    expect(end.error ?? null).toBeNull();
    expect(end.state).toBe('done');
    // Web mode: the file waits for its download at the export route, as a bundle's does.
    const ref = host.service.exportFile(started!.jobId);
    expect(ref.mediaType).toBe('application/pdf');
    return { result: end.result as ExportResultDto, pdf: readFileSync(ref.path) };
  }

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-searchable-app-');
    const pdf = join(tmp.dir, 'qd-41-ban-quet.pdf');
    writeFileSync(pdf, await makeScannedPdf([renderScan(SCAN, { format: 'jpeg' })]));
    const jpeg = join(tmp.dir, 'qd-41-anh.jpg');
    writeFileSync(jpeg, renderScan(SCAN, { format: 'jpeg' }));
    const text = join(tmp.dir, 'cong-van.txt');
    writeFileSync(text, 'Công văn về việc kiểm kê tài liệu lưu trữ năm 2025.\n');
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    await call('ocrSettingsSet', { autoOcr: false });
    expect((await host.jobs.wait(host.service.startImport([pdf, jpeg, text])))?.state).toBe('done');
    const db = host.service.vankho.archive.db;
    const idOf = (name: string): number =>
      db.prepare('SELECT document_id FROM files WHERE original_name = ?').pluck().get(name) as number;
    ids.pdf = idOf('qd-41-ban-quet.pdf');
    ids.jpeg = idOf('qd-41-anh.jpg');
    ids.text = idOf('cong-van.txt');
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('refuses a scan not read by OCR yet, and a document that is no scan, with a vi/en reason', async () => {
    for (const documentId of [ids.pdf, ids.text]) {
      const r = await host.dispatch('documentSearchablePdf', { documentId });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('NOT_OCRED');
      expect(r.error.message.vi).toContain('PDF tìm kiếm được');
      expect(r.error.message.en).toContain('searchable PDF');
    }
    expect(await refused('documentSearchablePdf', { documentId: 999_999 })).toBe('NOT_FOUND');
  });

  it('writes, for each OCRed scan, a PDF whose text layer holds the scan words; the original is untouched', async () => {
    const { jobId } = await call<{ jobId: string }>('ocrStart', {});
    expect((await ended(jobId)).state).toBe('done');

    for (const kind of ['pdf', 'jpeg'] as const) {
      const before = sha(await storedBytes(ids[kind]));
      const { result, pdf } = await searchablePdf(ids[kind]);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(result).toMatchObject({
        kind: 'searchablePdf',
        documentCount: 1,
        size: pdf.length,
        savedTo: null,
      });
      expect(result.fileName).toBe(kind === 'pdf' ? 'qd-41-ban-quet-tim-kiem.pdf' : 'qd-41-anh-tim-kiem.pdf');
      const text = await pdfTextWords(pdf);
      expect(text.pages).toBe(1);
      // Every word OCR read is in the copy's text, with its diacritics (folded as search folds)...
      const fileId = (await call<FileDto[]>('filesList', { documentId: ids[kind] }))[0]!.id;
      const read = await call<OcrPageWordsDto>('ocrPageWords', { fileId, page: 1 });
      const readWords = read.words.flatMap((w) => foldedWords(w.text));
      expect(readWords.length).toBeGreaterThan(20);
      for (const w of readWords) expect(text.words, `${kind}: ${w}`).toContain(w);
      // ...and those are the scan's: its title's words, as the test wrote them.
      for (const w of ['quy', 'che', 'so', 'hoa', 'tai', 'lieu', 'luu', 'chinh'])
        expect(text.words, `${kind}: ${w}`).toContain(w);
      // The stored original, as filed: its bytes and the hash the catalogue keeps.
      const after = await storedBytes(ids[kind]);
      expect(sha(after)).toBe(before);
      const files = await call<FileDto[]>('filesList', { documentId: ids[kind] });
      expect(sha(after)).toBe(files[0]!.sha256);
    }

    // Each copy left its 'export' row, about that document, at its job's end.
    const rows = host.service.vankho.archive.db
      .prepare(`SELECT document_id AS documentId, detail FROM audit_log WHERE action = 'export'`)
      .all() as { documentId: number; detail: string }[];
    for (const kind of ['pdf', 'jpeg'] as const) {
      const row = rows.find((r) => r.documentId === ids[kind]);
      expect(row, kind).toBeDefined();
      expect(JSON.parse(row!.detail)).toMatchObject({ job: 'export', kind: 'searchablePdf' });
    }
  });

  it('is NOT_FOUND for a reader who may not read the document', async () => {
    const reader: RequestContext = {
      actor: { id: 'r', kind: 'account', displayName: 'R', role: 'reader', readable: ['cong-khai'] },
      signal: new AbortController().signal,
    };
    expect((await host.dispatch('documentSearchablePdf', { documentId: ids.jpeg }, reader)).ok).toBe(true);
    await call('documentUpdate', { documentId: ids.jpeg, fields: { access: 'mat' } });
    const r = await host.dispatch('documentSearchablePdf', { documentId: ids.jpeg }, reader);
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND');
    // A file of another document is not this document's scan.
    const other = (await call<FileDto[]>('filesList', { documentId: ids.pdf }))[0]!.id;
    expect(await refused('documentSearchablePdf', { documentId: ids.jpeg, fileId: other })).toBe('NOT_FOUND');
  });

  it('`vankho export <id> --searchable-pdf --out` writes the same copy, refusing to overwrite without --force', async () => {
    const dir = host.service.vankho.archive.dir;
    await host.stop();
    const out = join(tmp.dir, 'ban-tim-kiem.pdf');
    const args = ['--archive', dir, 'export', String(ids.pdf), '--searchable-pdf', '--out', out];
    const first = await runCliInProcess(args);
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect((await pdfTextWords(readFileSync(out))).words).toContain('luu');
    const again = await runCliInProcess(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect((await runCliInProcess([...args, '--force'])).code).toBe(0);
    const plain = await runCliInProcess([
      '--archive',
      dir,
      'export',
      String(ids.text),
      '--searchable-pdf',
      '--out',
      join(tmp.dir, 'x.pdf'),
    ]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('OCR');
    host = await startAppHost({ host: 'web', archiveDir: dir });
  });
});
