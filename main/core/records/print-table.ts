// The printed lists of hồ sơ and registers (mục lục văn bản, danh mục hồ sơ, sổ văn bản đến/đi): one
// table description written as printable HTML or as XLSX, with the catalogue's look and helpers
// (core/export: PRINT_STYLE, escapeHtml, the title block and borders), so every list VanKho prints
// looks the same.
import { Writable } from 'node:stream';
import { escapeHtml, PRINT_STYLE } from '../export/catalogue-html.js';
import { addTitleBlock, boxed } from '../export/catalogue-xlsx.js';
import type { OutputContent } from '../export/export-catalogue.js';

export interface PrintColumn<K extends string> {
  key: K;
  vi: string;
  en: string;
  /** XLSX width in characters; the HTML widths are the same proportions. */
  width: number;
  center?: boolean;
}

/** A data row, or a group heading spanning the table (đề mục of the danh mục hồ sơ). */
export type PrintRow<K extends string> = { cells: Record<K, string | number> } | { group: string };

export interface PrintTable<K extends string> {
  sheetName: string;
  /** Bold title, bold subtitle, then italic lines. */
  lines: readonly string[];
  columns: ReadonlyArray<PrintColumn<K>>;
  rows: ReadonlyArray<PrintRow<K>>;
  /** Italic note under the table. */
  footnote?: string;
}

export type PrintFormat = 'html' | 'xlsx';

/** html for .html/.htm, else xlsx. */
export function printFormatOf(out: string): PrintFormat {
  return /\.html?$/i.test(out) ? 'html' : 'xlsx';
}

export function* printTableHtml<K extends string>(t: PrintTable<K>): Generator<string> {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const [title = '', sub, ...meta] = t.lines;
  yield `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml([title, sub].filter(Boolean).join(' — '))}</title>
<style>${PRINT_STYLE}
tr.group td { font-weight: bold; background: #f4f4f4; }
@media print { tr.group td { background: none; } }
</style>
</head>
<body>
<div class="block">
<h1>${escapeHtml(title)}</h1>
${sub ? `<p class="sub">${escapeHtml(sub)}</p>\n` : ''}${meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>\n`).join('')}</div>
<table>
<colgroup>${t.columns.map((c) => `<col style="width:${((100 * c.width) / total).toFixed(1)}%">`).join('')}</colgroup>
<thead><tr>${t.columns.map((c) => `<th>${escapeHtml(c.vi)}<span class="en">${escapeHtml(c.en)}</span></th>`).join('')}</tr></thead>
<tbody>
`;
  for (const row of t.rows) {
    if ('group' in row) {
      yield `<tr class="group"><td colspan="${t.columns.length}">${escapeHtml(row.group)}</td></tr>\n`;
      continue;
    }
    const cells = t.columns.map(
      (c) => `<td${c.center ? ' class="c"' : ''}>${escapeHtml(String(row.cells[c.key]))}</td>`,
    );
    yield `<tr>${cells.join('')}</tr>\n`;
  }
  yield `</tbody>
</table>
${t.footnote ? `<p class="note">${escapeHtml(t.footnote)}</p>\n` : ''}</body>
</html>
`;
}

export async function writePrintTableXlsx<K extends string>(t: PrintTable<K>, out: Writable): Promise<void> {
  // Loaded here, not at the top: most commands and test files never write an XLSX and should not pay
  // exceljs' load (about 0.4 s) at start-up.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'VanKho';
  const headRow = t.lines.length + 1;
  const ws = wb.addWorksheet(t.sheetName.slice(0, 31), {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headRow}:${headRow}`,
    },
    views: [{ state: 'frozen', ySplit: headRow }],
  });
  ws.columns = t.columns.map((c) => ({ key: c.key, width: c.width }));
  const last = t.columns.length;
  addTitleBlock(ws, last, t.lines);
  const head = ws.addRow(t.columns.map((c) => c.vi));
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  head.eachCell(boxed);
  head.commit();
  for (const r of t.rows) {
    if ('group' in r) {
      const g = ws.addRow([r.group.normalize('NFC')]);
      g.font = { bold: true };
      ws.mergeCells(g.number, 1, g.number, last);
      g.eachCell(boxed);
      g.commit();
      continue;
    }
    const row = ws.addRow(
      t.columns.map((c) => {
        const v = r.cells[c.key];
        return typeof v === 'number' ? v : v.normalize('NFC');
      }),
    );
    row.alignment = { vertical: 'top', wrapText: true };
    row.eachCell({ includeEmpty: true }, boxed);
    row.commit();
  }
  if (t.footnote) {
    const n = ws.addRow([t.footnote.normalize('NFC')]);
    n.font = { italic: true, size: 9 };
    n.commit();
  }
  ws.commit();
  await wb.commit();
}

/** The content writeOutputFile writes for this table in this format. */
export function printContent<K extends string>(t: PrintTable<K>, format: PrintFormat): OutputContent {
  return format === 'html' ? { text: printTableHtml(t) } : { xlsx: (w) => writePrintTableXlsx(t, w) };
}

/**
 * The table as bytes in memory, for a caller that saves the file itself (the CLI through the
 * contract, a browser download): lists of hồ sơ are small, unlike catalogues of a whole archive.
 */
export async function printTableBytes<K extends string>(
  t: PrintTable<K>,
  format: PrintFormat,
): Promise<Buffer> {
  if (format === 'html') return Buffer.from([...printTableHtml(t)].join(''), 'utf8');
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  // The workbook ends the stream; its last bytes are in once it has finished.
  const finished = new Promise<void>((res, rej) => {
    sink.on('finish', res);
    sink.on('error', rej);
  });
  await writePrintTableXlsx(t, sink);
  await finished;
  return Buffer.concat(chunks);
}
