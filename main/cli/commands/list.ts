// `vankho list [--limit N] [--offset N] [--tag NAME] [--sort …]`: documents, newest import first.
import type { Command } from 'commander';
import { listDocuments, type ListDocumentsOptions } from '../../core/archive/documents-repo.js';
import { isJson, printJson, printLine, usageError, withArchive } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';

const SORTS: Record<string, NonNullable<ListDocumentsOptions['order']>> = {
  new: 'created_desc',
  old: 'created_asc',
  'date-desc': 'issued_desc',
  'date-asc': 'issued_asc',
  id: 'id_asc',
};

export function registerListCommand(program: Command): void {
  program
    .command('list')
    .description('liệt kê văn bản / list documents')
    .option('--limit <n>', 'số văn bản / how many', '50')
    .option('--offset <n>', 'bỏ qua / skip', '0')
    .option('--tag <name>', 'chỉ văn bản có nhãn này / only documents with this tag')
    .option('--sort <order>', `thứ tự / order: ${Object.keys(SORTS).join('|')}`, 'new')
    .action(async (opts: { limit: string; offset: string; tag?: string; sort: string }, cmd: Command) => {
      const limit = Number(opts.limit);
      const offset = Number(opts.offset);
      const order = SORTS[opts.sort];
      if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0 || !order) {
        throw usageError('--limit ≥ 1, --offset ≥ 0, --sort one of ' + Object.keys(SORTS).join('|'));
      }
      await withArchive(cmd, { readonly: true }, (archive) => {
        const page = listDocuments(archive.db, {
          limit,
          offset,
          order,
          ...(opts.tag ? { tag: opts.tag } : {}),
        });
        if (isJson(cmd)) {
          printJson(page);
          return EXIT.OK;
        }
        for (const d of page.items) {
          const m = d.metadata;
          const head = [m.number, m.docType, m.issuedDate].filter(Boolean).join(' · ');
          printLine(`#${d.id}  ${head ? `${head} — ` : ''}${m.title ?? ''}`);
          printLine(
            `      ${d.fileNames.join(', ')}${d.tags.length ? `  [${d.tags.map((t) => t.name).join(', ')}]` : ''}`,
          );
        }
        const to = Math.min(page.offset + page.items.length, page.total);
        printLine(`${page.items.length ? page.offset + 1 : 0}–${to} / ${page.total} văn bản / documents`);
        return EXIT.OK;
      });
    });
}
