// `vankho list [--limit N] [--offset N] [--tag NAME] [--sort …] [--to-review] [--missing f1,f2]`:
// documents, newest import first; the review queue, or those lacking given fields.
import type { Command } from 'commander';
import type { DocumentListOrder } from '../../contract/api/documents-api.js';
import type { DocumentSummaryDto, MetadataField } from '../../contract/dto.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine, usageError } from '../cli-context.js';
import { cliField, documentsPaged } from '../contract-requests.js';
import { EXIT } from '../exit-codes.js';
import { FIELD_LABELS } from '../field-labels.js';
import { formatDate } from '../../contract/dates.js';

interface ListOptions {
  limit: string;
  offset: string;
  tag?: string;
  sort: string;
  toReview?: boolean;
  missing?: string;
}

const SORTS: Record<string, DocumentListOrder> = {
  new: 'created_desc',
  old: 'created_asc',
  'date-desc': 'issued_desc',
  'date-asc': 'issued_asc',
  id: 'id_asc',
};

/** "issued_date,issuer" → fields, by the names `set` takes (column or contract names). */
function parseFieldList(list: string): MetadataField[] {
  const names = list
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) throw usageError('--missing needs field names, e.g. issued_date,issuer');
  return names.map(cliField);
}

/** What a review needs: the empty fields and the unconfirmed suggestions, by their labels. */
function reviewLine(d: DocumentSummaryDto): string {
  const parts: string[] = [];
  if (d.missing.length) parts.push(`thiếu / missing: ${d.missing.map((f) => FIELD_LABELS[f]).join(', ')}`);
  if (d.unconfirmed.length)
    parts.push(`chưa xác nhận / unconfirmed: ${d.unconfirmed.map((f) => FIELD_LABELS[f]).join(', ')}`);
  if (d.olderRules)
    parts.push(`đọc theo quy tắc trích xuất cũ / read by older extraction rules (${d.olderRules.readBy})`);
  return parts.join('; ');
}

export function registerListCommand(program: Command): void {
  program
    .command('list')
    .description('liệt kê văn bản / list documents')
    .option('--limit <n>', 'số văn bản / how many', '50')
    .option('--offset <n>', 'bỏ qua / skip', '0')
    .option('--tag <name>', 'chỉ văn bản có thẻ này / only documents with this tag')
    .option('--sort <order>', `thứ tự / order: ${Object.keys(SORTS).join('|')}`, 'new')
    .option(
      '--to-review',
      'cần rà soát: thiếu số ký hiệu, loại, cơ quan ban hành, ngày ban hành, còn gợi ý chưa xác nhận hoặc đọc theo quy tắc trích xuất cũ / ' +
        'to review: missing number, type, issuer or issue date, unconfirmed suggestions, or read by older extraction rules',
    )
    .option(
      '--missing <fields>',
      'chỉ văn bản thiếu một trong các trường / only documents missing any of these fields, e.g. issued_date,issuer',
    )
    .action(async (opts: ListOptions, cmd: Command) => {
      const limit = Number(opts.limit);
      const offset = Number(opts.offset);
      const order = SORTS[opts.sort];
      if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0 || !order) {
        throw usageError('--limit ≥ 1, --offset ≥ 0, --sort one of ' + Object.keys(SORTS).join('|'));
      }
      const missing = opts.missing !== undefined ? parseFieldList(opts.missing) : undefined;
      const reviewing = opts.toReview === true || missing !== undefined;
      // Read-only: listing works beside the app or web mode holding the archive.
      await withApp(
        cmd,
        async (app) => {
          const page = await documentsPaged(
            app,
            {
              order,
              ...(opts.tag ? { tag: opts.tag } : {}),
              ...(opts.toReview ? { toReview: true } : {}),
              ...(missing ? { missing } : {}),
            },
            limit,
            offset,
          );
          if (isJson(cmd)) {
            printJson(page);
            return EXIT.OK;
          }
          for (const d of page.items) {
            const m = d.metadata;
            const head = [m.number, m.docType, formatDate(m.issuedDate)].filter(Boolean).join(' · ');
            printLine(`#${d.id}  ${head ? `${head} — ` : ''}${m.title ?? ''}`);
            printLine(
              `      ${d.fileNames.join(', ')}${d.tags.length ? `  [${d.tags.map((t) => t.name).join(', ')}]` : ''}`,
            );
            if (reviewing) {
              const empty = (missing ?? []).filter((f) => (d.metadata[f] ?? '').trim() === '');
              const line = reviewLine({ ...d, missing: [...new Set([...d.missing, ...empty])] });
              if (line) printLine(`      ${line}`);
            }
          }
          const to = Math.min(page.offset + page.items.length, page.total);
          printLine(`${page.items.length ? page.offset + 1 : 0}–${to} / ${page.total} văn bản / documents`);
          return EXIT.OK;
        },
        { readonly: true },
      );
    });
}
