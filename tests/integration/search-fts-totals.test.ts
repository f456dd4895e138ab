// FTS5's stored totals (averages record of search_fts) stay exact through edits, tag changes, deletes,
// reindex, a crash between a commit and its fix-up, and an archive inflated before the fix — so bm25
// scores equal those of an archive built fresh from the same final documents.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openArchive, type Db } from '../../main/core/archive/archive.js';
import { deleteDocument, updateDocumentMetadata } from '../../main/core/archive/documents-repo.js';
import { addTagToDocuments, removeTagFromDocuments } from '../../main/core/archive/tags-repo.js';
import { openVanKho, type VanKho } from '../../main/core/open-vankho.js';
import { sqliteFtsIndexStore } from '../../main/core/archive/fts-rows.js';
import { createFtsIndexer } from '../../main/core/search/fts-indexer.js';
import { FTS_COLUMNS, FTS_WEIGHTS } from '../../main/core/search/fts-query.js';
import { decodeVarints, encodeVarints } from '../../main/core/search/fts-totals.js';
import { generateCorpus, type GeneratedDoc } from '../bench/generate-corpus.js';
import { insertDocs } from '../bench/insert-docs.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { documentPageTexts } from '../../main/core/archive/pages-repo.js';

const DOCS = 60;
const DEBT_KEY = 'search_fts_debt';

interface Totals {
  record: number[];
  docsize: number[];
  docsizeRows: number;
  documents: number;
}

function totals(db: Db): Totals {
  const block = db.prepare<[], Buffer>(`SELECT block FROM search_fts_data WHERE id = 1`).pluck().get()!;
  const record = decodeVarints(block)!;
  const docsize = new Array<number>(FTS_COLUMNS.length + 1).fill(0);
  for (const sz of db.prepare<[], Buffer>(`SELECT sz FROM search_fts_docsize`).pluck().iterate()) {
    const cols = decodeVarints(sz)!;
    docsize[0]!++;
    cols.forEach((c, i) => (docsize[i + 1]! += c));
  }
  return {
    record,
    docsize,
    docsizeRows: db.prepare<[], number>(`SELECT count(*) FROM search_fts_docsize`).pluck().get()!,
    documents: db.prepare<[], number>(`SELECT count(*) FROM documents`).pluck().get()!,
  };
}

function expectExact(db: Db): void {
  const t = totals(db);
  expect(t.record[0]).toBe(t.documents); // (1) row count == documents == docsize rows
  expect(t.docsizeRows).toBe(t.documents);
  expect(t.record).toEqual(t.docsize); // (2) per-column token totals == sums over docsize
}

/** Opening the archive with search pays any debt and leaves the totals exact. */
function expectSettledAtOpen(dir: string): void {
  const vk = openVanKho(dir);
  try {
    expect(debtOf(vk.archive.db)).toBeUndefined();
    expectExact(vk.archive.db);
  } finally {
    vk.close();
  }
}

function debtOf(db: Db): string | undefined {
  return db.prepare<[string], string>(`SELECT value FROM meta WHERE key = ?`).pluck().get(DEBT_KEY);
}

const WEIGHTS = FTS_COLUMNS.map((c) => FTS_WEIGHTS[c]).join(', ');

/** bm25 per document uid for a MATCH expression, as search-service computes it. */
function scores(db: Db, match: string): Map<string, number> {
  const rows = db
    .prepare<[string], [string, number]>(
      `SELECT d.uid, bm25(search_fts, ${WEIGHTS}) FROM search_fts JOIN documents d ON d.id = search_fts.rowid
       WHERE search_fts MATCH ?`,
    )
    .raw()
    .all(match);
  return new Map(rows);
}

/** The archive's documents as generator input (title, fields, pages in file order, tags). */
function documentsOf(db: Db): { uid: string; doc: GeneratedDoc }[] {
  const docs = db
    .prepare<
      [],
      {
        id: number;
        uid: string;
        title: string;
        number: string;
        doc_type: string;
        system: 'state' | 'party';
        issuer: string;
        issued_date: string;
        signer: string;
      }
    >(
      `SELECT id, uid, title, number, doc_type, system, issuer, issued_date, signer FROM documents ORDER BY id`,
    )
    .all();
  const tags = db
    .prepare<[number], string>(
      `SELECT t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id = ? ORDER BY t.name`,
    )
    .pluck();
  return docs.map((d) => ({
    uid: d.uid,
    doc: {
      number: d.number,
      docType: d.doc_type,
      system: d.system,
      issuer: d.issuer,
      issuedDate: d.issued_date,
      signer: d.signer,
      title: d.title,
      tags: tags.all(d.id),
      pages: documentPageTexts(db, d.id),
    },
  }));
}

describe('FTS5 totals stay exact (bm25 does not drift)', () => {
  let tmp: TempDir;
  let edited: string;
  let ids: number[];
  let queries: string[];

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-fts-totals-');
    edited = join(tmp.dir, 'edited');
  });
  afterAll(async () => {
    await tmp?.cleanup();
  });

  it('encodes and decodes varints as SQLite does', () => {
    const values = [0, 1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 53 - 1];
    expect(decodeVarints(encodeVarints(values))).toEqual(values);
    expect([...encodeVarints([300])]).toEqual([0x82, 0x2c]);
    expect(decodeVarints(Buffer.from([0x82]))).toBeNull(); // truncated
  });

  it('keeps the record exact through title edits, tag changes, deletes and reindex', async () => {
    const vk = openVanKho(edited);
    try {
      ids = insertDocs(vk.archive, [...generateCorpus(DOCS)]);
      expectExact(vk.archive.db);
      for (const id of ids.slice(0, 15)) {
        updateDocumentMetadata(vk.archive, id, { title: `Kế hoạch sửa đổi số ${id} về chuyển đổi số` });
      }
      addTagToDocuments(vk.archive, ids.slice(10, 30), 'Cải cách hành chính');
      removeTagFromDocuments(vk.archive, ids.slice(20, 25), 'Cải cách hành chính');
      // Several edits of one document in a single transaction (the hook re-indexes it once).
      vk.archive.write((db) => {
        db.prepare(`UPDATE documents SET signer = 'Nguyễn Văn An' WHERE id = ?`).run(ids[30]!);
        db.prepare(`UPDATE documents SET title = title || ' (bổ sung)' WHERE id = ?`).run(ids[30]!);
      });
      // A rolled-back edit leaves neither the change nor its debt.
      expect(() =>
        vk.archive.write((db) => {
          db.prepare(`UPDATE documents SET title = 'bỏ' WHERE id = ?`).run(ids[31]!);
          throw new Error('rollback');
        }),
      ).toThrow('rollback');
      expect(debtOf(vk.archive.db)).toBeUndefined();
      for (const id of ids.slice(40, 45)) deleteDocument(vk.archive, id);
      expectExact(vk.archive.db);
      await vk.search.reindex();
      expectExact(vk.archive.db);
      for (const id of ids.slice(45, 50)) {
        updateDocumentMetadata(vk.archive, id, { title: `Thông báo kết luận điều chỉnh ${id}` });
      }
      expectExact(vk.archive.db);
      expect(debtOf(vk.archive.db)).toBeUndefined();
    } finally {
      vk.close();
    }
  });

  it('pays at open a debt left by a crash between the commit and its fix-up', () => {
    // The search write hook alone (no commit listener): exactly what a crash after COMMIT leaves.
    const archive = openArchive(edited);
    try {
      const indexer = createFtsIndexer(sqliteFtsIndexStore(archive.db));
      archive.addWriteHook(() => void indexer.catchUp());
      for (const id of ids.slice(50, 53)) {
        updateDocumentMetadata(archive, id, { title: `Quyết định phê duyệt đề án ${id}` });
      }
      expect(debtOf(archive.db)).toMatch(/^\[3,/);
      const t = totals(archive.db);
      expect(t.record[0]).toBe(t.documents + 3);
    } finally {
      archive.close();
    }
    expectSettledAtOpen(edited);
  });

  it('recomputes at open the totals of an archive inflated before the fix', () => {
    const archive = openArchive(edited);
    try {
      const indexer = createFtsIndexer(sqliteFtsIndexStore(archive.db));
      // Delete and re-insert rows around the debt bookkeeping, as every edit did before the fix.
      archive.write((db) => {
        const del = db.prepare(`DELETE FROM search_fts WHERE rowid = ?`);
        for (const id of ids.slice(0, 4)) del.run(id);
        indexer.indexDocuments(ids.slice(0, 4));
      });
      expect(debtOf(archive.db)).toBeUndefined();
      const t = totals(archive.db);
      expect(t.record[0]).toBe(t.documents + 4);
    } finally {
      archive.close();
    }
    const vk = openVanKho(edited);
    try {
      expectExact(vk.archive.db);
    } finally {
      vk.close();
    }
  });

  it('leaves a record of an unexpected layout alone', () => {
    const archive = openArchive(edited);
    const db = archive.db;
    const original = db.prepare<[], Buffer>(`SELECT block FROM search_fts_data WHERE id = 1`).pluck().get()!;
    const setBlock = (b: Buffer): void => {
      db.unsafeMode(true);
      try {
        db.prepare(`UPDATE search_fts_data SET block = ? WHERE id = 1`).run(b);
      } finally {
        db.unsafeMode(false);
      }
    };
    const odd = encodeVarints([999, 1, 2, 3]); // 3 columns, not 11
    try {
      setBlock(odd);
      // A pending debt makes the open try to pay it: it must give up without writing the record.
      const debt = JSON.stringify(new Array<number>(FTS_COLUMNS.length + 1).fill(1));
      db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)`).run(DEBT_KEY, debt);
    } finally {
      archive.close();
    }
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const vk = openVanKho(edited);
      try {
        const now = vk.archive.db
          .prepare<[], Buffer>(`SELECT block FROM search_fts_data WHERE id = 1`)
          .pluck()
          .get()!;
        expect(now.equals(odd)).toBe(true);
        expect(debtOf(vk.archive.db)).toBeUndefined();
      } finally {
        vk.close();
      }
    } finally {
      console.warn = warn;
    }
    const again = openArchive(edited);
    try {
      const db2 = again.db;
      db2.unsafeMode(true);
      try {
        db2.prepare(`UPDATE search_fts_data SET block = ? WHERE id = 1`).run(original);
      } finally {
        db2.unsafeMode(false);
      }
    } finally {
      again.close();
    }
  });

  it('ends exact after a full rebuild at open (new index version) with a debt pending', () => {
    const archive = openArchive(edited);
    try {
      const debt = JSON.stringify(new Array<number>(FTS_COLUMNS.length + 1).fill(2));
      archive.db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)`).run(DEBT_KEY, debt);
      archive.db.prepare(`UPDATE meta SET value = 'old' WHERE key = 'search_fts_version'`).run();
    } finally {
      archive.close();
    }
    expectSettledAtOpen(edited);
  });

  it('gives the same bm25 scores as an archive built fresh from the final documents', () => {
    const a = openVanKho(edited, { create: false });
    let b: VanKho | null = null;
    try {
      expectExact(a.archive.db);
      const final = documentsOf(a.archive.db);
      b = openVanKho(join(tmp.dir, 'fresh'));
      const freshIds = insertDocs(
        b.archive,
        final.map((f) => f.doc),
      );
      const freshUid = new Map(
        b.archive.db.prepare<[], [number, string]>(`SELECT id, uid FROM documents`).raw().all(),
      );
      const uidOf = new Map(freshIds.map((id, i) => [freshUid.get(id)!, final[i]!.uid]));
      expectExact(b.archive.db);
      expect(totals(b.archive.db).record).toEqual(totals(a.archive.db).record);

      // Terms of every selectivity, picked from the index (no hard-coded answers), plus edited words.
      const vocab = a.archive.db
        .prepare<[], [string, number]>(
          `SELECT term, doc FROM search_fts_vocab WHERE term GLOB '[a-z]*' ORDER BY doc DESC, term`,
        )
        .raw()
        .all();
      const pick = [0.02, 0.1, 0.3, 0.6, 0.9].map((q) => vocab[Math.floor(q * (vocab.length - 1))]![0]);
      queries = [...pick, 'chuyen OR doi', 'tags : cai', 'title_f : ke hoach', 'dieu OR chinh OR quyet'];
      for (const q of queries) {
        const sa = scores(a.archive.db, q);
        const sb = scores(b.archive.db, q);
        expect(sa.size, q).toBeGreaterThan(0);
        expect(sb.size, q).toBe(sa.size);
        for (const [uid, score] of sb) {
          const other = sa.get(uidOf.get(uid)!);
          expect(other, `${q} ${uid}`).toBeDefined();
          // Relative: scores of common terms are ~1e-6, so an absolute 1e-9 would hide a drift there.
          const tolerance = 1e-9 * Math.max(Math.abs(score), 1e-12);
          expect(Math.abs(other! - score), `${q} ${uid}: ${other} vs ${score}`).toBeLessThanOrEqual(
            tolerance,
          );
        }
      }
    } finally {
      b?.close();
      a.close();
    }
  });
});
