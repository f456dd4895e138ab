// What an export bundles: explicit ids, a tag (with its sub-tags), the results of a search, or the
// whole archive, resolved to document ids with the catalogue heading and the manifest's selection.
// One place for the CLI (`vankho export`) and the app (exportStart), so both make the same bundle.
import { appError } from '../contract/errors.js';
import type { SearchFilters } from '../contract/search-types.js';
import type { Db } from './archive/archive.js';
import { allDocumentIds } from './archive/documents-repo.js';
import { documentIdsForTag } from './archive/tags-repo.js';
import { VanKhoError } from './errors/vankho-error.js';
import type { ExportSelection } from './export/export-bundle.js';
import type { SearchService } from './search/search-service.js';
import { READ_ALL, readableOnly, secretDocumentIds, withoutLevel, type ReadScope } from './archive/access.js';
import type { BundleRecordInput } from './export/export-bundle.js';
import { bundleRecordsOf } from './records/record-bundle.js';
import { getRecord, recordDocuments } from './records/records-store.js';

export type ExportSelectionRequest =
  | { kind: 'ids'; documentIds: readonly number[] }
  | { kind: 'tag'; name: string; subtags?: boolean }
  | { kind: 'query'; query: string; filters?: SearchFilters }
  | { kind: 'all' }
  /** Hồ sơ by mã (nộp lưu): their documents, and the hồ sơ themselves in the bundle. */
  | { kind: 'records'; codes: readonly string[] };

export interface ResolvedExportSelection {
  ids: number[];
  /** Mật documents of the selection left out because the export did not ask for them. */
  secretLeftOut: number;
  /** Heading of the printable catalogue (Vietnamese, as the catalogue is). */
  title: string;
  selection: ExportSelection;
  /** The hồ sơ of a 'records' selection, as the bundle writer takes them. */
  records?: BundleRecordInput[];
}

const notFound = (what: string): VanKhoError => new VanKhoError(appError('NOT_FOUND', what));

/**
 * Every result of a search, oldest first (pages of 200, as the engine allows): never the partly
 * matching documents listed after the results.
 */
export function searchResultIds(
  search: SearchService,
  query: string,
  filters?: SearchFilters,
  scope: ReadScope = READ_ALL,
): number[] {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 200) {
    const r = search.search(
      {
        query,
        ...(filters ? { filters } : {}),
        sort: 'date-asc',
        limit: 200,
        offset,
        facets: false,
        snippets: false,
      },
      scope,
    );
    for (const h of r.hits) if (!h.partial) ids.push(h.id);
    if (r.hits.length === 0 || offset + r.hits.length >= r.total) break;
  }
  return ids;
}

/**
 * Resolves a selection; an unknown id or tag, or a selection with no document, is NOT_FOUND (a
 * typo must not silently give a smaller or empty bundle). `search` is needed for 'query' only.
 */
export interface ExportAccess {
  /** Who exports: what it may not read is never in the bundle (an id of it is NOT_FOUND). */
  scope?: ReadScope;
  /** Mật documents go only when asked for ("Gồm cả văn bản mật", `--include-secret`). */
  includeSecret?: boolean;
}

export function resolveExportSelection(
  db: Db,
  search: SearchService | null,
  req: ExportSelectionRequest,
  access: ExportAccess = {},
): ResolvedExportSelection {
  const scope = access.scope ?? READ_ALL;
  let out: Omit<ResolvedExportSelection, 'secretLeftOut'>;
  if (req.kind === 'ids') {
    const known = new Set(readableOnly(db, scope, allDocumentIds(db), (id) => id));
    const unknown = req.documentIds.filter((id) => !known.has(id));
    if (unknown.length > 0) throw notFound(unknown.map((id) => `document #${id}`).join(', '));
    const ids = [...new Set(req.documentIds)];
    out = {
      ids,
      title: `Văn bản số ${ids.join(', ')}`.slice(0, 200),
      selection: { kind: 'ids', value: ids.join(',') },
    };
  } else if (req.kind === 'tag') {
    const name = req.name.normalize('NFC');
    const tagged = documentIdsForTag(db, name, req.subtags !== false);
    if (tagged === null) throw notFound(`tag "${name}"`);
    const ids = readableOnly(db, scope, tagged, (id) => id);
    out = { ids, title: `Thẻ: ${name}`, selection: { kind: 'tag', value: name } };
  } else if (req.kind === 'query') {
    if (!search) throw new Error('resolveExportSelection: a query needs the search engine');
    const query = req.query.normalize('NFC');
    out = {
      ids: searchResultIds(search, query, req.filters, scope),
      title: `Kết quả tìm kiếm: ${query}`.slice(0, 200),
      selection: { kind: 'query', value: query },
    };
  } else if (req.kind === 'records') {
    // Each code once (as stored), in the order given; a mật hồ sơ needs includeSecret like a document.
    const codes: string[] = [];
    for (const c of req.codes) {
      const rec = getRecord(db, c, scope);
      if (rec.access === 'mat' && !access.includeSecret)
        throw notFound(
          `hồ sơ ${rec.code} là hồ sơ mật: chọn “gồm cả văn bản mật” để xuất / ` +
            `file ${rec.code} is confidential (mật): include confidential material to export it`,
        );
      if (!codes.includes(rec.code)) codes.push(rec.code);
    }
    if (codes.length === 0) throw notFound('no hồ sơ to export');
    const ids = [...new Set(codes.flatMap((c) => recordDocuments(db, c, scope).map((d) => d.documentId)))];
    const exportScope = access.includeSecret ? scope : withoutLevel(scope, 'mat');
    out = {
      ids,
      title: `Hồ sơ ${codes.join(', ')}`.slice(0, 200),
      selection: { kind: 'records', value: codes.join(' ') },
      records: bundleRecordsOf(db, codes, exportScope),
    };
  } else {
    out = {
      ids: readableOnly(db, scope, allDocumentIds(db), (id) => id),
      title: 'Toàn bộ kho văn bản',
      selection: { kind: 'all', value: null },
    };
  }
  let secretLeftOut = 0;
  if (!access.includeSecret) {
    const secret = new Set(secretDocumentIds(db));
    const before = out.ids.length;
    out = { ...out, ids: out.ids.filter((id) => !secret.has(id)) };
    secretLeftOut = before - out.ids.length;
  }
  if (out.ids.length === 0)
    throw notFound(
      secretLeftOut > 0 ? 'only mật documents: include them to export' : 'no documents to export',
    );
  return { ...out, secretLeftOut };
}
