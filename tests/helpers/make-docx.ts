import { Document, Packer, Paragraph, TextRun } from 'docx';

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
