// `vankho tag add|remove <id> <tag…>`, `tag list`, and tag maintenance (rename, merge, color, parent, delete).
import type { Command } from 'commander';
import type { ApiInput, ApiMethod } from '../../contract/api.js';
import type { TagDto } from '../../contract/dto.js';
import { withApp, type CliApp } from '../cli-app.js';
import { isJson, printJson, printLine } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { parseDocumentId } from './parse-id.js';

/** A tag the person named, resolved by the core (exact name, else its accent/case twin). */
async function tagId(app: Pick<CliApp, 'call'>, name: string): Promise<number> {
  return (await app.call('tagByName', { name })).id;
}

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
    apply: (app: CliApp, id: number, tagName: string) => Promise<string | null>,
  ): void => {
    tag
      .command(name)
      .description(description)
      .argument('<id>', 'mã văn bản / document id')
      .argument('<tags...>', 'tên thẻ / tag names')
      .action(async (idArg: string, names: string[], _o: unknown, cmd: Command) => {
        const id = parseDocumentId(idArg);
        await withApp(cmd, async (app) => {
          const notes: string[] = [];
          for (const n of names) {
            const note = await apply(app, id, n);
            if (note !== null) notes.push(note);
          }
          const doc = await app.call('documentGet', { documentId: id });
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
    async (app, id, n) => {
      const r = await app.call('documentAddTag', { documentId: id, name: n });
      if (r.alreadyTagged) return `= #${id} đã có thẻ “${r.name}” / already has the tag “${r.name}”`;
      if (r.reusedFrom !== null)
        return `= đã dùng thẻ có sẵn “${r.name}” / used the existing tag “${r.name}”`;
      return null;
    },
  );
  documentTags('remove', 'bỏ thẻ khỏi văn bản / remove tags from a document', async (app, id, n) => {
    await app.call('documentRemoveTag', { documentId: id, name: n });
    return null;
  });

  tag
    .command('list')
    .description('liệt kê thẻ / list tags')
    .action(async (_o: unknown, cmd: Command) => {
      await withApp(
        cmd,
        async (app) => {
          const tags = await app.call('tagsList', {});
          if (isJson(cmd)) printJson(tags);
          else printTags(tags);
          return EXIT.OK;
        },
        { readonly: true },
      );
    });

  /** A tag maintenance command: its arguments become one contract request, its answer is printed. */
  const simple = <M extends ApiMethod>(
    name: string,
    description: string,
    args: string[],
    request: (app: CliApp, a: string[]) => Promise<[M, ApiInput<M>]>,
    shown: (answer: Awaited<ReturnType<CliApp['call']>>) => unknown = (v) => v,
  ): void => {
    const c = tag.command(name).description(description);
    for (const a of args) c.argument(a);
    c.action(async (...all: unknown[]) => {
      const cmd = all[all.length - 1] as Command;
      const values = all.slice(0, args.length).map((v) => (v === undefined ? '' : String(v)));
      await withApp(cmd, async (app) => {
        const [method, input] = await request(app, values);
        const result = shown(await app.call(method, input));
        if (isJson(cmd)) printJson(result ?? { ok: true });
        else printTags(await app.call('tagsList', {}));
        return EXIT.OK;
      });
    });
  };
  simple('rename', 'đổi tên thẻ / rename a tag', ['<tag>', '<new-name>'], async (app, [t, n]) => [
    'tagRename',
    { tagId: await tagId(app, t!), name: n! },
  ]);
  simple(
    'merge',
    'gộp thẻ vào thẻ khác / merge a tag into another',
    ['<from>', '<into>'],
    async (app, [f, i]) => ['tagMerge', { sourceId: await tagId(app, f!), targetId: await tagId(app, i!) }],
    (r) => (r as { tag: TagDto }).tag,
  );
  simple('color', 'màu thẻ #rrggbb (rỗng để xóa) / tag colour', ['<tag>', '[color]'], async (app, [t, c]) => [
    'tagSetColor',
    { tagId: await tagId(app, t!), color: c || null },
  ]);
  simple(
    'parent',
    'thẻ cha (bỏ trống để lên gốc) / parent tag (omit for top level)',
    ['<tag>', '[parent]'],
    async (app, [t, p]) => [
      'tagSetParent',
      { tagId: await tagId(app, t!), parentId: p ? await tagId(app, p) : null },
    ],
  );
  simple(
    'delete',
    'xóa thẻ (văn bản vẫn giữ) / delete a tag (documents stay)',
    ['<tag>'],
    async (app, [t]) => ['tagDelete', { tagId: await tagId(app, t!) }],
  );
}
