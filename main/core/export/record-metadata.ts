// The metadata of one hồ sơ in a bundle's folder, as XML and as JSON with the same element names:
// those of Nghị định 30/2020 Phụ lục VI (FileCode, Maintenance, Rights, DocOrdinal, CodeNumber,
// CodeNotation, IssuedDate, OrganName, Subject, PageAmount, …) and Thông tư 05/2025/TT-BNV's hồ sơ
// data, so a receiving lưu trữ reads them without VanKho. The manifest stays what VanKho imports;
// these files say the same for people and other systems (docs/bundle-format.md lists every element).
import { ACCESS_TERMS, SECRECY_TERMS } from '../../contract/glossary.js';
import { retentionLabel } from '../../contract/retention-text.js';
import type { ManifestDocument, ManifestRecord } from './bundle-manifest.js';

export interface RecordMetadataSource {
  record: ManifestRecord;
  /** Its documents in order, with their files' names inside the hồ sơ's folder. */
  documents: ReadonlyArray<{ ordinal: number; doc: ManifestDocument; files: readonly string[] }>;
  exportedAt: string;
}

type Value = string | number | null | Value[] | { [k: string]: Value };

/**
 * "08/2022/QĐ-TTg" → số "08", ký hiệu "QĐ-TTg"; "04-CTr/HU" → "04", "CTr/HU" (Phụ lục VI keeps the
 * number and the notation apart; the year between them is the IssuedDate's). A number without a
 * leading numeral is all notation.
 */
export function splitDocumentNumber(number: string | null): { codeNumber: string; codeNotation: string } {
  if (!number) return { codeNumber: '', codeNotation: '' };
  const m = /^\s*(\d+[a-zA-Z]?)\s*[/-]\s*(?:(?:19|20)\d\d\s*\/\s*)?(.*)$/u.exec(number);
  if (!m) return { codeNumber: '', codeNotation: number.trim() };
  return { codeNumber: m[1]!, codeNotation: m[2]!.trim() };
}

/** The hồ sơ and its documents as one tree of Phụ lục VI elements (derived values resolved). */
export function recordMetadataTree(src: RecordMetadataSource): Record<string, Value> {
  const r = src.record;
  const dates = src.documents
    .map((d) => d.doc.issuedDate)
    .filter((d): d is string => !!d)
    .sort();
  const pages = src.documents.every((d) => d.doc.pageCount !== null)
    ? src.documents.reduce((n, d) => n + (d.doc.pageCount ?? 0), 0)
    : null;
  return {
    FileCode: r.code,
    OrganId: r.organCode,
    FileCatalog: r.year,
    FileNotation: r.notation,
    Heading: r.heading,
    Title: r.title,
    Maintenance: retentionLabel(r.retention),
    Rights: ACCESS_TERMS[r.access].vi,
    Language: r.language,
    StartDate: r.startDate ?? dates[0] ?? null,
    EndDate: r.endDate ?? dates[dates.length - 1] ?? null,
    KeyWord: r.keywords.join(', '),
    DocTotal: src.documents.length,
    SheetTotal: r.sheetCount ?? pages,
    PageTotal: r.pageCount ?? pages,
    PhysicalState: r.physicalState,
    Creator: r.creator,
    Description: r.notes,
    State: r.state,
    ExportedAt: src.exportedAt,
    Documents: src.documents.map(({ ordinal, doc, files }) => {
      const { codeNumber, codeNotation } = splitDocumentNumber(doc.number);
      return {
        FileCode: r.code,
        DocOrdinal: ordinal,
        Identifier: doc.uid,
        TypeName: doc.docType,
        CodeNumber: codeNumber,
        CodeNotation: codeNotation,
        IssuedDate: doc.issuedDate,
        OrganName: doc.issuer,
        Subject: doc.title,
        Language: r.language,
        PageAmount: doc.pageCount,
        Description: doc.notes,
        SignerInfo: { Position: doc.signerTitle, FullName: doc.signer },
        Rights: ACCESS_TERMS[doc.access].vi,
        Priority: doc.secrecy ? SECRECY_TERMS[doc.secrecy].vi : null,
        DigitalFiles: doc.files.map((f, k) => ({
          Name: files[k] ?? null,
          OriginalName: f.originalName,
          MediaType: f.mediaType,
          Size: f.size,
          Sha256: f.sha256,
        })),
      };
    }),
  };
}

export function recordMetadataJson(src: RecordMetadataSource): string {
  return `${JSON.stringify({ File: recordMetadataTree(src) }, null, 1)}\n`;
}

const escapeXml = (s: string): string =>
  s
    // Characters XML 1.0 cannot carry at all: dropped rather than make the file unreadable.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** Element names of arrays' items: Documents → Document, DigitalFiles → DigitalFile. */
const ITEM: Record<string, string> = { Documents: 'Document', DigitalFiles: 'DigitalFile' };

function xmlOf(name: string, v: Value, indent: string, out: string[]): void {
  if (v === null || v === '') out.push(`${indent}<${name}/>`);
  else if (Array.isArray(v)) {
    out.push(`${indent}<${name}>`);
    for (const item of v) xmlOf(ITEM[name] ?? 'Item', item, `${indent}  `, out);
    out.push(`${indent}</${name}>`);
  } else if (typeof v === 'object') {
    out.push(`${indent}<${name}>`);
    for (const [k, x] of Object.entries(v)) xmlOf(k, x, `${indent}  `, out);
    out.push(`${indent}</${name}>`);
  } else out.push(`${indent}<${name}>${escapeXml(String(v))}</${name}>`);
}

export function recordMetadataXml(src: RecordMetadataSource): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- Hồ sơ nộp lưu (VanKho): Nghị định 30/2020/NĐ-CP Phụ lục VI, Thông tư 05/2025/TT-BNV -->',
  ];
  xmlOf('File', recordMetadataTree(src), '', out);
  return `${out.join('\n')}\n`;
}
