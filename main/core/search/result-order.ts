// The order of a search's results: by score (relevance) or by date, and the head of a long result
// cut at the k-th best score so only the places shown are sorted.

import type { SearchRequest } from '../../contract/search-types.js';
import type { AttributeColumns } from './doc-attributes.js';

export type SortOrder = NonNullable<SearchRequest['sort']>;
type Compare = (a: number, b: number) => number;

/** Best score first; the newer document first on a tie. */
export function byScore(score: Float64Array): Compare {
  return (a, b) => score[b]! - score[a]! || b - a;
}

/** By date in the sort's direction; undated documents last in both (a date sort is for finding by date). */
export function byDate(sort: SortOrder, cols: AttributeColumns, score: Float64Array): Compare {
  return (a, b) => {
    const da = cols.dateOf(a);
    const db = cols.dateOf(b);
    if ((da === null) !== (db === null)) return da === null ? 1 : -1;
    const byDay =
      sort === 'date-asc' ? (da ?? '').localeCompare(db ?? '') : (db ?? '').localeCompare(da ?? '');
    return byDay || score[b]! - score[a]! || (sort === 'date-asc' ? a - b : b - a);
  };
}

/** The ids scoring at least the k-th best score among them (ties at the cut included), in their order. */
export function headByScore(ids: readonly number[], score: Float64Array, k: number): number[] {
  const values = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) values[i] = score[ids[i]!]!;
  const threshold = kthLargest(values, k);
  const top: number[] = [];
  for (let i = 0; i < ids.length; i++) if (score[ids[i]!]! >= threshold) top.push(ids[i]!);
  return top;
}

/** The k-th largest value (quickselect; reorders `a`). */
function kthLargest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  const target = k - 1; // index in descending order
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target]!;
}
