// Issue 16 defect 4: `vankho import` says per file why a stored file has no text, on screen and in --json.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { makeNoTextSources } from '../../helpers/make-no-text-files.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

describe('vankho import: files stored without text', () => {
  let tmp: TempDir;
  let src: string;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-cli-no-text-');
    src = join(tmp.dir, 'src');
    await makeNoTextSources(src);
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('prints the reason on each file’s line and counts them', async () => {
    const r = await runCliInProcess(['--archive', join(tmp.dir, 'a'), 'import', src]);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    const line = (name: string) => r.stdout.split('\n').find((l) => l.includes(` ${name}`)) ?? '';
    expect(line('scan.png')).toMatch(
      /^ {2}\+ #\d+ scan\.png — Đã lưu, chưa có chữ \(bản quét — chờ OCR\) \/ Stored, no text yet \(scan — waiting for OCR\)$/,
    );
    expect(line('scan.pdf')).toContain('Đã lưu, chưa có chữ (bản quét — chờ OCR)');
    expect(line('bang.xlsx')).toContain(
      'Đã lưu, định dạng này chưa được đọc / Stored, this format is not read',
    );
    expect(line('mat-khau.pdf')).toMatch(/^ {2}! #\d+ mat-khau\.pdf: Đã lưu, PDF có mật khẩu/);
    expect(line('qd.docx')).toMatch(/^ {2}\+ #\d+ qd\.docx$/);
    expect(r.stdout).toContain('3 chưa có chữ');
    expect(r.stdout).toContain('3 without text');

    const show = await runCliInProcess(['--archive', join(tmp.dir, 'a'), 'show', '1']);
    expect(show.stdout).toMatch(/Nội dung \/ Text: Chưa có chữ \/ No text yet — Đã lưu, /);
  });

  it('--json carries the reason as a field of each outcome', async () => {
    const r = await runCliInProcess(['--archive', join(tmp.dir, 'b'), '--json', 'import', src]);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    const j = JSON.parse(r.stdout) as {
      outcomes: Array<{ name: string; noText: string | null }>;
      documents: Array<{ files: Array<{ originalName: string }>; noText: string | null }>;
    };
    expect(Object.fromEntries(j.outcomes.map((o) => [o.name, o.noText]))).toEqual({
      'bang.xlsx': 'unsupported',
      'mat-khau.pdf': 'encrypted',
      'qd.docx': null,
      'scan.pdf': 'scan',
      'scan.png': 'scan',
    });
    const doc = j.documents.find((d) => d.files[0]?.originalName === 'bang.xlsx');
    expect(doc?.noText).toBe('unsupported');
  });

  it('--timeout holds each file to the limit given (the session’s shared workers keep their own default)', async () => {
    const docx = join(src, 'qd.docx');
    // 1 ms: no extraction finishes that fast, so the limit trips.
    const r = await runCliInProcess(['--archive', join(tmp.dir, 'c'), 'import', '--timeout', '0.001', docx]);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    expect(r.stdout).toMatch(/! #\d+ qd\.docx: .*Trích xuất nội dung quá lâu/);
    const relaxed = await runCliInProcess(['--archive', join(tmp.dir, 'd'), 'import', docx]);
    expect(relaxed.stdout).toMatch(/^ {2}\+ #\d+ qd\.docx$/m);
  });
});
