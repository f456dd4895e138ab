// Hồ sơ and registers (issue 12) at the contract: records files and their documents, the printable
// mục lục văn bản, and the sổ đăng ký văn bản đến / đi. The rules (codes, states, numbering) live in
// core/records; this only maps them onto the request map. Reads work on a read-only archive.
import type { HandlersOf } from '../../contract/api.js';
import type { RECORDS_API } from '../../contract/api/records-api.js';
import type { RecordDocumentDto, RecordDto, RegisterEntryDto } from '../../contract/dto.js';
import { contentsRows, contentsTable, recordListTable, registerTable } from '../records/record-lists.js';
import { printTableBytes, printTableHtml, type PrintTable } from '../records/print-table.js';
import { dueTable, recordsDue } from '../records/retention-due.js';
import {
  listRetentionTables,
  proposeRetention,
  removeRetentionRow,
  setRetentionRow,
} from '../records/retention-store.js';
import {
  addDocumentsToRecord,
  createRecord,
  getRecord,
  listRecords,
  recordDocuments,
  recordsOfDocument,
  removeDocumentsFromRecord,
  reorderRecord,
  setRecordState,
  updateRecord,
  findRecord,
  type RecordDocument,
  type RecordFile,
  type RecordPatch,
  type RecordState,
} from '../records/records-store.js';
import {
  listRegister,
  registerDocument,
  registerSeriesOf,
  registrationsOf,
  type RegisterEntry,
} from '../records/registers-store.js';
import type { Db } from '../archive/archive.js';
import type { RequestContext } from '../../contract/request-context.js';
import { requireReadableDocument, scopeOf, type ReadScope } from '../archive/access.js';
import type { AppSession } from './session.js';

const recordDto = (r: RecordFile): RecordDto => ({ ...r, keywords: [...r.keywords] });

function documentDtos(docs: readonly RecordDocument[]): RecordDocumentDto[] {
  const rows = contentsRows(docs);
  return docs.map((d, i) => ({
    position: d.position,
    documentId: d.documentId,
    number: d.number,
    issuedDate: d.issuedDate,
    docType: d.docType,
    title: d.title,
    issuer: d.issuer,
    pageCount: d.pageCount,
    sheets: rows[i]?.sheets ?? '',
    access: d.access,
  }));
}

// The document's uid stays in the core: the renderer addresses documents by id.
const entryDto = ({ documentUid: _uid, ...e }: RegisterEntry): RegisterEntryDto => e;

function detail(
  db: Db,
  code: string,
  scope: ReadScope,
): { record: RecordDto; documents: RecordDocumentDto[] } {
  const record = getRecord(db, code, scope);
  return { record: recordDto(record), documents: documentDtos(recordDocuments(db, record.code, scope)) };
}

/** A print table as the contract's print methods answer: an HTML page, or an XLSX workbook in base64. */
async function printed<K extends string>(
  table: PrintTable<K>,
  format: 'html' | 'xlsx',
): Promise<{ format: 'html'; html: string } | { format: 'xlsx'; base64: string }> {
  const bytes = await printTableBytes(table, format);
  return format === 'html'
    ? { format, html: bytes.toString('utf8') }
    : { format, base64: bytes.toString('base64') };
}

/** Only the fields given (exactOptionalPropertyTypes: an absent key must stay absent). */
function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

export function recordsHandlers(s: AppSession): HandlersOf<typeof RECORDS_API> {
  // A hồ sơ the caller may not read is NOT_FOUND, as is a document in it; every answer counts and
  // lists only the documents the caller may read (see core/archive/access).
  const scope = (ctx: RequestContext): ReadScope => scopeOf(ctx.actor);
  /** The hồ sơ as the caller sees it, NOT_FOUND when it may not read it (before a change, and after). */
  const seen = (code: string, ctx: RequestContext): RecordDto => recordDto(getRecord(s.db, code, scope(ctx)));
  const requireDocuments = (ids: readonly number[], ctx: RequestContext): void => {
    for (const id of ids) requireReadableDocument(s.db, scope(ctx), id);
  };
  /** Open → closed → archived (or back to open), on a hồ sơ the caller may read. */
  const setState = (code: string, state: RecordState, ctx: RequestContext): RecordDto => {
    seen(code, ctx);
    return seen(setRecordState(s.vankho.archive, code, state).code, ctx);
  };
  /** All the documents out of the hồ sơ in one transaction, or none (NOT_FOUND for one not in it). */
  const removeDocuments = (code: string, ids: readonly number[], ctx: RequestContext): RecordDto => {
    seen(code, ctx);
    requireDocuments(ids, ctx);
    return seen(removeDocumentsFromRecord(s.vankho.archive, code, ids).code, ctx);
  };
  return {
    recordsList: ({ year }, ctx) =>
      listRecords(s.db, year === undefined ? {} : { year }, scope(ctx)).map(recordDto),
    recordGet: ({ code }, ctx) => detail(s.db, code, scope(ctx)),
    recordCreate: (input, ctx) => recordDto(createRecord(s.vankho.archive, defined(input), ctx.actor.id)),
    recordUpdate: ({ code, patch }, ctx) => {
      seen(code, ctx);
      return seen(updateRecord(s.vankho.archive, code, defined(patch) as RecordPatch).code, ctx);
    },
    recordAddDocuments: ({ code, documentIds }, ctx) => {
      seen(code, ctx);
      requireDocuments(documentIds, ctx);
      const r = addDocumentsToRecord(s.vankho.archive, code, documentIds);
      return { record: seen(r.record.code, ctx), added: r.added, already: r.already };
    },
    recordRemoveDocument: ({ code, documentId }, ctx) => removeDocuments(code, [documentId], ctx),
    recordRemoveDocuments: ({ code, documentIds }, ctx) => removeDocuments(code, documentIds, ctx),
    recordReorder: ({ code, documentIds }, ctx) =>
      documentDtos(reorderRecord(s.vankho.archive, code, documentIds, scope(ctx))),
    recordClose: ({ code }, ctx) => setState(code, 'closed', ctx),
    recordReopen: ({ code }, ctx) => setState(code, 'open', ctx),
    recordHandOver: ({ code }, ctx) => setState(code, 'archived', ctx),
    recordCatalogueHtml: ({ code }, ctx) => ({
      html: [...printTableHtml(contentsTable(s.db, code, scope(ctx)))].join(''),
    }),
    recordCataloguePrint: ({ code, format }, ctx) => printed(contentsTable(s.db, code, scope(ctx)), format),
    recordsListPrint: ({ year, format }, ctx) => printed(recordListTable(s.db, year, scope(ctx)), format),
    documentFiling: ({ documentId }, ctx) => {
      requireDocuments([documentId], ctx);
      return {
        records: recordsOfDocument(s.db, documentId, scope(ctx)).flatMap((code) => {
          const r = findRecord(s.db, code, scope(ctx));
          return r ? [{ code: r.code, title: r.title, state: r.state }] : [];
        }),
        registrations: registrationsOf(s.db, documentId).map(entryDto),
      };
    },
    registerList: (opts, ctx) => listRegister(s.db, defined(opts), scope(ctx)).map(entryDto),
    registerPrintHtml: (opts, ctx) => ({
      html: [...printTableHtml(registerTable(s.db, defined(opts), scope(ctx)) as PrintTable<string>)].join(
        '',
      ),
    }),
    registerPrint: ({ format, ...opts }, ctx) =>
      printed(registerTable(s.db, defined(opts), scope(ctx)) as PrintTable<string>, format),
    registerSeries: ({ book, documentId }, ctx) => {
      if (documentId !== undefined) requireDocuments([documentId], ctx);
      return registerSeriesOf(s.db, book, documentId, scope(ctx));
    },
    registerAdd: (input, ctx) => {
      requireDocuments([input.documentId], ctx);
      return entryDto(registerDocument(s.vankho.archive, defined(input), ctx.actor.id));
    },
    recordsDue: ({ kind, asOf }, ctx) =>
      recordsDue(s.db, kind, asOf, scope(ctx)).map((d) => ({ ...d, record: recordDto(d.record) })),
    recordsDuePrint: ({ kind, asOf, format }, ctx) => printed(dueTable(s.db, kind, asOf, scope(ctx)), format),
    // The tables hold kinds of hồ sơ, not hồ sơ: nothing in them is behind an access level.
    retentionList: () => listRetentionTables(s.db),
    retentionPropose: ({ title, limit }) => proposeRetention(s.db, title, limit),
    retentionSet: (input) => setRetentionRow(s.vankho.archive, defined(input)),
    retentionRemove: ({ id }) => ({ removed: removeRetentionRow(s.vankho.archive, id) }),
  };
}
