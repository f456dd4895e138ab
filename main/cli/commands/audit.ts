// `vankho audit [--user NAME] [--doc ID] [--action A] [--since DATE] [--limit N] [--json]`: the access
// log (nhật ký truy cập), newest first — time, who, what, which document (số ký hiệu when known),
// from where, the detail. Read-only through the contract's auditList, so it works while the app or the
// server holds the archive.
import type { Command } from 'commander';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntryDto } from '../../contract/dto.js';
import { dayStartInstant, formatDateTime, parseUserDate } from '../../contract/dates.js';
import { AUDIT_ACTION_TERMS, TERMS, bilingual } from '../../contract/glossary.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine, usageError } from '../cli-context.js';
import { auditPaged } from '../contract-requests.js';
import { EXIT } from '../exit-codes.js';
import { terminalSafe } from '../terminal-text.js';
import { parseDocumentId } from './parse-id.js';

/** --since: a day as a person types it (its midnight here), or an ISO instant. */
function sinceInstant(text: string): string {
  if (/T\d{2}:\d{2}/.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text).toISOString();
  const day = parseUserDate(text);
  if (!day) throw usageError(`--since ${text}: ngày không hợp lệ / not a date (dd/mm/yyyy, yyyy-mm-dd)`);
  return dayStartInstant(day);
}

function line(r: AuditEntryDto): string {
  const doc =
    r.documentId === null ? '—' : `#${r.documentId}${r.documentNumber ? ` ${r.documentNumber}` : ''}`;
  return terminalSafe(
    [
      formatDateTime(r.at),
      r.actorName,
      bilingual(AUDIT_ACTION_TERMS[r.action]),
      doc,
      r.remoteAddress ?? 'máy này / local',
      r.detail ?? '',
    ].join('  ·  '),
  );
}

/** `actor` is what --user takes (the user name, or 'local'); the stable id and the name shown stay beside it. */
function jsonOf(r: AuditEntryDto): Record<string, unknown> {
  const { actor, username, ...rest } = r;
  return { ...rest, actor: username ?? actor, actorId: actor };
}

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description(
      `${TERMS.auditLog.vi.toLocaleLowerCase('vi')}: ai xem, xuất, sửa, xóa gì, khi nào, từ đâu / ${TERMS.auditLog.en.toLowerCase()}`,
    )
    .option('--user <name>', "tên đăng nhập, hoặc 'local' (máy này) / a user name, or 'local'")
    .option('--doc <id>', 'mã văn bản / document id')
    .option('--action <action>', `hành động / action: ${AUDIT_ACTIONS.join(', ')}`)
    .option('--since <date>', 'từ ngày (dd/mm/yyyy) / from this day on')
    .option('--limit <n>', 'số dòng / number of rows', '100')
    .action(
      async (
        o: { user?: string; doc?: string; action?: string; since?: string; limit: string },
        cmd: Command,
      ) => {
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1) throw usageError(`--limit ${o.limit}`);
        if (o.action !== undefined && !(AUDIT_ACTIONS as readonly string[]).includes(o.action))
          throw usageError(`--action ${o.action}: ${AUDIT_ACTIONS.join(', ')}`);
        const filter = {
          ...(o.user !== undefined ? { user: o.user } : {}),
          ...(o.doc !== undefined ? { documentId: parseDocumentId(o.doc) } : {}),
          ...(o.action !== undefined ? { action: o.action as AuditAction } : {}),
          ...(o.since !== undefined ? { since: sinceInstant(o.since) } : {}),
        };
        await withApp(
          cmd,
          async (app) => {
            const page = await auditPaged(app, filter, limit);
            if (isJson(cmd)) printJson(page.items.map(jsonOf));
            else {
              printLine(
                `${page.total} dòng nhật ký / log rows${page.items.length < page.total ? ` (${page.items.length} mới nhất / newest shown)` : ''}`,
              );
              for (const r of page.items) printLine(`  ${line(r)}`);
            }
            return EXIT.OK;
          },
          { readonly: true },
        );
      },
    );
}
