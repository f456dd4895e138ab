// Search requests: ranked search, instant find by number/title, facets, and rebuilding the indexes.
import type { HandlersOf } from '../../contract/api.js';
import type { SEARCH_API } from '../../contract/api/search-api.js';
import type { RequestContext } from '../../contract/request-context.js';
import { join } from 'node:path';
import { DB_FILE_NAME } from '../archive/archive.js';
import { convertPageSize } from '../archive/database.js';
import { damagedError } from '../archive/integrity.js';
import { scopeOf } from '../archive/access.js';
import { startRecordedJob } from './recorded-job-runner.js';
import type { AppSession } from './session.js';

export function searchHandlers(s: AppSession): HandlersOf<typeof SEARCH_API> {
  return {
    search: (req, ctx) => s.vankho.search.search(req, scopeOf(ctx.actor)),
    instantFind: ({ prefix, limit }, ctx) => s.vankho.search.find(prefix, limit, scopeOf(ctx.actor)),
    facets: ({ filters }, ctx) =>
      s.vankho.search.search(
        {
          query: '',
          ...(filters ? { filters } : {}),
          limit: 1,
          facets: true,
          snippets: false,
        },
        scopeOf(ctx.actor),
      ).facets,
    searchReindex: (_input, ctx) => ({ jobId: startReindex(s, ctx) }),
  };
}

/**
 * Rebuilds the search indexes as a recorded job (a resume simply rebuilds again: it is derived data).
 * Damaged SQLite indexes are rebuilt from their tables first, before the job (so it can be recorded);
 * damaged data is refused (ARCHIVE_CORRUPT: restore or recover).
 */
export function startReindex(s: AppSession, ctx: RequestContext, resumes?: string): string {
  const integrity = s.vankho.archive.repairIndexes();
  if (integrity && !integrity.ok) throw damagedError(integrity);
  return startRecordedJob(
    s.jobs,
    s.vankho,
    { kind: 'reindex', params: {}, ctx, ...(resumes ? { resumes } : {}) },
    async (job, vankho) => {
      await vankho.search.reindex({
        signal: job.signal,
        onProgress: (p) => job.progress({ done: p.done, total: p.total, phase: p.phase }),
      });
      // Maintenance the user asked for: the place an archive too large to convert on open gets 16 KB pages.
      convertPageSize(vankho.archive.db, join(vankho.archive.dir, DB_FILE_NAME));
      return { result: null };
    },
  );
}
