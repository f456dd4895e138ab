// A bounded load run of one shared archive over real HTTP on 127.0.0.1 (issue 14): `users` simulated
// cadres search and read for `seconds` while an archivist imports `documents` generated DOCX and TXT
// documents in batches through the same contract (upload → importStart → wait). The import starts with
// the readers and the readers go on until it has ended, however long past `seconds` that is, so every
// batch is filed under readers. Then the server is stopped and the archive checked with the CLI:
// `vankho check` clean, every document filed once, one audit row per document imported. The documents
// are built before the clock starts: the generator's one event loop also drives the readers, and
// building DOCX files there would be counted as the server's latency. Used by `npm run bench:server` (50 users, 60 s, 500 documents) and,
// short, by tests/integration/office-load.test.ts.
// Two servers: web mode (bin/vankho-web.mjs, one token, every caller reads everything), or with
// `grants` the office server itself (`vankho serve`): accounts signed in with cookie and CSRF, each
// cadre a reader in one of a few units, and the archivist marking documents as they are filed —
// some mật opened to one unit or one account, some hạn chế opened to nobody. Every hit a reader
// gets is then checked against what it may read ("leaks"); a document restricted after a reader's
// request started may still come back, so only those restricted before it count.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeDocx } from '../helpers/make-docx.js';
import { repoPath } from '../helpers/repo-root.js';
import { E2E_TOKEN as TOKEN } from '../e2e/e2e-env.js';
import { startWebMode } from '../e2e/start-web-mode.js';
import { CSRF_HEADER } from '../../main/contract/transport.js';
import { serveClient, startServe, stopServe, type ServeSession } from '../helpers/serve-child.js';

export interface LoadOptions {
  users: number;
  seconds: number;
  documents: number;
  /** Documents per import job (an archivist drops a folder at a time). */
  batch?: number;
  /** On `vankho serve` with accounts: cadres spread over this many units, documents restricted and granted. */
  grants?: { units: number };
  log?: (line: string) => void;
}

/** What the grants run did and found (absent in web mode). */
export interface GrantsReport {
  units: number;
  /** Documents marked mật and opened to one unit, to one account; marked hạn chế for nobody. */
  grantedToUnit: number;
  grantedToAccount: number;
  restrictedUngranted: number;
  /** Reader hits checked against what the reader may read; of them, restricted ones it was granted. */
  hitsChecked: number;
  grantedHits: number;
  /** Hits of documents the reader may not read, restricted before its search started. */
  leaks: string[];
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadReport {
  users: number;
  seconds: number;
  /** How long the cadres went on: `seconds`, or longer when the import took longer (they wait for its end). */
  readerSeconds: number;
  /** Whether the whole import (with the archivist's marking) ended within `seconds`. */
  importEndedInSeconds: boolean;
  /** Documents whose import job had ended when the cadres stopped (all of them: they wait for the import). */
  filedWhileReading: number;
  searches: number;
  reads: number;
  /** Every failed request (non-200, ok:false, network error), as "method: code". */
  errors: string[];
  /** Requests sent again after the server closed their idle keep-alive connection (see `sent`). */
  resentRequests: number;
  /** One `search` call, request to answer. */
  searchMs: Latency;
  /** Opening a hit: its `documentGet` and then its first file's `filePages`, request to last answer. */
  readMs: Latency;
  importSeconds: number;
  /**
   * Each import batch, in seconds: its uploads, its job (importStart until the archivist saw it end),
   * and (grants runs) listing and marking what it filed; `whileReading` when the cadres were still on.
   */
  batches: { documents: number; uploadS: number; jobS: number; markS: number; whileReading: boolean }[];
  /** Documents in the archive after the run, counted by the CLI. */
  documentsInArchive: number;
  /** Audit rows of action 'import', counted by `vankho audit`. */
  auditImportRows: number;
  /** `vankho check` exit code 0 and report.ok. */
  checkOk: boolean;
  server: 'web' | 'serve';
  grants?: GrantsReport;
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

/** A failed fetch's message with its cause's (fetch says only "fetch failed"; the socket's error says why). */
function failureOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const why = cause ? ` (${[cause.code, cause.message].filter(Boolean).join(': ')})` : '';
  return `${(e as Error).message}${why}`;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function cli(
  archiveDir: string,
  args: string[],
  input = '',
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [repoPath('bin', 'vankho.mjs'), '--archive', archiveDir, ...args], {
    encoding: 'utf8',
    input,
    timeout: 600_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One caller of the server: its contract calls and uploads, as web mode's token or an account's session. */
interface Caller {
  /** The value, or the error code of an ok:false answer; HTTP and network failures throw. */
  call(method: string, input: unknown): Promise<{ value: unknown } | { code: string }>;
  upload(name: string, bytes: Uint8Array): Promise<Response>;
}

/** A server for the run: who its callers are, and how it stops. */
interface LoadServer {
  archivist: Caller;
  /** The u-th cadre (web mode: the one token for all). */
  cadre: (u: number) => Caller;
  stop: () => Promise<void>;
}

const PASSWORD = 'mật-khẩu-tải-thử-1';

/** What the run's HTTP clients met on the network (reported, never hidden). */
interface Network {
  /** Requests sent again because the server had closed their idle keep-alive connection first. */
  resent: number;
}

/**
 * fetch, sent once more when it went out on a kept-alive connection the server had just closed as
 * idle ("other side closed", no answer): HTTP/1.1's race between the server's keep-alive timeout
 * and the client's, which a browser also meets and answers by sending again. Every other failure
 * throws; each resend is counted.
 */
async function sent(net: Network, request: () => Promise<Response>): Promise<Response> {
  try {
    return await request();
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code !== 'UND_ERR_SOCKET' || cause.message !== 'other side closed') throw e;
    net.resent++;
    return request();
  }
}

/** Contract calls and uploads over HTTP with these headers on each (a token, or a session's cookie and CSRF). */
function httpCaller(base: string, headers: Record<string, string>, net: Network): Caller {
  return {
    call: async (method, input) => {
      const r = await sent(net, () =>
        fetch(new URL(`/api/${method}`, base), {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ input }),
        }),
      );
      if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
      const a = (await r.json()) as Answer;
      return a.ok ? { value: a.value } : { code: a.error.code };
    },
    upload: (name, bytes) =>
      sent(net, () =>
        fetch(new URL('/upload', base), {
          method: 'POST',
          headers: {
            ...headers,
            'Content-Type': 'application/octet-stream',
            'X-VanKho-File-Name': encodeURIComponent(name),
          },
          body: bytes,
        }),
      ),
  };
}

async function webServer(archiveDir: string, net: Network): Promise<LoadServer> {
  const server = await startWebMode(['--archive', archiveDir, '--no-samples']);
  const caller = httpCaller(server.url, { Authorization: `Bearer ${TOKEN}` }, net);
  return { archivist: caller, cadre: () => caller, stop: () => server.stop() };
}

const sessionCaller = (base: string, s: ServeSession, net: Network): Caller =>
  httpCaller(base, { cookie: s.cookie, [CSRF_HEADER]: s.csrf }, net);

interface Office {
  unitIds: number[];
  /** The u-th cadre's account id; it is in unit u mod units. */
  cadreIds: number[];
}

/** `vankho serve` on a new archive: an admin from the CLI, then units and accounts made over HTTP. */
async function officeServer(
  archiveDir: string,
  users: number,
  units: number,
  net: Network,
): Promise<LoadServer & { office: Office }> {
  const made = cli(archiveDir, ['users', 'add', 'quantri', '--role', 'admin', '--password-stdin'], PASSWORD);
  if (made.code !== 0) throw new Error(`users add: ${made.stderr}`);
  const { child, url } = await startServe(['--archive', archiveDir, '--listen', '127.0.0.1:0']);
  try {
    const client = serveClient(url);
    const admin = await client.signIn('quantri', PASSWORD);
    const unitIds: number[] = [];
    for (let k = 0; k < units; k++)
      unitIds.push((await client.call<{ id: number }>(admin, 'unitsCreate', { name: `Phòng ${k + 1}` })).id);
    await client.call(admin, 'usersCreate', { username: 'vanthu', role: 'archivist', password: PASSWORD });
    const cadreIds: number[] = [];
    const sessions: ServeSession[] = [];
    for (let u = 0; u < users; u++) {
      const username = `canbo${u}`;
      const user = await client.call<{ id: number }>(admin, 'usersCreate', {
        username,
        role: 'reader',
        password: PASSWORD,
      });
      await client.call(admin, 'usersSetUnits', { userId: user.id, unitIds: [unitIds[u % units]!] });
      cadreIds.push(user.id);
      sessions.push(await client.signIn(username, PASSWORD));
    }
    const archivist = sessionCaller(url, await client.signIn('vanthu', PASSWORD), net);
    return {
      archivist,
      cadre: (u) => sessionCaller(url, sessions[u]!, net),
      stop: () => stopServe(child),
      office: { unitIds, cadreIds },
    };
  } catch (e) {
    await stopServe(child);
    throw e;
  }
}

/** How the archivist marks the i-th document once filed (grants runs); most stay công khai. */
type Marking = { access: 'Mật'; to: { unit: number } | { cadre: number } } | { access: 'Hạn chế' } | null;
function markingOf(i: number, users: number, units: number): Marking {
  if (i % 4 === 1) return { access: 'Mật', to: { unit: i % units } };
  if (i % 8 === 3) return { access: 'Mật', to: { cadre: i % users } };
  if (i % 8 === 6) return { access: 'Hạn chế' };
  return null;
}

export async function runOfficeLoad(opts: LoadOptions): Promise<LoadReport> {
  const log = opts.log ?? (() => {});
  const batch = opts.batch ?? 25;
  const dir = mkdtempSync(join(tmpdir(), 'vankho-office-load-'));
  const archiveDir = join(dir, 'kho');
  const errors: string[] = [];
  const net: Network = { resent: 0 };
  const units = opts.grants?.units ?? 0;
  let stopServer: (() => Promise<void>) | null = null;
  try {
    let office: Office | null = null;
    let server: LoadServer;
    if (opts.grants) {
      const s = await officeServer(archiveDir, opts.users, units, net);
      office = s.office;
      server = s;
    } else server = await webServer(archiveDir, net);
    stopServer = server.stop;
    log(`server ready${office ? `: ${opts.users} readers in ${units} units` : ''}`);

    /** The value of a call, or null with the failure noted (unless `tolerated` says it may happen). */
    const call = async (
      who: Caller,
      method: string,
      input: unknown,
      tolerated?: (code: string) => boolean,
    ): Promise<unknown> => {
      try {
        const a = await who.call(method, input);
        if ('value' in a) return a.value;
        if (!tolerated?.(a.code)) errors.push(`${method}: ${a.code}`);
        return null;
      } catch (e) {
        errors.push(`${method}: ${failureOf(e)}`);
        return null;
      }
    };

    // What the archivist did to each document (grants runs): its index by id, when it was restricted.
    const indexOf = new Map<number, number>();
    const restrictedAt = new Map<number, number>();
    const grants = { grantedToUnit: 0, grantedToAccount: 0, restrictedUngranted: 0 };
    const mayRead = (u: number, i: number): boolean => {
      const m = markingOf(i, opts.users, units);
      if (m === null || !restrictedAt.has(i)) return true;
      if (m.access === 'Hạn chế') return false;
      return 'unit' in m.to ? m.to.unit === u % units : m.to.cadre === u;
    };
    const mark = async (who: Caller, documentId: number, i: number): Promise<void> => {
      const m = markingOf(i, opts.users, units);
      if (!m || !office) return;
      if (!(await call(who, 'documentUpdate', { documentId, fields: { access: m.access } }))) return;
      restrictedAt.set(i, performance.now());
      if (m.access === 'Hạn chế') {
        grants.restrictedUngranted++;
        return;
      }
      const to =
        'unit' in m.to ? { unitId: office.unitIds[m.to.unit]! } : { userId: office.cadreIds[m.to.cadre]! };
      if (await call(who, 'grantsAdd', { target: { documentId }, to }))
        grants['unit' in m.to ? 'grantedToUnit' : 'grantedToAccount']++;
    };

    const documents = await Promise.all(Array.from({ length: opts.documents }, (_, i) => documentOf(i)));
    log(`${documents.length} documents built`);

    // The archivist: a batch uploaded, imported as one job, waited for; then (grants runs) marked.
    const importStarted = performance.now();
    let importSeconds = 0;
    let filed = 0;
    const batches: LoadReport['batches'] = [];
    let readersDone = false;
    let importDone = false;
    const seconds = (from: number): number => Math.round((performance.now() - from) / 100) / 10;
    const archivist = (async () => {
      const who = server.archivist;
      for (let from = 0; from < opts.documents; from += batch) {
        const to = Math.min(opts.documents, from + batch);
        const whileReading = !readersDone;
        const uploading = performance.now();
        const uploadIds: string[] = [];
        for (let i = from; i < to; i++) {
          const d = documents[i]!;
          const r = await who.upload(d.name, d.bytes).catch((e: Error) => e);
          if (r instanceof Error || r.status !== 200) {
            errors.push(`upload: ${r instanceof Error ? failureOf(r) : `HTTP ${r.status}`}`);
            continue;
          }
          const a = (await r.json()) as Answer;
          if (a.ok) uploadIds.push((a.value as { uploadId: string }).uploadId);
          else errors.push(`upload: ${a.error.code}`);
        }
        const uploadS = seconds(uploading);
        const jobStarted = performance.now();
        const started = (await call(who, 'importStart', { uploadIds })) as { jobId: string } | null;
        if (!started) continue;
        for (;;) {
          await new Promise((r) => setTimeout(r, 250));
          const jobs = (await call(who, 'jobsList', {})) as { jobId: string; state: string }[] | null;
          const job = jobs?.find((j) => j.jobId === started.jobId);
          if (!job) break;
          if (job.state !== 'running') {
            if (job.state !== 'done') errors.push(`import job: ${job.state}`);
            break;
          }
        }
        filed = to;
        const jobS = seconds(jobStarted);
        const marking = performance.now();
        if (office) {
          const page = (await call(who, 'documentsList', { limit: to - from })) as {
            items: { id: number; fileNames: string[] }[];
          } | null;
          for (const d of page?.items ?? []) {
            const m = /^(?:vb|tb)-(\d+)\./.exec(d.fileNames[0] ?? '');
            if (!m) continue;
            indexOf.set(d.id, Number(m[1]));
            await mark(who, d.id, Number(m[1]));
          }
        }
        batches.push({ documents: to - from, uploadS, jobS, markS: seconds(marking), whileReading });
        log(
          `imported ${to}/${opts.documents} at ${Math.round((performance.now() - importStarted) / 1000)} s` +
            ` (upload ${uploadS} s, job ${jobS} s, mark ${seconds(marking)} s)`,
        );
      }
      importSeconds = (performance.now() - importStarted) / 1000;
    })().finally(() => (importDone = true));

    // The cadres: search, and open one of the hits (its detail and text) every other time.
    const searchMs: number[] = [];
    const readMs: number[] = [];
    const leaks: string[] = [];
    let hitsChecked = 0;
    let grantedHits = 0;
    let reads = 0;
    const until = performance.now() + opts.seconds * 1000;
    const going = (): boolean => performance.now() < until || !importDone;
    const user = async (u: number): Promise<void> => {
      const who = server.cadre(u);
      for (let n = 0; going(); n++) {
        const query = QUERIES[(u + n) % QUERIES.length]!;
        const t0 = performance.now();
        const res = (await call(who, 'search', { query, limit: 20 })) as { hits: { id: number }[] } | null;
        searchMs.push(performance.now() - t0);
        if (office)
          for (const h of res?.hits ?? []) {
            const i = indexOf.get(h.id);
            // Not yet listed by the archivist (just filed): still công khai, nothing to check.
            if (i === undefined) continue;
            hitsChecked++;
            if (!mayRead(u, i)) {
              if (restrictedAt.get(i)! < t0) leaks.push(`canbo${u} saw document ${i}`);
            } else if (restrictedAt.has(i)) grantedHits++;
          }
        const hit = res?.hits[(u + n) % Math.max(1, res.hits.length)];
        if (hit && n % 2 === 0) {
          // A hit restricted since the search (before its grant, if any) may be NOT_FOUND now; nothing else.
          const restrictedSince = (code: string): boolean => {
            const at = restrictedAt.get(indexOf.get(hit.id) ?? -1);
            return code === 'NOT_FOUND' && at !== undefined && at >= t0;
          };
          const t1 = performance.now();
          const doc = (await call(who, 'documentGet', { documentId: hit.id }, restrictedSince)) as {
            files: { id: number }[];
          } | null;
          // A hit may be moved on by the import meanwhile, never lost: a missing file would be an error above.
          if (doc?.files[0]) await call(who, 'filePages', { fileId: doc.files[0].id }, restrictedSince);
          if (doc) {
            reads++;
            readMs.push(performance.now() - t1);
          }
        }
      }
    };
    const readersStarted = performance.now();
    await Promise.all(Array.from({ length: opts.users }, (_, u) => user(u)));
    const readerSeconds = (performance.now() - readersStarted) / 1000;
    readersDone = true;
    const filedWhileReading = filed;
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
    const round = (x: number): number => Math.round(x * 10) / 10;
    const latency = (ms: readonly number[]): Latency => {
      const sorted = [...ms].sort((a, b) => a - b);
      return {
        p50: round(percentile(sorted, 50)),
        p95: round(percentile(sorted, 95)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted[sorted.length - 1] ?? 0),
      };
    };
    return {
      users: opts.users,
      seconds: opts.seconds,
      readerSeconds: round(readerSeconds),
      importEndedInSeconds: importSeconds <= opts.seconds,
      filedWhileReading,
      searches: searchMs.length,
      reads,
      errors,
      resentRequests: net.resent,
      searchMs: latency(searchMs),
      readMs: latency(readMs),
      importSeconds: round(importSeconds),
      batches,
      documentsInArchive: listed.total,
      auditImportRows: audit.length,
      checkOk,
      server: office ? 'serve' : 'web',
      ...(office ? { grants: { units, ...grants, hitsChecked, grantedHits, leaks } } : {}),
    };
  } finally {
    await stopServer?.();
    rmSync(dir, { recursive: true, force: true });
  }
}
