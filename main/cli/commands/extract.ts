// `vankho extract <file>` (or `-` for text on stdin): prints the fields and citations the text engine
// would propose for a document, without filing anything. Uses the same extractors and text pipeline
// as import (extract-file.ts → prepareExtractedText), then extractMetadata and extractCitations.

import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../../core/errors/vankho-error.js';
import { RELATION_KIND_LABELS } from '../../contract/glossary.js';
import { extractFile } from '../../core/ingest/extract-file.js';
import { detectMediaType } from '../../core/ingest/media-type.js';
import { docNumberKey } from '../../core/text/doc-number.js';
import { extractCitations, uniqueCitations, type Citation } from '../../core/text/extract-citations.js';
import {
  EXTRACTED_FIELDS,
  extractMetadata,
  type ExtractedMetadata,
} from '../../core/text/extract-metadata.js';
import { prepareExtractedText } from '../../core/text/prepare-text.js';
import { isJson, printField, printJson, printLine } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { FIELD_LABELS, TEXT_STATUS_LABELS } from '../field-labels.js';

const FIELDS = EXTRACTED_FIELDS;

export interface ExtractReport {
  source: string;
  textStatus: string;
  encoding: string | null;
  fields: Partial<Record<(typeof FIELDS)[number], { value: string | string[]; confidence: number }>>;
  citations: Omit<Citation, 'parsed' | 'index'>[];
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function pagesOf(
  arg: string,
): Promise<{ source: string; pages: string[]; status: string; encoding: string | null }> {
  if (arg === '-') {
    const p = prepareExtractedText(await readStdin());
    return { source: 'stdin', pages: [p.text], status: 'ok', encoding: p.legacyEncoding };
  }
  const path = resolve(arg);
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new VanKhoError(appError('FILE_UNREADABLE', arg));
  const head = readFileSync(path).subarray(0, 4096);
  const { kind } = detectMediaType(basename(path), head);
  const x = await extractFile(path, kind);
  if (x.error && x.pages.length === 0) {
    // PDF_ENCRYPTED tells an import that the original was kept; extract files nothing.
    if (x.error.code === 'PDF_ENCRYPTED')
      throw new VanKhoError(appError('PDF_ENCRYPTED_NO_TEXT', basename(path)));
    throw new VanKhoError(x.error);
  }
  return { source: path, pages: x.pages, status: x.status, encoding: x.encoding };
}

export function buildExtractReport(
  source: string,
  pages: string[],
  textStatus: string,
  encoding: string | null,
): ExtractReport {
  const meta: ExtractedMetadata = extractMetadata(pages);
  const fields: ExtractReport['fields'] = {};
  for (const f of FIELDS) {
    const s = meta[f];
    if (s) fields[f] = { value: s.value, confidence: s.confidence };
  }
  const ownKey = meta.number ? docNumberKey(meta.number.value) : null;
  const citations = uniqueCitations(extractCitations(pages.join('\n'), ownKey)).map(
    ({ parsed: _p, index: _i, ...c }) => c,
  );
  return { source, textStatus, encoding, fields, citations };
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
      const { source, pages, status, encoding } = await pagesOf(fileArg);
      const report = buildExtractReport(source, pages, status, encoding);
      if (isJson(cmd)) {
        printJson({ ok: true, ...report });
        return;
      }
      printLine(`Tệp / File: ${report.source}`);
      printLine(
        `  Nội dung / Text: ${TEXT_STATUS_LABELS[status] ?? status}` +
          (encoding ? `, mã hóa / encoding ${encoding}` : ''),
      );
      printLine('Thông tin đề xuất / Proposed fields:');
      for (const f of FIELDS) {
        const s = report.fields[f];
        if (!s) continue;
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
      if (status !== 'ok') process.exitCode = EXIT.PARTIAL;
    });
}
