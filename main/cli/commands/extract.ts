// `vankho extract <file>` (or `-` for text on stdin): prints the fields and citations the text engine
// would propose for a document, without filing anything, through the contract's extractPreview
// (core/ingest/extract-preview.ts: the same extractors and text pipeline as import).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { MetadataField } from '../../contract/dto.js';
import { RELATION_KIND_LABELS } from '../../contract/glossary.js';
import { withApp } from '../cli-app.js';
import { isJson, printField, printJson, printLine } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { FIELD_LABELS, TEXT_STATUS_LABELS } from '../field-labels.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description(
      'trích xuất thông tin và trích dẫn từ một tệp mà không lưu vào kho / extract fields and citations without filing',
    )
    .argument(
      '<file>',
      'tệp văn bản, hoặc "-" để đọc văn bản từ stdin / a document file, or "-" for text on stdin',
    )
    .action(async (fileArg: string, _o: unknown, cmd: Command) => {
      const input = fileArg === '-' ? { text: await readStdin() } : { path: resolve(fileArg) };
      // A session without an archive: nothing is filed.
      await withApp(
        cmd,
        async (app) => {
          const report = await app.call('extractPreview', input);
          const status = report.textStatus;
          const encoding = report.encoding;
          if (isJson(cmd)) {
            printJson({ ok: true, ...report });
            return EXIT.OK;
          }
          printLine(`Tệp / File: ${report.source}`);
          printLine(
            `  Nội dung / Text: ${TEXT_STATUS_LABELS[status] ?? status}` +
              (encoding ? `, mã hóa / encoding ${encoding}` : ''),
          );
          printLine('Thông tin đề xuất / Proposed fields:');
          for (const [f, s] of Object.entries(report.fields) as [
            MetadataField,
            { value: string | string[]; confidence: number },
          ][]) {
            const pct = `${Math.round(s.confidence * 100)}%`;
            if (Array.isArray(s.value)) {
              printLine(`  ${FIELD_LABELS[f]}: (${pct})`);
              for (const v of s.value) printLine(`    - ${v}`);
            } else printField(FIELD_LABELS[f], s.value, `  (${pct})`);
          }
          printLine(`Trích dẫn / Citations: ${report.citations.length === 0 ? '—' : ''}`);
          for (const c of report.citations) {
            printLine(
              `  ${RELATION_KIND_LABELS[c.kind] ?? c.kind}: ${c.type ? `${c.type} ` : ''}số ${c.number}` +
                (c.date ? ` ngày ${c.date}` : '') +
                (c.issuer ? ` của ${c.issuer}` : ''),
            );
          }
          return status !== 'ok' ? EXIT.PARTIAL : EXIT.OK;
        },
        { noArchive: true },
      );
    });
}
