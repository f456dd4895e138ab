// Hồ sơ and registers (issue 12) at the contract: records files and their documents, the printable
// mục lục văn bản, and the sổ đăng ký văn bản đến / đi. The rules (codes, states, numbering) live in
// core/records; this only maps them onto the request map. Reads work on a read-only archive.
import type { HandlersOf } from '../../contract/api.js';
import type { RECORDS_API } from '../../contract/api/records-api.js';
import type { RecordDocumentDto, RecordDto, RegisterEntryDto } from '../../contract/dto.js';
import { contentsRows, contentsTable, registerTable } from '../records/record-lists.js';
import { printTableHtml, type PrintTable } from '../records/print-table.js';
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
} from '../records/records-store.js';
import {
  listRegister,
  registerDocument,
  registrationsOf,
  type RegisterEntry,
} from '../records/registers-store.js';
import type { Db } from '../archive/archive.js';
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
  }));
}

// The document's uid stays in the core: the renderer addresses documents by id.
const entryDto = ({ documentUid: _uid, ...e }: RegisterEntry): RegisterEntryDto => e;

function detail(db: Db, code: string): { record: RecordDto; documents: RecordDocumentDto[] } {
  const record = getRecord(db, code);
  return { record: recordDto(record), documents: documentDtos(recordDocuments(db, record.code)) };
}

/** Only the fields given (exactOptionalPropertyTypes: an absent key must stay absent). */
function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

export function recordsHandlers(s: AppSession): HandlersOf<typeof RECORDS_API> {
  return {
    recordsList: ({ year }) => listRecords(s.db, year === undefined ? {} : { year }).map(recordDto),
    recordGet: ({ code }) => detail(s.db, code),
    recordCreate: (input, ctx) => recordDto(createRecord(s.vankho.archive, defined(input), ctx.actor.id)),
    recordUpdate: ({ code, patch }) =>
      recordDto(updateRecord(s.vankho.archive, code, defined(patch) as RecordPatch)),
    recordAddDocuments: ({ code, documentIds }) => {
      const r = addDocumentsToRecord(s.vankho.archive, code, documentIds);
      return { record: recordDto(r.record), added: r.added, already: r.already };
    },
    recordRemoveDocument: ({ code, documentId }) =>
      recordDto(removeDocumentsFromRecord(s.vankho.archive, code, [documentId])),
    recordReorder: ({ code, documentIds }) =>
      documentDtos(reorderRecord(s.vankho.archive, code, documentIds)),
    recordClose: ({ code }) => recordDto(setRecordState(s.vankho.archive, code, 'closed')),
    recordReopen: ({ code }) => recordDto(setRecordState(s.vankho.archive, code, 'open')),
    recordCatalogueHtml: ({ code }) => ({ html: [...printTableHtml(contentsTable(s.db, code))].join('') }),
    documentFiling: ({ documentId }) => ({
      records: recordsOfDocument(s.db, documentId).flatMap((code) => {
        const r = findRecord(s.db, code);
        return r ? [{ code: r.code, title: r.title, state: r.state }] : [];
      }),
      registrations: registrationsOf(s.db, documentId).map(entryDto),
    }),
    registerList: (opts) => listRegister(s.db, defined(opts)).map(entryDto),
    registerPrintHtml: (opts) => ({
      html: [...printTableHtml(registerTable(s.db, defined(opts)) as PrintTable<string>)].join(''),
    }),
    registerAdd: (input, ctx) => entryDto(registerDocument(s.vankho.archive, defined(input), ctx.actor.id)),
  };
}
