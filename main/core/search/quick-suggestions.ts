// "Gợi ý nhanh": instant-find suggestions for what has been typed so far. The documents the words
// name as full search reads them ("quyết định 08/2022/QĐ-TTg", "chương trình 04", "nghị định 2021")
// come first: those bearing the number, then those of the type and year; the identity-field matches
// of the instant index follow.

import type { InstantHit } from '../../contract/search-types.js';
import type { AccessLevel } from '../../contract/request-context.js';
import { SEARCH_PAGE_MAX as MAX_LIMIT } from '../../contract/api/search-api.js';
import { READ_ALL, type ReadScope } from '../archive/access.js';
import type { DocAttributeCache } from './doc-attributes.js';
import type { InstantIndex } from './instant-index.js';
import { NUMBER_BOOST, type IntentBoosts } from './intent-boost.js';
import { queryIntent } from './query-intent.js';
import { parseQuery } from './query-parser.js';

export interface QuickSuggestionDeps {
  attrs: DocAttributeCache;
  boosts: IntentBoosts;
  /** The instant index, caught up with the archive. */
  instant(): InstantIndex;
  /** The test of what `scope` may read; null when it reads everything. */
  readable(scope: ReadScope): ((id: number, level: AccessLevel) => boolean) | null;
}

export type QuickSuggestions = (prefix: string, limit?: number, scope?: ReadScope) => InstantHit[];

export function createQuickSuggestions(deps: QuickSuggestionDeps): QuickSuggestions {
  const { attrs, boosts } = deps;
  return function find(prefix: string, limit = 10, scope: ReadScope = READ_ALL): InstantHit[] {
    const instant = deps.instant();
    const n = Math.min(MAX_LIMIT, Math.max(1, limit));
    const readable = deps.readable(scope);
    const parsed = parseQuery(prefix);
    const boostOf = new Map<number, number>();
    boosts.namedByQuery(
      parsed,
      queryIntent(parsed),
      (id, boost) => boostOf.set(id, Math.max(boostOf.get(id) ?? 0, boost)),
      false,
    );
    const namedIds = [...boostOf.entries()]
      .sort((a, b) => b[1] - a[1] || b[0] - a[0])
      .map(([id]) => id)
      .filter((id) => {
        if (!readable) return true;
        const d = attrs.get(id);
        return d !== undefined && readable(d.id, d.access);
      })
      .slice(0, n);
    // Ask for more than shown when some may be left out (unreadable, or already named).
    const rest = n - namedIds.length;
    const found =
      rest === 0
        ? []
        : instant
            .find(prefix, readable ? MAX_LIMIT : Math.min(MAX_LIMIT, n + namedIds.length))
            .filter((h) => {
              if (boostOf.has(h.id)) return false;
              if (!readable) return true;
              const d = attrs.get(h.id);
              return d !== undefined && readable(d.id, d.access);
            });
    // A number names the document by its số ký hiệu; a type and year by its name (type + trích yếu).
    const named = namedIds.map((id) => [id, boostOf.get(id) === NUMBER_BOOST ? 'number' : 'title'] as const);
    return [...instant.hitsOf(named), ...found].slice(0, n);
  };
}
