// `vankho show <id>`: one document's fields (with suggestion/confirmed marks), its OCR pages to
// check, files and tags.
import type { Command } from 'commander';
import {
  METADATA_FIELDS,
  type DocumentRef,
  type DocumentValidity,
  type OcrSummaryDto,
  type PageText,
} from '../../contract/dto.js';
import { NO_TEXT_TERMS, TERMS, VALIDITY_TERMS, bilingual } from '../../contract/glossary.js';
import { withApp, type CliApp } from '../cli-app.js';
import { formatError, isJson, printField, printJson, printLine, printLines } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { FIELD_LABELS, TEXT_STATUS_LABELS, fieldValueText, formatBytes } from '../field-labels.js';
import { parseDocumentId } from './parse-id.js';
import { printRelations } from './relations.js';
import { formatDate } from '../../contract/dates.js';

function refLine(d: DocumentRef): string {
  return `[${d.id}] ${d.number ?? '—'}${d.issuedDate ? ` · ${formatDate(d.issuedDate)}` : ''}`;
}

/** "Hiệu lực / Validity: …", with the documents that replace, repeal or amend it and an override's author. */
export function printValidity(v: DocumentValidity): void {
  const by = [
    [TERMS.replacedBy, v.replacedBy],
    [TERMS.repealedBy, v.repealedBy],
    [TERMS.amendedBy, v.amendedBy],
  ] as const;
  printLine(`  ${bilingual(TERMS.validity)}: ${bilingual(VALIDITY_TERMS[v.status])}`);
  if (v.override) {
    printLine(
      `    đặt bởi / set by ${v.override.setBy ?? '—'} ${v.override.setAt}` +
        (v.override.note ? ` — ${v.override.note}` : '') +
        (v.derived !== v.override.status
          ? `; theo quan hệ / from relations: ${bilingual(VALIDITY_TERMS[v.derived])}`
          : ''),
    );
  }
  for (const [term, refs] of by)
    if (refs.length) printLine(`    ${bilingual(term)}: ${refs.map(refLine).join('; ')}`);
}

/**
 * "OCR: …": which pages OCR read and how sure it was, then the pages to check — low confidence or
 * a caveat (it may have been read the wrong way up), and the failed ones with why — as the
 * document screen's OCR panel lists them. Nothing for a document without OCR pages.
 */
function printOcr(s: OcrSummaryDto, files: readonly { id: number; originalName: string }[]): void {
  if (s.pages.length === 0) return;
  const mean = s.meanConfidence !== null ? `, độ tin cậy trung bình ${s.meanConfidence}%` : '';
  const meanEn = s.meanConfidence !== null ? `, mean confidence ${s.meanConfidence}%` : '';
  printLine(
    `  OCR: đã đọc ${s.done}/${s.pages.length} trang${mean}, chờ ${s.pending}, lỗi ${s.failed}` +
      ` / read ${s.done}/${s.pages.length} pages${meanEn}, ${s.pending} waiting, ${s.failed} failed`,
  );
  const named = new Set(s.pages.map((p) => p.fileId)).size > 1;
  const nameOf = (id: number): string => files.find((f) => f.id === id)?.originalName ?? `#${id}`;
  for (const p of s.pages) {
    if (!p.low && p.state !== 'failed') continue;
    const where = `${named ? `${nameOf(p.fileId)} ` : ''}tr./p. ${p.pageNo}`;
    if (p.state === 'failed')
      printLine(`    x ${where}: lỗi nhận dạng / OCR failed${p.error ? ` — ${formatError(p.error)}` : ''}`);
    else
      printLine(
        `    ? ${where}: cần rà soát / needs review, độ tin cậy / confidence ${p.confidence ?? 0}%` +
          (p.error ? ` — ${formatError(p.error)}` : ''),
      );
  }
}

/** The text of every file of the document, in its files' reading order (documentGet lists them so). */
async function documentPages(app: Pick<CliApp, 'call'>, fileIds: readonly number[]): Promise<PageText[]> {
  const pages: PageText[] = [];
  for (const fileId of fileIds) pages.push(...(await app.call('filePages', { fileId })));
  return pages;
}

export function registerShowCommand(program: Command): void {
  program
    .command('show')
    .description('xem một văn bản / show one document')
    .argument('<id>', 'mã văn bản / document id')
    .option('--text', 'in cả nội dung văn bản / also print the extracted text')
    .action(async (idArg: string, opts: { text?: boolean }, cmd: Command) => {
      const id = parseDocumentId(idArg);
      // Read-only: showing works beside the app or web mode holding the archive.
      await withApp(
        cmd,
        async (app) => {
          const doc = await app.call('documentGet', { documentId: id });
          const pages = opts.text
            ? await documentPages(
                app,
                doc.files.map((f) => f.id),
              )
            : null;
          const relations = await app.call('documentRelations', { documentId: id });
          const ocr = await app.call('ocrSummary', { documentId: id });
          if (isJson(cmd)) {
            const withOcr = ocr.pages.length > 0 ? { ocr } : {};
            printJson(pages ? { ...doc, relations, ...withOcr, pages } : { ...doc, relations, ...withOcr });
            return EXIT.OK;
          }
          printLine(`Văn bản / Document #${doc.id}  (${doc.uid})`);
          for (const f of METADATA_FIELDS) {
            const v = doc.metadata[f];
            if (v === null || v === '') continue;
            const prov = doc.provenance[f];
            const mark = !prov
              ? ''
              : prov.source === 'user'
                ? '  ✓ đã xác nhận / confirmed'
                : `  ? gợi ý / suggestion${prov.confidence !== null ? ` ${Math.round(prov.confidence * 100)}%` : ''}`;
            printField(FIELD_LABELS[f], fieldValueText(f, v), mark);
          }
          printLine(
            `  Nội dung / Text: ${TEXT_STATUS_LABELS[doc.textStatus] ?? doc.textStatus}` +
              (doc.noText ? ` — ${bilingual(NO_TEXT_TERMS[doc.noText])}` : '') +
              (doc.pageCount !== null ? `, ${doc.pageCount} trang / pages` : '') +
              (doc.textError ? ` — ${formatError(doc.textError)}` : ''),
          );
          printOcr(ocr, doc.files);
          printLine('  Tệp / Files:');
          for (const f of doc.files) {
            printLine(`    ${f.originalName}  ${f.mediaType}  ${formatBytes(f.size)}  sha256 ${f.sha256}`);
          }
          printLine(
            `  ${bilingual(TERMS.tags)}: ${doc.tags.length ? doc.tags.map((t) => t.name).join(', ') : '—'}`,
          );
          printValidity(doc.validity);
          if (doc.olderRules)
            printLine(
              `  Trích dẫn và thông tin đề xuất được đọc theo quy tắc trích xuất cũ (${doc.olderRules.readBy}, nay ${doc.olderRules.current}): trích xuất lại hoặc xác nhận / ` +
                `Citations and suggestions read by older extraction rules (${doc.olderRules.readBy}, now ${doc.olderRules.current}): re-extract or confirm`,
            );
          // Phụ lục VI III.1.h: likely the same document filed twice (merge or keep both in the app).
          for (const twin of doc.identityTwins ?? [])
            printLine(
              `  Cùng số ký hiệu, cơ quan ban hành và năm / Same number, issuer and year: ${refLine({ ...twin, docType: null })} — ${twin.title}`,
            );
          printLine(`  Nhập lúc / Imported: ${doc.createdAt}   Sửa lúc / Updated: ${doc.updatedAt}`);
          printRelations(relations);
          if (pages) {
            for (const p of pages) {
              printLine();
              printLine(`--- trang / page ${p.pageNo} ---`);
              printLines(p.text);
            }
          }
          return EXIT.OK;
        },
        { readonly: true },
      );
    });
}
