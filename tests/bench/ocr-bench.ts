// OCR throughput (issue 11): pages per minute per worker and peak memory at 200 and 300 dpi on
// generated scanned PDF pages of a Vietnamese decision, with the character error rate; beside the
// plain Tesseract CLI (Debian's tesseract-ocr-vie) on the same page images when it is installed, as
// ratios of speed and error rate. Run: node bin/run-ts.mjs tests/bench/ocr-bench.ts [pages]
// (default 4 per resolution). Not a test.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveOcrPaths } from '../../main/core/ocr/ocr-paths.js';
import { OcrPool } from '../../main/core/ocr/ocr-pool.js';
import { decisionLines, makeScannedPdf, renderScan } from '../helpers/make-scan.js';
import { characterErrorRate } from '../helpers/ocr-accuracy.js';

const PAGES = Number(process.argv[2] ?? 4);
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

function tesseractCli(): boolean {
  try {
    execFileSync('tesseract', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vankho-ocr-bench-'));
  const cli = tesseractCli();
  try {
    for (const dpi of [200, 300]) {
      // Scanned at the resolution read: the rasterised page carries as much detail as the scan.
      const scan = renderScan(LINES, { dpi, format: 'jpeg', quality: 80 });
      const pdf = join(dir, `scan-${dpi}.pdf`);
      writeFileSync(pdf, await makeScannedPdf(Array.from({ length: PAGES }, () => scan)));
      const png = join(dir, `page-${dpi}.png`);
      writeFileSync(png, renderScan(LINES, { dpi }));

      const pool = new OcrPool({ langs: 'vie', paths: resolveOcrPaths(['vie']), size: 1 });
      let peak = process.memoryUsage().rss;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      // The first page starts the engine (model load): timed apart.
      const t0 = performance.now();
      await pool.run({ path: pdf, kind: 'pdf', page: 1, dpi });
      const start = performance.now() - t0;
      let cer = 0;
      const t1 = performance.now();
      for (let p = 2; p <= PAGES; p++) {
        const o = await pool.run({ path: pdf, kind: 'pdf', page: p, dpi });
        if (o.ok) cer += characterErrorRate(EXPECTED, o.result.text);
      }
      const perPage = (performance.now() - t1) / Math.max(1, PAGES - 1);
      clearInterval(timer);
      await pool.close();
      cer /= Math.max(1, PAGES - 1);
      let line =
        `${dpi} dpi: ${(60_000 / perPage).toFixed(1)} pages/min per worker (${(perPage / 1000).toFixed(2)} s/page, ` +
        `engine start + first page ${(start / 1000).toFixed(1)} s), CER ${(cer * 100).toFixed(2)} %, ` +
        `peak RSS ${(peak / 1048576).toFixed(0)} MB`;
      if (cli) {
        const c0 = performance.now();
        const out = execFileSync('tesseract', [png, '-', '-l', 'vie', '--dpi', String(dpi)], {
          encoding: 'utf8',
        });
        const cliMs = performance.now() - c0;
        const cliCer = characterErrorRate(EXPECTED, out);
        line +=
          ` | tesseract CLI: ${(cliMs / 1000).toFixed(2)} s/page, CER ${(cliCer * 100).toFixed(2)} % ` +
          `(speed ratio ${(perPage / cliMs).toFixed(2)}, error ratio ${cliCer > 0 ? (cer / cliCer).toFixed(2) : '—'})`;
      } else line += ' | tesseract CLI not installed (apt-get install tesseract-ocr-vie): no baseline';
      console.log(line);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
