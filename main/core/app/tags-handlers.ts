// Tags: the tag tree (create, rename, colour, parent, delete), merges with an undo kept in the
// session, and tags on documents.
import { randomUUID } from 'node:crypto';
import type { HandlersOf } from '../../contract/api.js';
import type { TAGS_API } from '../../contract/api/tags-api.js';
import {
  addTagToDocuments,
  createTag,
  deleteTag,
  findTag,
  listTags,
  mergeTags,
  removeTagFromDocuments,
  renameTag,
  setTagColor,
  setTagParent,
  undoTagMerge,
} from '../archive/tags-repo.js';
import { notFound, type AppSession } from './session.js';

export function tagsHandlers(s: AppSession): HandlersOf<typeof TAGS_API> {
  return {
    tagsList: () => listTags(s.db),
    tagCreate: ({ name, parentId, color }) =>
      createTag(s.vankho.archive, name, {
        ...(parentId != null ? { parent: parentId } : {}),
        ...(color != null ? { color } : {}),
      }),
    tagRename: ({ tagId, name }) => renameTag(s.vankho.archive, tagId, name),
    tagMerge: ({ sourceId, targetId }) => {
      const { tag, undo } = mergeTags(s.vankho.archive, sourceId, targetId);
      if (!undo) return { tag, undoId: null };
      const undoId = randomUUID();
      s.rememberMergeUndo(undoId, undo);
      return { tag, undoId };
    },
    tagMergeUndo: ({ undoId }) => {
      const tag = undoTagMerge(s.vankho.archive, s.takeMergeUndo(undoId));
      s.forgetMergeUndo(undoId);
      return tag;
    },
    tagSetColor: ({ tagId, color }) => setTagColor(s.vankho.archive, tagId, color),
    tagSetParent: ({ tagId, parentId }) => setTagParent(s.vankho.archive, tagId, parentId),
    tagDelete: ({ tagId }) => {
      deleteTag(s.vankho.archive, tagId);
      return { deleted: true as const };
    },
    documentAddTag: ({ documentId, tagId, name }) => {
      let tagName = name;
      if (tagId !== undefined) {
        const t = findTag(s.db, tagId);
        if (!t) throw notFound(`tag #${tagId}`);
        tagName = t.name;
      }
      return addTagToDocuments(s.vankho.archive, [documentId], tagName ?? '');
    },
    documentRemoveTag: ({ documentId, tagId }) => ({
      removed: removeTagFromDocuments(s.vankho.archive, [documentId], tagId) > 0,
    }),
  };
}
