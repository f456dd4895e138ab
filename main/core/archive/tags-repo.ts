// Tags: the one place of the tags and document_tags tables' SQL — names (normalised, accent/case
// twins are one tag), hierarchy without cycles, colours, merge with its undo. Reads take a Db;
// writes take the Archive so they go through archive.write() and its hooks.
import { appError } from '../../contract/errors.js';
import type { TagDto, TagRef } from '../../contract/dto.js';
import { fold } from '../text/normalize.js';
import { andReadableDocument, READ_ALL, type ReadScope } from './access.js';
import type { Archive, Db } from './archive.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { prepared } from './prepared.js';

/** The tags a document carries, by name. */
export function tagRefsOf(db: Db, documentId: number): TagRef[] {
  return db
    .prepare(
      'SELECT t.id, t.name, t.color FROM tags t JOIN document_tags dt ON dt.tag_id = t.id WHERE dt.document_id = ? ORDER BY t.name',
    )
    .all(documentId) as TagRef[];
}

interface TagRow {
  id: number;
  name: string;
  parent_id: number | null;
  color: string | null;
  n: number;
}

function tagInfoOf(r: TagRow): TagDto {
  return { id: r.id, name: r.name, color: r.color, parentId: r.parent_id, documentCount: r.n };
}

export function normalizeTagName(name: string): string {
  const n = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (n === '' || n.length > 200)
    throw new VanKhoError(appError('INVALID_INPUT', `tag name must be 1–200 characters: "${name}"`));
  return n;
}

/** A tag row with its count of documents, of those `scope` may read (no count tells of the others). */
function tagSelect(scope: ReadScope): string {
  const n = scope.all
    ? 'SELECT count(*) FROM document_tags x WHERE x.tag_id = t.id'
    : `SELECT count(*) FROM document_tags x JOIN documents d ON d.id = x.document_id
       WHERE x.tag_id = t.id${andReadableDocument(scope, 'd')}`;
  return `SELECT t.id, t.name, t.parent_id, t.color, (${n}) AS n FROM tags t`;
}

export function listTags(db: Db, scope: ReadScope = READ_ALL): TagDto[] {
  return (db.prepare(`${tagSelect(scope)} ORDER BY t.name`).all() as TagRow[]).map(tagInfoOf);
}

export function findTag(db: Db, ref: string | number, scope: ReadScope = READ_ALL): TagDto | null {
  const select = tagSelect(scope);
  const row =
    typeof ref === 'number'
      ? (db.prepare(`${select} WHERE t.id = ?`).get(ref) as TagRow | undefined)
      : (db.prepare(`${select} WHERE t.name = ?`).get(normalizeTagName(ref)) as TagRow | undefined);
  return row ? tagInfoOf(row) : null;
}

export function resolveTag(db: Db, ref: string | number): TagDto {
  const t = typeof ref === 'number' ? findTag(db, ref) : findTagByFold(db, ref);
  if (!t)
    throw new VanKhoError(appError('NOT_FOUND', `tag ${typeof ref === 'number' ? `#${ref}` : `"${ref}"`}`));
  return t;
}

/**
 * The tag a name denotes: the one with exactly that name, else the one whose folded name (no
 * accents, no case, đ→d) is the same — "moi truong" is "Môi trường", never an accent-only twin.
 * `exceptId` skips one tag (a rename may fix its own accents).
 */
export function findTagByFold(db: Db, name: string, exceptId?: number): TagDto | null {
  const n = normalizeTagName(name);
  const exact = findTag(db, n);
  if (exact && exact.id !== exceptId) return exact;
  const key = fold(n);
  const rows = db.prepare('SELECT id, name FROM tags ORDER BY id').all() as Array<{
    id: number;
    name: string;
  }>;
  const twin = rows.find((r) => r.id !== exceptId && fold(r.name) === key);
  return twin ? findTag(db, twin.id) : null;
}

/** The one INSERT of a tag row; `name` already normalised (normalizeTagName), colour checked. */
export function insertTag(
  db: Db,
  t: { id?: number | null; name: string; parentId?: number | null; color?: string | null; createdAt: string },
): number {
  return Number(
    db
      .prepare('INSERT INTO tags (id, name, parent_id, color, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(t.id ?? null, t.name, t.parentId ?? null, t.color ?? null, t.createdAt).lastInsertRowid,
  );
}

/** A tag looked up by name or created; `reused` when an existing tag's name differs from the one asked. */
export function ensureTag(db: Db, name: string): { id: number; created: boolean; reused: boolean } {
  const n = normalizeTagName(name);
  const existing = findTagByFold(db, n);
  if (existing) return { id: existing.id, created: false, reused: existing.name !== n };
  const id = insertTag(db, { name: n, createdAt: new Date().toISOString() });
  return { id, created: true, reused: false };
}

/** What adding a tag did, so callers can say it (contract: TagAddResultDto). */
export interface TagAddResult extends TagDto {
  /** The name asked for when it differed from the existing tag used (accents/case only), else null. */
  reusedFrom: string | null;
  created: boolean;
  /** Every given document already carried the tag: nothing changed. */
  alreadyTagged: boolean;
}

/** Creates the tag if missing (returns the existing one otherwise, also an accent/case twin). */
export function createTag(
  archive: Archive,
  name: string,
  opts: { parent?: string | number; color?: string } = {},
): TagAddResult {
  const t = archive.write((db) => {
    const r = ensureTag(db, name);
    if (opts.parent !== undefined) setParentIn(db, r.id, opts.parent);
    if (opts.color !== undefined)
      db.prepare('UPDATE tags SET color = ? WHERE id = ?').run(normalizeColor(opts.color), r.id);
    return r;
  });
  return {
    ...resolveTag(archive.db, t.id),
    reusedFrom: t.reused ? normalizeTagName(name) : null,
    created: t.created,
    alreadyTagged: false,
  };
}

/**
 * Tags documents (creating the tag when missing, reusing an accent/case twin); already-tagged
 * documents are left as they are.
 */
export function addTagToDocuments(archive: Archive, documentIds: number[], tagName: string): TagAddResult {
  const r = archive.write((db) => {
    const t = ensureTag(db, tagName);
    let linked = 0;
    for (const docId of documentIds) {
      if (!db.prepare('SELECT 1 FROM documents WHERE id = ?').get(docId))
        throw new VanKhoError(appError('NOT_FOUND', `document #${docId}`));
      linked += linkDocumentTag(db, docId, t.id);
    }
    return { ...t, linked };
  });
  return {
    ...resolveTag(archive.db, r.id),
    reusedFrom: r.reused ? normalizeTagName(tagName) : null,
    created: r.created,
    alreadyTagged: r.linked === 0 && documentIds.length > 0,
  };
}

/** The one INSERT of document_tags: 1 when the link is new, 0 when the document had the tag. */
export function linkDocumentTag(db: Db, documentId: number, tagId: number): number {
  return prepared(db, 'INSERT OR IGNORE INTO document_tags (document_id, tag_id) VALUES (?, ?)').run(
    documentId,
    tagId,
  ).changes;
}

/** Removes a tag from documents; the tag itself stays (delete it with deleteTag). */
export function removeTagFromDocuments(
  archive: Archive,
  documentIds: number[],
  tag: string | number,
): number {
  return archive.write((db) => {
    const t = resolveTag(db, tag);
    let removed = 0;
    for (const docId of documentIds) {
      removed += db
        .prepare('DELETE FROM document_tags WHERE document_id = ? AND tag_id = ?')
        .run(docId, t.id).changes;
    }
    return removed;
  });
}

/**
 * Renames a tag; renaming onto another tag's name, or an accent/case twin of it, is refused with
 * TAG_EXISTS naming that tag (merge instead).
 */
export function renameTag(archive: Archive, tag: string | number, newName: string): TagDto {
  const n = normalizeTagName(newName);
  const id = archive.write((db) => {
    const t = resolveTag(db, tag);
    const clash = findTagByFold(db, n, t.id);
    if (clash) throw new VanKhoError(appError('TAG_EXISTS', clash.name));
    db.prepare('UPDATE tags SET name = ? WHERE id = ?').run(n, t.id);
    return t.id;
  });
  return resolveTag(archive.db, id);
}

/** Everything a merge changed, so undoTagMerge can put it back exactly. */
export interface TagMergeUndo {
  source: { id: number; name: string; parentId: number | null; color: string | null; createdAt: string };
  targetId: number;
  /** The target's parent before the merge (it changes when the target was the source's child). */
  targetParentBefore: number | null;
  sourceDocumentIds: number[];
  /** Documents that got the target tag from the merge (they did not carry it before). */
  addedToTarget: number[];
  /** Child tags of the source moved under the target. */
  childIds: number[];
}

/** Moves every document and child tag of `from` onto `into`, then deletes `from`. */
export function mergeTags(
  archive: Archive,
  from: string | number,
  into: string | number,
): { tag: TagDto; undo: TagMergeUndo | null } {
  const r = archive.write((db) => {
    const a = resolveTag(db, from);
    const b = resolveTag(db, into);
    if (a.id === b.id) return { intoId: b.id, undo: null };
    const ids = (sql: string, ...p: unknown[]): number[] =>
      db
        .prepare(sql)
        .pluck()
        .all(...p) as number[];
    const undo: TagMergeUndo = {
      source: {
        id: a.id,
        name: a.name,
        parentId: a.parentId,
        color: a.color,
        createdAt: db.prepare('SELECT created_at FROM tags WHERE id = ?').pluck().get(a.id) as string,
      },
      targetId: b.id,
      targetParentBefore: b.parentId,
      sourceDocumentIds: ids('SELECT document_id FROM document_tags WHERE tag_id = ? ORDER BY 1', a.id),
      addedToTarget: ids(
        `SELECT document_id FROM document_tags WHERE tag_id = ?
           AND document_id NOT IN (SELECT document_id FROM document_tags WHERE tag_id = ?) ORDER BY 1`,
        a.id,
        b.id,
      ),
      childIds: ids('SELECT id FROM tags WHERE parent_id = ? AND id <> ? ORDER BY 1', a.id, b.id),
    };
    db.prepare(
      'INSERT OR IGNORE INTO document_tags (document_id, tag_id) SELECT document_id, ? FROM document_tags WHERE tag_id = ?',
    ).run(b.id, a.id);
    db.prepare('UPDATE tags SET parent_id = ? WHERE parent_id = ? AND id <> ?').run(b.id, a.id, b.id);
    if (b.parentId === a.id) db.prepare('UPDATE tags SET parent_id = ? WHERE id = ?').run(a.parentId, b.id);
    db.prepare('DELETE FROM tags WHERE id = ?').run(a.id);
    return { intoId: b.id, undo };
  });
  return { tag: resolveTag(archive.db, r.intoId), undo: r.undo };
}

/**
 * Undoes a merge right after it: the source tag comes back (same id, name, colour, parent, date
 * when still free), with its documents; links and child tags the merge moved go back. Refused
 * (NOT_FOUND / TAG_EXISTS) when the target is gone or a tag with the source's name appeared since.
 */
export function undoTagMerge(archive: Archive, u: TagMergeUndo): TagDto {
  const id = archive.write((db) => {
    if (!findTag(db, u.targetId)) throw new VanKhoError(appError('NOT_FOUND', `tag #${u.targetId}`));
    const clash = findTagByFold(db, u.source.name);
    if (clash) throw new VanKhoError(appError('TAG_EXISTS', clash.name));
    const idFree = !findTag(db, u.source.id);
    const parent = u.source.parentId !== null && findTag(db, u.source.parentId) ? u.source.parentId : null;
    const sourceId = insertTag(db, {
      id: idFree ? u.source.id : null,
      name: u.source.name,
      parentId: parent,
      color: u.source.color,
      createdAt: u.source.createdAt,
    });
    const link = db.prepare(
      'INSERT OR IGNORE INTO document_tags (document_id, tag_id) SELECT id, ? FROM documents WHERE id = ?',
    );
    for (const d of u.sourceDocumentIds) link.run(sourceId, d);
    const unlink = db.prepare('DELETE FROM document_tags WHERE document_id = ? AND tag_id = ?');
    for (const d of u.addedToTarget) unlink.run(d, u.targetId);
    const reparent = db.prepare('UPDATE tags SET parent_id = ? WHERE id = ? AND parent_id = ?');
    for (const c of u.childIds) reparent.run(sourceId, c, u.targetId);
    if (u.targetParentBefore === u.source.id) {
      db.prepare('UPDATE tags SET parent_id = ? WHERE id = ? AND parent_id IS ?').run(
        sourceId,
        u.targetId,
        u.source.parentId,
      );
    }
    return sourceId;
  });
  return resolveTag(archive.db, id);
}

export function normalizeColor(color: string | null): string | null {
  if (color === null || color === '') return null;
  const c = color.trim().toLowerCase();
  if (!/^#[0-9a-f]{6}$/.test(c))
    throw new VanKhoError(appError('INVALID_INPUT', `colour must be #rrggbb: ${color}`));
  return c;
}

export function setTagColor(archive: Archive, tag: string | number, color: string | null): TagDto {
  const id = archive.write((db) => {
    const t = resolveTag(db, tag);
    db.prepare('UPDATE tags SET color = ? WHERE id = ?').run(normalizeColor(color), t.id);
    return t.id;
  });
  return resolveTag(archive.db, id);
}

/** Whether making `parentId` the parent of `tagId` would make a tag its own ancestor. */
export function wouldCycle(db: Db, tagId: number, parentId: number): boolean {
  const up = db.prepare('SELECT parent_id FROM tags WHERE id = ?').pluck();
  for (let cur: number | null = parentId, guard = 0; cur !== null && guard < 10_000; guard++) {
    if (cur === tagId) return true;
    cur = (up.get(cur) as number | null | undefined) ?? null;
  }
  return false;
}

/**
 * A tag met again (a bundle's tag that is an accent/case twin of this one) takes the colour and the
 * parent it lacks; the parent only when that makes no tag its own ancestor. What it has stays.
 */
export function completeTag(
  db: Db,
  tag: Pick<TagDto, 'id' | 'color' | 'parentId'>,
  color: string | null,
  parentId: number | null,
): void {
  if (tag.color === null && color !== null)
    db.prepare('UPDATE tags SET color = ? WHERE id = ?').run(color, tag.id);
  if (tag.parentId === null && parentId !== null && !wouldCycle(db, tag.id, parentId))
    db.prepare('UPDATE tags SET parent_id = ? WHERE id = ?').run(parentId, tag.id);
}

function setParentIn(db: Db, tagId: number, parent: string | number | null): void {
  if (parent === null) {
    db.prepare('UPDATE tags SET parent_id = NULL WHERE id = ?').run(tagId);
    return;
  }
  const p = resolveTag(db, parent);
  if (wouldCycle(db, tagId, p.id))
    throw new VanKhoError(appError('INVALID_INPUT', 'a tag cannot be its own ancestor'));
  db.prepare('UPDATE tags SET parent_id = ? WHERE id = ?').run(p.id, tagId);
}

export function setTagParent(archive: Archive, tag: string | number, parent: string | number | null): TagDto {
  const id = archive.write((db) => {
    const t = resolveTag(db, tag);
    setParentIn(db, t.id, parent);
    return t.id;
  });
  return resolveTag(archive.db, id);
}

/** Deletes a tag; its documents stay (only the links go), child tags move to the top level. */
export function deleteTag(archive: Archive, tag: string | number): void {
  archive.write((db) => {
    const t = resolveTag(db, tag);
    db.prepare('DELETE FROM tags WHERE id = ?').run(t.id);
  });
}

/** Ids of the documents carrying a tag (by name), and with `descendants` its sub-tags too; oldest first. */
export function documentIdsForTag(db: Db, tagName: string, descendants = true): number[] | null {
  const tag = db.prepare<[string], { id: number }>('SELECT id FROM tags WHERE name = ?').get(tagName);
  if (!tag) return null;
  const sql = descendants
    ? `WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT t.id FROM tags t JOIN sub ON t.parent_id = sub.id)
       SELECT DISTINCT d.id FROM documents d JOIN document_tags dt ON dt.document_id = d.id
        WHERE dt.tag_id IN (SELECT id FROM sub) ORDER BY d.issued_date IS NULL, d.issued_date, d.id`
    : `SELECT d.id FROM documents d JOIN document_tags dt ON dt.document_id = d.id WHERE dt.tag_id = ?
        ORDER BY d.issued_date IS NULL, d.issued_date, d.id`;
  return db.prepare<[number], number>(sql).pluck().all(tag.id);
}
