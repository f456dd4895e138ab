import {
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

export interface MakeDocxOptions {
  /** Font of every run (default "Times New Roman", as in real office documents). */
  font?: string;
  /** Document title in the core properties. */
  title?: string;
  /** Indexes of paragraphs to render in bold (e.g. the issuer or the type name). */
  bold?: number[];
  /** Indexes of paragraphs to centre. */
  center?: number[];
}

/** Builds a real DOCX with one paragraph per entry (mammoth reads them back as paragraphs). */
export async function makeDocx(paragraphs: string[], opts: MakeDocxOptions = {}): Promise<Buffer> {
  const bold = new Set(opts.bold ?? []);
  const center = new Set(opts.center ?? []);
  const doc = new Document({
    creator: 'VanKho tests',
    title: opts.title ?? '',
    styles: { default: { document: { run: { font: opts.font ?? 'Times New Roman', size: 26 } } } },
    sections: [
      {
        children: paragraphs.map(
          (text, i) =>
            new Paragraph({
              children: [new TextRun({ text: text.normalize('NFC'), bold: bold.has(i) })],
              ...(center.has(i) ? { alignment: 'center' as const } : {}),
            }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A paragraph ("\t" becomes a Word tab, as a header laid out with tab stops) or a table. */
export type DocxBlock = string | { text: string; bold?: boolean; italic?: boolean } | DocxTable;

export interface DocxTable {
  rows: DocxCell[][];
  /** Borders drawn (default none, as the header and end tables of office documents). */
  borders?: boolean;
}

export interface DocxCell {
  blocks: DocxBlock[];
  columnSpan?: number;
  /** Merged down this many rows: the rows below leave the cell out (Word writes vMerge continue cells). */
  rowSpan?: number;
}

function toParagraph(b: Exclude<DocxBlock, DocxTable>): Paragraph {
  const p = typeof b === 'string' ? { text: b } : b;
  const parts = p.text.normalize('NFC').split('\t');
  return new Paragraph({
    children: parts.flatMap((t, i) => [
      ...(i > 0 ? [new TextRun({ children: [new Tab()] })] : []),
      ...(t ? [new TextRun({ text: t, bold: p.bold ?? false, italics: p.italic ?? false })] : []),
    ]),
  });
}

function toTable(t: DocxTable): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    ...(t.borders
      ? {}
      : {
          borders: {
            top: none,
            bottom: none,
            left: none,
            right: none,
            insideHorizontal: none,
            insideVertical: none,
          },
        }),
    rows: t.rows.map(
      (cells) =>
        new TableRow({
          children: cells.map(
            (c) =>
              new TableCell({
                children: c.blocks.length ? c.blocks.map(toBlock) : [new Paragraph('')],
                ...(c.columnSpan ? { columnSpan: c.columnSpan } : {}),
                ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}),
              }),
          ),
        }),
    ),
  });
}

function toBlock(b: DocxBlock): Paragraph | Table {
  return typeof b === 'object' && 'rows' in b ? toTable(b) : toParagraph(b);
}

/**
 * Builds a real DOCX from paragraphs and tables (merged cells, nested tables), e.g. an office
 * document's header as a borderless two-column table.
 */
export async function makeDocxBlocks(blocks: DocxBlock[], opts: { font?: string } = {}): Promise<Buffer> {
  const doc = new Document({
    creator: 'VanKho tests',
    styles: { default: { document: { run: { font: opts.font ?? 'Times New Roman', size: 26 } } } },
    sections: [{ children: blocks.map(toBlock) }],
  });
  return Packer.toBuffer(doc);
}
