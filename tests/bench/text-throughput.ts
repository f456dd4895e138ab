// Throughput of the Vietnamese text engine (issue 3): clean + canonical/fold keys + tokenization over
// a large generated Vietnamese text, beside a plain String.prototype.normalize('NFC') pass over the
// same text, as a ratio. Called by tests/bench/run-bench.ts (`npm run bench`); not a test.

import { readdirSync, readFileSync } from 'node:fs';
import { extractCitations } from '../../main/core/text/extract-citations.js';
import { extractMetadata } from '../../main/core/text/extract-metadata.js';
import { cleanText, fold } from '../../main/core/text/normalize.js';
import { prepareExtractedText } from '../../main/core/text/prepare-text.js';
import { scanTokens } from '../../main/core/text/tokenize.js';
import { testdata } from '../helpers/repo-root.js';

const SYLLABLES = (
  'quyết định nghị quyết chỉ thị kế hoạch chương trình báo cáo thông báo hướng dẫn công văn tờ trình ủy ban nhân dân ' +
  'hội đồng tỉnh huyện xã phường thị trấn đảng bộ chi bộ ban thường vụ chấp hành trung ương thực hiện triển khai ' +
  'căn cứ theo đề nghị của về việc tăng cường công tác văn thư lưu trữ chuyển đổi số người dân được hưởng lợi ' +
  'hòa hoà thúy thuý khỏe khoẻ tùy tuỳ Thanh Hóa Hoá quý khuỷu ngoài giữa gìn thuở Việt Nam Hà Nội Đông Yên ' +
  'đồng chí bí thư phó chủ tịch giám đốc sở nội vụ tài chính kinh tế xã hội quốc phòng an ninh năm tháng ngày'
).split(' ');
const NUMBERS = [
  '08/2022/QĐ-TTg',
  '04-CTr/QU',
  '30/2020/NĐ-CP',
  '123/UBND-VP',
  '28/3/2022',
  '17,8',
  '2024',
  '8/8',
];

/** Deterministic pseudo-random text of about `bytes` UTF-8 bytes, with line breaks and numbers. */
export function generateVietnameseText(bytes: number, seed = 42): string {
  let x = seed >>> 0;
  const rnd = (n: number): number => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line: string[] = [];
    const words = 8 + rnd(16);
    for (let i = 0; i < words; i++) {
      line.push(rnd(20) === 0 ? NUMBERS[rnd(NUMBERS.length)]! : SYLLABLES[rnd(SYLLABLES.length)]!);
    }
    const s = `${line.join(' ')}${rnd(3) === 0 ? ';' : ','}\n`;
    parts.push(s);
    size += Buffer.byteLength(s);
  }
  return parts.join('');
}

function time(fn: () => void, repeat: number): number {
  fn(); // warm-up (JIT, lazy tables)
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

export async function runTextBench(): Promise<string[]> {
  const mb = Number(process.env['TEXT_BENCH_MB'] ?? 16);
  const text = generateVietnameseText(mb * 1024 * 1024);
  // Half of it decomposed (NFD), as PDF text layers and macOS names deliver it: NFC has work to do.
  const half = text.length >> 1;
  const input = text.slice(0, half).normalize('NFD') + text.slice(half);
  const megabytes = Buffer.byteLength(input) / (1024 * 1024);
  const repeat = 3;
  let tokens = 0;
  let sink = 0;
  const nfcMs = time(() => {
    sink += input.normalize('NFC').length;
  }, repeat);
  const cleanMs = time(() => {
    sink += cleanText(input).length;
  }, repeat);
  const clean = cleanText(input);
  const foldMs = time(() => {
    sink += fold(clean).length;
  }, repeat);
  const tokenizeMs = time(() => {
    tokens = 0;
    scanTokens(clean, () => {
      tokens++;
    });
  }, repeat);
  const pipelineMs = time(() => {
    const prepared = prepareExtractedText(input).text;
    scanTokens(prepared, () => {
      sink++;
    });
  }, repeat);
  // Metadata and citation extraction per real document (tests/fixtures/shared/real-docs, 150 texts),
  // beside the plain text pass (prepareExtractedText) on the same documents.
  const folder = testdata('real-docs', 'docs');
  const docs = readdirSync(folder)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(`${folder}/${f}`, 'utf8'));
  const preparedDocs = docs.map((d) => prepareExtractedText(d).text);
  const plainMs = time(() => {
    for (const d of docs) sink += prepareExtractedText(d).text.length;
  }, repeat);
  const extractMs = time(() => {
    for (const d of preparedDocs) {
      sink += Object.keys(extractMetadata([d])).length;
      sink += extractCitations(d).length;
    }
  }, repeat);
  const perDoc = (ms: number): string => `${((ms / docs.length) * 1000).toFixed(0)} µs/doc`;
  const rate = (ms: number): string => `${(megabytes / (ms / 1000)).toFixed(1)} MB/s`;
  const nfcRate = megabytes / (nfcMs / 1000);
  const pipeRate = megabytes / (pipelineMs / 1000);
  return [
    `Text engine throughput on ${megabytes.toFixed(1)} MB of generated Vietnamese text (half NFD), ${tokens.toLocaleString('en')} tokens, best of ${repeat}:`,
    `  String.prototype.normalize('NFC')                ${rate(nfcMs).padStart(12)}  (baseline)`,
    `  cleanText (NFC + clean-up)                       ${rate(cleanMs).padStart(12)}`,
    `  fold (on cleaned text)                           ${rate(foldMs).padStart(12)}`,
    `  tokenize (syllables, fold/acc keys, doc numbers) ${rate(tokenizeMs).padStart(12)}`,
    `  prepareExtractedText + tokenize (full pipeline)  ${rate(pipelineMs).padStart(12)}  ratio ${(pipeRate / nfcRate).toFixed(2)}× of NFC`,
    `Extraction on ${docs.length} real documents (real-docs), best of ${repeat}:`,
    `  prepareExtractedText (plain text pass)           ${perDoc(plainMs).padStart(12)}  (baseline)`,
    `  extractMetadata + extractCitations               ${perDoc(extractMs).padStart(12)}  ratio ${(extractMs / plainMs).toFixed(2)}× of the text pass`,
    sink < 0 ? '' : '',
  ].filter((l) => l !== '');
}

if (process.argv[1] && /text-throughput\.ts$/.test(process.argv[1])) {
  for (const line of await runTextBench()) console.log(line);
}
