// What a bundle export reads, over an archive: core/archive's bundle rows, page texts and identity,
// and core/ocr's recognised pages. export-bundle.ts declares the shape (ExportSource) and never sees
// the database (issue 13's storage seam).
import type { Archive } from '../archive/archive.js';
import { archiveIdentityOf, bundleRowsOf } from '../archive/bundle-rows.js';
import { filePageTexts } from '../archive/pages-repo.js';
import type { ExportSource } from '../export/export-bundle.js';
import { countDonePages, donePagesOf } from '../ocr/ocr-store.js';

/** One source per export (the bundle rows' statements are prepared once). */
export function exportSourceOf(archive: Pick<Archive, 'db' | 'files'>): ExportSource {
  const { db } = archive;
  return {
    rows: bundleRowsOf(db),
    pageTexts: (fileId) => filePageTexts(db, fileId),
    ocrPageCount: (fileId) => countDonePages(db, fileId),
    ocrPages: (fileId) => donePagesOf(db, fileId),
    identity: () => archiveIdentityOf(db),
    files: archive.files,
  };
}
