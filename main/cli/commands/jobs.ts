// `vankho jobs` lists the archive's recorded jobs (newest first; an interrupted one says whether it
// can be resumed); `vankho jobs resume ID` takes up an interrupted re-extraction, OCR run, reindex or recovery
// where it stopped, through the same contract call as the app.
import type { Command } from 'commander';
import type { JobDto, ReextractResultDto } from '../../contract/dto.js';
import { formatDate } from '../../contract/dates.js';
import { VanKhoError } from '../../core/errors/vankho-error.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { progressDrawer } from './export.js';
import { printSummary } from './reextract.js';

const KIND_LABEL: Record<JobDto['kind'], string> = {
  import: 'nhập / import',
  export: 'xuất / export',
  reindex: 'lập lại chỉ mục / reindex',
  bundleImport: 'nhập gói / bundle import',
  reextract: 'trích xuất lại / re-extract',
  ocr: 'nhận dạng chữ (OCR) / OCR',
  backup: 'sao lưu / backup',
  restore: 'khôi phục / restore',
  recover: 'dựng lại danh mục / recover',
};

const STATE_LABEL: Record<JobDto['state'], string> = {
  running: 'đang chạy / running',
  done: 'xong / done',
  cancelled: 'đã hủy / cancelled',
  failed: 'lỗi / failed',
  interrupted: 'bị gián đoạn / interrupted',
};

/** dd/mm/yyyy hh:mm in local time, as the CLI shows dates. */
function when(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${formatDate(day)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function progressOf(j: JobDto): string {
  const p = j.progress as { done?: number; total?: number } | null;
  return p && typeof p.done === 'number' && typeof p.total === 'number' ? ` ${p.done}/${p.total}` : '';
}

export function registerJobsCommand(program: Command): void {
  const jobs = program
    .command('jobs')
    .description('các công việc dài đã ghi trong kho / long jobs recorded in the archive')
    .action(async (_opts: unknown, cmd: Command) => {
      await withApp(
        cmd,
        async (app) => {
          const list = await app.call('jobsList', {});
          if (isJson(cmd)) {
            printJson({ ok: true, jobs: list });
            return EXIT.OK;
          }
          if (list.length === 0) printLine('Chưa có công việc nào / no jobs yet');
          for (const j of list) {
            const resume = j.resumable ? `  → vankho jobs resume ${j.jobId}` : '';
            printLine(
              `${j.jobId}  ${KIND_LABEL[j.kind]}  ${STATE_LABEL[j.state]}${progressOf(j)}  ${when(j.startedAt)}${resume}`,
            );
          }
          return EXIT.OK;
        },
        { readonly: 'when-held' },
      );
    });
  jobs
    .command('resume')
    .description('tiếp tục một công việc bị gián đoạn / resume an interrupted job')
    .argument('<jobId>', 'mã công việc / job id')
    .action(async (jobId: string, _opts: unknown, cmd: Command) => {
      const json = isJson(cmd);
      await withApp(cmd, async (app) => {
        const started = await app.call('jobResume', { jobId });
        const tty = !json && process.stderr.isTTY === true;
        const draw = progressDrawer(tty);
        const end = await app.waitJob(started.jobId, {
          onProgress: (p) => {
            const q = p as { done: number; total: number };
            draw(`${q.done}/${q.total}`, q.done === q.total);
          },
        });
        if (tty) process.stderr.write('\n');
        if (end.error) throw new VanKhoError(end.error);
        const report = end.result as ReextractResultDto | null;
        if (json)
          printJson({
            ok: end.state === 'done',
            jobId: started.jobId,
            resumed: jobId,
            state: end.state,
            result: report,
          });
        else if (report && end.kind === 'reextract') printSummary(report);
        else printLine(`${STATE_LABEL[end.state]}`);
        if (end.state === 'cancelled') return EXIT.CANCELLED;
        return report && report.failed > 0 ? EXIT.PARTIAL : EXIT.OK;
      });
    });
}
