// `vankho reindex`: rebuilds the full-text index and the instant-find index from the database (after
// rebuilding damaged SQLite indexes from their tables), as the app's reindex job through the same
// contract call, with progress on stderr (Ctrl+C cancels; the index stays consistent).
import type { Command } from 'commander';
import type { ReindexProgressDto } from '../../contract/dto.js';
import { VanKhoError } from '../../core/errors/vankho-error.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';

function progressLine(p: ReindexProgressDto): string {
  const what = p.phase === 'instant' ? 'tìm nhanh / instant find' : 'chỉ mục toàn văn / full-text index';
  return `${what}: ${p.done}/${p.total}`;
}

export function registerReindexCommand(program: Command): void {
  program
    .command('reindex')
    .description('xây lại chỉ mục tìm kiếm / rebuild the search indexes')
    .action(async (_o: unknown, cmd: Command) => {
      const started = performance.now();
      const json = isJson(cmd);
      await withApp(cmd, async (app) => {
        const { jobId } = await app.call('searchReindex', {});
        let total = 0;
        const end = await app.waitJob(jobId, {
          onProgress: (p) => {
            const q = p as ReindexProgressDto;
            total = q.total;
            if (!json) process.stderr.write(`\r${progressLine(q)}   `);
          },
        });
        if (end.error) throw new VanKhoError(end.error);
        if (end.state === 'cancelled') return EXIT.CANCELLED;
        const ms = Math.round(performance.now() - started);
        if (json) printJson({ ok: true, documents: total, ms, jobId });
        else
          process.stderr.write(
            `\nĐã xây lại chỉ mục cho ${total} văn bản / reindexed ${total} documents (${ms} ms)\n`,
          );
        return EXIT.OK;
      });
    });
}
