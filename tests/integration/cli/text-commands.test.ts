// `vankho extract`, `vankho relations` and the citations in `vankho show` against a real archive made
// by a real `vankho import` process of the committed samples; the commands after it run in this
// process (a child costs seconds of module loading).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { makePdf } from '../../helpers/make-pdf.js';
import { repoPath } from '../../helpers/repo-root.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { samplePath } from '../../helpers/expected-fields.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A real `vankho` child process. */
function runChild(args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [repoPath('bin/vankho.mjs'), ...args], {
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same program in this process. */
const run = (args: string[], input?: string): Promise<Run> => runCliInProcess(args, {}, input);

interface Rel {
  kind: string;
  citedNumber: string | null;
  other: { id: number; number: string | null } | null;
}
interface Relations {
  cites: Rel[];
  citedBy: Rel[];
  missing: Rel[];
}

describe('text CLI commands', () => {
  let tmp: TempDir;
  let ids: Record<string, number> = {};
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-cli-text-');
    // 06 (QĐ 1520) cites 12-NQ/HU (the resolution, 01) and 749/QĐ-TTg (not in the archive);
    // 07 (CT 03) cites 1520/QĐ-UBND. Imported in an order where a cited document comes later.
    const files = [
      '06-quyet-dinh-1520-QD-UBND.pdf',
      '07-chi-thi-03-CT-UBND.docx',
      '01-nghi-quyet-12-NQ-HU.pdf',
    ];
    const r = runChild(['--archive', tmp.dir, '--json', 'import', ...files.map(samplePath)]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { outcomes: { path: string; documentId: number }[] };
    ids = Object.fromEntries(
      report.outcomes.map((o) => [o.path.split('/').pop()!.slice(0, 2), o.documentId]),
    );
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('relations lists cites, cited-but-missing and cited-by, resolved both ways', async () => {
    const r = await run(['--archive', tmp.dir, '--json', 'relations', String(ids['06'])]);
    expect(r.code, r.stderr).toBe(0);
    const rel = JSON.parse(r.stdout) as Relations;
    expect(rel.cites.map((c) => [c.citedNumber, c.kind, c.other?.id])).toEqual([
      ['12-NQ/HU', 'thuc_hien', ids['01']],
    ]);
    expect(rel.missing.map((c) => [c.citedNumber, c.kind])).toEqual([
      ['749/QĐ-TTg', 'can_cu'],
      ['35/TTr-VHTT', 'theo'],
    ]);
    // Sample 07 names it inside a sentence ("thành lập theo Quyết định số 1520/QĐ-UBND"): a mention.
    expect(rel.citedBy.map((c) => [c.other?.id, c.kind])).toEqual([[ids['07'], 'lien_quan']]);
    const text = await run(['--archive', tmp.dir, 'relations', String(ids['06'])]);
    expect(text.stdout).toContain('Cited but not in the archive (2)');
    expect(text.stdout).toContain('749/QĐ-TTg');
  });

  it('show prints the extracted fields as suggestions and the citations', async () => {
    const r = await run(['--archive', tmp.dir, 'show', String(ids['06'])]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Số ký hiệu \/ Number: 1520\/QĐ-UBND {2}\? gợi ý \/ suggestion \d+%/);
    expect(r.stdout).toContain('Người ký / Signed by: Hoàng Minh Đức');
    expect(r.stdout).toContain('thực hiện: [');
    expect(r.stdout).toContain('căn cứ: Quyết định số 749/QĐ-TTg');
    const j = JSON.parse((await run(['--archive', tmp.dir, '--json', 'show', String(ids['06'])])).stdout) as {
      relations: Relations;
    };
    expect(j.relations.missing).toHaveLength(2);
  });

  it('extract prints fields and citations of a file without filing it', async () => {
    const r = await run([
      '--archive',
      tmp.dir,
      '--json',
      'extract',
      samplePath('12-chi-thi-05-CT-QU-2003-tcvn3.txt'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const x = JSON.parse(r.stdout) as {
      encoding: string;
      fields: Record<string, { value: string; confidence: number }>;
      citations: { number: string; kind: string }[];
    };
    expect(x.encoding).toBe('tcvn3');
    expect(x.fields.number?.value).toBe('05-CT/QU');
    expect(x.fields.signer?.value).toBe('Lương Văn Tiến');
    expect(x.citations.map((c) => [c.number, c.kind])).toEqual([['118-CV/TU', 'thuc_hien']]);
    const list = JSON.parse((await run(['--archive', tmp.dir, '--json', 'list'])).stdout) as {
      total: number;
    };
    expect(list.total).toBe(3); // nothing filed
  });

  it('extract reads text on stdin and never takes numbers-that-are-not for documents', async () => {
    const input =
      'Căn cứ Nghị định số 30/2020/NÐ–CP ngày 05/3/2020 của Chính phủ;\nĐến nay 8/8 phường, 3.471/6.000 người, 17,8 tỷ đồng, ĐT 0912-345-678.';
    const r = await run(['extract', '-'], input);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('căn cứ: Nghị định số 30/2020/NĐ-CP ngày 2020-03-05 của Chính phủ');
    expect(r.stdout.match(/số /g)).toHaveLength(1);
  });
  it('extract of an encrypted PDF fails (1) without claiming the original was kept; a wrapped issuer is whole', async () => {
    const pdf = join(tmp.dir, 'ma-hoa.pdf');
    writeFileSync(pdf, await makePdf(['QUYẾT ĐỊNH\nSố: 9/QĐ-UBND'], { encrypt: 'matkhau' }));
    const r = await run(['--json', 'extract', pdf]);
    expect(r.code, r.stderr).toBe(EXIT.PARTIAL);
    const out = JSON.parse(r.stdout) as { ok: boolean; error: { code: string; message: { vi: string } } };
    expect(out).toMatchObject({ ok: false, error: { code: 'PDF_ENCRYPTED_NO_TEXT' } });
    expect(out.error.message.vi).not.toContain('đã lưu bản gốc');
    const text = await run(['extract', pdf]);
    expect(text.code).toBe(EXIT.PARTIAL);
    expect(text.stderr).toContain('không có gì được lưu');

    // Sample 06's PDF text wraps "của Thủ⏎tướng Chính phủ".
    const s = await run(['--json', 'extract', samplePath('06-quyet-dinh-1520-QD-UBND.pdf')]);
    expect(s.code, s.stderr).toBe(0);
    const x = JSON.parse(s.stdout) as { citations: { number: string; issuer: string | null }[] };
    expect(x.citations.find((c) => c.number === '749/QĐ-TTg')?.issuer).toBe('Thủ tướng Chính phủ');
  });
});
