// reextractDocuments on a real archive (with its search engine): documents imported from real PDF/DOCX
// files, then their stored text and metadata made stale the way an older extractor left them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument, updateDocumentMetadata } from '../../../main/core/archive/documents-repo.js';
import { getDocumentPages } from '../../../main/core/archive/pages-repo.js';
import { listDocumentRelations } from '../../../main/core/archive/document-relations.js';
import { importPaths } from '../../../main/core/ingest/import-files.js';
import { reextractDocuments, type ReextractProgress } from '../../../main/core/ingest/reextract.js';
import { openVanKho, type VanKho } from '../../../main/core/open-vankho.js';
import { makeDocx } from '../../helpers/make-docx.js';
import { makePdf } from '../../helpers/make-pdf.js';
import { NQ_HU, QD_UBND, makeStale, olderReading } from '../../helpers/stale-document.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

describe('reextractDocuments', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let vk: VanKho;
  let qd: number;
  let nq: number;
  const hitIds = (query: string): number[] => vk.search.search({ query }).hits.map((h) => h.id);
  const text = (id: number): string =>
    getDocumentPages(vk.archive.db, id)
      .map((p) => p.text)
      .join('\n');

  beforeEach(async () => {
    tmp = await makeTempDir('vankho-reextract-');
    const src = join(tmp.dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'qd-1520.pdf'), await makePdf([QD_UBND]));
    writeFileSync(join(src, 'nq-12.docx'), await makeDocx(NQ_HU));
    vk = openVanKho(join(tmp.dir, 'archive'), { create: true });
    const r = await importPaths(vk.archive, [src]);
    expect(r.imported).toBe(2);
    const by = new Map(r.outcomes.map((o) => [o.name, o.documentId!]));
    qd = by.get('qd-1520.pdf')!;
    nq = by.get('nq-12.docx')!;
  });
  afterEach(async () => {
    vk.close();
    await tmp.cleanup();
  });

  it('gives a document with stale text and metadata the fresh values, and search follows', async () => {
    const fresh = getDocument(vk.archive.db, qd)!;
    const freshText = text(qd);
    expect(fresh.metadata.number).toBe('1520/QĐ-UBND');
    expect(fresh.metadata.signer).toBe('Hoàng Minh Đức');
    expect(listDocumentRelations(vk.archive.db, qd).cites.map((c) => c.other?.id)).toContain(nq);

    vk.archive.write((db) => makeStale(db, qd, olderReading(freshText)));
    const stale = getDocument(vk.archive.db, qd)!;
    expect(stale.metadata.number).not.toBe(fresh.metadata.number);
    expect(stale.metadata.issuer).not.toBe(fresh.metadata.issuer);
    expect(hitIds('"thương mại điện tử"')).not.toContain(qd);

    const seen: ReextractProgress[] = [];
    const r = await reextractDocuments(vk.archive, [qd], { onProgress: (p) => seen.push(p) });
    expect(r).toMatchObject({ total: 1, changed: 1, unchanged: 0, failed: 0, cancelled: false });
    const o = r.outcomes[0]!;
    expect(o).toMatchObject({ documentId: qd, name: 'qd-1520.pdf', outcome: 'changed', textChanged: true });
    expect(o.changedFields).toEqual(expect.arrayContaining(['number', 'issuer']));

    const after = getDocument(vk.archive.db, qd)!;
    expect(text(qd)).toBe(freshText);
    expect(after.metadata).toEqual(fresh.metadata);
    expect(after.provenance).toEqual(fresh.provenance);
    expect(after.textStatus).toBe('ok');
    expect(listDocumentRelations(vk.archive.db, qd).cites.map((c) => c.other?.id)).toContain(nq);
    // The index was updated in the same write: the repaired words find the document again.
    expect(hitIds('"thương mại điện tử"')).toContain(qd);
    expect(seen[seen.length - 1]).toMatchObject({ total: 1, done: 1, changed: 1 });
    expect(seen.some((p) => p.currentId === qd && p.currentName === 'qd-1520.pdf')).toBe(true);

    // Running again finds nothing to change.
    const again = await reextractDocuments(vk.archive, 'all');
    expect(again).toMatchObject({ total: 2, changed: 0, unchanged: 2, failed: 0 });
  });

  it('never overwrites a field a person set; stale automatic values are replaced or cleared', async () => {
    const fresh = getDocument(vk.archive.db, qd)!;
    expect(fresh.metadata.issuerSuperior).toBeNull();
    updateDocumentMetadata(vk.archive, qd, { signer: 'Hoàng Minh Đức (sửa tay)', notes: 'ghi chú' });
    vk.archive.write((db) => {
      makeStale(db, qd, olderReading(text(qd)));
      // A suggestion the old extractor made that the fixed one does not make at all.
      db.prepare("UPDATE documents SET issuer_superior = 'UBND TỈNH SAI' WHERE id = ?").run(qd);
      db.prepare(
        `INSERT INTO document_fields (document_id, field, source, confidence, updated_at)
         VALUES (?, 'issuer_superior', 'auto', 0.4, '2020-01-01')`,
      ).run(qd);
    });
    expect(getDocument(vk.archive.db, qd)!.metadata.signer).toBe('Hoàng Minh Đức (sửa tay)');

    const r = await reextractDocuments(vk.archive, [qd]);
    expect(r.outcomes[0]!.outcome).toBe('changed');
    expect(r.outcomes[0]!.changedFields).not.toContain('signer');
    const after = getDocument(vk.archive.db, qd)!;
    expect(after.metadata.signer).toBe('Hoàng Minh Đức (sửa tay)');
    expect(after.provenance.signer?.source).toBe('user');
    expect(after.metadata.notes).toBe('ghi chú');
    expect(after.metadata.number).toBe(fresh.metadata.number);
    expect(after.metadata.title).toBe(fresh.metadata.title);
    expect(after.metadata.issuerSuperior).toBeNull();
    expect(after.provenance.issuerSuperior).toBeUndefined();
  });

  it('keeps the old text of a document whose original cannot be extracted, reports it, goes on', async () => {
    const nqText = text(nq);
    vk.archive.write((db) => {
      makeStale(db, qd, olderReading(text(qd)));
      makeStale(db, nq, olderReading(nqText));
    });
    const staleQd = getDocument(vk.archive.db, qd)!;
    const staleQdText = text(qd);
    // The stored original of the decision is damaged (cut to a third of its bytes).
    const blob = vk.archive.files.pathOf(staleQd.files[0]!.sha256);
    const bytes = readFileSync(blob);
    chmodSync(blob, 0o644);
    writeFileSync(blob, bytes.subarray(0, Math.floor(bytes.length / 3)));

    const r = await reextractDocuments(vk.archive, 'all');
    expect(r).toMatchObject({ total: 2, changed: 1, failed: 1, cancelled: false });
    const bad = r.outcomes.find((o) => o.documentId === qd)!;
    expect(bad.outcome).toBe('failed');
    expect(bad.error!.code).toBe('PDF_CORRUPT');
    expect(bad.error!.detail).toContain('qd-1520.pdf');
    expect(bad.error!.message.vi).toContain('PDF');
    expect(bad.error!.message.en).toContain('PDF');
    expect(text(qd)).toBe(staleQdText);
    expect(getDocument(vk.archive.db, qd)).toEqual(staleQd);
    // The other document of the run was re-extracted.
    expect(r.outcomes.find((o) => o.documentId === nq)!.outcome).toBe('changed');
    expect(text(nq)).toBe(nqText);

    // An original missing from the store: reported the same way.
    rmSync(blob);
    const missing = await reextractDocuments(vk.archive, [qd]);
    expect(missing.outcomes[0]!.outcome).toBe('failed');
    expect(missing.outcomes[0]!.error!.code).toBe('FILE_UNREADABLE');
    expect(text(qd)).toBe(staleQdText);
  });

  it('refuses unknown ids before changing anything, and cancels between documents', async () => {
    vk.archive.write((db) => makeStale(db, qd, olderReading(text(qd))));
    const staleText = text(qd);
    await expect(reextractDocuments(vk.archive, [qd, 999])).rejects.toMatchObject({
      appError: { code: 'NOT_FOUND' },
    });
    expect(text(qd)).toBe(staleText);

    const ac = new AbortController();
    const r = await reextractDocuments(vk.archive, [nq, qd], {
      signal: ac.signal,
      concurrency: 1,
      onProgress: (p) => {
        if (p.done === 1) ac.abort();
      },
    });
    expect(r.cancelled).toBe(true);
    expect(r.outcomes.map((o) => o.documentId)).toEqual([nq]);
    expect(text(qd)).toBe(staleText);
  });
});
