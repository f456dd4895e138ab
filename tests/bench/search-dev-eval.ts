// The search-dev quality set (tests/fixtures/shared/search-dev): loads the 2,593 law articles into a real
// archive, runs the 700 judged queries through the same request the CLI `search` command sends, and
// computes recall@10, MRR@10 and nDCG@10 per query kind. Used by the quality test and `npm run bench`.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSearchRequest } from '../../main/cli/commands/search.js';
import type { Archive } from '../../main/core/archive/archive.js';
import type { SearchService } from '../../main/core/search/search-service.js';
import { docNumberKey } from '../../main/core/text/doc-number.js';
import { prepareExtractedText } from '../../main/core/text/prepare-text.js';
import { insertPageTexts } from '../../main/core/archive/pages-repo.js';

export interface DevDoc {
  id: string;
  title: string;
  number: string;
  type: string;
  issuer: string;
  date: string;
  text: string;
}

export interface DevQuery {
  qid: string;
  query: string;
  relevant: string[];
  kind: 'original' | 'no-diacritics' | 'known-item-number';
}

export interface KindMetrics {
  kind: string;
  queries: number;
  recall10: number;
  mrr10: number;
  ndcg10: number;
}

/** The bars of search-dev/README.md. */
export const SEARCH_DEV_BARS: Record<DevQuery['kind'], { recall10: number; mrr10: number }> = {
  original: { recall10: 0.95, mrr10: 0.85 },
  'no-diacritics': { recall10: 0.95, mrr10: 0.85 },
  'known-item-number': { recall10: 1.0, mrr10: 0.95 },
};

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function loadSearchDev(dir: string): { docs: DevDoc[]; queries: DevQuery[] } {
  return {
    docs: readJsonl<DevDoc>(join(dir, 'corpus.jsonl')),
    queries: readJsonl<DevQuery>(join(dir, 'queries.jsonl')),
  };
}

/**
 * Inserts the corpus as documents with one text file and one page each, the way import stores them
 * (text through prepareExtractedText, number key from the text engine). Blobs are not written: search
 * reads only the database.
 */
export function importSearchDev(archive: Archive, docs: readonly DevDoc[], batch = 500): void {
  const now = new Date().toISOString();
  for (let i = 0; i < docs.length; i += batch) {
    archive.write((db) => {
      const insDoc = db.prepare(
        `INSERT INTO documents (uid, title, number, number_key, doc_type, system, issuer, issued_date, text_status, page_count, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'state', ?, ?, 'ok', 1, ?, ?)`,
      );
      const insFile = db.prepare(
        `INSERT INTO files (document_id, sha256, size, media_type, original_name, role, position, imported_at)
         VALUES (?, ?, ?, 'text/plain', ?, 'main', 0, ?)`,
      );
      for (const d of docs.slice(i, i + batch)) {
        const text = prepareExtractedText(d.text).text;
        const title = prepareExtractedText(d.title).text;
        const key = d.number ? docNumberKey(d.number) : null;
        const docId = insDoc.run(
          d.id,
          title,
          d.number || null,
          key || null,
          d.type,
          d.issuer,
          d.date,
          now,
          now,
        ).lastInsertRowid as number;
        const sha = createHash('sha256').update(d.id).update(d.text).digest('hex');
        const fileId = insFile.run(docId, sha, Buffer.byteLength(d.text), `${d.id}.txt`, now)
          .lastInsertRowid as number;
        insertPageTexts(db, fileId, [text]);
      }
    });
  }
}

/** Ranked result uids for one query (top `k`), through the CLI's request. */
export type Ranker = (query: string, k: number) => string[];

export function vankhoRanker(search: SearchService): Ranker {
  return (query, k) =>
    search.search({ ...cliSearchRequest(query, k), snippets: false, facets: false }).hits.map((h) => h.uid);
}

export function evaluate(queries: readonly DevQuery[], rank: Ranker, k = 10): KindMetrics[] {
  const acc = new Map<string, { n: number; r: number; m: number; g: number }>();
  for (const q of queries) {
    const top = rank(q.query, k).slice(0, k);
    const rel = new Set(q.relevant);
    let found = 0;
    let rr = 0;
    let dcg = 0;
    top.forEach((id, i) => {
      if (!rel.has(id)) return;
      found++;
      if (rr === 0) rr = 1 / (i + 1);
      dcg += 1 / Math.log2(i + 2);
    });
    let idcg = 0;
    for (let i = 0; i < Math.min(k, rel.size); i++) idcg += 1 / Math.log2(i + 2);
    const a = acc.get(q.kind) ?? { n: 0, r: 0, m: 0, g: 0 };
    a.n++;
    a.r += rel.size ? found / rel.size : 0;
    a.m += rr;
    a.g += idcg ? dcg / idcg : 0;
    acc.set(q.kind, a);
  }
  return [...acc.entries()].map(([kind, a]) => ({
    kind,
    queries: a.n,
    recall10: a.r / a.n,
    mrr10: a.m / a.n,
    ndcg10: a.g / a.n,
  }));
}

export function formatMetrics(label: string, rows: readonly KindMetrics[]): string[] {
  return rows.map(
    (r) =>
      `${label.padEnd(12)} ${r.kind.padEnd(18)} n=${String(r.queries).padStart(3)}  recall@10 ${r.recall10.toFixed(3)}  MRR@10 ${r.mrr10.toFixed(3)}  nDCG@10 ${r.ndcg10.toFixed(3)}`,
  );
}

/** Per-query misses (for tuning): qids whose relevant document is not in the top k. */
export function misses(
  queries: readonly DevQuery[],
  rank: Ranker,
  k = 10,
): { qid: string; kind: string; rank: number }[] {
  const out: { qid: string; kind: string; rank: number }[] = [];
  for (const q of queries) {
    const top = rank(q.query, 50);
    const pos = top.findIndex((id) => q.relevant.includes(id));
    if (pos < 0 || pos >= k) out.push({ qid: q.qid, kind: q.kind, rank: pos });
  }
  return out;
}
