// Renders the fictional sample documents of scripts/sample-documents.ts into resources/samples/ (PDF,
// DOCX, DOC, UTF-8 TXT, Windows-1258 TXT, TCVN3 TXT) with the real header layout, and writes their
// expected fields to tests/fixtures/samples-expected.json.
//
//   node bin/run-ts.mjs scripts/make-samples.ts
//
// The .doc needs LibreOffice (`soffice`) and is only rebuilt with `--doc` (or when missing); CI never
// runs this script (the output is committed). Output is byte-stable for unchanged input.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AlignmentType,
  Document,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import iconv from 'iconv-lite';
import PDFDocument from 'pdfkit';
import * as prettier from 'prettier';
import type { SampleExpectation } from '../tests/helpers/expected-fields.js';
import { vietnameseFontPath } from '../tests/helpers/make-pdf.js';
import { repoPath, testdata } from '../tests/helpers/repo-root.js';
import { PAGE_BREAK, SAMPLE_DOCUMENTS, type SampleDocument } from './sample-documents.js';

const OUT_DIR = repoPath('resources', 'samples');
const EXPECTED_FILE = repoPath('tests', 'fixtures', 'samples-expected.json');

// ---------- expected fields -------------------------------------------------------------------

/** Recipient items without the leading "- " and the trailing ";", "," or "." (README convention). */
function recipientItems(d: SampleDocument): string[] {
  return d.recipients.slice(1).map((l) => l.replace(/^-\s*/, '').replace(/[;,.]\s*$/, ''));
}

function signerOf(d: SampleDocument): { signer: string; signerTitle: string } {
  const gap = d.signature.indexOf('');
  const name = d.signature[d.signature.length - 1];
  if (gap < 1 || !name) throw new Error(`${d.file}: signature block needs title lines, "", name`);
  return { signer: name, signerTitle: d.signature.slice(0, gap).join(' ') };
}

function expectationOf(d: SampleDocument): SampleExpectation {
  return {
    file: d.file,
    format: d.format,
    ...d.expected,
    ...signerOf(d),
    recipients: recipientItems(d),
  };
}

/** Guards against typos between the rendered blocks and the hand-written labels. */
function checkConsistency(d: SampleDocument): void {
  const all = [...d.headerLeft, ...d.headerRight, ...d.heading, ...d.body].join('\n');
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const e = d.expected;
  const fail = (what: string) => {
    throw new Error(`${d.file}: ${what}`);
  };
  for (const s of [all, JSON.stringify(d.expected)]) if (s.normalize('NFC') !== s) fail('text is not NFC');
  if (e.number && !d.headerLeft.some((l) => l === `Số ${e.number}` || l === `Số: ${e.number}`))
    fail(`number line "Số ${e.number}" missing`);
  if (!flat(d.headerLeft.join(' ')).includes(e.issuer)) fail('issuer not in the header');
  if (e.issuerSuperior && !d.headerLeft.includes(e.issuerSuperior)) fail('superior not in the header');
  if (!e.issuedDate || !e.number) fail('samples are issued documents: number and date are required');
  const [y, m, day] = (e.issuedDate ?? '').split('-').map(Number) as [number, number, number];
  // Decree 30: leading zero for days 1–9 and for months 1 and 2 only.
  const two = (n: number) => String(n).padStart(2, '0');
  const dateLine = `${e.place}, ngày ${two(day)} tháng ${m <= 2 ? two(m) : m} năm ${y}`;
  if (!d.headerRight.includes(dateLine)) fail(`date line "${dateLine}" missing`);
  const titleSource =
    e.docType === 'Công văn'
      ? flat(d.headerLeft.slice(d.headerLeft.findIndex((l) => l.startsWith('V/v '))).join(' ')).slice(4)
      : flat(d.heading.slice(1).join(' '));
  if (titleSource !== e.title) fail(`title differs from the heading: "${titleSource}"`);
  if (d.heading.length > 0 && d.heading[0] !== e.docType.toUpperCase()) fail('type name differs');
  const seen = new Set<string>();
  for (const cit of e.citations) {
    if (seen.has(cit.number)) fail(`citation ${cit.number} listed twice`);
    seen.add(cit.number);
    if (!all.includes(cit.number)) fail(`cited number ${cit.number} not in the text`);
  }
}

// ---------- PDF -------------------------------------------------------------------------------

const NOTO = '/usr/share/fonts/truetype/noto/';
function fontSet(): { r: string; b: string; i: string } {
  if (existsSync(`${NOTO}NotoSerif-Regular.ttf`))
    return {
      r: `${NOTO}NotoSerif-Regular.ttf`,
      b: `${NOTO}NotoSerif-Bold.ttf`,
      i: `${NOTO}NotoSerif-Italic.ttf`,
    };
  const r = vietnameseFontPath();
  return { r, b: r, i: r };
}

/** The lines of headerLeft that name the issuer (printed in bold). */
function issuerLineIndexes(d: SampleDocument): Set<number> {
  const stop = d.headerLeft.findIndex((l) => l === '' || l === '*' || l.startsWith('Số'));
  const top = d.headerLeft.slice(0, stop < 0 ? d.headerLeft.length : stop);
  for (let k = 1; k <= top.length; k++) {
    if (top.slice(top.length - k).join(' ') === d.expected.issuer) {
      return new Set(Array.from({ length: k }, (_, i) => top.length - k + i));
    }
  }
  return new Set();
}

const isCaps = (s: string) => /\p{Lu}/u.test(s) && s === s.toUpperCase();

function renderPdf(d: SampleDocument): Promise<Buffer> {
  const f = fontSet();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 57, bottom: 57, left: 85, right: 57 },
    autoFirstPage: false,
    info: {
      Title: `${d.expected.docType} ${d.expected.number ?? ''}`.trim(),
      Author: d.expected.issuer,
      Producer: 'VanKho sample generator',
      CreationDate: new Date(`${d.expected.issuedDate}T08:00:00Z`),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolveDone, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolveDone(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('r', f.r);
  pdf.registerFont('b', f.b);
  pdf.registerFont('i', f.i);
  pdf.addPage();
  const left = 85;
  const width = pdf.page.width - 85 - 57;
  const split = 200; // width of the left header column
  const party = d.expected.system === 'party';

  // Header: two columns, each line centred in its column (as in Word's 2-column header table).
  const top = pdf.y;
  const bold = issuerLineIndexes(d);
  let yl = top;
  d.headerLeft.forEach((line, i) => {
    if (line === '') {
      yl += 8;
      return;
    }
    const vv = line.startsWith('V/v') || (i > 0 && d.headerLeft[i - 1]?.startsWith('V/v') === true);
    pdf.font(bold.has(i) ? 'b' : 'r').fontSize(vv ? 11 : 12);
    pdf.text(line, left - 20, yl, { width: split + 20, align: 'center' });
    yl = pdf.y + 1;
  });
  let yr = top;
  d.headerRight.forEach((line, i) => {
    if (line === '') {
      yr += 10;
      return;
    }
    const dateLine = i === d.headerRight.length - 1;
    pdf.font(dateLine ? 'i' : 'b').fontSize(dateLine ? 12 : party ? 13 : 12);
    pdf.text(line, left + split, yr, {
      width: width - split + 10,
      align: dateLine && party ? 'right' : 'center',
      underline: !dateLine && (party || line.startsWith('Độc lập')),
    });
    yr = pdf.y + 1;
  });
  pdf.x = left;
  pdf.y = Math.max(yl, yr) + 18;

  // Type name and trích yếu, centred, with a short rule under them.
  if (d.heading.length > 0) {
    // Each trích yếu line is one printed line, as the drafter broke it: shrink rather than wrap.
    let size = 13;
    pdf.font('b');
    while (size > 9 && d.heading.slice(1).some((l) => pdf.fontSize(size).widthOfString(l) > width))
      size -= 0.5;
    d.heading.forEach((line, i) => {
      pdf.font('b').fontSize(i === 0 ? 15 : size);
      pdf.text(line, left, pdf.y, { width, align: 'center' });
    });
    const ruleY = pdf.y + 4;
    pdf
      .moveTo(left + width / 2 - 40, ruleY)
      .lineTo(left + width / 2 + 40, ruleY)
      .lineWidth(0.6)
      .stroke();
    pdf.y = ruleY + 12;
  }

  for (const para of d.body) {
    if (para === PAGE_BREAK) {
      pdf.addPage();
      continue;
    }
    if (isCaps(para)) {
      const centred = !/^[IVX]+\. /.test(para);
      pdf
        .font('b')
        .fontSize(12.5)
        .text(para, left, pdf.y, { width, align: centred ? 'center' : 'left' });
    } else if (para.startsWith('Kính gửi')) {
      pdf.font('r').fontSize(13).text(para, left, pdf.y, { width, align: 'center' });
    } else {
      pdf.font('r').fontSize(12.5).text(para, left, pdf.y, { width, align: 'justify', indent: 28 });
    }
    pdf.moveDown(0.35);
  }

  // Last block: "Nơi nhận" on the left, the signature on the right, on the same page.
  const needed = Math.max(d.recipients.length * 13 + 20, d.signature.length * 17 + 60);
  if (pdf.y + needed > pdf.page.height - 57) pdf.addPage();
  const yb = pdf.y + 10;
  let y = yb;
  d.recipients.forEach((line, i) => {
    pdf.font(i === 0 ? 'i' : 'r').fontSize(i === 0 ? 12 : 10.5);
    pdf.text(line, left, y, { width: 215 });
    y = pdf.y;
  });
  y = yb;
  for (const line of d.signature) {
    if (line === '') {
      y += 56;
      continue;
    }
    pdf
      .font('b')
      .fontSize(12.5)
      .text(line, left + 215, y, { width: width - 215, align: 'center' });
    y = pdf.y;
  }
  pdf.end();
  return done;
}

// ---------- DOCX ------------------------------------------------------------------------------

const FONT = 'Times New Roman';
const run = (
  text: string,
  o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {},
) =>
  new TextRun({
    text,
    font: FONT,
    bold: o.bold ?? false,
    italics: o.italics ?? false,
    size: o.size ?? 26,
    ...(o.underline ? { underline: {} } : {}),
  });

const cell = (children: Paragraph[], pct: number) =>
  new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: TableBorders.NONE });

const centred = (r: TextRun) => new Paragraph({ alignment: AlignmentType.CENTER, children: [r] });

function renderDocx(d: SampleDocument): Promise<Buffer> {
  const bold = issuerLineIndexes(d);
  const party = d.expected.system === 'party';
  const leftCol = d.headerLeft.map((l, i) =>
    centred(run(l, { bold: bold.has(i), size: l.startsWith('V/v') ? 24 : 26 })),
  );
  const rightCol = d.headerRight.map((l, i) =>
    i === d.headerRight.length - 1
      ? new Paragraph({
          alignment: party ? AlignmentType.RIGHT : AlignmentType.CENTER,
          children: [run(l, { italics: true })],
        })
      : centred(run(l, { bold: true, underline: l !== '' && (party || l.startsWith('Độc lập')) })),
  );
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(leftCol, 42), cell(rightCol, 58)] })],
  });
  const heading = d.heading.map((l, i) => centred(run(l, { bold: true, size: i === 0 ? 30 : 28 })));
  const body: Paragraph[] = [];
  let breakNext = false;
  for (const para of d.body) {
    if (para === PAGE_BREAK) {
      breakNext = true;
      continue;
    }
    const children = [...(breakNext ? [new PageBreak()] : []), run(para, { bold: isCaps(para) })];
    breakNext = false;
    body.push(
      new Paragraph({
        alignment:
          isCaps(para) && !/^[IVX]+\. /.test(para)
            ? AlignmentType.CENTER
            : isCaps(para)
              ? AlignmentType.LEFT
              : AlignmentType.JUSTIFIED,
        indent: isCaps(para) ? undefined : { firstLine: 567 },
        spacing: { after: 80 },
        children,
      }),
    );
  }
  const recipients = d.recipients.map(
    (l, i) =>
      new Paragraph({ children: [run(l, { italics: i === 0, bold: i === 0, size: i === 0 ? 24 : 22 })] }),
  );
  const signature = d.signature.map((l) => centred(run(l, { bold: true })));
  const last = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(recipients, 45), cell(signature, 55)] })],
  });
  // Built inside atFixedTime: the Document constructor stamps core.xml with the current time.
  const makeDoc = () =>
    new Document({
      creator: 'VanKho sample generator',
      title: `${d.expected.docType} ${d.expected.number ?? ''}`.trim(),
      sections: [
        {
          properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } },
          children: [
            header,
            new Paragraph({ children: [] }),
            ...heading,
            new Paragraph({ children: [] }),
            ...body,
            last,
          ],
        },
      ],
    });
  return atFixedTime(`${d.expected.issuedDate ?? '2024-01-01'}T08:00:00Z`, () => Packer.toBuffer(makeDoc()));
}

/**
 * Runs `fn` with the clock stopped at `iso`: docx stamps core.xml and every zip entry with the current
 * time, and committed samples must keep the same bytes (hence the same SHA-256) when regenerated.
 */
async function atFixedTime<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  const RealDate = Date;
  const fixed = new RealDate(iso).getTime();
  class FixedDate extends RealDate {
    constructor(...args: [] | [string | number | Date]) {
      if (args.length === 0) super(fixed);
      else super(args[0]);
    }
    static override now(): number {
      return fixed;
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

/** Word 97 .doc made from the DOCX by LibreOffice (word-extractor reads it at import). */
function convertToDoc(docx: Buffer, baseName: string): Buffer | null {
  const tmp = mkdtempSync(join(tmpdir(), 'vankho-samples-'));
  try {
    const src = join(tmp, `${baseName}.docx`);
    writeFileSync(src, docx);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${tmp}/profile`,
        '--headless',
        '--convert-to',
        'doc',
        '--outdir',
        tmp,
        src,
      ],
      { stdio: 'pipe', timeout: 180_000 },
    );
    return readFileSync(join(tmp, `${baseName}.doc`));
  } catch (err) {
    console.warn(`soffice failed (${(err as Error).message.split('\n')[0]}); keeping the existing .doc`);
    return null;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------- TXT -------------------------------------------------------------------------------

const centre = (s: string, w: number) => ' '.repeat(Math.max(0, Math.floor((w - [...s].length) / 2))) + s;
const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].length));

function renderTxt(d: SampleDocument): string {
  const out: string[] = [];
  const colW = 34;
  if (d.txtLayout === 'columns') {
    const rows = Math.max(d.headerLeft.length, d.headerRight.length);
    for (let i = 0; i < rows; i++) {
      const l = centre(d.headerLeft[i] ?? '', colW);
      const r = d.headerRight[i] ?? '';
      out.push(r ? padEnd(l, colW + 4) + centre(r, 40) : l);
    }
  } else {
    out.push(...d.headerLeft, '', ...d.headerRight);
  }
  out.push('');
  if (d.heading.length > 0) out.push(...d.heading.map((l) => centre(l, 78)), centre('-----', 78), '');
  for (const p of d.body) if (p !== PAGE_BREAK) out.push(p);
  out.push('');
  if (d.txtLayout === 'columns') {
    const rows = Math.max(d.recipients.length, d.signature.length);
    for (let i = 0; i < rows; i++) {
      const l = d.recipients[i] ?? '';
      const r = d.signature[i] ?? '';
      out.push(r ? padEnd(l, colW + 8) + centre(r, 36) : l);
    }
  } else {
    out.push(...d.recipients, '', ...d.signature);
  }
  return out.map((l) => l.trimEnd()).join('\n') + '\n';
}

/**
 * Windows-1258 as Word/Notepad wrote it: letters cp1258 has precomposed stay one byte; others are the
 * base letter (with its circumflex/breve/horn, which cp1258 has) plus a combining tone mark.
 */
function encodeCp1258(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = iconv.encode(ch, 'windows1258');
    if (iconv.decode(direct, 'windows1258') === ch) {
      parts.push(direct);
      continue;
    }
    const nfd = ch.normalize('NFD');
    const tones = [...nfd].filter((m) => /[\u0300\u0301\u0303\u0309\u0323]/.test(m));
    const base = [...nfd]
      .filter((m) => !tones.includes(m))
      .join('')
      .normalize('NFC');
    const enc = iconv.encode(base + tones.join(''), 'windows1258');
    if (iconv.decode(enc, 'windows1258').normalize('NFC') !== ch)
      throw new Error(`cp1258 cannot encode "${ch}"`);
    parts.push(enc);
  }
  return Buffer.concat(parts);
}

/**
 * TCVN3 (ABC) bytes as typed with .VnTime/.VnTimeH fonts: VN3 has no toned capitals, so those are
 * typed with the lowercase byte (the H font draws it as a capital). Table read from the shared test data.
 */
function encodeTcvn3(text: string): Buffer {
  const table = JSON.parse(readFileSync(testdata('legacy-encodings', 'tcvn3.json'), 'utf8')) as {
    byteToUnicode: Record<string, string>;
  };
  const toByte = new Map<string, number>();
  for (const [hex, ch] of Object.entries(table.byteToUnicode)) toByte.set(ch, Number.parseInt(hex, 16));
  const bytes: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const b = toByte.get(ch) ?? toByte.get(ch.toLowerCase());
      if (b === undefined) throw new Error(`TCVN3 cannot encode "${ch}"`);
      bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}

// ---------- main ------------------------------------------------------------------------------

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const expectations: SampleExpectation[] = [];
  const keep = new Set<string>();
  for (const d of SAMPLE_DOCUMENTS) {
    checkConsistency(d);
    const target = join(OUT_DIR, d.file);
    keep.add(d.file);
    let data: Buffer | null;
    switch (d.format) {
      case 'pdf':
        data = await renderPdf(d);
        break;
      case 'docx':
        data = await renderDocx(d);
        break;
      case 'doc':
        // LibreOffice stamps the .doc with the time of conversion: convert only when asked (--doc) or
        // when there is no .doc yet, so a plain rerun leaves the committed bytes alone.
        data =
          process.argv.includes('--doc') || !existsSync(target)
            ? convertToDoc(await renderDocx(d), d.file.replace(/\.doc$/, ''))
            : null;
        if (!data && !existsSync(target)) throw new Error(`${d.file}: no soffice and no committed .doc`);
        break;
      case 'txt':
        data = Buffer.from(renderTxt(d), 'utf8');
        break;
      case 'txt-cp1258':
        data = encodeCp1258(renderTxt(d).replace(/\n/g, '\r\n'));
        break;
      case 'txt-tcvn3':
        data = encodeTcvn3(renderTxt(d).replace(/\n/g, '\r\n'));
        break;
    }
    if (data) writeFileSync(target, data);
    expectations.push(expectationOf(d));
    console.log(`${d.file}: ${data ? `${data.length} bytes` : 'kept'}`);
  }
  for (const f of readdirSync(OUT_DIR))
    if (!keep.has(f)) console.warn(`note: ${f} is not produced by this script`);
  mkdirSync(repoPath('tests', 'fixtures'), { recursive: true });
  const json = {
    description:
      'Expected fields of every file in resources/samples/, labelled by hand in scripts/sample-documents.ts. Conventions: tests/fixtures/README.md.',
    samples: expectations,
  };
  // Formatted as `npm run lint` expects, so regenerating leaves no diff when nothing changed.
  const options = (await prettier.resolveConfig(EXPECTED_FILE)) ?? {};
  writeFileSync(EXPECTED_FILE, await prettier.format(JSON.stringify(json), { ...options, parser: 'json' }));
  console.log(`wrote ${EXPECTED_FILE}`);
}

await main();
