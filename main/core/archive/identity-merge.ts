// "Cùng văn bản, thêm tệp / Same document, another file" (Nghị định 30/2020 Phụ lục VI III.1.h): a
// document found to be a twin of another (identity-twins.ts) becomes another file of it. Its file
// rows (with their text and OCR rows), tags, relations and (through the trash hooks: core/records)
// hồ sơ places move onto the target, and the source goes to the trash recording what moved, so
// restoring it from the trash undoes the merge.
import { appError } from '../../contract/errors.js';
import { RECORD_ACCESS_LEVELS, type TrashEntryDto } from '../../contract/dto.js';
import type { Archive, Db } from './archive.js';
import { requireReadableDocument, type ReadScope } from './access.js';
import { identityTwinsOf } from './identity-twins.js';
import { trashHooksOf, trashMergedDocument, type MergeUndo } from './trash.js';
import { VanKhoError } from '../errors/vankho-error.js';

const invalid = (detail: string): VanKhoError => new VanKhoError(appError('INVALID_INPUT', detail));

/** Merges `sourceId` into its identity twin `targetId`; the source's trash entry. */
export function mergeIdentityTwin(
  archive: Archive,
  scope: ReadScope,
  sourceId: number,
  targetId: number,
): TrashEntryDto {
  requireReadableDocument(archive.db, scope, sourceId);
  requireReadableDocument(archive.db, scope, targetId);
  return archive.write((db) => {
    // Only twins: a merge of two unrelated documents would be a silent loss of one's metadata.
    if (!identityTwinsOf(db, scope, sourceId).includes(targetId))
      throw invalid(
        `#${sourceId} → #${targetId}: không cùng số ký hiệu, cơ quan ban hành và năm / not the same number, issuer and year`,
      );
    const level = (id: number): number =>
      RECORD_ACCESS_LEVELS.indexOf(
        db.prepare<[number], string>('SELECT access FROM documents WHERE id = ?').pluck().get(id) as never,
      );
    // Its files would become readable by whoever reads the target.
    if (level(sourceId) > level(targetId))
      throw invalid(
        `#${sourceId} → #${targetId}: văn bản nguồn có mức độ tiếp cận hạn chế hơn văn bản đích / the source is more restricted than the target`,
      );
    const targetUid = db
      .prepare<[number], string>('SELECT uid FROM documents WHERE id = ?')
      .pluck()
      .get(targetId)!;
    return trashMergedDocument(db, sourceId, () => moveOnto(db, sourceId, targetId, targetUid));
  });
}

/** Re-parents the source's rows onto the target (those the target lacks); says which moved. */
function moveOnto(db: Db, sourceId: number, targetId: number, targetUid: string): MergeUndo {
  const ids = (sql: string, ...args: number[]): number[] =>
    db
      .prepare<number[], number>(sql)
      .pluck()
      .all(...args);
  const fileIds = ids(
    'SELECT id FROM files WHERE document_id = ? ORDER BY role DESC, position, id',
    sourceId,
  );
  let position =
    db
      .prepare<[number], number>('SELECT coalesce(max(position), 0) FROM files WHERE document_id = ?')
      .pluck()
      .get(targetId) ?? 0;
  const moveFile = db.prepare<[number, number, number]>(
    `UPDATE files SET document_id = ?, role = 'attachment', position = ? WHERE id = ?`,
  );
  for (const f of fileIds) moveFile.run(targetId, ++position, f);

  // Tags the target lacks move over.
  const tagIds = ids(
    `SELECT tag_id FROM document_tags WHERE document_id = ?
      AND tag_id NOT IN (SELECT tag_id FROM document_tags WHERE document_id = ?)`,
    sourceId,
    targetId,
  );
  const moveTag = db.prepare<[number, number, number]>(
    'UPDATE document_tags SET document_id = ? WHERE document_id = ? AND tag_id = ?',
  );
  for (const t of tagIds) moveTag.run(targetId, sourceId, t);
  // The modules above (hồ sơ places: core/records) move their own rows and say how to undo it.
  const hooked: Record<string, unknown> = {};
  for (const h of trashHooksOf(db)) hooked[h.key] = h.merge(db, sourceId, targetId);

  // Its citations the target does not make already (same kind, same cited document or number).
  const relationsOut = ids(
    `SELECT r.id FROM relations r WHERE r.source_id = ? AND r.target_id IS NOT ?
      AND NOT EXISTS (SELECT 1 FROM relations t WHERE t.source_id = ? AND t.kind = r.kind
        AND (t.target_id = r.target_id OR t.cited_number_key = r.cited_number_key))`,
    sourceId,
    targetId,
    targetId,
  );
  const moveOut = db.prepare<[number, number]>('UPDATE relations SET source_id = ? WHERE id = ?');
  for (const r of relationsOut) moveOut.run(targetId, r);
  const relationsIn = ids(
    'SELECT id FROM relations WHERE target_id = ? AND source_id NOT IN (?, ?)',
    sourceId,
    sourceId,
    targetId,
  );
  const moveIn = db.prepare<[number, number]>('UPDATE relations SET target_id = ? WHERE id = ?');
  for (const r of relationsIn) moveIn.run(targetId, r);

  // Journals the target: search now finds it by the moved files' text (file moves have no trigger).
  db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), targetId);
  return { ...hooked, targetUid, fileIds, tagIds, relationsOut, relationsIn };
}
