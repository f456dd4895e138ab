// The one place where the CLI's user-facing options become contract requests. The CLI keeps its own
// flags (a --limit beyond one contract page, say); what the contract bounds per request is met here,
// by paging with offset, so the commands stay thin and every answer still comes from the handlers.
import type { ApiInput } from '../contract/api.js';
import { AUDIT_PAGE_MAX } from '../contract/api/audit-api.js';
import { DOCUMENT_LIST_PAGE_MAX } from '../contract/api/documents-api.js';
import { INSTANT_FIND_MAX, SEARCH_PAGE_MAX } from '../contract/api/search-api.js';
import { parseUserDate } from '../contract/dates.js';
import type { AuditPageDto, DocumentListPage, MetadataField, RecordAccessLevel } from '../contract/dto.js';
import { FIELD_COLUMNS, parseMetadataField } from '../contract/field-names.js';
import { levelChoices, parseAccessLevel } from '../contract/glossary.js';
import { readRetention } from '../contract/retention-text.js';
import type { InstantHit, SearchRequest, SearchResponse } from '../contract/search-types.js';
import type { CliApp } from './cli-app.js';
import { usageError } from './cli-context.js';

/**
 * A search of `req.limit` hits from `req.offset`, asked page by page when it is more than the
 * contract returns at once. Counts, facets and the parsed query are the first page's (they describe
 * the whole result, not a page); the time is the sum of the pages'.
 */
export async function searchPaged(app: Pick<CliApp, 'call'>, req: SearchRequest): Promise<SearchResponse> {
  const wanted = req.limit ?? 10;
  const start = req.offset ?? 0;
  const page = (offset: number, limit: number): Promise<SearchResponse> =>
    app.call('search', { ...req, offset, limit });
  const first = await page(start, Math.min(wanted, SEARCH_PAGE_MAX));
  const hits = [...first.hits];
  let tookMs = first.tookMs;
  let last = first.hits.length;
  // A short page means the result has ended; later pages need no facets (only the first's are used).
  while (hits.length < wanted && last === SEARCH_PAGE_MAX) {
    const next = await app.call('search', {
      ...req,
      offset: start + hits.length,
      limit: Math.min(wanted - hits.length, SEARCH_PAGE_MAX),
      facets: false,
    });
    hits.push(...next.hits);
    tookMs += next.tookMs;
    last = next.hits.length;
  }
  return { ...first, limit: wanted, hits, tookMs };
}

/**
 * Instant-find suggestions. The contract has no offset for them (they are what a search box shows per
 * keystroke), so a --limit beyond its maximum gets that maximum; `search` lists more.
 */
export function instantFind(app: Pick<CliApp, 'call'>, prefix: string, limit: number): Promise<InstantHit[]> {
  return app.call('instantFind', { prefix, limit: Math.min(limit, INSTANT_FIND_MAX) });
}

/** Up to `limit` access-log rows, newest first, page by page beyond what one request returns. */
export async function auditPaged(
  app: Pick<CliApp, 'call'>,
  filter: Omit<ApiInput<'auditList'>, 'limit' | 'offset'>,
  limit: number,
): Promise<AuditPageDto> {
  const first = await app.call('auditList', { ...filter, limit: Math.min(limit, AUDIT_PAGE_MAX), offset: 0 });
  const items = [...first.items];
  let last = first.items.length;
  while (items.length < limit && last === AUDIT_PAGE_MAX) {
    const next = await app.call('auditList', {
      ...filter,
      limit: Math.min(limit - items.length, AUDIT_PAGE_MAX),
      offset: items.length,
    });
    items.push(...next.items);
    last = next.items.length;
  }
  return { total: first.total, offset: 0, items };
}

/** Up to `limit` documents from `offset`, page by page beyond what one documentsList request returns. */
export async function documentsPaged(
  app: Pick<CliApp, 'call'>,
  req: Omit<ApiInput<'documentsList'>, 'limit' | 'offset'>,
  limit: number,
  offset: number,
): Promise<DocumentListPage> {
  const page = (at: number, n: number): Promise<DocumentListPage> =>
    app.call('documentsList', { ...req, offset: at, limit: Math.min(n, DOCUMENT_LIST_PAGE_MAX) });
  const first = await page(offset, limit);
  const items = [...first.items];
  let last = first.items.length;
  while (items.length < limit && last === DOCUMENT_LIST_PAGE_MAX) {
    const next = await page(offset + items.length, limit - items.length);
    items.push(...next.items);
    last = next.items.length;
  }
  return { total: first.total, offset, limit, items };
}

/** A field as the CLI takes it: its contract name (docType) or its snake_case name (doc_type). */
export function cliField(name: string): MetadataField {
  const f = parseMetadataField(name.trim());
  if (!f) throw usageError(`unknown field "${name}" (known: ${Object.values(FIELD_COLUMNS).join(', ')})`);
  return f;
}

/**
 * `set`'s field=value words as a documentUpdate patch: fields by either name (cliField), '' clears,
 * a date as people write it (d/m/yyyy, mm/yyyy, yyyy, ISO) becomes the ISO the contract takes. The
 * values are otherwise sent as typed: the core checks them (levels by code or words, lengths).
 */
export function metadataPatch(assignments: readonly string[]): ApiInput<'documentUpdate'>['fields'] {
  const patch: Partial<Record<MetadataField, string | null>> = {};
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw usageError(`expected field=value, got "${a}"`);
    const field = cliField(a.slice(0, eq));
    const value = a.slice(eq + 1).trim();
    if (value === '') patch[field] = null;
    else if (field === 'issuedDate') {
      const iso = parseUserDate(value);
      if (!iso)
        throw usageError(
          `ngày không hợp lệ / invalid date (dd/mm/yyyy, mm/yyyy, yyyy or yyyy-mm-dd): ${value}`,
        );
      patch[field] = iso;
    } else patch[field] = value;
  }
  if (Object.keys(patch).length === 0) throw usageError('no field given');
  return patch as ApiInput<'documentUpdate'>['fields'];
}

/** Thời hạn bảo quản as typed ("10", "10 năm", "vĩnh viễn", "permanent"). */
export function cliRetention(value: string): number | 'permanent' {
  const r = readRetention(value);
  if (r === null)
    throw usageError(`thời hạn bảo quản: số năm hoặc vĩnh viễn / retention: years or permanent: ${value}`);
  return r;
}

/** Mức độ tiếp cận as typed (cong-khai, "hạn chế", mat…), by the glossary's one parser. */
export function cliAccessLevel(value: string): RecordAccessLevel {
  const level = parseAccessLevel(value);
  if (level === null) throw usageError(`${levelChoices('access')}: ${value}`);
  return level;
}
