// `vankho reindex`: rebuilds the full-text index and the instant-find index from the database, with
// progress on stderr (Ctrl+C cancels; the index stays consistent).

import type { Command } from 'commander';
import type { ReindexProgress } from '../../contract/search-types.js';
import { isJson, printJson } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { damagedError } from '../../core/archive/integrity.js';
import { withVanKho } from './search.js';

function progressLine(p: ReindexProgress): string {
  const what = p.phase === 'fulltext' ? 'chỉ mục toàn văn / full-text index' : 'tìm nhanh / instant find';
  return `${what}: ${p.done}/${p.total}`;
}

export function registerReindexCommand(program: Command): void {
  program
    .command('reindex')
    .description('xây lại chỉ mục tìm kiếm / rebuild the search indexes')
    .action(async (_o: unknown, cmd: Command) => {
      const controller = new AbortController();
      const onSigint = (): void => controller.abort();
      process.once('SIGINT', onSigint);
      const started = performance.now();
      try {
        await withVanKho(cmd, {}, async (vk) => {
          const json = isJson(cmd);
          // Damaged SQLite indexes are rebuilt from their tables first; damaged data is refused.
          const integrity = vk.archive.repairIndexes();
          if (integrity && !integrity.ok) throw damagedError(integrity);
          let total = 0;
          await vk.search.reindex({
            signal: controller.signal,
            onProgress: (p) => {
              total = p.total;
              if (!json) process.stderr.write(`\r${progressLine(p)}   `);
            },
          });
          const ms = Math.round(performance.now() - started);
          if (json) printJson({ ok: true, documents: total, ms });
          else
            process.stderr.write(
              `\nĐã xây lại chỉ mục cho ${total} văn bản / reindexed ${total} documents (${ms} ms)\n`,
            );
          return EXIT.OK;
        });
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
