// Tag requests: the tag tree, merges with undo, tags on documents.
import { z } from 'zod';
import type { TagAddResultDto, TagDto, TagMergeResultDto } from '../dto.js';
import { def, returns, id, tagName, color, jobId, empty } from './define.js';

export const TAGS_API = {
  tagsList: def(empty, returns<TagDto[]>()),
  /**
   * The tag a name denotes, as a person types it: exactly that name, else its accent/case twin
   * ("kinh te" is "Kinh tế"); NOT_FOUND when none. For callers that take tags by name (the CLI).
   */
  tagByName: def(z.object({ name: tagName }).strict(), returns<TagDto>()),
  tagCreate: def(
    z
      .object({ name: tagName, parentId: id.nullable().optional(), color: color.nullable().optional() })
      .strict(),
    returns<TagAddResultDto>(),
  ),
  /** Renames; onto another tag's name or an accent/case twin of it: TAG_EXISTS (merge instead). */
  tagRename: def(z.object({ tagId: id, name: tagName }).strict(), returns<TagDto>()),
  /** Moves every document of `sourceId` to `targetId`, then deletes the source tag (undo: tagMergeUndo). */
  tagMerge: def(z.object({ sourceId: id, targetId: id }).strict(), returns<TagMergeResultDto>()),
  /** Undoes a merge made in this session: the source tag and its document links come back. */
  tagMergeUndo: def(z.object({ undoId: jobId }).strict(), returns<TagDto>()),
  tagSetColor: def(z.object({ tagId: id, color: color.nullable() }).strict(), returns<TagDto>()),
  tagSetParent: def(z.object({ tagId: id, parentId: id.nullable() }).strict(), returns<TagDto>()),
  /** Deletes the tag; its documents stay. */
  tagDelete: def(z.object({ tagId: id }).strict(), returns<{ deleted: true }>()),
  /** Adds a tag to a document by id, or by name (an accent/case twin of an existing tag reuses it). */
  documentAddTag: def(
    z
      .object({ documentId: id, tagId: id.optional(), name: tagName.optional() })
      .strict()
      .refine((v) => (v.tagId === undefined) !== (v.name === undefined), { message: 'tagId or name' }),
    returns<TagAddResultDto>(),
  ),
  /** Removes a tag from a document, by id or by name (resolved as tagByName does). */
  documentRemoveTag: def(
    z
      .object({ documentId: id, tagId: id.optional(), name: tagName.optional() })
      .strict()
      .refine((v) => (v.tagId === undefined) !== (v.name === undefined), { message: 'tagId or name' }),
    returns<{ removed: boolean }>(),
  ),
} as const;
