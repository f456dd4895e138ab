import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openArchive, type Archive } from '../../../main/core/archive/archive.js';
import {
  confirmDocumentFields,
  deleteDocument,
  getDocument,
  listDocuments,
  listFiles,
  updateDocumentMetadata,
} from '../../../main/core/archive/documents-repo.js';
import { getDocumentPages } from '../../../main/core/archive/pages-repo.js';
import {
  addTagToDocuments,
  createTag,
  deleteTag,
  listTags,
  mergeTags,
  removeTagFromDocuments,
  renameTag,
  setTagColor,
  setTagParent,
  undoTagMerge,
} from '../../../main/core/archive/tags-repo.js';
import { VanKhoError } from '../../../main/core/errors/vankho-error.js';
import { enrichDocument } from '../../../main/core/archive/enrich-document.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof VanKhoError ? e.appError.code : String(e);
  }
}

/** A document row with one file row, as an import would leave it (bytes are not needed here). */
function addDoc(a: Archive, title: string, createdAt: string, fileName = `${title}.pdf`): number {
  return a.write((db) => {
    const id = db
      .prepare(
        `INSERT INTO documents (uid, title, text_status, created_at, updated_at) VALUES (?, ?, 'ok', ?, ?)`,
      )
      .run(randomUUID(), title, createdAt, createdAt).lastInsertRowid as number;
    db.prepare(
      `INSERT INTO files (document_id, sha256, size, media_type, original_name, imported_at) VALUES (?, ?, 1, 'application/pdf', ?, ?)`,
    ).run(id, randomUUID().replace(/-/g, '').padEnd(64, '0'), fileName, createdAt);
    // An extraction suggestion, as enrichDocument would write it.
    db.prepare(`UPDATE documents SET doc_type = 'Quyết định' WHERE id = ?`).run(id);
    db.prepare(
      `INSERT INTO document_fields (document_id, field, source, confidence, updated_at) VALUES (?, 'doc_type', 'auto', 0.9, ?)`,
    ).run(id, createdAt);
    return id;
  });
}

describe('documents-repo', () => {
  let tmp: TempDir;
  let a: Archive;
  let ids: number[];
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-repo-');
    a = openArchive(join(tmp.dir, 'kho'));
    ids = [1, 2, 3, 4, 5].map((i) => addDoc(a, `Văn bản ${i}`, `2024-01-0${i}T00:00:00Z`));
  });
  afterEach(async () => {
    a.close();
    await tmp.cleanup();
  });

  it("lists a document's files and pages main file first, then attachments by position", () => {
    // As a bundle merge leaves it: an attachment added before the main file's row, "a…" < "main".
    const id = ids[0]!;
    a.write((db) => {
      const now = new Date().toISOString();
      const ins = db.prepare(
        `INSERT INTO files (document_id, sha256, size, media_type, original_name, role, position, imported_at)
         VALUES (?, ?, 1, 'application/pdf', ?, 'attachment', ?, ?)`,
      );
      ins.run(id, randomUUID().replace(/-/g, '').padEnd(64, '0'), 'Phụ lục 2.pdf', 2, now);
      ins.run(id, randomUUID().replace(/-/g, '').padEnd(64, '0'), 'Phụ lục 1.pdf', 1, now);
      const page = db.prepare(`INSERT INTO pages (file_id, page_no, text) VALUES (?, 1, ?)`);
      for (const f of db.prepare(`SELECT id, original_name FROM files WHERE document_id = ?`).all(id) as {
        id: number;
        original_name: string;
      }[])
        page.run(f.id, f.original_name);
    });
    const names = ['Văn bản 1.pdf', 'Phụ lục 1.pdf', 'Phụ lục 2.pdf'];
    expect(listFiles(a.db, id).map((f) => f.originalName)).toEqual(names);
    expect(getDocumentPages(a.db, id).map((p) => p.text)).toEqual(names);
    expect(listDocuments(a.db, { order: 'id_asc' }).items[0]!.fileNames).toEqual(names);
  });

  it('lists with paging, newest first, with metadata and original file names', () => {
    const p1 = listDocuments(a.db, { limit: 2 });
    expect(p1.total).toBe(5);
    expect(p1.items.map((d) => d.metadata.title)).toEqual(['Văn bản 5', 'Văn bản 4']);
    expect(p1.items[0]!.fileNames).toEqual(['Văn bản 5.pdf']);
    const p3 = listDocuments(a.db, { limit: 2, offset: 4 });
    expect(p3.items.map((d) => d.id)).toEqual([ids[0]]);
    expect(listDocuments(a.db, { order: 'id_asc' }).items.map((d) => d.id)).toEqual(ids);
  });

  it('gets a document with files, tags and field provenance', () => {
    addTagToDocuments(a, [ids[0]!], 'Kinh tế');
    const d = getDocument(a.db, ids[0]!)!;
    expect(d.metadata.docType).toBe('Quyết định');
    expect(d.provenance.docType).toEqual({ source: 'auto', confidence: 0.9 });
    expect(d.files[0]!.originalName).toBe('Văn bản 1.pdf');
    expect(d.files[0]!.mediaType).toBe('application/pdf');
    expect(d.tags.map((t) => t.name)).toEqual(['Kinh tế']);
    expect(getDocument(a.db, 999)).toBeNull();
  });

  it("edits metadata as the user's: source 'user', NFC, number key, validation", () => {
    const nfd = 'Ủy ban nhân dân tỉnh'.normalize('NFD');
    const d = updateDocumentMetadata(a, ids[0]!, {
      number: '08/2022/QĐ-TTg',
      issuer: nfd,
      issued_date: '2022-03-15',
      docType: 'Chỉ thị',
    });
    expect(d.metadata.issuer).toBe('Ủy ban nhân dân tỉnh'.normalize('NFC'));
    expect(d.metadata.issuedDate).toBe('2022-03-15');
    expect(d.metadata.docType).toBe('Chỉ thị');
    expect(d.provenance.docType).toEqual({ source: 'user', confidence: 0.9 });
    expect(d.provenance.number?.source).toBe('user');
    expect(d.provenance.issuedDate?.source).toBe('user');
    const key = a.db.prepare('SELECT number_key FROM documents WHERE id = ?').pluck().get(ids[0]) as string;
    expect(key).toBeTruthy();
    updateDocumentMetadata(a, ids[1]!, { number: '8/2022/qd-ttg' });
    expect(a.db.prepare('SELECT number_key FROM documents WHERE id = ?').pluck().get(ids[1])).toBe(key);

    expect(codeOf(() => updateDocumentMetadata(a, ids[0]!, { colour: 'x' }))).toBe('INVALID_INPUT');
    expect(codeOf(() => updateDocumentMetadata(a, ids[0]!, { issuedDate: '2022-02-30' }))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(() => updateDocumentMetadata(a, ids[0]!, { system: 'church' }))).toBe('INVALID_INPUT');
    expect(codeOf(() => updateDocumentMetadata(a, 999, { title: 'x' }))).toBe('NOT_FOUND');
    // Clearing a field keeps it the user's decision.
    const cleared = updateDocumentMetadata(a, ids[0]!, { signer: '' });
    expect(cleared.metadata.signer).toBeNull();
    expect(cleared.provenance.signer?.source).toBe('user');
  });

  it('confirms a suggestion without changing it', () => {
    const d = confirmDocumentFields(a, ids[2]!, ['docType']);
    expect(d.metadata.docType).toBe('Quyết định');
    expect(d.provenance.docType?.source).toBe('user');
  });

  it('deletes a document with its rows; tags stay', () => {
    addTagToDocuments(a, [ids[0]!, ids[1]!], 'Nội chính');
    deleteDocument(a, ids[0]!);
    expect(getDocument(a.db, ids[0]!)).toBeNull();
    expect(a.db.prepare('SELECT count(*) FROM files WHERE document_id = ?').pluck().get(ids[0])).toBe(0);
    expect(listTags(a.db).find((t) => t.name === 'Nội chính')!.documentCount).toBe(1);
    expect(codeOf(() => deleteDocument(a, ids[0]!))).toBe('NOT_FOUND');
  });

  it('manages tags: add, remove, list, rename, merge, colour, parent, delete (documents stay)', () => {
    addTagToDocuments(a, [ids[0]!, ids[1]!], '  Kinh   tế ');
    addTagToDocuments(a, [ids[0]!], 'Kinh tế'); // same tag after normalisation, no duplicate link
    addTagToDocuments(a, [ids[2]!], 'Kinh te cu');
    createTag(a, 'Lĩnh vực');
    expect(listTags(a.db).map((t) => [t.name, t.documentCount])).toEqual([
      ['Kinh te cu', 1],
      ['Kinh tế', 2],
      ['Lĩnh vực', 0],
    ]);
    expect(
      listDocuments(a.db, { tag: 'Kinh tế' })
        .items.map((d) => d.id)
        .sort(),
    ).toEqual([ids[0], ids[1]]);

    expect(removeTagFromDocuments(a, [ids[1]!], 'Kinh tế')).toBe(1);
    expect(codeOf(() => renameTag(a, 'Kinh te cu', 'Kinh tế'))).toBe('TAG_EXISTS');
    const merged = mergeTags(a, 'Kinh te cu', 'Kinh tế').tag;
    expect(merged.documentCount).toBe(2);
    expect(listTags(a.db).some((t) => t.name === 'Kinh te cu')).toBe(false);

    const renamed = renameTag(a, 'Kinh tế', 'Kinh tế - Xã hội');
    expect(getDocument(a.db, ids[0]!)!.tags.map((t) => t.name)).toEqual(['Kinh tế - Xã hội']);
    expect(setTagColor(a, renamed.id, '#AA3300').color).toBe('#aa3300');
    expect(codeOf(() => setTagColor(a, renamed.id, 'red'))).toBe('INVALID_INPUT');
    expect(setTagParent(a, renamed.id, 'Lĩnh vực').parentId).toBe(
      listTags(a.db).find((t) => t.name === 'Lĩnh vực')!.id,
    );
    expect(codeOf(() => setTagParent(a, 'Lĩnh vực', renamed.id))).toBe('INVALID_INPUT');
    expect(setTagParent(a, renamed.id, null).parentId).toBeNull();

    deleteTag(a, renamed.id);
    expect(getDocument(a.db, ids[0]!)!.tags).toEqual([]);
    expect(listDocuments(a.db).total).toBe(5);
    expect(codeOf(() => deleteTag(a, 'không có'))).toBe('NOT_FOUND');
    expect(codeOf(() => addTagToDocuments(a, [999], 'x'))).toBe('NOT_FOUND');
  });

  it('reuses the existing tag for a name that differs only by accents or case (never a twin)', () => {
    const first = addTagToDocuments(a, [ids[0]!], 'Môi trường');
    expect(first).toMatchObject({
      name: 'Môi trường',
      created: true,
      reusedFrom: null,
      alreadyTagged: false,
    });
    const twin = addTagToDocuments(a, [ids[1]!], 'moi truong');
    expect(twin).toMatchObject({
      id: first.id,
      name: 'Môi trường',
      created: false,
      reusedFrom: 'moi truong',
    });
    expect(addTagToDocuments(a, [ids[2]!], 'MÔI  TRƯỜNG').id).toBe(first.id);
    expect(createTag(a, 'Moi Truong')).toMatchObject({
      id: first.id,
      created: false,
      reusedFrom: 'Moi Truong',
    });
    // đ folds to d as everywhere else in the text engine.
    const dang = addTagToDocuments(a, [ids[0]!], 'Đảng ủy');
    expect(addTagToDocuments(a, [ids[1]!], 'dang uy').id).toBe(dang.id);
    expect(listTags(a.db).map((t) => [t.name, t.documentCount])).toEqual([
      ['Môi trường', 3],
      ['Đảng ủy', 2],
    ]);
    // Lookups by name follow the same rule.
    expect(listDocuments(a.db, { tag: 'moi truong' }).total).toBe(3);
    expect(removeTagFromDocuments(a, [ids[2]!], 'moi truong')).toBe(1);
  });

  it('says when a document already has the tag (no-op) and refuses renaming onto an accent twin', () => {
    addTagToDocuments(a, [ids[0]!], 'Môi trường');
    const again = addTagToDocuments(a, [ids[0]!], 'Môi trường');
    expect(again.alreadyTagged).toBe(true);
    expect(addTagToDocuments(a, [ids[0]!], 'moi truong').alreadyTagged).toBe(true);
    expect(addTagToDocuments(a, [ids[0]!, ids[1]!], 'Môi trường').alreadyTagged).toBe(false);

    const other = createTag(a, 'Môi trường cũ');
    let err: VanKhoError | null = null;
    try {
      renameTag(a, other.id, 'moi truong');
    } catch (e) {
      err = e as VanKhoError;
    }
    expect(err?.appError).toMatchObject({ code: 'TAG_EXISTS', detail: 'Môi trường' });
    // Fixing a tag's own accents is a rename, not a clash.
    const plain = createTag(a, 'Kinh te');
    expect(renameTag(a, plain.id, 'Kinh tế')).toMatchObject({ id: plain.id, name: 'Kinh tế' });
  });

  it('undoes a tag merge exactly: the source tag, its links, children and the target as before', () => {
    const snapshot = () => ({
      tags: a.db.prepare('SELECT id, name, parent_id, color, created_at FROM tags ORDER BY id').all(),
      links: a.db.prepare('SELECT document_id, tag_id FROM document_tags ORDER BY 1, 2').all(),
    });
    const source = addTagToDocuments(a, [ids[0]!, ids[1]!], 'chuyen doi so tinh');
    setTagColor(a, source.id, '#aa3300');
    const parent = createTag(a, 'Lĩnh vực');
    setTagParent(a, source.id, parent.id);
    const target = addTagToDocuments(a, [ids[1]!, ids[2]!], 'Chuyển đổi số');
    setTagParent(a, target.id, source.id); // the target is the source's child
    const child = createTag(a, 'Hạ tầng số');
    setTagParent(a, child.id, source.id);
    const before = snapshot();

    const { tag, undo } = mergeTags(a, source.id, target.id);
    expect(tag.documentCount).toBe(3);
    expect(listTags(a.db).some((t) => t.id === source.id)).toBe(false);
    expect(snapshot()).not.toEqual(before);

    const restored = undoTagMerge(a, undo!);
    expect(restored).toMatchObject({ id: source.id, name: 'chuyen doi so tinh', color: '#aa3300' });
    expect(snapshot()).toEqual(before);

    // Undo is refused once a tag with the source's name (or its accent twin) exists again.
    const again = mergeTags(a, source.id, target.id);
    createTag(a, 'Chuyển đổi số tỉnh');
    expect(codeOf(() => undoTagMerge(a, again.undo!))).toBe('TAG_EXISTS');
  });

  it('journals every change search must see', () => {
    const before = a.db.prepare('SELECT max(seq) FROM change_journal').pluck().get() as number;
    updateDocumentMetadata(a, ids[3]!, { title: 'Trích yếu mới' });
    addTagToDocuments(a, [ids[3]!], 'Mới');
    const rows = a.db.prepare('SELECT document_id FROM change_journal WHERE seq > ?').pluck().all(before);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(new Set(rows)).toEqual(new Set([ids[3]]));
  });

  it('resolves a citation once a person types the cited number on the cited document', () => {
    const citing = ids[0]!;
    const cited = ids[1]!;
    a.write((db) => {
      const fileId = db.prepare('SELECT id FROM files WHERE document_id = ?').pluck().get(citing) as number;
      db.prepare('INSERT INTO pages (file_id, page_no, text) VALUES (?, 1, ?)').run(
        fileId,
        'Căn cứ Quyết định số 08/2022/QĐ-TTg ngày 15/3/2022 của Thủ tướng Chính phủ về việc ban hành quy chế;',
      );
      enrichDocument(db, citing);
    });
    const targetOf = (): unknown =>
      a.db
        .prepare(`SELECT target_id FROM relations WHERE source_id = ? AND cited_number_key IS NOT NULL`)
        .pluck()
        .get(citing);
    expect(
      a.db.prepare('SELECT count(*) FROM relations WHERE source_id = ?').pluck().get(citing),
    ).toBeGreaterThan(0);
    expect(targetOf()).toBeNull();
    updateDocumentMetadata(a, cited, {
      number: '08/2022/QĐ-TTg',
      docType: 'Quyết định',
      issuedDate: '2022-03-15',
    });
    expect(targetOf()).toBe(cited);
  });
});
