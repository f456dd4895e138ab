// Issue 17 item 4: the archive's disk fills up during an import (a small tmpfs holds the archive;
// Linux as root only, as in CI). The import stops with DISK_FULL (exit 9), lists every file it
// finished, closes its batch (no import_stuck afterwards), and reading commands keep working.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { runCliInProcess, type CliRun } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const canMount = process.platform === 'linux' && process.getuid?.() === 0;

let tmp: TempDir;
let small: string;
let mounted = false;
let mountError = '';

function json<T>(r: CliRun): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
}

/** A text file of about `kb` KiB of distinct Vietnamese words (so the text and its index take room). */
function textFile(path: string, n: number, kb: number): void {
  const words: string[] = [`Quyết định số ${n}/QĐ-UBND về việc thử nghiệm ổ đĩa đầy.`];
  let size = 0;
  for (let i = 0; size < kb * 1024; i++) {
    const w = `từ${n}x${i.toString(36)} văn bản ${(i * 7919) % 100003}`;
    words.push(w);
    size += Buffer.byteLength(w) + 1;
  }
  writeFileSync(path, words.join(' '));
}

beforeAll(async () => {
  tmp = await makeTempDir('vankho-cli-diskfull-');
  small = join(tmp.dir, 'small');
  mkdirSync(small);
  if (!canMount) return;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', small], { stdio: 'pipe' });
    mounted = true;
  } catch (e) {
    mountError = String(e);
  }
});

afterAll(async () => {
  if (mounted) execFileSync('umount', [small]);
  await tmp.cleanup();
});

describe('import on a full disk (tmpfs)', { timeout: 120_000 }, () => {
  it.skipIf(!canMount)(
    'stops with exit 9, lists what it finished, closes the batch, reads still work',
    async () => {
      expect(mounted, `mount -t tmpfs refused: ${mountError}`).toBe(true);
      const archive = join(small, 'A');
      const src = join(tmp.dir, 'src');
      mkdirSync(src);
      for (let i = 1; i <= 12; i++) textFile(join(src, `vb-${String(i).padStart(2, '0')}.txt`), i, 700);
      const cli = (...args: string[]): Promise<CliRun> => runCliInProcess(['--archive', archive, ...args]);

      const imp = await cli('import', src);
      expect(imp.code, imp.stdout + imp.stderr).toBe(EXIT.DISK_FULL);
      expect(imp.stdout).toContain('Ổ đĩa đã đầy');
      const done = imp.stdout.split('\n').filter((l) => l.startsWith('  + #'));
      expect(done.length).toBeGreaterThan(0);
      expect(done.length).toBeLessThan(12);
      expect(imp.stdout).toContain('vb-01.txt');

      const check = await cli('--json', 'check');
      const report = json<{ problems: Array<{ code: string }> }>(check);
      expect(report.problems.map((p) => p.code)).not.toContain('import_stuck');

      const list = await cli('--json', 'list');
      expect(list.code, list.stderr).toBe(EXIT.OK);
      expect(json<{ total: number }>(list).total).toBe(done.length);
      const show = await cli('show', '1');
      expect(show.code, show.stderr).toBe(EXIT.OK);
      const search = await cli('--json', 'search', 'thử nghiệm');
      expect(search.code, search.stderr).toBe(EXIT.OK);

      // A second import on the still-full disk is DISK_FULL (exit 9), never "unexpected error".
      const again = await cli('--json', 'import', src);
      expect(again.code, again.stdout + again.stderr).toBe(EXIT.DISK_FULL);
      expect(again.stdout).not.toContain('INTERNAL');

      // Space freed (the volume grows): the same import files the rest, nothing twice, and the
      // archive checks clean — originals, rows and indexes agree (T-D1's "retry succeeds").
      execFileSync('mount', ['-o', 'remount,size=64m', small], { stdio: 'pipe' });
      const retry = await cli('--json', 'import', src);
      expect(retry.code, retry.stdout + retry.stderr).toBe(EXIT.OK);
      const all = await cli('--json', 'list');
      expect(json<{ total: number }>(all).total).toBe(12);
      const after = await cli('--json', 'check');
      expect(after.code, after.stdout).toBe(EXIT.OK);
      expect(json<{ problems: Array<{ code: string }> }>(after).problems).toEqual([]);
      const hit = await cli('--json', 'search', 'ổ đĩa đầy');
      expect(json<{ total: number }>(hit).total).toBe(12);
    },
  );
});
