// Character error rate of the OCR on generated scans of a Vietnamese decision, per degradation level,
// and the effect of each post-correction rule on it. Fails above the bars stated in the README
// (section "OCR"). One worker, one page per level.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_OCR_RULES, correctOcrText, OCR_RULES } from '../../../main/core/ocr/post-correct.js';
import { parseDocNumbers } from '../../../main/core/text/doc-number.js';
import { decisionLines, renderScan, signaturePoint, type ScanOptions } from '../../helpers/make-scan.js';
import { characterErrorRate } from '../../helpers/ocr-accuracy.js';
import { useOcrPool } from '../../helpers/ocr-pool-fixture.js';

const LINES = decisionLines({
  number: '107/2024/QĐ-UBND',
  title: 'Về việc phê duyệt Kế hoạch số hóa tài liệu lưu trữ năm 2025',
  body: [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
    'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;',
    'Căn cứ Thông tư số 01/2019/TT-BNV ngày 24 tháng 01 năm 2019 của Bộ Nội vụ;',
    'Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 02/12/2024.',
    'Điều 1. Phê duyệt Kế hoạch số hóa tài liệu lưu trữ của tỉnh năm 2025.',
    'Điều 2. Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành liên quan triển khai.',
    'Điều 3. Chánh Văn phòng, Giám đốc các sở chịu trách nhiệm thi hành.',
  ],
}).concat([
  // A page label in bold, where Tesseract drops the narrow space before the digit (gluedNumber).
  { text: 'Trang 1', x: 297, y: 800, size: 14, bold: true, center: true },
]);

/** Degradation levels and the CER each must stay under (README, section OCR). */
const LEVELS: { name: string; bar: number; opts: ScanOptions }[] = [
  { name: 'clean 200 dpi PNG', bar: 0.01, opts: { dpi: 200 } },
  {
    name: '150 dpi JPEG q60, skew 1°, 0.5 % speckle',
    bar: 0.02,
    opts: { dpi: 150, format: 'jpeg', quality: 60, skewDeg: 1, noise: 0.005 },
  },
  {
    name: '150 dpi JPEG q40, skew 2°, 2 % speckle, red seal',
    bar: 0.03,
    opts: { dpi: 150, format: 'jpeg', quality: 40, skewDeg: 2, noise: 0.02, stamp: signaturePoint(LINES) },
  },
];

describe('OCR accuracy on generated scans', () => {
  const ocr = useOcrPool();

  it('stays under each level’s error bar, and no post-correction rule makes it worse', async () => {
    const expected = LINES.map((l) => l.text);
    const report: string[] = [];
    for (const [i, level] of LEVELS.entries()) {
      const path = join(ocr.dir, `level-${i}.${level.opts.format ?? 'png'}`);
      writeFileSync(path, renderScan(LINES, level.opts));
      const t0 = Date.now();
      const o = await ocr.pool.run({ path, kind: 'image', page: 1, dpi: level.opts.dpi ?? 200 });
      const ms = Date.now() - t0;
      if (!o.ok) throw new Error(`${level.name}: ${o.error.code}`);
      const raw = o.result.rawText;
      const all = characterErrorRate(expected, correctOcrText(raw));
      const none = characterErrorRate(expected, correctOcrText(raw, []));
      const pct = (c: number): string => `${(c * 100).toFixed(2)} %`;
      // Each rule toggled alone: an applied rule taken out, an optional one added.
      const toggled = ALL_OCR_RULES.map((r) => {
        const applied = OCR_RULES.includes(r);
        const rules = applied ? OCR_RULES.filter((x) => x !== r) : [...OCR_RULES, r];
        return { r, applied, cer: characterErrorRate(expected, correctOcrText(raw, rules)) };
      });
      report.push(
        `${level.name}: CER ${pct(all)} (no rules ${pct(none)}; ` +
          toggled.map((t) => `${t.applied ? 'without' : 'with'} ${t.r} ${pct(t.cer)}`).join(', ') +
          `), confidence ${o.result.confidence}, ${ms} ms`,
      );
      expect(all, level.name).toBeLessThan(level.bar);
      for (const t of toggled.filter((x) => x.applied))
        expect(all, `${level.name}: rule ${t.r} hurts`).toBeLessThanOrEqual(t.cer);
      expect(
        parseDocNumbers(o.result.text).map((d) => d.raw),
        level.name,
      ).toContain('107/2024/QĐ-UBND');
    }
    console.log(report.join('\n'));
  });
});
