// Inserts generated documents straight into an archive (documents, one text file, its pages, tags) in
// batches through archive.write, so every registered write hook (the search index) runs in the same
// transaction, exactly as for an import. Rows go through the core's one insert path of each table
// (documents-repo, tags-repo), so a column added there is filled here too. Blobs are not stored:
// search reads only the database.

import { createHash } from 'node:crypto';
import type { Archive } from '../../main/core/archive/archive.js';
import { insertDocumentRow, insertFileRow } from '../../main/core/archive/documents-repo.js';
import { insertPageTexts } from '../../main/core/archive/pages-repo.js';
import { ensureTag, linkDocumentTag } from '../../main/core/archive/tags-repo.js';
import { docNumberKey } from '../../main/core/text/doc-number.js';
import type { GeneratedDoc } from './generate-corpus.js';

export function insertDocs(archive: Archive, docs: readonly GeneratedDoc[], uidPrefix = 'gen'): number[] {
  const now = new Date().toISOString();
  const ids: number[] = [];
  archive.write((db) => {
    // A tag's id once per name: the lookup counts its documents, too slow once per document.
    const tagIds = new Map<string, number>();
    let n = db.prepare<[], number>(`SELECT count(*) FROM documents`).pluck().get() ?? 0;
    for (const d of docs) {
      const uid = `${uidPrefix}-${++n}`;
      const id = insertDocumentRow(db, {
        uid,
        title: d.title,
        textStatus: 'ok',
        textErrorCode: null,
        pageCount: d.pages.length,
        createdAt: now,
        updatedAt: now,
        metadata: {
          number: d.number,
          docType: d.docType,
          system: d.system,
          issuer: d.issuer,
          issuedDate: d.issuedDate,
          signer: d.signer,
        },
        numberKey: docNumberKey(d.number) || null,
      });
      const size = d.pages.reduce((s, p) => s + Buffer.byteLength(p), 0);
      const sha = createHash('sha256')
        .update(uid)
        .update(d.pages[0] ?? '')
        .digest('hex');
      const fileId = insertFileRow(db, {
        documentId: id,
        sha256: sha,
        size,
        mediaType: 'text/plain',
        originalName: `${uid}.txt`,
        role: 'main',
        position: 0,
        textEncoding: null,
        importedAt: now,
      });
      insertPageTexts(db, fileId, d.pages);
      for (const t of d.tags) {
        let tagId = tagIds.get(t);
        if (tagId === undefined) {
          tagId = ensureTag(db, t).id;
          tagIds.set(t, tagId);
        }
        linkDocumentTag(db, id, tagId);
      }
      ids.push(id);
    }
  });
  return ids;
}
