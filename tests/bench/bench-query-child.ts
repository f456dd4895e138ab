// One query-phase measurement in a fresh process (so "open a closed archive → first result" and the
// resident memory are those of a search process alone): opens VanKho or the plain-FTS5 baseline,
// answers the query mix, prints one JSON line with the latencies.
// Usage: run-ts.mjs tests/bench/bench-query-child.ts <spec.json>

import { readFileSync } from 'node:fs';
import { openVanKho } from '../../main/core/open-vankho.js';
import { makeBaselineSearch, openBaseline } from './baseline-fts.js';
import type { QueryMix } from './bench-queries.js';

export interface ChildSpec {
  engine: 'vankho' | 'baseline';
  /** Archive folder (vankho) or database file (baseline). */
  path: string;
  mix: QueryMix;
}

export interface ChildResult {
  engine: string;
  openToFirstMs: number;
  shortMs: number[];
  longMs: number[];
  keystrokeMs: number[];
  /** Keystrokes of a type name going on with a number or a year (VanKho only). */
  intentKeystrokeMs: number[];
  numberTop3: number;
  rssMb: number;
  /** Terms held by the in-memory store of common terms (VanKho only). */
  storeTerms?: number;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function main(): void {
  const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ChildSpec;
  const { mix } = spec;
  const result: ChildResult = {
    engine: spec.engine,
    openToFirstMs: 0,
    shortMs: [],
    longMs: [],
    keystrokeMs: [],
    intentKeystrokeMs: [],
    numberTop3: 0,
    rssMb: 0,
  };
  const first = mix.short[0]!;
  if (spec.engine === 'vankho') {
    const t0 = performance.now();
    const vk = openVanKho(spec.path, { create: false });
    vk.search.search({ query: first, limit: 20 });
    result.openToFirstMs = performance.now() - t0;
    // Warm-up outside the measurement (statement preparation, first page reads).
    for (const q of mix.short.slice(0, 10)) vk.search.search({ query: q, limit: 20 });
    for (const q of mix.short) result.shortMs.push(time(() => vk.search.search({ query: q, limit: 20 })));
    for (const q of mix.long) result.longMs.push(time(() => vk.search.search({ query: q, limit: 20 })));
    vk.search.find('a', 10); // loads (or builds) the instant index before timing keystrokes
    for (const seq of mix.keystrokes)
      for (const p of seq) result.keystrokeMs.push(time(() => vk.search.find(p, 10)));
    for (const seq of mix.intentKeystrokes)
      for (const p of seq) result.intentKeystrokeMs.push(time(() => vk.search.find(p, 10)));
    let top3 = 0;
    for (const n of mix.numbers) {
      const hits = vk.search.search({ query: n.query, limit: 3, snippets: false }).hits;
      if (hits.some((h) => h.uid === n.uid)) top3++;
    }
    result.numberTop3 = mix.numbers.length ? top3 / mix.numbers.length : 0;
    result.rssMb = process.memoryUsage().rss / 1048576;
    result.storeTerms = vk.search.impacts.ready() ? vk.search.impacts.size() : 0;
    vk.close();
  } else {
    const t0 = performance.now();
    const db = openBaseline(spec.path);
    const search = makeBaselineSearch(db, true);
    search(first, 20);
    result.openToFirstMs = performance.now() - t0;
    for (const q of mix.short.slice(0, 10)) search(q, 20);
    for (const q of mix.short) result.shortMs.push(time(() => search(q, 20)));
    for (const q of mix.long) result.longMs.push(time(() => search(q, 20)));
    let top3 = 0;
    for (const n of mix.numbers) if (search(n.query, 3).includes(n.uid)) top3++;
    result.numberTop3 = mix.numbers.length ? top3 / mix.numbers.length : 0;
    result.rssMb = process.memoryUsage().rss / 1048576;
    db.close();
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
