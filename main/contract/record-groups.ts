// How hồ sơ group in the danh mục hồ sơ (Nghị định 30/2020 Phụ lục V): by year, then by đề mục. One
// grouping for the printed danh mục (core/records/record-lists.ts) and the Hồ sơ screen's tree, so the
// two never disagree. Pure code: no node:, no DOM.

export interface HeadingGroup<R> {
  /** The đề mục as stored; '' for hồ sơ not filed under one. */
  heading: string;
  records: R[];
}

export interface YearGroup<R> {
  year: number;
  headings: HeadingGroup<R>[];
  /** Hồ sơ in the year (all its headings). */
  count: number;
}

/**
 * Groups hồ sơ given in the danh mục order (year, đề mục, ký hiệu: what listRecords returns) into years
 * and, inside each, runs of the same đề mục. The order given is kept, so a heading that recurs after
 * another starts a new group, as it would in the printed list.
 */
export function groupByYearAndHeading<R extends { year: number; heading: string }>(
  records: readonly R[],
): YearGroup<R>[] {
  const years: YearGroup<R>[] = [];
  for (const r of records) {
    let y = years[years.length - 1];
    if (!y || y.year !== r.year) {
      y = { year: r.year, headings: [], count: 0 };
      years.push(y);
    }
    let h = y.headings[y.headings.length - 1];
    if (!h || h.heading !== r.heading) {
      h = { heading: r.heading, records: [] };
      y.headings.push(h);
    }
    h.records.push(r);
    y.count++;
  }
  return years;
}
