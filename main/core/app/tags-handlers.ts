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
  resolveTag,
  setTagColor,
  setTagParent,
  undoTagMerge,
} from '../archive/tags-repo.js';
import type { TagDto } from '../../contract/dto.js';
import type { RequestContext } from '../../contract/request-context.js';
import { requireReadableDocument, scopeOf } from '../archive/access.js';
import { notFound, type AppSession } from './session.js';

export function tagsHandlers(s: AppSession): HandlersOf<typeof TAGS_API> {
  // Every tag answered carries the count of the documents its caller may read, changes included.
  const counted = <T extends TagDto>(tag: T, ctx: RequestContext): T => {
    const scope = scopeOf(ctx.actor);
    return scope.all ? tag : { ...tag, documentCount: findTag(s.db, tag.id, scope)?.documentCount ?? 0 };
  };
  return {
    tagsList: (_input, ctx) => listTags(s.db, scopeOf(ctx.actor)),
    tagByName: ({ name }, ctx) => counted(resolveTag(s.db, name), ctx),
    tagCreate: ({ name, parentId, color }, ctx) =>
      counted(
        createTag(s.vankho.archive, name, {
          ...(parentId != null ? { parent: parentId } : {}),
          ...(color != null ? { color } : {}),
        }),
        ctx,
      ),
    tagRename: ({ tagId, name }, ctx) => counted(renameTag(s.vankho.archive, tagId, name), ctx),
    tagMerge: ({ sourceId, targetId }, ctx) => {
      const { tag, undo } = mergeTags(s.vankho.archive, sourceId, targetId);
      if (!undo) return { tag: counted(tag, ctx), undoId: null };
      const undoId = randomUUID();
      s.rememberMergeUndo(undoId, undo);
      return { tag: counted(tag, ctx), undoId };
    },
    tagMergeUndo: ({ undoId }, ctx) => {
      const tag = undoTagMerge(s.vankho.archive, s.takeMergeUndo(undoId));
      s.forgetMergeUndo(undoId);
      return counted(tag, ctx);
    },
    tagSetColor: ({ tagId, color }, ctx) => counted(setTagColor(s.vankho.archive, tagId, color), ctx),
    tagSetParent: ({ tagId, parentId }, ctx) => counted(setTagParent(s.vankho.archive, tagId, parentId), ctx),
    tagDelete: ({ tagId }) => {
      deleteTag(s.vankho.archive, tagId);
      return { deleted: true as const };
    },
    documentAddTag: ({ documentId, tagId, name }, ctx) => {
      requireReadableDocument(s.db, scopeOf(ctx.actor), documentId);
      let tagName = name;
      if (tagId !== undefined) {
        const t = findTag(s.db, tagId);
        if (!t) throw notFound(`tag #${tagId}`);
        tagName = t.name;
      }
      return counted(addTagToDocuments(s.vankho.archive, [documentId], tagName ?? ''), ctx);
    },
    documentRemoveTag: ({ documentId, tagId, name }, ctx) => {
      requireReadableDocument(s.db, scopeOf(ctx.actor), documentId);
      return { removed: removeTagFromDocuments(s.vankho.archive, [documentId], tagId ?? name ?? '') > 0 };
    },
  };
}
