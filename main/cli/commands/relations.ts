// `vankho relations <id>`: the citation graph around one document — what it cites (in the archive),
// what it cites that is not in the archive, and which documents cite it.

import type { Command } from 'commander';
import type { DocumentRelations, RelationDto } from '../../contract/dto.js';
import { RELATION_KIND_LABELS } from '../../contract/glossary.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { parseDocumentId } from './parse-id.js';
import { formatDate } from '../../contract/dates.js';

function describe(r: RelationDto, direction: 'out' | 'in'): string {
  const kind = RELATION_KIND_LABELS[r.kind] ?? r.kind;
  const cited = `${r.citedType ? `${r.citedType} ` : ''}số ${r.citedNumber ?? '—'}${r.citedDate ? ` ngày ${formatDate(r.citedDate)}` : ''}`;
  const other = r.other
    ? `[${r.other.id}] ${r.other.number ?? '—'}  ${r.other.title}${r.other.issuedDate ? ` · ${formatDate(r.other.issuedDate)}` : ''}`
    : '';
  const manual = r.origin === 'manual' ? '  (thủ công / manual)' : '';
  if (direction === 'in') return `  ${other}  — ${kind} ${cited}${manual}`;
  return r.other
    ? `  ${kind}: ${other}${manual}`
    : `  ${kind}: ${cited}${r.citedIssuer ? ` của ${r.citedIssuer}` : ''}${manual}`;
}

/** Prints the three lists (used by `relations` and by `show`). */
export function printRelations(rel: DocumentRelations): void {
  printLine(`Trích dẫn / Cites (${rel.cites.length}):`);
  for (const r of rel.cites) printLine(describe(r, 'out'));
  printLine(`Trích dẫn chưa có trong kho / Cited but not in the archive (${rel.missing.length}):`);
  for (const r of rel.missing) printLine(describe(r, 'out'));
  printLine(`Được trích dẫn bởi / Cited by (${rel.citedBy.length}):`);
  for (const r of rel.citedBy) printLine(describe(r, 'in'));
}

export function registerRelationsCommand(program: Command): void {
  program
    .command('relations')
    .description('văn bản trích dẫn và được trích dẫn / documents cited and citing')
    .argument('<id>', 'mã văn bản / document id')
    .action(async (idArg: string, _o: unknown, cmd: Command) => {
      const id = parseDocumentId(idArg);
      await withApp(
        cmd,
        async (app) => {
          // The handler refuses an unknown id (NOT_FOUND, exit 3) before listing.
          const rel = await app.call('documentRelations', { documentId: id });
          if (isJson(cmd)) printJson({ ok: true, documentId: id, ...rel });
          else printRelations(rel);
          return EXIT.OK;
        },
        { readonly: true },
      );
    });
}
