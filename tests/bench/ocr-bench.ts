// OCR throughput (issue 11): pages per minute per core, peak memory and character error rate at 200
// and 300 dpi, on a clean and a degraded scan of a Vietnamese decision, beside the plain Tesseract CLI
// (Debian's tesseract-ocr-vie) reading the very same JPEG page images, as ratios of speed and of error
// rate. VanKho reads them as a scanned PDF (its real path: pdf.js rasterises each page at the dpi),
// the CLI as image files. Both run on one core: one OCR worker, and OMP_THREAD_LIMIT=1 for the CLI
// (it would otherwise spread one page over every core). Part `ocr` of `npm run bench`; alone:
// node bin/run-ts.mjs tests/bench/ocr-bench.ts [pages]   (default 4 per condition), or
// node bin/run-ts.mjs tests/bench/ocr-bench.ts long [50,500]   (the long-scan part). Not a test.
// Then the cost of pages scanned sideways or upside down (orientation detection and a second
// reading) beside the same page upright, as image files. Last, peak memory while OCRing a long scan
// at two lengths (BENCH_OCR_LONG, default 50,500 pages): flat, as the worker reads a PDF in ranges.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveOcrPaths } from '../../main/core/ocr/ocr-paths.js';
import { OcrPool } from '../../main/core/ocr/ocr-pool.js';
import {
  decisionLines,
  makeScannedPdf,
  renderScan,
  turnScan,
  type ScanOptions,
} from '../helpers/make-scan.js';
import { characterErrorRate } from '../helpers/ocr-accuracy.js';
import type { OcrLongChildResult } from './ocr-long-child.js';

const LINES = decisionLines({
  number: '12/2024/QĐ-UBND',
  title: 'Về việc ban hành Quy chế quản lý tài liệu lưu trữ điện tử',
  body: [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
    'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;',
    'Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV.',
    'Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý tài liệu lưu trữ.',
    'Điều 2. Quyết định có hiệu lực kể từ ngày ký.',
    'Điều 3. Chánh Văn phòng, Giám đốc các sở chịu trách nhiệm thi hành.',
  ],
});
const EXPECTED = LINES.map((l) => l.text);

const CONDITIONS: readonly { name: string; scan: Omit<ScanOptions, 'dpi'> }[] = [
  { name: 'clean (JPEG q80)', scan: { format: 'jpeg', quality: 80 } },
  {
    name: 'degraded (1.5° skew, 2 % speckle, JPEG q45, red seal)',
    scan: { format: 'jpeg', quality: 45, skewDeg: 1.5, noise: 0.02, stamp: { x: 400, y: 360 } },
  },
];

function tesseractCli(): boolean {
  try {
    execFileSync('tesseract', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** One CLI run on one image: its text, wall time and peak RSS (polled from /proc: no GNU time needed). */
function runCli(image: string, dpi: number): Promise<{ text: string; ms: number; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('tesseract', [image, '-', '-l', 'vie', '--dpi', String(dpi)], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // exited between polls
      }
    }, 20);
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`tesseract exited with ${code}`));
      else
        resolve({
          text: Buffer.concat(out).toString('utf8'),
          ms: performance.now() - t0,
          peakMb: peakKb / 1024,
        });
    });
  });
}

const fmt = (x: number, d = 2): string => x.toFixed(d);

/**
 * Share of the expected words missing from the output as a multiset, whatever their order: the
 * recognition error alone. The CER also counts reading order, and the CLI reads a two-column header
 * across both columns (one line "ỦY BAN NHÂN DÂN CỘNG HÒA…"), where VanKho's layout reader keeps the
 * columns apart, as metadata extraction needs.
 */
function wordError(expected: readonly string[], text: string): number {
  const words = (s: string): string[] => s.normalize('NFC').split(/\s+/).filter(Boolean);
  const got = new Map<string, number>();
  for (const w of words(text)) got.set(w, (got.get(w) ?? 0) + 1);
  const want = expected.flatMap(words);
  let missing = 0;
  for (const w of want) {
    const n = got.get(w) ?? 0;
    if (n > 0) got.set(w, n - 1);
    else missing++;
  }
  return missing / Math.max(1, want.length);
}

const ratio = (a: number, b: number): string =>
  b > 0 ? `${fmt(a / b)}×` : a > 0 ? '∞ (CLI 0 %)' : '1 (both 0 %)';

export async function runOcrBench(pages: number, log: (l: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vankho-ocr-bench-'));
  const cli = tesseractCli();
  if (!cli) log('tesseract CLI not installed (apt-get install tesseract-ocr-vie): no baseline');
  try {
    for (const dpi of [200, 300]) {
      for (const cond of CONDITIONS) {
        // Scanned at the resolution read: the rasterised page carries as much detail as the scan.
        const images = Array.from({ length: pages }, () => renderScan(LINES, { ...cond.scan, dpi }));
        const pdf = join(dir, `scan-${dpi}.pdf`);
        writeFileSync(pdf, await makeScannedPdf(images));

        const pool = new OcrPool({ langs: 'vie', paths: resolveOcrPaths(['vie']), size: 1 });
        const rss0 = process.memoryUsage().rss;
        let peak = rss0;
        const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
        // The first page starts the engine (model load): timed apart.
        const t0 = performance.now();
        const first = await pool.run({ path: pdf, kind: 'pdf', page: 1, dpi });
        const start = performance.now() - t0;
        let cer = first.ok ? characterErrorRate(EXPECTED, first.result.text) : 1;
        let wer = first.ok ? wordError(EXPECTED, first.result.text) : 1;
        const t1 = performance.now();
        for (let p = 2; p <= pages; p++) {
          const o = await pool.run({ path: pdf, kind: 'pdf', page: p, dpi });
          cer += o.ok ? characterErrorRate(EXPECTED, o.result.text) : 1;
          wer += o.ok ? wordError(EXPECTED, o.result.text) : 1;
        }
        const perPage = (performance.now() - t1) / Math.max(1, pages - 1);
        clearInterval(timer);
        await pool.close();
        cer /= pages;
        wer /= pages;
        log(
          `${dpi} dpi, ${cond.name}: VanKho ${fmt(60_000 / perPage, 1)} pages/min per core ` +
            `(${fmt(perPage / 1000)} s/page; engine start + first page ${fmt(start / 1000, 1)} s), ` +
            `CER ${fmt(cer * 100)} %, words missed ${fmt(wer * 100)} %, peak RSS ${fmt(peak / 1048576, 0)} MB ` +
            `(the whole process: pdf.js, canvas and the worker)`,
        );
        if (!cli) continue;
        let cliMs = 0;
        let cliCer = 0;
        let cliWer = 0;
        let cliPeak = 0;
        for (let p = 0; p < pages; p++) {
          const img = join(dir, `page-${dpi}-${p}.jpg`);
          writeFileSync(img, images[p]!);
          const r = await runCli(img, dpi);
          cliMs += r.ms;
          cliCer += characterErrorRate(EXPECTED, r.text);
          cliWer += wordError(EXPECTED, r.text);
          cliPeak = Math.max(cliPeak, r.peakMb);
        }
        cliMs /= pages;
        cliCer /= pages;
        cliWer /= pages;
        log(
          `${' '.repeat(String(dpi).length + 6 + cond.name.length)}tesseract CLI ${fmt(60_000 / cliMs, 1)} pages/min ` +
            `(${fmt(cliMs / 1000)} s/page, model load included), CER ${fmt(cliCer * 100)} %, words missed ` +
            `${fmt(cliWer * 100)} %, peak RSS ${fmt(cliPeak, 0)} MB → VanKho/CLI: time per page ` +
            `${fmt(perPage / cliMs)}×, words missed ${ratio(wer, cliWer)}, CER ${ratio(cer, cliCer)}`,
        );
      }
    }
    await orientationBench(dir, pages, log);
    await longScanBench(dir, longScanLengths(process.env['BENCH_OCR_LONG']), log);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds per page of a clean 200 dpi page image upright and turned 90/180/270°, one worker. */
async function orientationBench(dir: string, pages: number, log: (l: string) => void): Promise<void> {
  const upright = renderScan(LINES, { dpi: 200, format: 'jpeg', quality: 80 });
  const pool = new OcrPool({ langs: 'vie', paths: resolveOcrPaths(['vie']), size: 1 });
  try {
    const warm = join(dir, 'warm.jpg');
    writeFileSync(warm, upright);
    await pool.run({ path: warm, kind: 'image', page: 1, dpi: 200 });
    let base = 0;
    for (const deg of [0, 90, 180, 270] as const) {
      const file = join(dir, `turned-${deg}.png`);
      writeFileSync(file, deg === 0 ? upright : await turnScan(upright, deg));
      let cer = 0;
      const t0 = performance.now();
      for (let p = 0; p < pages; p++) {
        const o = await pool.run({ path: file, kind: 'image', page: 1, dpi: 200 });
        cer += o.ok ? characterErrorRate(EXPECTED, o.result.text) : 1;
      }
      // The first turned page also starts the orientation detector (once per worker).
      const perPage = (performance.now() - t0) / pages;
      if (deg === 0) base = perPage;
      log(
        `200 dpi, page turned ${deg}°: ${fmt(perPage / 1000)} s/page` +
          (deg === 0 ? ' (no orientation detection)' : ` (${fmt(perPage / base)}× upright)`) +
          `, CER ${fmt((cer / pages) * 100)} %`,
      );
    }
  } finally {
    await pool.close();
  }
}

/** The long-scan lengths: "50,500" by default. */
function longScanLengths(spec: string | undefined): number[] {
  const n = (spec ?? '50,500').split(',').map(Number);
  if (n.some((x) => !Number.isInteger(x) || x < 1))
    throw new Error(`BENCH_OCR_LONG: page counts, not ${spec}`);
  return n;
}

/**
 * Peak RSS of a child OCRing every page of a scan of each length, one worker: 200 dpi JPEG pages
 * (ten drawn, each embedded as a page of its own: the bytes of a real scan, ~0.7 MB a page) that
 * pdf.js decodes whole, rasterised at 72 dpi so the recogniser's share stays small (500 pages still
 * take the best part of an hour on a busy machine). The first page starts the engine (and, its small
 * print doubtful, the orientation detector): the peak after it is the floor. Were the PDF read
 * whole, the peak would grow with the file; read in ranges within a budget, it stays flat.
 */
async function longScanBench(
  dir: string,
  lengths: readonly number[],
  log: (l: string) => void,
): Promise<void> {
  const images = Array.from({ length: 10 }, (_, i) =>
    renderScan(LINES, { dpi: 200, format: 'jpeg', quality: 80, skewDeg: (i % 5) * 0.2 }),
  );
  const child = fileURLToPath(new URL('./ocr-long-child.ts', import.meta.url));
  const runTs = fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url));
  for (const n of lengths) {
    const pdf = join(dir, `long-${n}.pdf`);
    writeFileSync(pdf, await makeScannedPdf(Array.from({ length: n }, (_, i) => images[i % images.length]!)));
    const mb = statSync(pdf).size / 1048576;
    const out = execFileSync(process.execPath, [runTs, child, pdf, String(n), '72'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    rmSync(pdf, { force: true });
    const r = JSON.parse(out.trim().split('\n').pop()!) as OcrLongChildResult;
    log(
      `long scan, ${n} pages (${fmt(mb, 0)} MB, 200 dpi JPEG pages OCRed at 72 dpi): peak RSS ` +
        `${fmt(r.maxRssMb, 0)} MB (after the first page ${fmt(r.firstPageRssMb, 0)} MB), ` +
        `${fmt((r.seconds / n) * 1000, 0)} ms/page, ${r.failed} failed`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv[2] === 'long') {
    // The long-scan part alone: node bin/run-ts.mjs tests/bench/ocr-bench.ts long [50,500]
    const dir = mkdtempSync(join(tmpdir(), 'vankho-ocr-bench-'));
    try {
      await longScanBench(dir, longScanLengths(process.argv[3]), (l) => console.log(l));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else await runOcrBench(Number(process.argv[2] ?? 4), (l) => console.log(l));
}
