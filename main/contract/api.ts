// THE request map: every request the renderer may make, by method name, with the zod schema its
// input is validated with at the boundary and the type of its answer. Every answer is a Result<T>.
// The Electron IPC handlers, the preload bridge, the web server's routes and the renderer's client
// type are all derived from this one object. Each domain keeps its part in main/contract/api/;
// add methods there (additively), never elsewhere.
import type { z } from 'zod';
import { ARCHIVE_API } from './api/archive-api.js';
import { AUDIT_API } from './api/audit-api.js';
import { BACKUP_API } from './api/backup-api.js';
import { DOCUMENTS_API } from './api/documents-api.js';
import { EXPORT_API } from './api/export-api.js';
import { EXTRACT_API } from './api/extract-api.js';
import { IMPORT_API } from './api/import-api.js';
import { JOBS_API } from './api/jobs-api.js';
import { OCR_API } from './api/ocr-api.js';
import { RECORDS_API } from './api/records-api.js';
import { SEARCH_API } from './api/search-api.js';
import { TAGS_API } from './api/tags-api.js';
import { UNITS_API } from './api/units-api.js';
import { USERS_API } from './api/users-api.js';
import type { Returns } from './api/define.js';
import type { AppEventListener } from './events.js';
import type { Result } from './errors.js';
import type { RequestContext } from './request-context.js';
import type { FileUrlOptions } from './transport.js';

export { SearchFiltersSchema, SearchRequestSchema } from './api/search-api.js';
export { BulkChangeSchema, MetadataPatchSchema } from './api/documents-api.js';
export { EXPORT_KINDS, ExportSelectionSchema } from './api/export-api.js';
export type { Returns } from './api/define.js';

export const API = {
  ...ARCHIVE_API,
  ...SEARCH_API,
  ...DOCUMENTS_API,
  ...TAGS_API,
  ...IMPORT_API,
  ...EXPORT_API,
  ...BACKUP_API,
  ...EXTRACT_API,
  ...JOBS_API,
  ...OCR_API,
  ...RECORDS_API,
  ...AUDIT_API,
  ...USERS_API,
  ...UNITS_API,
} as const;

export type Api = typeof API;
export type ApiMethod = keyof Api;
export type ApiInput<M extends ApiMethod> = z.input<Api[M]['input']>;
/** The input after validation (defaults applied), as the host's handlers receive it. */
export type ApiParsedInput<M extends ApiMethod> = z.output<Api[M]['input']>;
export type ApiOutput<M extends ApiMethod> = Api[M]['output'] extends Returns<infer T> ? T : never;

export const API_METHODS = Object.keys(API) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(API, name);
}

/** Requests the renderer may make: one function per method, each answering a Result. */
export type ApiRequests = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<Result<ApiOutput<M>>> };

/**
 * The client the renderer uses, whatever the transport (Electron preload bridge or HTTP).
 * Built by renderer/src/api/ (HTTP) or exposed by preload/ (Electron) as `window.vankho`.
 */
export interface VanKhoApi extends ApiRequests {
  /** Subscribes to main → renderer events; returns the unsubscribe function. */
  onEvent(listener: AppEventListener): () => void;
  /** URL the renderer may load/fetch for the bytes of a stored original (by id only), or a page's preview. */
  fileUrl(fileId: number, opts?: FileUrlOptions): string;
  /** Web mode: URL of a finished export's file; desktop: null (the file is already saved). */
  exportUrl(jobId: string): string | null;
}

/** What the core implements: one handler per method, given validated input and the caller's context. */
export type ApiHandlers = {
  [M in ApiMethod]: (input: ApiParsedInput<M>, ctx: RequestContext) => Promise<ApiOutput<M>> | ApiOutput<M>;
};

/** The handlers of one domain's part of the map (e.g. `HandlersOf<typeof TAGS_API>`). */
export type HandlersOf<Part> = Pick<ApiHandlers, keyof Part & ApiMethod>;
