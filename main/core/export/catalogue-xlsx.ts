import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { CATALOGUE_COLUMNS, CATALOGUE_TITLE, type CatalogueRow } from './catalogue-rows.js';
import type { CatalogueHtmlHeading } from './catalogue-html.js';

/**
 * Writes the catalogue as an XLSX workbook to `out` with exceljs' streaming writer (rows are committed
 * as they are written, so a large catalogue is not held as a workbook in memory). Title block on top,
 * bold header row frozen, columns sized, landscape A4 page setup with the header repeated on print.
 */
export async function writeCatalogueXlsx(
  rows: Iterable<CatalogueRow>,
  heading: CatalogueHtmlHeading,
  out: Writable,
): Promise<void> {
  // Loaded here, not at the top: most commands and test files never write an XLSX and should not pay
  // exceljs' load (about 0.4 s) at start-up.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'VanKho';
  wb.created = new Date(heading.exportedAt);
  const ws = wb.addWorksheet('Mục lục văn bản', {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '4:4',
    },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  ws.columns = CATALOGUE_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const last = CATALOGUE_COLUMNS.length;
  addTitleBlock(ws, last, [
    CATALOGUE_TITLE,
    heading.title,
    `Lập ngày ${heading.exportedAt.slice(0, 10)} — ${heading.documentCount} văn bản`,
  ]);
  const head = ws.addRow(CATALOGUE_COLUMNS.map((c) => c.vi));
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  head.eachCell(boxed);
  head.commit();
  for (const r of rows) {
    const row = ws.addRow(
      CATALOGUE_COLUMNS.map((c) =>
        c.key === 'stt'
          ? r.stt
          : c.key === 'pages' && /^\d+$/.test(r.pages)
            ? Number(r.pages)
            : String(r[c.key]).normalize('NFC'),
      ),
    );
    row.alignment = { vertical: 'top', wrapText: true };
    row.eachCell(boxed);
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

/**
 * The centred block above a printed list: a bold title, a bold subtitle, then italic lines, each
 * merged across the `last` columns and committed (streaming writer).
 */
export function addTitleBlock(ws: ExcelJS.Worksheet, last: number, lines: readonly string[]): void {
  lines.forEach((text, i) => {
    const row = ws.addRow([text.normalize('NFC')]);
    row.font = i === 0 ? { bold: true, size: 14 } : i === 1 ? { bold: true } : { italic: true };
    ws.mergeCells(row.number, 1, row.number, last);
    row.alignment = { horizontal: 'center' };
    row.commit();
  });
}

const THIN = { style: 'thin' } as const;

/** Thin border on all four sides, as on a printed register. */
export function boxed(cell: ExcelJS.Cell): void {
  cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
}
