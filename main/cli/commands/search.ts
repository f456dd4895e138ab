// `vankho search "…" [--limit N] [--offset N] [--sort relevance|date-desc|date-asc] [--access a,b]
// [--validity a,b] [--record mã,…] [--retention permanent,10,none] [--stdin]`: full-text search in the
// VanKho query language, optionally narrowed as the app's facets narrow it (mức độ tiếp cận, hiệu lực,
// hồ sơ, thời hạn bảo quản). With --stdin it answers one query per input line (plain text, or JSON
// {"qid","query"} echoed back), in one process, for scripts and evaluation.

import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { RECORD_ACCESS_LEVELS, VALIDITY_STATUSES } from '../../contract/dto.js';
import type {
  SearchFilters,
  SearchHit,
  SearchRequest,
  SearchResponse,
  SearchSort,
  SnippetPart,
} from '../../contract/search-types.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine, usageError } from '../cli-context.js';
import { searchPaged } from '../contract-requests.js';
import { EXIT } from '../exit-codes.js';
import { formatDate } from '../../contract/dates.js';

/** The request the CLI sends for a query; the quality test uses exactly this. */
export function cliSearchRequest(
  query: string,
  limit: number,
  extra: Partial<SearchRequest> = {},
): SearchRequest {
  return { query, limit, ...extra };
}

function marked(parts: readonly SnippetPart[]): string {
  return parts.map((p) => (p.match ? `«${p.text}»` : p.text)).join('');
}

/** The JSON shape of one hit: document fields plus original file names. */
export function hitJson(h: SearchHit): Record<string, unknown> {
  return {
    id: h.id,
    uid: h.uid,
    number: h.number,
    title: h.title,
    docType: h.docType,
    issuer: h.issuer,
    issuedDate: h.issuedDate,
    signer: h.signer,
    tags: h.tags,
    access: h.access,
    validity: h.validity,
    fileNames: h.files.map((f) => f.name),
    score: Math.round(h.score * 1000) / 1000,
    ...(h.partial ? { partial: true } : {}),
    snippets: h.snippets.map((s) => ({ page: s.page, fileName: s.fileName, text: marked(s.parts) })),
  };
}

function printResponse(r: SearchResponse): void {
  const counts = r.strongCount < r.total ? `, ${r.strongCount} khớp mọi từ / matching every word` : '';
  const partly = r.partialCount > 0 ? `; ${r.partialCount} liên quan một phần / partly matching` : '';
  printLine(`${r.total} văn bản / documents${counts}${partly} (${r.tookMs} ms)`);
  r.hits.forEach((h, i) => {
    if (h.partial && (i === 0 || !r.hits[i - 1]!.partial))
      printLine('  — Liên quan một phần / Partly matching (không tính vào kết quả / not counted) —');
    const meta = [h.docType, h.issuer, formatDate(h.issuedDate)].filter(Boolean).join(' · ');
    printLine(
      `${String(r.offset + i + 1).padStart(3)}. [${h.id}] ${h.number ?? '—'}  ${marked(h.titleParts)}`,
    );
    if (meta) printLine(`     ${meta}`);
    if (h.files.length) printLine(`     ${h.files.map((f) => f.name).join(', ')}`);
    for (const s of h.snippets) printLine(`     tr. ${s.page}: ${marked(s.parts)}`);
  });
}

const SORTS: SearchSort[] = ['relevance', 'date-desc', 'date-asc'];

/** A comma-separated option as a list of known values (usage error on another). */
function listOption<T extends string>(
  name: string,
  raw: string | undefined,
  known: readonly T[],
): T[] | undefined {
  if (raw === undefined) return undefined;
  const values = raw
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  for (const v of values)
    if (!(known as readonly string[]).includes(v))
      throw usageError(`${name} ${v} (one of ${known.join(', ')})`);
  if (values.length === 0) throw usageError(name);
  return values as T[];
}

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('tìm toàn văn / full-text search (so: loai: coquan: nam: tu: den: tag: "cụm từ" -từ OR)')
    .argument('[query...]', 'câu truy vấn / query')
    .option('--limit <n>', 'số kết quả / number of hits', '10')
    .option('--offset <n>', 'bỏ qua n kết quả đầu / skip n hits', '0')
    .option('--sort <order>', 'relevance | date-desc | date-asc', 'relevance')
    .option('--access <levels>', `mức độ tiếp cận / access levels: ${RECORD_ACCESS_LEVELS.join(',')}`)
    .option('--validity <statuses>', `tình trạng hiệu lực / validity: ${VALIDITY_STATUSES.join(',')}`)
    .option(
      '--record <codes>',
      'chỉ văn bản trong các hồ sơ này (mã, cách nhau bởi dấu phẩy) / in these hồ sơ',
    )
    .option(
      '--retention <periods>',
      'thời hạn bảo quản: permanent, số năm, none (chưa vào hồ sơ) / retention period: permanent, years, none',
    )
    .option(
      '--stdin',
      'mỗi dòng vào một truy vấn (văn bản hoặc JSON {"qid","query"}) / one query per input line',
    )
    .action(
      async (
        words: string[],
        o: {
          limit: string;
          offset: string;
          sort: string;
          access?: string;
          validity?: string;
          record?: string;
          retention?: string;
          stdin?: boolean;
        },
        cmd: Command,
      ) => {
        const limit = Number(o.limit);
        const offset = Number(o.offset);
        if (!Number.isInteger(limit) || limit < 1) throw usageError(`--limit ${o.limit}`);
        if (!Number.isInteger(offset) || offset < 0) throw usageError(`--offset ${o.offset}`);
        if (!SORTS.includes(o.sort as SearchSort)) throw usageError(`--sort ${o.sort}`);
        const query = words.join(' ');
        if (!o.stdin && !query.trim()) throw usageError('query');
        const json = isJson(cmd);
        const access = listOption('--access', o.access, RECORD_ACCESS_LEVELS);
        const validity = listOption('--validity', o.validity, VALIDITY_STATUSES);
        const records = o.record
          ?.split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');
        if (records && records.length === 0) throw usageError('--record');
        const retention = o.retention
          ?.split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');
        if (retention && !retention.every((r) => /^(?:permanent|none|[1-9]\d{0,2})$/.test(r)))
          throw usageError('--retention');
        const filters: SearchFilters = {
          ...(access ? { access } : {}),
          ...(validity ? { validity } : {}),
          ...(records ? { records } : {}),
          ...(retention?.length ? { retention } : {}),
        };
        const extra: Partial<SearchRequest> = {
          offset,
          sort: o.sort as SearchSort,
          ...(Object.keys(filters).length > 0 ? { filters } : {}),
        };
        // Read-only, always: searching answers beside the app or web mode and writes nothing.
        await withApp(
          cmd,
          async (app) => {
            if (!o.stdin) {
              const r = await searchPaged(app, cliSearchRequest(query, limit, extra));
              if (json)
                printJson({
                  ok: true,
                  total: r.total,
                  partialCount: r.partialCount,
                  strongCount: r.strongCount,
                  tookMs: r.tookMs,
                  query: r.query,
                  facets: r.facets,
                  hits: r.hits.map(hitJson),
                });
              else printResponse(r);
              return EXIT.OK;
            }
            const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
            for await (const line of rl) {
              if (!line.trim()) continue;
              let qid: unknown = null;
              let q = line;
              if (line.trimStart().startsWith('{')) {
                try {
                  const obj = JSON.parse(line) as { qid?: unknown; query?: unknown };
                  qid = obj.qid ?? null;
                  q = typeof obj.query === 'string' ? obj.query : '';
                } catch {
                  q = line;
                }
              }
              const r = await searchPaged(app, cliSearchRequest(q, limit, extra));
              if (json) {
                process.stdout.write(
                  `${JSON.stringify({ qid, query: q, total: r.total, partialCount: r.partialCount, tookMs: r.tookMs, hits: r.hits.map(hitJson) })}\n`,
                );
              } else {
                printLine(`# ${qid !== null ? `${String(qid)}\t` : ''}${q}`);
                printResponse(r);
              }
            }
            return EXIT.OK;
          },
          { readonly: true },
        );
      },
    );
}
