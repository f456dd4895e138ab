// `vankho tag add|remove <id> <tag…>`, `tag list`, and tag maintenance (rename, merge, color, parent, delete).
import type { Command } from 'commander';
import { getDocument } from '../../core/archive/documents-repo.js';
import {
  addTagToDocuments,
  deleteTag,
  listTags,
  mergeTags,
  removeTagFromDocuments,
  renameTag,
  setTagColor,
  setTagParent,
} from '../../core/archive/tags-repo.js';
import type { TagDto } from '../../contract/dto.js';
import { appError } from '../../contract/errors.js';
import type { Archive } from '../../core/archive/archive.js';
import { VanKhoError } from '../../core/errors/vankho-error.js';
import { isJson, printJson, printLine, withArchive } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { parseDocumentId } from './parse-id.js';

function printTags(tags: TagDto[]): void {
  const byParent = new Map<number | null, TagDto[]>();
  for (const t of tags) {
    const k = tags.some((p) => p.id === t.parentId) ? t.parentId : null;
    byParent.set(k, [...(byParent.get(k) ?? []), t]);
  }
  const walk = (parent: number | null, depth: number): void => {
    for (const t of byParent.get(parent) ?? []) {
      printLine(
        `${'  '.repeat(depth)}${t.name}  (${t.documentCount})${t.color ? `  ${t.color}` : ''}  #${t.id}`,
      );
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  if (tags.length === 0) printLine('Chưa có thẻ nào / no tags');
}

export function registerTagCommand(program: Command): void {
  const tag = program.command('tag').description('thẻ / tags');

  const documentTags = (
    name: 'add' | 'remove',
    description: string,
    apply: (archive: Archive, id: number, tagName: string) => string | null,
  ): void => {
    tag
      .command(name)
      .description(description)
      .argument('<id>', 'mã văn bản / document id')
      .argument('<tags...>', 'tên thẻ / tag names')
      .action(async (idArg: string, names: string[], _o: unknown, cmd: Command) => {
        const id = parseDocumentId(idArg);
        await withArchive(cmd, {}, (archive) => {
          if (!getDocument(archive.db, id)) throw new VanKhoError(appError('NOT_FOUND', `document #${id}`));
          const notes = names.map((n) => apply(archive, id, n)).filter((n): n is string => n !== null);
          const doc = getDocument(archive.db, id)!;
          if (isJson(cmd)) {
            printJson({
              id,
              metadata: doc.metadata,
              fileNames: doc.files.map((f) => f.originalName),
              tags: doc.tags,
              notes,
            });
          } else {
            for (const n of notes) printLine(n);
            printLine(`#${id}: ${doc.tags.map((t) => t.name).join(', ') || '—'}`);
          }
          return EXIT.OK;
        });
      });
  };
  documentTags(
    'add',
    'gắn thẻ cho văn bản (tạo thẻ nếu chưa có) / tag a document (creates missing tags)',
    (a, id, n) => {
      const r = addTagToDocuments(a, [id], n);
      if (r.alreadyTagged) return `= #${id} đã có thẻ “${r.name}” / already has the tag “${r.name}”`;
      if (r.reusedFrom !== null)
        return `= đã dùng thẻ có sẵn “${r.name}” / used the existing tag “${r.name}”`;
      return null;
    },
  );
  documentTags('remove', 'bỏ thẻ khỏi văn bản / remove tags from a document', (a, id, n) => {
    removeTagFromDocuments(a, [id], n);
    return null;
  });

  tag
    .command('list')
    .description('liệt kê thẻ / list tags')
    .action(async (_o: unknown, cmd: Command) => {
      await withArchive(cmd, { readonly: true }, (archive) => {
        const tags = listTags(archive.db);
        if (isJson(cmd)) printJson(tags);
        else printTags(tags);
        return EXIT.OK;
      });
    });

  const simple = (
    name: string,
    description: string,
    args: string[],
    run: (archive: Archive, a: string[]) => unknown,
  ): void => {
    const c = tag.command(name).description(description);
    for (const a of args) c.argument(a);
    c.action(async (...all: unknown[]) => {
      const cmd = all[all.length - 1] as Command;
      const values = all.slice(0, args.length).map((v) => (v === undefined ? '' : String(v)));
      await withArchive(cmd, {}, (archive) => {
        const result = run(archive, values);
        if (isJson(cmd)) printJson(result ?? { ok: true });
        else printTags(listTags(archive.db));
        return EXIT.OK;
      });
    });
  };
  simple('rename', 'đổi tên thẻ / rename a tag', ['<tag>', '<new-name>'], (a, [t, n]) =>
    renameTag(a, t!, n!),
  );
  simple(
    'merge',
    'gộp thẻ vào thẻ khác / merge a tag into another',
    ['<from>', '<into>'],
    (a, [f, i]) => mergeTags(a, f!, i!).tag,
  );
  simple('color', 'màu thẻ #rrggbb (rỗng để xóa) / tag colour', ['<tag>', '[color]'], (a, [t, c]) =>
    setTagColor(a, t!, c || null),
  );
  simple(
    'parent',
    'thẻ cha (bỏ trống để lên gốc) / parent tag (omit for top level)',
    ['<tag>', '[parent]'],
    (a, [t, p]) => setTagParent(a, t!, p || null),
  );
  simple('delete', 'xóa thẻ (văn bản vẫn giữ) / delete a tag (documents stay)', ['<tag>'], (a, [t]) => {
    deleteTag(a, t!);
    return { deleted: true };
  });
}
