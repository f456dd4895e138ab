// Thùng rác (trash, issue 16): deleting a document moves it here. Its rows leave the live tables in
// one transaction, so every list, search, facet, count, export and citation sees it gone at once
// (no query needs to know about a trash), while a JSON snapshot of those rows and its originals
// (listed in trash_files, so the sweep and the check keep them) stay until a person empties the
// trash. Restore puts the rows back, under the same ids while they are free, and relinks the
// citations that pointed at it. Table layout: migrations/004-trash.sql.
import type { TrashEntryDto } from '../../contract/dto.js';
import { appError } from '../../contract/errors.js';
import type { Archive, Db } from './archive.js';
import { levelCondition, READ_ALL, type ReadScope } from './access.js';
import { relinkCitationsOf, reresolveCitationsOf } from './enrich-document.js';
import { keptApartOf, restoreKeptApart, type KeptApart } from './identity-twins.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { documentPageRows, insertPage } from './pages-repo.js';

/** A trash entry as the contract gives it (the one definition of its fields). */
export type TrashEntry = TrashEntryDto;

type Row = Record<string, unknown>;
interface Snapshot {
  documents: Row[];
  document_fields: Row[];
  files: Row[];
  pages: Row[];
  /** The files' OCR rows (recognised words, boxes, the queue); absent in snapshots written before. */
  ocr_pages?: Row[];
  /** With `tag_name`: ids are reused once a tag is deleted, so restore relinks by name. */
  document_tags: Row[];
  /** With `target_uid` (null when unresolved): document ids are reused, uids never. */
  relations: Row[];
  /**
   * Relations of other documents that cited this one (their target_id went NULL), with the citing
   * document's uid (relation ids are reused too). Plain ids in snapshots written before that.
   */
  cited_by: Array<number | { id: number; sourceUid: string }>;
  /** A person's validity override (schema 11); absent in snapshots written before it. */
  document_validity?: Row[];
  /** Set when it went to the trash by a merge into its identity twin: what the twin took over. */
  merged_into?: MergeUndo;
  /** Its "giữ cả hai" pairs (schema 13); absent in snapshots written before (they were lost). */
  kept_apart?: KeptApart[];
  /**
   * The trash hooks' rows, under their keys (`record_documents`: its places in hồ sơ;
   * `access_grants`: its read grants, schema 14).
   */
  [hookKey: string]: unknown;
}

/**
 * What a merge moved from the source onto the target (by the target's uid: ids are reused), so a
 * restore takes exactly that back; rows the target had of its own are never touched. The trash
 * hooks' own undo is under their keys.
 */
export interface MergeUndo {
  targetUid: string;
  /** The source's file rows, now the target's (their pages and OCR rows follow by file id). */
  fileIds: number[];
  tagIds: number[];
  /** The source's relations, now the target's (source_id moved). */
  relationsOut: number[];
  /** Other documents' relations that pointed at the source and now point at the target. */
  relationsIn: number[];
  [hookKey: string]: unknown;
}

/**
 * A module above the archive whose tables hold rows of a document (hồ sơ places: core/records):
 * what it keeps in the trash and puts back, and what an identity merge moves and undoes. Its rows
 * go under `key` in the snapshot and in the merge's undo, so its SQL stays in its own module and a
 * snapshot stays readable by later versions. Registered per archive (addDocumentTrashHooks in
 * open-vankho.ts, which openVanKho calls); the trash refuses to run without the ones the schema needs.
 */
export interface TrashHook {
  readonly key: string;
  /** Its rows of the document, before the live rows go (JSON). */
  snapshot(db: Db, documentId: number): unknown;
  /** Puts them back for the restored document (its id now); `saved` is its key of the snapshot. */
  restore(db: Db, documentId: number, saved: unknown): void;
  /** In a merge of `sourceId` into its twin `targetId`: moves what the target lacks; the undo. */
  merge(db: Db, sourceId: number, targetId: number): unknown;
  /** Undoes `merge` on the live target, before the restore; `undo` is the whole record as stored. */
  unmerge(db: Db, targetId: number, undo: Readonly<MergeUndo>): void;
}

const hooksByDb = new WeakMap<Db, TrashHook[]>();

/** Registers a hook on this archive (one per key); the function removes it. */
export function addTrashHook(archive: Archive, hook: TrashHook): () => void {
  const list = hooksByDb.get(archive.db) ?? [];
  hooksByDb.set(archive.db, [...list.filter((h) => h.key !== hook.key), hook]);
  return () =>
    hooksByDb.set(
      archive.db,
      (hooksByDb.get(archive.db) ?? []).filter((h) => h !== hook),
    );
}

/**
 * The tables whose rows go with a document (ON DELETE CASCADE, directly or through its stored files)
 * that the trash itself snapshots and puts back; identity_twin_dismissals through identity-twins.ts.
 */
const TRASH_OWN_TABLES: ReadonlySet<string> = new Set([
  'document_fields',
  'document_validity',
  'files',
  'pages',
  'ocr_pages',
  'document_tags',
  'relations',
  'identity_twin_dismissals',
]);

const neededBySchema = new WeakMap<Db, { version: number; keys: readonly string[] }>();

/**
 * The hook keys this archive's schema needs: every other table whose rows the database deletes with
 * a document (its own rows, or those of its files: a file's rows go with the document too) needs the
 * hook of its owner, keyed by the table's name. Read from the schema, so a new table of that kind is
 * covered by the check the day its migration lands.
 */
function neededHookKeys(db: Db): readonly string[] {
  // Read once per schema (a few tenths of a millisecond, per document of a bulk delete otherwise).
  const version = db.pragma('schema_version', { simple: true }) as number;
  const cached = neededBySchema.get(db);
  if (cached?.version === version) return cached.keys;
  const keys = db
    .prepare<[], string>(
      `SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
       WHERE m.type = 'table' AND f."table" IN ('documents', 'files') AND upper(f.on_delete) = 'CASCADE'
       ORDER BY m.name`,
    )
    .pluck()
    .all()
    .filter((t) => !TRASH_OWN_TABLES.has(t));
  neededBySchema.set(db, { version, keys });
  return keys;
}

/**
 * The hooks registered on the archive of this database, and all the ones its schema needs: without
 * one, deleting, restoring or merging a document would silently lose that table's rows of it (an
 * archive opened around openVanKho, which registers them). That is a bug of the caller, refused
 * before anything is written.
 */
export function trashHooksOf(db: Db): readonly TrashHook[] {
  const hooks = hooksByDb.get(db) ?? [];
  const missing = neededHookKeys(db).filter((k) => !hooks.some((h) => h.key === k));
  if (missing.length > 0)
    throw new VanKhoError(
      appError(
        'INTERNAL',
        `trash hooks not registered on this archive: ${missing.join(', ')} (open it with openVanKho, or addDocumentTrashHooks)`,
      ),
    );
  return hooks;
}

const notFound = (what: string): VanKhoError => new VanKhoError(appError('NOT_FOUND', what));

/** Moves documents to the trash; returns their entries. */
export function trashDocuments(archive: Archive, documentIds: readonly number[]): TrashEntry[] {
  const ids = [...new Set(documentIds)];
  return archive.write((db) => {
    const entries: number[] = [];
    for (const id of ids) entries.push(fileInTrash(db, id, snapshotOf(db, id)));
    return entries.map((t) => entryOf(db, t)!);
  });
}

/**
 * Merges one document into its identity twin as one step the trash can undo (core/archive/
 * identity-merge.ts): `move` re-parents the source's rows onto the target and says which; the source,
 * snapshotted before, then goes to the trash carrying that list, so restoring it takes them back.
 * Inside the caller's write transaction.
 */
export function trashMergedDocument(db: Db, sourceId: number, move: () => MergeUndo): TrashEntry {
  const snapshot = snapshotOf(db, sourceId);
  snapshot.merged_into = move();
  return entryOf(db, fileInTrash(db, sourceId, snapshot))!;
}

function snapshotOf(db: Db, id: number): Snapshot {
  const doc = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as Row | undefined;
  if (!doc) throw notFound(`document #${id}`);
  const hooked: Record<string, unknown> = {};
  for (const h of trashHooksOf(db)) hooked[h.key] = h.snapshot(db, id);
  return {
    ...hooked,
    documents: [doc],
    document_fields: db.prepare('SELECT * FROM document_fields WHERE document_id = ?').all(id) as Row[],
    document_validity: db.prepare('SELECT * FROM document_validity WHERE document_id = ?').all(id) as Row[],
    files: db.prepare('SELECT * FROM files WHERE document_id = ? ORDER BY id').all(id) as Row[],
    // Texts unpacked (pages-repo): the snapshot is JSON.
    pages: documentPageRows(db, id) as unknown as Row[],
    ocr_pages: db
      .prepare('SELECT o.* FROM ocr_pages o JOIN files f ON f.id = o.file_id WHERE f.document_id = ?')
      .all(id) as Row[],
    document_tags: db
      .prepare(
        'SELECT dt.*, t.name AS tag_name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id = ?',
      )
      .all(id) as Row[],
    relations: db
      .prepare(
        'SELECT r.*, t.uid AS target_uid FROM relations r LEFT JOIN documents t ON t.id = r.target_id WHERE r.source_id = ?',
      )
      .all(id) as Row[],
    cited_by: db
      .prepare<[number, number], { id: number; sourceUid: string }>(
        `SELECT r.id, s.uid AS sourceUid FROM relations r JOIN documents s ON s.id = r.source_id
         WHERE r.target_id = ? AND r.source_id <> ?`,
      )
      .all(id, id),
    kept_apart: keptApartOf(db, id),
  };
}

/** Writes the trash entry of a snapshot and deletes the document's live rows; the entry's id. */
function fileInTrash(db: Db, id: number, snapshot: Snapshot): number {
  const doc = snapshot.documents[0]!;
  const r = db
    .prepare(
      `INSERT INTO trash (document_id, uid, number, title, doc_type, issued_date, deleted_at, snapshot)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      doc['uid'],
      doc['number'] ?? null,
      doc['title'] ?? '',
      doc['doc_type'] ?? null,
      doc['issued_date'] ?? null,
      new Date().toISOString(),
      JSON.stringify(snapshot),
    );
  const trashId = Number(r.lastInsertRowid);
  const addFile = db.prepare('INSERT INTO trash_files (trash_id, sha256, size) VALUES (?, ?, ?)');
  for (const f of snapshot.files) addFile.run(trashId, f['sha256'], f['size']);
  db.prepare('DELETE FROM documents WHERE id = ?').run(id);
  return trashId;
}

const ENTRY_SELECT = `SELECT t.id, t.document_id, t.uid, t.number, t.title, t.doc_type, t.issued_date, t.deleted_at,
  (SELECT count(*) FROM trash_files x WHERE x.trash_id = t.id) AS file_count,
  (SELECT coalesce(sum(size), 0) FROM trash_files x WHERE x.trash_id = t.id) AS bytes FROM trash t`;

interface EntryRow {
  id: number;
  document_id: number;
  uid: string;
  number: string | null;
  title: string;
  doc_type: string | null;
  issued_date: string | null;
  deleted_at: string;
  file_count: number;
  bytes: number;
}

function toEntry(r: EntryRow): TrashEntry {
  return {
    id: r.id,
    documentId: r.document_id,
    uid: r.uid,
    number: r.number,
    title: r.title,
    docType: r.doc_type,
    issuedDate: r.issued_date,
    deletedAt: r.deleted_at,
    fileCount: r.file_count,
    bytes: r.bytes,
  };
}

function entryOf(db: Db, id: number): TrashEntry | null {
  const r = db.prepare(`${ENTRY_SELECT} WHERE t.id = ?`).get(id) as EntryRow | undefined;
  return r ? toEntry(r) : null;
}

/** The level of the document a trash entry (alias) holds: its snapshot's; public before schema 10. */
const entryLevelSql = (alias: string): string =>
  `coalesce(json_extract(${alias}.snapshot, '$.documents[0].access'), 'cong-khai')`;

/** The level of the trashed document of this uid (SQL expression), NULL when none is in the trash. */
export function trashedLevelSql(uidSql: string): string {
  return `(SELECT ${entryLevelSql('tx')} FROM trash tx WHERE tx.uid = ${uidSql})`;
}

/** The trash, most recently deleted first: the entries whose document `scope` may read. */
export function listTrash(db: Db, scope: ReadScope = READ_ALL): TrashEntry[] {
  const readable = levelCondition(scope, entryLevelSql('t'));
  return (
    db
      .prepare(`${ENTRY_SELECT}${readable ? ` WHERE ${readable}` : ''} ORDER BY t.deleted_at DESC, t.id DESC`)
      .all() as EntryRow[]
  ).map(toEntry);
}

/** NOT_FOUND for an entry that is absent or holds a document `scope` may not read (alike). */
export function requireReadableTrash(db: Db, scope: ReadScope, trashIds: readonly number[]): void {
  if (scope.all) return;
  const readable = levelCondition(scope, entryLevelSql('t'));
  const has = db.prepare<[number], number>(`SELECT 1 FROM trash t WHERE t.id = ? AND ${readable}`).pluck();
  for (const id of trashIds) if (!has.get(id)) throw notFound(`trash entry #${id}`);
}

export function trashCount(db: Db): number {
  return db.prepare<[], number>('SELECT count(*) FROM trash').pluck().get() ?? 0;
}

/** Column names of a table, to insert snapshot rows by name (a tampered snapshot adds no column). */
function columnsOf(db: Db, table: string): Set<string> {
  return new Set(
    (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).map(String),
  );
}

function insertRow(db: Db, table: string, row: Row, known: Set<string>): number {
  const cols = Object.keys(row).filter((c) => known.has(c));
  const r = db
    .prepare(
      `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    )
    .run(...cols.map((c) => row[c] as never));
  return Number(r.lastInsertRowid);
}

/** Restores trash entries; returns the documents' ids (the old ones while they were free). */
export function restoreFromTrash(archive: Archive, trashIds: readonly number[]): number[] {
  return archive.write((db) => {
    const hooks = trashHooksOf(db);
    const out: number[] = [];
    const cols = (t: string): Set<string> => columnsOf(db, t);
    for (const trashId of [...new Set(trashIds)]) {
      const t = db.prepare('SELECT uid, snapshot FROM trash WHERE id = ?').get(trashId) as
        { uid: string; snapshot: string } | undefined;
      if (!t) throw notFound(`trash entry #${trashId}`);
      const s = JSON.parse(t.snapshot) as Snapshot;
      const doc = { ...s.documents[0]! };
      const oldId = Number(doc['id']);
      if (s.merged_into) takeBackMerged(db, s.merged_into);
      const conflict =
        db.prepare('SELECT id FROM documents WHERE uid = ?').get(t.uid) ??
        s.files
          .map((f) => db.prepare('SELECT document_id FROM files WHERE sha256 = ?').get(f['sha256']))
          .find(Boolean);
      if (conflict)
        throw new VanKhoError(
          appError('RESTORE_CONFLICT', `#${oldId} ${String(doc['number'] ?? doc['title'])}`),
        );
      if (db.prepare('SELECT 1 FROM documents WHERE id = ?').get(oldId)) delete doc['id'];
      const id = insertRow(db, 'documents', doc, cols('documents'));
      for (const r of s.document_fields)
        insertRow(db, 'document_fields', { ...r, document_id: id }, cols('document_fields'));
      for (const r of s.document_validity ?? [])
        insertRow(db, 'document_validity', { ...r, document_id: id }, cols('document_validity'));
      const fileIds = new Map<number, number>();
      for (const f of s.files) {
        const row: Row = { ...f, document_id: id };
        if (db.prepare('SELECT 1 FROM files WHERE id = ?').get(f['id'])) delete row['id'];
        fileIds.set(Number(f['id']), insertRow(db, 'files', row, cols('files')));
      }
      for (const p of s.pages)
        insertPage(db, fileIds.get(Number(p['file_id']))!, Number(p['page_no']), String(p['text']));
      for (const o of s.ocr_pages ?? [])
        insertRow(db, 'ocr_pages', { ...o, file_id: fileIds.get(Number(o['file_id'])) }, cols('ocr_pages'));
      // A tag deleted meanwhile stays gone (a tag of the same name made since takes its place);
      // never the tag that reused its id.
      const tagByName = db.prepare<[unknown], number>('SELECT id FROM tags WHERE name = ?').pluck();
      const tagExists = db.prepare('SELECT 1 FROM tags WHERE id = ?');
      for (const dt of s.document_tags) {
        const tagId =
          'tag_name' in dt ? tagByName.get(dt['tag_name']) : tagExists.get(dt['tag_id']) && dt['tag_id'];
        if (tagId)
          insertRow(db, 'document_tags', { ...dt, tag_id: tagId, document_id: id }, cols('document_tags'));
      }
      for (const h of hooks) h.restore(db, id, s[h.key]);
      restoreKeptApart(db, id, s.kept_apart ?? []);
      const docByUid = db.prepare<[unknown], number>('SELECT id FROM documents WHERE uid = ?').pluck();
      const docExists = db.prepare('SELECT 1 FROM documents WHERE id = ?');
      for (const r of s.relations) {
        const row: Row = { ...r, source_id: id };
        delete row['id'];
        const target = r['target_id'];
        if ('target_uid' in r)
          row['target_id'] = r['target_uid'] === null ? null : (docByUid.get(r['target_uid']) ?? null);
        else if (target === oldId) row['target_id'] = id;
        else if (target !== null && target !== undefined && !docExists.get(target)) row['target_id'] = null;
        insertRow(db, 'relations', row, cols('relations'));
      }
      // Its citations by the rule as the archive is now (documents filed or changed while it was in
      // the trash), and theirs of it.
      reresolveCitationsOf(db, id);
      const relink = db.prepare(
        'UPDATE relations SET target_id = ? WHERE id = ? AND target_id IS NULL AND source_id = ?',
      );
      const relinkOld = db.prepare('UPDATE relations SET target_id = ? WHERE id = ? AND target_id IS NULL');
      for (const rel of s.cited_by) {
        if (typeof rel === 'number') relinkOld.run(id, rel);
        else {
          const source = docByUid.get(rel.sourceUid);
          if (source !== undefined) relink.run(id, rel.id, source);
        }
      }
      relinkCitationsOf(db, id);
      db.prepare('DELETE FROM trash WHERE id = ?').run(trashId);
      out.push(id);
    }
    return out;
  });
}

/**
 * Undoes a merge's moves on the target (when it is still live): the moved rows leave it, so the
 * snapshot's rows go back in under their ids; what the target has of its own stays.
 */
function takeBackMerged(db: Db, m: MergeUndo): void {
  const target = db
    .prepare<[string], number>('SELECT id FROM documents WHERE uid = ?')
    .pluck()
    .get(m.targetUid);
  if (target === undefined) return;
  const each = (sql: string, ids: number[]): void => {
    const st = db.prepare<[number, number]>(sql);
    for (const x of ids) st.run(target, x);
  };
  each('DELETE FROM files WHERE document_id = ? AND id = ?', m.fileIds);
  each('DELETE FROM document_tags WHERE document_id = ? AND tag_id = ?', m.tagIds);
  for (const h of trashHooksOf(db)) h.unmerge(db, target, m);
  each('DELETE FROM relations WHERE source_id = ? AND id = ?', m.relationsOut);
  // Back to unresolved: the restore's relink points them at the source again.
  each('UPDATE relations SET target_id = NULL WHERE target_id = ? AND id = ?', m.relationsIn);
  db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), target);
}

/**
 * Empties the trash (all of it, or the entries given): the rows go in one transaction, then the
 * originals no live document or other trash entry holds are deleted from the store. A kill between
 * the two leaves unreferenced originals, which the next open's sweep moves to quarantine.
 */
export function emptyTrash(
  archive: Archive,
  trashIds?: readonly number[],
): { removed: number; filesDeleted: number } {
  const { removed, shas } = archive.write((db) => {
    const ids =
      trashIds === undefined
        ? (db.prepare('SELECT id FROM trash').pluck().all() as number[])
        : [...new Set(trashIds)];
    const shas = new Set<string>();
    for (const id of ids) {
      if (!db.prepare('SELECT 1 FROM trash WHERE id = ?').get(id)) throw notFound(`trash entry #${id}`);
      for (const sha of db
        .prepare('SELECT sha256 FROM trash_files WHERE trash_id = ?')
        .pluck()
        .all(id) as string[])
        shas.add(sha);
      db.prepare('DELETE FROM trash WHERE id = ?').run(id);
    }
    const held = db.prepare(
      'SELECT 1 FROM files WHERE sha256 = ? UNION ALL SELECT 1 FROM trash_files WHERE sha256 = ? LIMIT 1',
    );
    return { removed: ids.length, shas: [...shas].filter((sha) => !held.get(sha, sha)) };
  });
  let filesDeleted = 0;
  for (const sha of shas) if (archive.files.remove(sha)) filesDeleted++;
  return { removed, filesDeleted };
}
