// A bounded load run of one shared archive over real HTTP on 127.0.0.1 (issue 14): `users` simulated
// cadres search and read for `seconds` while an archivist imports `documents` generated DOCX and TXT
// documents in batches through the same contract (upload → importStart → wait), then the server is
// stopped and the archive checked with the CLI: `vankho check` clean, every document filed once, one
// audit row per document imported. Used by `npm run bench:server` (50 users, 60 s, 500 documents) and,
// short, by tests/integration/office-load.test.ts. The server is web mode (bin/vankho-web.mjs), the
// same contract and host worker `vankho serve` runs; the startWebMode call is the one place saying so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeDocx } from '../helpers/make-docx.js';
import { repoPath } from '../helpers/repo-root.js';
import { E2E_TOKEN as TOKEN } from '../e2e/e2e-env.js';
import { startWebMode } from '../e2e/start-web-mode.js';

export interface LoadOptions {
  users: number;
  seconds: number;
  documents: number;
  /** Documents per import job (an archivist drops a folder at a time). */
  batch?: number;
  log?: (line: string) => void;
}

export interface LoadReport {
  users: number;
  seconds: number;
  searches: number;
  reads: number;
  /** Every failed request (non-200, ok:false, network error), as "method: code". */
  errors: string[];
  searchMs: { p50: number; p95: number; p99: number; max: number };
  importSeconds: number;
  /** Documents in the archive after the run, counted by the CLI. */
  documentsInArchive: number;
  /** Audit rows of action 'import', counted by `vankho audit`. */
  auditImportRows: number;
  /** `vankho check` exit code 0 and report.ok. */
  checkOk: boolean;
}

const TYPES = [
  ['QUYẾT ĐỊNH', 'QĐ-UBND'],
  ['KẾ HOẠCH', 'KH-UBND'],
  ['BÁO CÁO', 'BC-UBND'],
  ['CHỈ THỊ', 'CT-UBND'],
  ['THÔNG BÁO', 'TB-UBND'],
] as const;
const TOPICS = [
  'phòng chống thiên tai và tìm kiếm cứu nạn',
  'chuyển đổi số trong cơ quan nhà nước',
  'bảo vệ môi trường khu dân cư',
  'cải cách thủ tục hành chính',
  'phát triển giáo dục mầm non',
  'quản lý đất đai và xây dựng',
  'an toàn thực phẩm dịp Tết',
  'xây dựng nông thôn mới nâng cao',
];
const ISSUERS = [
  'ỦY BAN NHÂN DÂN TỈNH AN GIANG',
  'ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH',
  'SỞ NỘI VỤ TỈNH AN GIANG',
];
/** What cadres type: topic words with and without diacritics, numbers, types. */
const QUERIES = [
  'chuyển đổi số',
  'chuyen doi so',
  'thiên tai',
  'moi truong',
  'thủ tục hành chính',
  'giáo dục mầm non',
  'đất đai',
  'an toàn thực phẩm',
  'nông thôn mới',
  'kế hoạch',
  'quyết định',
  'báo cáo',
];

/** The i-th generated document: a name and its bytes (every fifth a plain-text notice). */
async function documentOf(i: number): Promise<{ name: string; bytes: Uint8Array }> {
  const [type, suffix] = TYPES[i % TYPES.length]!;
  const topic = TOPICS[i % TOPICS.length]!;
  const number = `${1000 + i}/${suffix}`;
  const lines = [
    ISSUERS[i % ISSUERS.length]!,
    `Số: ${number}`,
    `An Giang, ngày ${1 + (i % 28)} tháng ${1 + (i % 12)} năm 2025`,
    type,
    `Về việc ${topic} (đợt ${i})`,
    `Căn cứ Luật Tổ chức chính quyền địa phương; xét đề nghị của các cơ quan về ${topic}.`,
    `Điều 1. Triển khai nhiệm vụ ${topic} trên địa bàn, bảo đảm tiến độ và chất lượng.`,
    'Điều 2. Các cơ quan, đơn vị chịu trách nhiệm thi hành.',
    'CHỦ TỊCH',
    'Nguyễn Văn An',
  ];
  if (i % 5 === 4) return { name: `tb-${i}.txt`, bytes: new TextEncoder().encode(lines.join('\n')) };
  return { name: `vb-${i}.docx`, bytes: new Uint8Array(await makeDocx(lines)) };
}

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string } };

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function cli(archiveDir: string, args: string[]): { code: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [repoPath('bin', 'vankho.mjs'), '--archive', archiveDir, ...args], {
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout };
}

export async function runOfficeLoad(opts: LoadOptions): Promise<LoadReport> {
  const log = opts.log ?? (() => {});
  const batch = opts.batch ?? 25;
  const dir = mkdtempSync(join(tmpdir(), 'vankho-office-load-'));
  const archiveDir = join(dir, 'kho');
  const errors: string[] = [];
  const server = await startWebMode(['--archive', archiveDir, '--no-samples']);
  const headers = { Authorization: `Bearer ${TOKEN}` };
  const call = async (method: string, input: unknown): Promise<unknown> => {
    try {
      const r = await fetch(`${server.url}/api/${method}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ input }),
      });
      if (r.status !== 200) {
        errors.push(`${method}: HTTP ${r.status}`);
        return null;
      }
      const a = (await r.json()) as Answer;
      if (!a.ok) {
        errors.push(`${method}: ${a.error.code}`);
        return null;
      }
      return a.value;
    } catch (e) {
      errors.push(`${method}: ${(e as Error).message}`);
      return null;
    }
  };
  try {
    // The archivist: a batch uploaded, imported as one job, waited for; then the next.
    const importStarted = performance.now();
    let importSeconds = 0;
    const archivist = (async () => {
      for (let from = 0; from < opts.documents; from += batch) {
        const uploadIds: string[] = [];
        for (let i = from; i < Math.min(opts.documents, from + batch); i++) {
          const d = await documentOf(i);
          const r = await fetch(`${server.url}/upload`, {
            method: 'POST',
            headers: {
              ...headers,
              'Content-Type': 'application/octet-stream',
              'X-VanKho-File-Name': encodeURIComponent(d.name),
            },
            body: d.bytes,
          }).catch((e: Error) => e);
          if (r instanceof Error || r.status !== 200) {
            errors.push(`upload: ${r instanceof Error ? r.message : `HTTP ${r.status}`}`);
            continue;
          }
          const a = (await r.json()) as Answer;
          if (a.ok) uploadIds.push((a.value as { uploadId: string }).uploadId);
          else errors.push(`upload: ${a.error.code}`);
        }
        const started = (await call('importStart', { uploadIds })) as { jobId: string } | null;
        if (!started) continue;
        for (;;) {
          await new Promise((r) => setTimeout(r, 250));
          const jobs = (await call('jobsList', {})) as { jobId: string; state: string }[] | null;
          const job = jobs?.find((j) => j.jobId === started.jobId);
          if (!job) break;
          if (job.state !== 'running') {
            if (job.state !== 'done') errors.push(`import job: ${job.state}`);
            break;
          }
        }
        log(`imported ${Math.min(opts.documents, from + batch)}/${opts.documents}`);
      }
      importSeconds = (performance.now() - importStarted) / 1000;
    })();

    // The cadres: search, and open one of the hits (its detail and text) every other time.
    const searchMs: number[] = [];
    let reads = 0;
    const until = performance.now() + opts.seconds * 1000;
    const user = async (u: number): Promise<void> => {
      for (let n = 0; performance.now() < until; n++) {
        const query = QUERIES[(u + n) % QUERIES.length]!;
        const t0 = performance.now();
        const res = (await call('search', { query, limit: 20 })) as { hits: { id: number }[] } | null;
        searchMs.push(performance.now() - t0);
        const hit = res?.hits[(u + n) % Math.max(1, res.hits.length)];
        if (hit && n % 2 === 0) {
          const doc = (await call('documentGet', { documentId: hit.id })) as {
            files: { id: number }[];
          } | null;
          // A hit may be moved on by the import meanwhile, never lost: a missing file would be an error above.
          if (doc?.files[0]) await call('filePages', { fileId: doc.files[0].id });
          reads++;
        }
      }
    };
    await Promise.all(Array.from({ length: opts.users }, (_, u) => user(u)));
    log(`users done: ${searchMs.length} searches, ${reads} reads`);
    await archivist;
    await server.stop();

    const check = cli(archiveDir, ['--json', 'check']);
    const checkOk = check.code === 0 && (JSON.parse(check.stdout) as { ok: boolean }).ok;
    const listed = JSON.parse(cli(archiveDir, ['--json', 'list', '--limit', '1']).stdout) as {
      total: number;
    };
    const audit = JSON.parse(
      cli(archiveDir, ['--json', 'audit', '--action', 'import', '--limit', String(opts.documents + 1000)])
        .stdout,
    ) as unknown[];
    const sorted = [...searchMs].sort((a, b) => a - b);
    const round = (x: number): number => Math.round(x * 10) / 10;
    return {
      users: opts.users,
      seconds: opts.seconds,
      searches: searchMs.length,
      reads,
      errors,
      searchMs: {
        p50: round(percentile(sorted, 50)),
        p95: round(percentile(sorted, 95)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted[sorted.length - 1] ?? 0),
      },
      importSeconds: round(importSeconds),
      documentsInArchive: listed.total,
      auditImportRows: audit.length,
      checkOk,
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
