// Field-by-field precision and recall of metadata and citation extraction on independently labelled
// data: the sample documents (resources/samples/, through the real extractors) and the labelled
// headers (tests/fixtures/headers/). Prints a table; fails when any field is below 0.95.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../main/core/ingest/extract-file.js';
import { detectMediaType } from '../../../main/core/ingest/media-type.js';
import { docNumberKey } from '../../../main/core/text/doc-number.js';
import { extractCitations, uniqueCitations } from '../../../main/core/text/extract-citations.js';
import {
  EXTRACTED_FIELDS,
  extractMetadata,
  type ExtractedField,
} from '../../../main/core/text/extract-metadata.js';
import { prepareExtractedText } from '../../../main/core/text/prepare-text.js';
import {
  loadHeaderFixtures,
  loadSamplesExpected,
  samplePath,
  type ExpectedFields,
} from '../../helpers/expected-fields.js';

const SCALAR = EXTRACTED_FIELDS.filter((f): f is Exclude<ExtractedField, 'recipients'> => f !== 'recipients');
const FIELDS = [...SCALAR, 'recipients', 'citations', 'citations.number'] as const;
type Field = (typeof FIELDS)[number];

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

type Got = Omit<ExpectedFields, 'citations' | 'recipients'> & {
  recipients: string[];
  citations: { number: string; kind: string; type: string | null }[];
};

function extractAll(pages: string[]): Got {
  const m = extractMetadata(pages);
  const ownKey = m.number ? docNumberKey(m.number.value) : null;
  const citations = uniqueCitations(extractCitations(pages.join('\n'), ownKey, m.docType?.value ?? null)).map(
    (c) => ({
      number: c.number,
      kind: c.kind,
      type: c.type,
    }),
  );
  return {
    number: m.number?.value ?? null,
    system: m.system?.value ?? ('' as 'state'),
    docType: m.docType?.value ?? '',
    issuer: m.issuer?.value ?? '',
    issuerSuperior: m.issuerSuperior?.value ?? null,
    place: m.place?.value ?? '',
    issuedDate: m.issuedDate?.value ?? '',
    title: m.title?.value ?? '',
    signer: m.signer?.value ?? '',
    signerTitle: m.signerTitle?.value ?? '',
    recipients: m.recipients?.value ?? [],
    citations,
  };
}

function emptyCounts(): Record<Field, Counts> {
  return Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<Field, Counts>;
}

/** Multiset comparison of list items (order-insensitive). */
function countItems(c: Counts, expected: string[], got: string[]): void {
  const left = [...expected];
  for (const g of got) {
    const i = left.indexOf(g);
    if (i >= 0) {
      c.tp++;
      left.splice(i, 1);
    } else c.fp++;
  }
  c.fn += left.length;
}

function score(
  counts: Record<Field, Counts>,
  misses: string[],
  name: string,
  exp: ExpectedFields,
  got: Got,
): void {
  for (const f of SCALAR) {
    const e = exp[f] === '' ? null : (exp[f] as string | null);
    const g = got[f] === '' ? null : (got[f] as string | null);
    const c = counts[f];
    if (g !== null && g === e) c.tp++;
    else {
      if (g !== null) c.fp++;
      if (e !== null) c.fn++;
      if (g !== null || e !== null)
        misses.push(`${name} ${f}: expected ${JSON.stringify(e)}, got ${JSON.stringify(g)}`);
    }
  }
  const before = { ...counts.recipients };
  countItems(counts.recipients, exp.recipients, got.recipients);
  if (counts.recipients.fp !== before.fp || counts.recipients.fn !== before.fn)
    misses.push(
      `${name} recipients: expected ${JSON.stringify(exp.recipients)}, got ${JSON.stringify(got.recipients)}`,
    );
  const key = (c: { number: string; kind: string; type: string | null }) =>
    `${c.number} ${c.kind} ${c.type ?? '-'}`;
  const cb = { ...counts.citations };
  countItems(counts.citations, exp.citations.map(key), got.citations.map(key));
  countItems(
    counts['citations.number'],
    exp.citations.map((c) => c.number),
    got.citations.map((c) => c.number),
  );
  if (counts.citations.fp !== cb.fp || counts.citations.fn !== cb.fn)
    misses.push(
      `${name} citations: expected ${JSON.stringify(exp.citations.map(key))}, got ${JSON.stringify(got.citations.map(key))}`,
    );
}

function report(
  title: string,
  counts: Record<Field, Counts>,
): { field: Field; precision: number; recall: number }[] {
  const rows = FIELDS.map((field) => {
    const c = counts[field];
    const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
    const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
    return { field, precision, recall };
  });
  const lines = rows.map(
    (r) =>
      `  ${r.field.padEnd(18)} precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}  (tp ${counts[r.field].tp}, fp ${counts[r.field].fp}, fn ${counts[r.field].fn})`,
  );
  console.log(`${title}\n${lines.join('\n')}`);
  return rows;
}

describe('extraction quality', () => {
  const total = emptyCounts();
  const misses: string[] = [];

  it('on the labelled headers', () => {
    const headers = loadHeaderFixtures();
    expect(headers.length).toBeGreaterThanOrEqual(30);
    const counts = emptyCounts();
    for (const h of headers) {
      const got = extractAll([prepareExtractedText(h.text).text]);
      score(counts, misses, h.name, h.expected, got);
      score(total, [], h.name, h.expected, got);
    }
    report(`Headers (${headers.length})`, counts);
  });

  it('on the sample documents', async () => {
    const samples = loadSamplesExpected();
    expect(samples.length).toBeGreaterThanOrEqual(8);
    const counts = emptyCounts();
    for (const s of samples) {
      const path = samplePath(s.file);
      const { kind } = detectMediaType(basename(path), readFileSync(path).subarray(0, 4096));
      const x = await extractFile(path, kind);
      expect(x.status, s.file).toBe('ok');
      const got = extractAll(x.pages);
      score(counts, misses, s.file, s, got);
      score(total, [], s.file, s, got);
    }
    report(`Samples (${samples.length})`, counts);
  });

  it('every field reaches 0.95 precision and recall overall', () => {
    const rows = report('All labelled documents', total);
    if (misses.length > 0) console.log(`Mismatches:\n  ${misses.join('\n  ')}`);
    for (const r of rows) {
      expect(r.precision, `${r.field} precision`).toBeGreaterThanOrEqual(0.95);
      expect(r.recall, `${r.field} recall`).toBeGreaterThanOrEqual(0.95);
    }
  });
});
