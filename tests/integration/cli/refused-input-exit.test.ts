// D6: a refused bundle or backup, or an unreadable input file, ends with its documented exit code —
// never 10, which the README reserves for bugs. Runs the real program in this process (runCli).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { runCliInProcess, type CliRun } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const cli = (args: string[]): Promise<CliRun> => runCliInProcess(args);

/** The bundle's entries with the bytes of one original changed (same length): a SHA-256 mismatch. */
async function tamper(bundle: string, target: string): Promise<void> {
  const zip = await yauzl.openPromise(bundle, { lazyEntries: true });
  const entries: Array<[string, Buffer]> = [];
  for await (const e of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of (await zip.openReadStreamPromise(e)) as AsyncIterable<Buffer>) chunks.push(c);
    entries.push([e.fileName, Buffer.concat(chunks)]);
  }
  zip.close();
  const original = entries.find(([n]) => n.startsWith('originals/'));
  expect(original).toBeDefined();
  original![1][0] = original![1][0]! ^ 0x01;
  const z = new yazl.ZipFile();
  for (const [name, data] of entries) z.addBuffer(data, name);
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  writeFileSync(target, Buffer.concat(chunks));
}

let tmp: TempDir;
let kho: string;
let bundle: string;
let backup: string;

beforeAll(async () => {
  tmp = await makeTempDir('vankho-exit-');
  kho = join(tmp.dir, 'kho');
  const src = join(tmp.dir, 'cv.txt');
  writeFileSync(src, 'Công văn số 12/UBND-VP\nV/v kiểm tra mã thoát của lệnh\n');
  bundle = join(tmp.dir, 'goi.zip');
  backup = join(tmp.dir, 'sao-luu.zip');
  for (const args of [
    ['import', src],
    ['export', '--all', '--out', bundle],
    ['backup', backup],
  ]) {
    const r = await cli(['--archive', kho, ...args]);
    expect(r.code, `${args[0]}: ${r.stderr}`).toBe(EXIT.OK);
  }
}, 120_000);

afterAll(async () => {
  await tmp.cleanup();
});

describe('exit codes of refused input', { timeout: 60_000 }, () => {
  it('import-bundle: a tampered bundle and a junk file are refused (11), a missing file fails (1)', async () => {
    const tampered = join(tmp.dir, 'sua.zip');
    await tamper(bundle, tampered);
    const other = join(tmp.dir, 'kho-khac');
    const t = await cli(['--archive', other, '--json', 'import-bundle', tampered]);
    expect(t.code, t.stdout + t.stderr).toBe(EXIT.INPUT_REFUSED);
    expect(JSON.parse(t.stdout)).toMatchObject({ ok: false, error: { code: 'BUNDLE_TAMPERED' } });

    const junk = join(tmp.dir, 'rac.zip');
    writeFileSync(junk, 'không phải tệp zip');
    const j = await cli(['--archive', other, 'import-bundle', junk]);
    expect(j.code, j.stderr).toBe(EXIT.INPUT_REFUSED);
    expect(j.stderr).toContain('Gói văn bản không hợp lệ');

    const m = await cli(['--archive', other, '--json', 'import-bundle', join(tmp.dir, 'khong-co.zip')]);
    expect(m.code, m.stdout + m.stderr).toBe(EXIT.PARTIAL);
    expect(JSON.parse(m.stdout)).toMatchObject({ ok: false, error: { code: 'FILE_UNREADABLE' } });
    // The good bundle is still accepted: the refusals changed nothing.
    expect(readFileSync(bundle).length).toBeGreaterThan(0);
    expect((await cli(['--archive', other, 'import-bundle', bundle])).code).toBe(EXIT.OK);
  });

  it('restore of a bundle instead of a backup is refused (11); extract of a missing file fails (1)', async () => {
    const r = await cli(['--archive', kho, '--json', 'restore', bundle, join(tmp.dir, 'khoi-phuc')]);
    expect(r.code, r.stdout + r.stderr).toBe(EXIT.INPUT_REFUSED);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });

    const e = await cli(['extract', join(tmp.dir, 'khong-co.pdf')]);
    expect(e.code, e.stderr).toBe(EXIT.PARTIAL);
    expect(e.stderr).toContain('Không đọc được tệp');
  });
});
