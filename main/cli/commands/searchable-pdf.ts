// `vankho export <id> --searchable-pdf --out <file.pdf> [--force]`: the searchable-PDF copy of a
// document's scan (its pages' images with the OCR words as invisible text), made by the same export
// job the app runs (documentSearchablePdf), then copied from the session's export area to --out.
// The stored original is only read.
import { constants, copyFileSync, linkSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ExportProgressDto, ExportResultDto } from '../../contract/dto.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine, usageError } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { formatBytes } from '../field-labels.js';
import { jobOutcome } from '../job-outcome.js';
import { parseDocumentId } from './parse-id.js';

export async function exportSearchablePdf(
  cmd: Command,
  idArg: string,
  target: string,
  force: boolean,
  /** export.ts's progress line (passed in: this module is imported by it). */
  progressDrawer: (enabled: boolean) => (text: string, force?: boolean) => void,
): Promise<void> {
  const documentId = parseDocumentId(idArg);
  const out = resolve(target);
  const json = isJson(cmd);
  await withApp(
    cmd,
    async (app) => {
      const draw = progressDrawer(!json && process.stderr.isTTY === true);
      const started = await app.call('documentSearchablePdf', { documentId });
      // The CLI has no save dialog, so the job always starts; null would mean a dialog was cancelled.
      if (!started) return EXIT.CANCELLED;
      const end = await app.waitJob(started.jobId, {
        onProgress: (p) => {
          const { done, total } = p as ExportProgressDto;
          draw(`${done}/${total} trang/pages`);
        },
      });
      draw('', true);
      const result = jobOutcome<ExportResultDto>(end);
      copyInto(app.exportedFile(started.jobId), out, force);
      if (json) printJson({ ok: true, documentId, out, size: result.size });
      else {
        if (process.stderr.isTTY) process.stderr.write('\n');
        printLine(
          `Đã ghi bản PDF tìm kiếm được của văn bản #${documentId} (${formatBytes(result.size)}) vào ${out} / ` +
            `wrote the searchable PDF of document #${documentId}`,
        );
      }
      return EXIT.OK;
    },
    { readonly: 'when-held' },
  );
}

/** Copies beside the target then renames: never a half-written file under its name; an existing one only with --force. */
function copyInto(from: string, out: string, force: boolean): void {
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.partial`);
  try {
    copyFileSync(from, tmp, constants.COPYFILE_EXCL);
    if (!force) {
      // A hard link fails when the target exists, so a file created meanwhile is not replaced either.
      try {
        linkSync(tmp, out);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw usageError(`${out} exists (--force)`);
        throw e;
      }
    } else renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
}
