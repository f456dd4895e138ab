// Hồ sơ for a bundle (nộp lưu, issue 12): what the bundle writer needs of each chosen hồ sơ — its
// stored columns, its documents in order and its mục lục — read with the export's scope, so a
// document the export leaves out (mật without "include", or unreadable) is in neither.
import type { ReadScope } from '../archive/access.js';
import type { Db } from '../archive/archive.js';
import type { BundleRecordInput } from '../export/export-bundle.js';
import { printTableHtml, writePrintTableXlsx } from './print-table.js';
import { contentsTable } from './record-lists.js';
import { recordBundleFields, recordDocuments } from './records-store.js';

export function bundleRecordsOf(db: Db, codes: readonly string[], scope: ReadScope): BundleRecordInput[] {
  return codes.map((code) => {
    const fields = recordBundleFields(db, code, scope);
    const documentIds = recordDocuments(db, fields.code, scope).map((d) => d.documentId);
    const table = contentsTable(db, fields.code, scope);
    return {
      fields,
      documentIds,
      contents: { html: () => printTableHtml(table), xlsx: (w) => writePrintTableXlsx(table, w) },
    };
  });
}
