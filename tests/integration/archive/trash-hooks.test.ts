// The trash and the tables above the archive (issue 13): a document's hồ sơ places and read grants
// go through the trash only by their owners' hooks, so an archive opened around openVanKho (a test,
// a tool) must not delete or restore documents without them — it is refused before anything is
// written, instead of silently losing those rows. The needed hooks are read from the schema: a new
// table whose rows the database deletes with a document needs one too. Real archive files.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../main/core/archive/archive.js';
import {
  addTrashHook,
  listTrash,
  restoreFromTrash,
  trashDocuments,
  trashHooksOf,
} from '../../../main/core/archive/trash.js';
import { addGrant, createUnit, listGrants } from '../../../main/core/accounts/units-store.js';
import { addDocumentTrashHooks } from '../../../main/core/open-vankho.js';
import {
  addDocumentsToRecord,
  createRecord,
  recordsOfDocument,
} from '../../../main/core/records/records-store.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { seedArchive } from '../export-seed.js';

const BY = { actor: { id: 'local:test', displayName: 'Kiểm thử' } };
const CODE = 'H41.2025.01.TH';

/** The error a call fails with, as its message (the detail names the missing hooks). */
const failure = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return String((e as Error).message);
  }
  return 'no error';
};

describe('the trash refuses an archive opened without its tables’ hooks', () => {
  let tmp: TempDir;
  let a: Archive;
  let docId: number;
  const dir = (): string => join(tmp.dir, 'kho');

  beforeEach(async () => {
    tmp = await makeTempDir('vankho-trash-hooks-');
    a = openArchive(dir());
    const ids = await seedArchive(a, [
      { uid: 'qd', title: 'Về việc kiện toàn Ban chỉ đạo', number: '112/QĐ-UBND', files: [] },
    ]);
    docId = ids.get('qd')!;
    createRecord(a, { code: CODE, title: 'Hồ sơ chuyển đổi số năm 2025' });
    addDocumentsToRecord(a, CODE, [docId]);
    a.write((db) => {
      const unit = createUnit(db, BY, 'Văn phòng');
      addGrant(db, BY.actor.id, { documentId: docId }, { unitId: unit.id });
    });
  });
  afterEach(async () => {
    a.close();
    await tmp.cleanup();
  });

  it('deleting without the hooks is refused and changes nothing', () => {
    const msg = failure(() => trashDocuments(a, [docId]));
    expect(msg).toMatch(/^INTERNAL: /);
    expect(msg).toContain('trash hooks not registered on this archive: access_grants, record_documents');
    expect(recordsOfDocument(a.db, docId)).toEqual([CODE]);
    expect(listGrants(a.db, { documentId: docId })).toHaveLength(1);
    expect(listTrash(a.db)).toEqual([]);
  });

  it('with addDocumentTrashHooks the places and grants go through the trash and back', () => {
    addDocumentTrashHooks(a);
    const [entry] = trashDocuments(a, [docId]);
    expect(recordsOfDocument(a.db, docId)).toEqual([]);
    expect(listGrants(a.db, { documentId: docId })).toEqual([]);
    // Reopened around openVanKho: the restore is refused too, and the entry stays.
    a.close();
    a = openArchive(dir());
    expect(failure(() => restoreFromTrash(a, [entry!.id]))).toContain('record_documents');
    expect(listTrash(a.db).map((e) => e.id)).toEqual([entry!.id]);
    addDocumentTrashHooks(a);
    const [back] = restoreFromTrash(a, [entry!.id]);
    expect(recordsOfDocument(a.db, back!)).toEqual([CODE]);
    expect(listGrants(a.db, { documentId: back! })).toMatchObject([{ grantedBy: BY.actor.id }]);
  });

  it('a new table deleted with its document needs a hook of its name; one kept (SET NULL) does not', () => {
    addDocumentTrashHooks(a);
    // Read (and remembered) before the schema changes: the change is seen all the same.
    expect(trashHooksOf(a.db).map((h) => h.key)).toEqual(['record_documents', 'access_grants']);
    a.write((db) => {
      db.exec(`CREATE TABLE x_notes (document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE)`);
      db.exec(`CREATE TABLE x_log (document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL)`);
    });
    expect(failure(() => trashDocuments(a, [docId]))).toContain('not registered on this archive: x_notes (');
    addTrashHook(a, {
      key: 'x_notes',
      snapshot: () => [],
      restore: () => undefined,
      merge: () => undefined,
      unmerge: () => undefined,
    });
    expect(trashDocuments(a, [docId])).toHaveLength(1);
  });

  it('a new table deleted with a document’s stored file needs a hook too; pages and OCR pages do not', () => {
    addDocumentTrashHooks(a);
    a.write((db) =>
      db.exec(`CREATE TABLE x_thumbs (file_id INTEGER REFERENCES files(id) ON DELETE CASCADE)`),
    );
    expect(failure(() => trashDocuments(a, [docId]))).toContain('not registered on this archive: x_thumbs (');
    expect(listTrash(a.db)).toEqual([]);
  });
});
