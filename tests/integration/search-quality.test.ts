// Search quality on the real search-dev set (tests/fixtures/shared/search-dev): 2,593 law
// articles imported into a real archive, 700 judged queries through the CLI's search request.
// Fails below the bars of search-dev/README.md.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVanKho, type VanKho } from '../../main/core/open-vankho.js';
import {
  SEARCH_DEV_BARS,
  evaluate,
  formatMetrics,
  importSearchDev,
  loadSearchDev,
  vankhoRanker,
  type DevQuery,
  type KindMetrics,
} from '../bench/search-dev-eval.js';
import { testdata } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

describe('search quality on search-dev', () => {
  let tmp: TempDir;
  let vk: VanKho;
  let metrics: KindMetrics[];
  let queries: DevQuery[];

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-search-dev-');
    const set = loadSearchDev(testdata('search-dev'));
    queries = set.queries;
    vk = openVanKho(tmp.dir, { create: true });
    importSearchDev(vk.archive, set.docs);
    metrics = evaluate(queries, vankhoRanker(vk.search));
    console.log(formatMetrics('vankho', metrics).join('\n'));
  }, 240_000);

  afterAll(async () => {
    vk?.close();
    await tmp?.cleanup();
  });

  it('ran every judged query of every kind', () => {
    expect(metrics.reduce((n, m) => n + m.queries, 0)).toBe(700);
    expect(new Set(metrics.map((m) => m.kind))).toEqual(new Set(Object.keys(SEARCH_DEV_BARS)));
  });

  for (const kind of Object.keys(SEARCH_DEV_BARS) as DevQuery['kind'][]) {
    it(`${kind}: recall@10 and MRR@10 reach the bars`, () => {
      const m = metrics.find((x) => x.kind === kind)!;
      const bar = SEARCH_DEV_BARS[kind];
      expect(m.recall10).toBeGreaterThanOrEqual(bar.recall10);
      expect(m.mrr10).toBeGreaterThanOrEqual(bar.mrr10);
    });
  }

  it('puts a bare law number plus article first', () => {
    const q = queries.find((x) => x.kind === 'known-item-number')!;
    const top = vk.search.search({ query: q.query, limit: 1 });
    expect(top.hits[0]?.uid).toBe(q.relevant[0]);
  });
});
