// `vankho find "…" [--limit N]`: instant-find suggestions (find-as-you-type over số ký hiệu, trích
// yếu, cơ quan, tags, người ký), the same answers the search box shows per keystroke.

import type { Command } from 'commander';
import { isJson, printJson, printLine, usageError } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { formatDate } from '../../contract/dates.js';
import { INSTANT_FIND_MAX } from '../../contract/api/search-api.js';
import { withApp } from '../cli-app.js';
import { instantFind } from '../contract-requests.js';

export function registerFindCommand(program: Command): void {
  program
    .command('find')
    .description('gợi ý tìm nhanh theo số ký hiệu, trích yếu, cơ quan, thẻ, người ký / instant find')
    .argument('<text...>', 'phần đã gõ / what was typed so far')
    .option(
      '--limit <n>',
      `số gợi ý, tối đa ${INSTANT_FIND_MAX} / number of suggestions, at most ${INSTANT_FIND_MAX}`,
      '10',
    )
    .action(async (words: string[], o: { limit: string }, cmd: Command) => {
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw usageError(`--limit ${o.limit}`);
      const text = words.join(' ');
      await withApp(
        cmd,
        async (app) => {
          const hits = await instantFind(app, text, limit);
          if (isJson(cmd)) printJson({ ok: true, hits });
          else {
            if (hits.length === 0) printLine('Không có gợi ý / no suggestions');
            hits.forEach((h, i) =>
              printLine(
                `${String(i + 1).padStart(3)}. [${h.id}] ${h.number ?? '—'}  ${h.title}${h.issuer ? ` · ${h.issuer}` : ''}${h.issuedDate ? ` · ${formatDate(h.issuedDate)}` : ''}`,
              ),
            );
          }
          return EXIT.OK;
        },
        { readonly: true },
      );
    });
}
