// Inserts generated documents straight into an archive (documents, one text file, its pages, tags) in
// batches through archive.write, so every registered write hook (the search index) runs in the same
// transaction, exactly as for an import. Blobs are not stored: search reads only the database.

import { createHash } from 'node:crypto';
import type { Archive } from '../../main/core/archive/archive.js';
import { docNumberKey } from '../../main/core/text/doc-number.js';
import type { GeneratedDoc } from './generate-corpus.js';

export function insertDocs(archive: Archive, docs: readonly GeneratedDoc[], uidPrefix = 'gen'): number[] {
  const now = new Date().toISOString();
  const ids: number[] = [];
  archive.write((db) => {
    const insDoc = db.prepare(
      `INSERT INTO documents (uid, title, number, number_key, doc_type, system, issuer, issued_date, signer,
         text_status, page_count, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', ?, ?, ?)`,
    );
    const insFile = db.prepare(
      `INSERT INTO files (document_id, sha256, size, media_type, original_name, role, position, imported_at)
       VALUES (?, ?, ?, 'text/plain', ?, 'main', 0, ?)`,
    );
    const insPage = db.prepare(`INSERT INTO pages (file_id, page_no, text) VALUES (?, ?, ?)`);
    const insTag = db.prepare(`INSERT OR IGNORE INTO tags (name, created_at) VALUES (?, ?)`);
    const tagId = db.prepare<[string], number>(`SELECT id FROM tags WHERE name = ?`).pluck();
    const insDocTag = db.prepare(`INSERT OR IGNORE INTO document_tags (document_id, tag_id) VALUES (?, ?)`);
    const nextUid = db.prepare<[], number>(`SELECT count(*) FROM documents`).pluck();
    let n = nextUid.get() ?? 0;
    for (const d of docs) {
      const uid = `${uidPrefix}-${++n}`;
      const key = docNumberKey(d.number);
      const id = Number(
        insDoc.run(
          uid,
          d.title,
          d.number,
          key || null,
          d.docType,
          d.system,
          d.issuer,
          d.issuedDate,
          d.signer,
          d.pages.length,
          now,
          now,
        ).lastInsertRowid,
      );
      const size = d.pages.reduce((s, p) => s + Buffer.byteLength(p), 0);
      const sha = createHash('sha256')
        .update(uid)
        .update(d.pages[0] ?? '')
        .digest('hex');
      const fileId = Number(insFile.run(id, sha, size, `${uid}.txt`, now).lastInsertRowid);
      d.pages.forEach((p, i) => insPage.run(fileId, i + 1, p));
      for (const t of d.tags) {
        insTag.run(t, now);
        insDocTag.run(id, tagId.get(t)!);
      }
      ids.push(id);
    }
  });
  return ids;
}
