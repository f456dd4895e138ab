import {
  CATALOGUE_COLUMNS,
  CATALOGUE_TITLE,
  formatVietnameseDate,
  type CatalogueRow,
} from './catalogue-rows.js';

// A printable, self-contained HTML catalogue: A4 landscape, Times New Roman (the administrative
// font), header row repeated on every printed page, rows never split across pages, no script and a
// CSP that forbids any (the page may be previewed inside the app).

export interface CatalogueHtmlHeading {
  /** What the bundle holds, e.g. the tag name or "Toàn bộ kho". */
  title: string;
  exportedAt: string;
  documentCount: number;
}

export function escapeHtml(s: string): string {
  return s
    .normalize('NFC')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The printed look of every list VanKho prints (mục lục, danh mục hồ sơ, sổ văn bản). */
export const PRINT_STYLE = `
@page { size: A4 landscape; margin: 15mm 12mm 15mm 20mm; }
body { font-family: "Times New Roman", Times, "Noto Serif", serif; font-size: 12pt; color: #000; margin: 0 auto; max-width: 277mm; }
.block { text-align: center; margin-bottom: 8mm; }
.block h1 { font-size: 15pt; font-weight: bold; margin: 0 0 2mm; }
.block .sub { font-weight: bold; margin: 0 0 1mm; }
.block .meta { font-style: italic; margin: 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; overflow-wrap: anywhere; }
th { font-weight: bold; text-align: center; background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.c { text-align: center; }
td.f { font-size: 9pt; overflow-wrap: break-word; word-break: normal; }
p.note { font-size: 10pt; font-style: italic; margin: 2mm 0 0; }
.en { display: block; font-weight: normal; font-style: italic; font-size: 9pt; }
@media print { th { background: none; } }
`;

// The date column fits "dd/mm/yyyy" on one line in 12pt Times on A4 landscape and on a screen.
const WIDTHS = ['5%', '13%', '10%', '16%', '30%', '6%', '10%', '10%'];

// Long entry names ("originals/…/Quyet_dinh_so_112_ve_viec….pdf") used to wrap letter by letter over
// 8–10 lines: a smaller font and break points only after separators keep the row a few lines high.
function fileCell(name: string): string {
  if (name === '') return '<td class="f"></td>';
  const parts = name.normalize('NFC').split(/(?<=[/\\_\-.\s])/u);
  return `<td class="f" title="${escapeHtml(name)}">${parts.map(escapeHtml).join('<wbr>')}</td>`;
}

/** Shown when no page count is known (DOCX without docProps/app.xml Pages, TXT, images…). */
export const NO_PAGE_COUNT_MARK = '—*';
const NO_PAGE_COUNT_NOTE =
  '* Không có số trang trong tệp (định dạng không ghi số trang) / the file format records no page count.';

export function* catalogueHtmlChunks(
  rows: Iterable<CatalogueRow>,
  heading: CatalogueHtmlHeading,
): Generator<string> {
  const date = formatVietnameseDate(heading.exportedAt.slice(0, 10));
  yield `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`${CATALOGUE_TITLE} — ${heading.title}`)}</title>
<style>${PRINT_STYLE}</style>
</head>
<body>
<div class="block">
<h1>${CATALOGUE_TITLE}</h1>
<p class="sub">${escapeHtml(heading.title)}</p>
<p class="meta">Lập ngày ${escapeHtml(date)} — ${heading.documentCount} văn bản / ${heading.documentCount} document(s)</p>
</div>
<table>
<colgroup>${WIDTHS.map((w) => `<col style="width:${w}">`).join('')}</colgroup>
<thead><tr>${CATALOGUE_COLUMNS.map((c) => `<th>${escapeHtml(c.vi)}<span class="en">${escapeHtml(c.en)}</span></th>`).join('')}</tr></thead>
<tbody>
`;
  let missingPages = false;
  for (const row of rows) {
    const cells = CATALOGUE_COLUMNS.map((c) => {
      if (c.key === 'file') return fileCell(row.file);
      if (c.key === 'pages' && row.pages === '') {
        missingPages = true;
        return `<td class="c">${NO_PAGE_COUNT_MARK}</td>`;
      }
      const centred = c.key === 'stt' || c.key === 'date' || c.key === 'pages';
      return `<td${centred ? ' class="c"' : ''}>${escapeHtml(String(row[c.key]))}</td>`;
    });
    yield `<tr>${cells.join('')}</tr>\n`;
  }
  yield `</tbody>
</table>
${missingPages ? `<p class="note">${escapeHtml(NO_PAGE_COUNT_NOTE)}</p>\n` : ''}</body>
</html>
`;
}
