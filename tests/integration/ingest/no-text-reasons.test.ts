// Issue 16 defect 4: a file stored without text says why — a scan waiting for OCR (image, PDF without a
// text layer), a format VanKho does not read (.xlsx), an encrypted PDF — in the import outcome, the
// (which the UI receives in ImportReportDto) and the document itself.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_TEXT_TERMS } from '../../../main/contract/glossary.js';
import { openArchive, type Archive } from '../../../main/core/archive/archive.js';
import { getDocument } from '../../../main/core/archive/documents-repo.js';
import { importPaths } from '../../../main/core/ingest/import-files.js';
import type { ImportReport } from '../../../main/core/ingest/import-types.js';
import { makeNoTextSources } from '../../helpers/make-no-text-files.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

describe('why a stored file has no text', () => {
  let tmp: TempDir;
  let archive: Archive;
  let report: ImportReport;
  const outcome = (name: string) => report.outcomes.find((o) => o.name === name)!;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-no-text-');
    const src = join(tmp.dir, 'src');
    await makeNoTextSources(src);
    archive = openArchive(join(tmp.dir, 'archive'));
    report = await importPaths(archive, [src]);
  });
  afterAll(async () => {
    archive.close();
    await tmp.cleanup();
  });

  it('each outcome carries the reason, and a document with text none', () => {
    expect(report.failed).toBe(0);
    expect(report.imported).toBe(5);
    expect(Object.fromEntries(report.outcomes.map((o) => [o.name, o.noText]))).toEqual({
      'scan.png': 'scan',
      'scan.pdf': 'scan',
      'bang.xlsx': 'unsupported',
      'mat-khau.pdf': 'encrypted',
      'qd.docx': null,
    });
    expect(outcome('mat-khau.pdf').warning?.code).toBe('PDF_ENCRYPTED');
    // A scan or an unread format is not an extraction failure: no warning, just the reason.
    expect(outcome('scan.png').warning).toBeNull();
    expect(outcome('bang.xlsx').warning).toBeNull();
  });

  it('the document keeps saying why, for the document view and `show`', () => {
    const reason = (name: string) => getDocument(archive.db, outcome(name).documentId!)!.noText;
    expect(reason('scan.png')).toBe('scan');
    expect(reason('scan.pdf')).toBe('scan');
    expect(reason('bang.xlsx')).toBe('unsupported');
    expect(reason('mat-khau.pdf')).toBe('encrypted');
    expect(reason('qd.docx')).toBeNull();
  });

  it('the glossary words them as the issue asks', () => {
    expect(NO_TEXT_TERMS.scan.vi).toBe('Đã lưu, chưa có chữ (bản quét — chờ OCR)');
    expect(NO_TEXT_TERMS.scan.en).toBe('Stored, no text yet (scan — waiting for OCR)');
    expect(NO_TEXT_TERMS.unsupported.vi).toBe('Đã lưu, định dạng này chưa được đọc');
    expect(NO_TEXT_TERMS.unsupported.en).toBe('Stored, this format is not read');
  });
});
