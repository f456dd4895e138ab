// `vankho ocr` on a terminal (issue 11): a progress bar on stderr, redrawn in place (\r) as the
// pages are read — each page done, the page being read named — with the page lines above it (the
// bar cleared first). In process, as reextract-cli.test.ts does (which also checks that --json
// draws no bar), with stderr flagged a TTY: cheaper than a pseudo-terminal child. Three small
// scanned pages, the real engine, one worker.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const line = (text: string) => [{ text, x: 70, y: 120, size: 16 }];
const BAR = /^\[([#-]{24})\] (\d+)\/(\d+) trang\/pages {2}(.*)$/;

async function onTerminal<T>(run: () => Promise<T>): Promise<T> {
  const had = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
  try {
    return await run();
  } finally {
    if (had) Object.defineProperty(process.stderr, 'isTTY', had);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
}

describe('vankho ocr: the progress bar on a terminal', { timeout: 240_000 }, () => {
  let tmp: TempDir;
  let dir: string;
  const cli = (...args: string[]) => runCliInProcess(['--archive', dir, ...args]);
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ocr-bar-');
    dir = join(tmp.dir, 'kho');
    const src = join(tmp.dir, 'src');
    mkdirSync(src);
    writeFileSync(
      join(src, 'so-cong-van-den.pdf'),
      await makeScannedPdf(
        ['Sổ đăng ký công văn đến', 'Trang hai của sổ', 'Trang ba của sổ'].map((t) =>
          renderScan(line(t), { format: 'jpeg', dpi: 100 }),
        ),
      ),
    );
    const imported = await cli('import', src);
    expect(imported.code, imported.stderr).toBe(EXIT.OK);
  });
  afterAll(async () => {
    await tmp?.cleanup();
  });

  it('redraws the bar in place as each page is read, pages listed above it', async () => {
    const r = await onTerminal(() => cli('ocr', '--pending', '--workers', '1', '--dpi', '100'));
    expect(r.code, r.stderr).toBe(EXIT.OK);
    // Every draw starts with a carriage return (the same line), padded to the terminal's width.
    const draws = r.stderr
      .split('\r')
      .map((s) => s.trimEnd())
      .filter((s) => BAR.test(s));
    const states = draws.map((d) => {
      const [, bar, done, total, current] = BAR.exec(d)!;
      return { filled: bar!.split('#').length - 1, done: Number(done), total: Number(total), current };
    });
    expect(states.every((s) => s.total === 3)).toBe(true);
    // The bar moves: drawn again as each page is done (a page takes longer than the redraw
    // throttle), ending full, never back.
    const done = states.map((s) => s.done);
    expect(done.at(-1)).toBe(3);
    expect(new Set(done)).toEqual(new Set([...done.filter((d) => d === 0), 1, 2, 3]));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    for (const s of states) expect(s.filled).toBe(Math.round((s.done / 3) * 24));
    // While a page is read the bar names it.
    expect(states.some((s) => /#\d+ so-cong-van-den\.pdf tr\.\/p\. 1$/.test(s.current!))).toBe(true);
    // Each page's line is printed after the bar is cleared (\r + erase line), not over it.
    expect(r.stderr).toContain('\r\u001b[K');
    expect((r.stdout + r.stderr).match(/tr\.\/p\. \d: độ tin cậy \/ confidence/g)).toHaveLength(3);
    expect(r.stderr.endsWith('\n')).toBe(true);
  });
});
