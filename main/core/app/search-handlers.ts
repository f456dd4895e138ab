// Search requests: ranked search, instant find by number/title, facets, and rebuilding the indexes.
import type { HandlersOf } from '../../contract/api.js';
import type { SEARCH_API } from '../../contract/api/search-api.js';
import type { AppSession } from './session.js';

export function searchHandlers(s: AppSession): HandlersOf<typeof SEARCH_API> {
  return {
    search: (req) => s.vankho.search.search(req),
    instantFind: ({ prefix, limit }) => s.vankho.search.find(prefix, limit),
    facets: ({ filters }) =>
      s.vankho.search.search({
        query: '',
        ...(filters ? { filters } : {}),
        limit: 1,
        facets: true,
        snippets: false,
      }).facets,
    searchReindex: () => {
      const vankho = s.vankho;
      const jobId = s.jobs.start('reindex', async (ctx) => {
        await vankho.search.reindex({
          signal: ctx.signal,
          onProgress: (p: { done: number; total: number }) => ctx.progress({ done: p.done, total: p.total }),
        });
        return { result: null };
      });
      return { jobId };
    },
  };
}
