// `vankho export --out <file.zip> (--ids 1,2 | --tag <name> | --query "<q>" | --all | --records <mã…>) [--title …] [--force]`:
// writes a bundle (docs/bundle-format.md) as the contract's export job (exportPathStart), straight
// to --out. Read-only beside a holder (with its search engine for --query, like `search`), so an
// export runs while the app has the archive open.
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ApiInput } from '../../contract/api.js';
import type { BackupProgressDto, ExportProgressDto, ExportResultDto } from '../../contract/dto.js';
import { withApp } from '../cli-app.js';
import { drawStatusLine, isJson, printJson, printLine, usageError } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { formatBytes } from '../field-labels.js';
import { jobOutcome } from '../job-outcome.js';
import { exportSearchablePdf } from './searchable-pdf.js';

interface ExportCliOptions {
  out: string;
  ids?: string;
  tag?: string;
  subtags: boolean;
  query?: string;
  all?: boolean;
  records?: string[];
  title?: string;
  force?: boolean;
  includeSecret?: boolean;
  searchablePdf?: boolean;
}

/** Draws a one-line progress indicator on stderr (only on a terminal, at most every 100 ms). */
export function progressDrawer(enabled: boolean): (text: string, force?: boolean) => void {
  let last = 0;
  return (text, force = false) => {
    if (!enabled) return;
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    drawStatusLine(text);
  };
}

/** A ZIP being written (a bundle, a backup): entries and bytes. */
export function zipProgressText(p: BackupProgressDto): string {
  return `${p.entriesDone}/${p.entriesTotal} mục/entries  ${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}  ${p.currentName ?? ''}`;
}

function parseIds(s: string): number[] {
  const ids = s
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  if (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw usageError(`--ids expects positive integers separated by commas: "${s}"`);
  }
  return ids;
}

/** Refuses a target whose folder does not exist, before any work (else a bare ENOENT on the temp file). */
function checkTargetFolder(out: string): void {
  const folder = dirname(resolve(out));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw usageError(`the folder of --out does not exist: ${folder}`);
  }
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('xuất gói văn bản (ZIP: bản gốc, nội dung, manifest, mục lục) / export a bundle (ZIP)')
    .argument('[id]', 'với --searchable-pdf: mã văn bản / with --searchable-pdf: the document id')
    .requiredOption(
      '--out <file>',
      'tệp ZIP đích (PDF với --searchable-pdf) / target ZIP file (PDF with --searchable-pdf)',
    )
    .option(
      '--ids <ids>',
      'mã văn bản trong kho (như #12 của list/search), cách nhau bởi dấu phẩy / document ids, comma-separated',
    )
    .option('--tag <name>', 'văn bản mang thẻ này (kể cả thẻ con) / documents with this tag (and sub-tags)')
    .option('--no-subtags', 'không gồm thẻ con / without sub-tags')
    .option('--query <query>', 'kết quả tìm kiếm / the results of a search')
    .option('--all', 'toàn bộ kho / the whole archive')
    .option(
      '--records <codes...>',
      'hồ sơ nộp lưu: các hồ sơ theo mã, với văn bản, siêu dữ liệu và mục lục / hồ sơ (records files) by code, for hand-over',
    )
    .option('--title <title>', 'tiêu đề mục lục / catalogue heading')
    .option('--force', 'ghi đè tệp đích đã có / overwrite an existing target file')
    .option('--include-secret', 'gồm cả văn bản mật / include confidential (mật) documents')
    .option(
      '--searchable-pdf',
      'bản PDF tìm kiếm được của bản scan (ảnh + chữ OCR ẩn; bản gốc không đổi) / a searchable PDF copy of the scan (image + invisible OCR text; the original is unchanged)',
    )
    .action(async (idArg: string | undefined, opts: ExportCliOptions, cmd: Command) => {
      const chosen = [opts.ids, opts.tag, opts.query, opts.all, opts.records].filter(
        (v) => v !== undefined && v !== false,
      );
      if (opts.searchablePdf) {
        if (idArg === undefined || chosen.length > 0)
          throw usageError(
            '--searchable-pdf takes one document id: vankho export <id> --searchable-pdf --out FILE',
          );
        checkTargetFolder(opts.out);
        return exportSearchablePdf(cmd, idArg, opts.out, opts.force === true, progressDrawer);
      }
      if (idArg !== undefined)
        throw usageError(`a document id goes with --searchable-pdf; for bundles use --ids ${idArg}`);
      if (chosen.length !== 1)
        throw usageError('choose exactly one of --ids, --tag, --query, --all, --records');
      checkTargetFolder(opts.out);
      const json = isJson(cmd);
      const out = resolve(opts.out);
      const selection = selectionOf(opts);
      await withApp(
        cmd,
        async (app) => {
          const draw = progressDrawer(!json && process.stderr.isTTY === true);
          const { jobId } = await app.call('exportPathStart', {
            ...selection,
            ...(opts.includeSecret === true ? { includeSecret: true } : {}),
            ...(opts.title !== undefined ? { title: opts.title } : {}),
            out,
            ...(opts.force === true ? { overwrite: true } : {}),
          });
          const end = await app.waitJob(jobId, {
            onProgress: (progress) => {
              const p = progress as ExportProgressDto;
              draw(
                zipProgressText({
                  entriesDone: p.done,
                  entriesTotal: p.total,
                  bytesDone: p.bytesDone ?? 0,
                  bytesTotal: p.bytesTotal ?? 0,
                  currentName: p.currentName,
                }),
              );
            },
          });
          draw('', true);
          printReport(out, jobOutcome<ExportResultDto>(end), json);
          return EXIT.OK;
        },
        { readonly: 'when-held' },
      );
    });
}

/** The one of --ids, --tag, --query, --records chosen (none: --all). */
function selectionOf(opts: ExportCliOptions): Pick<ApiInput<'exportPathStart'>, 'documentIds' | 'selection'> {
  if (opts.ids !== undefined) return { documentIds: parseIds(opts.ids) };
  if (opts.tag !== undefined) return { selection: { kind: 'tag', name: opts.tag, subtags: opts.subtags } };
  if (opts.query !== undefined) return { selection: { kind: 'query', query: opts.query } };
  if (opts.records !== undefined) return { selection: { kind: 'records', codes: opts.records } };
  return {};
}

function printReport(out: string, r: ExportResultDto, json: boolean): void {
  const { files, records, entries, originalBytes } = r.bundle ?? {
    files: 0,
    records: 0,
    entries: 0,
    originalBytes: 0,
  };
  const secretLeftOut = r.secretLeftOut;
  const documents = r.documentCount;
  if (json) {
    printJson({
      ok: true,
      out,
      documents,
      files,
      records,
      entries,
      originalBytes,
      bundleBytes: r.size,
      secretLeftOut,
    });
    return;
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  printLine(
    `Đã xuất ${records > 0 ? `${records} hồ sơ, ` : ''}${documents} văn bản, ${files} tệp gốc (${formatBytes(r.size)}) vào ${out} / ` +
      `exported ${records > 0 ? `${records} files (hồ sơ), ` : ''}${documents} documents, ${files} originals`,
  );
  if (secretLeftOut > 0)
    printLine(
      `Không gồm ${secretLeftOut} văn bản mật (thêm --include-secret để gồm) / ` +
        `${secretLeftOut} confidential (mật) documents left out (add --include-secret)`,
    );
}
