// The committed sample documents (resources/samples/) read back, through the real extractors and text
// preparation, to text that holds every hand-labelled field of tests/fixtures/samples-expected.json.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../main/core/ingest/extractors/decode-text.js';
import { extractDoc } from '../../main/core/ingest/extractors/extract-doc.js';
import { extractDocx } from '../../main/core/ingest/extractors/extract-docx.js';
import { extractPdf } from '../../main/core/ingest/extractors/extract-pdf.js';
import type { RawExtraction } from '../../main/core/ingest/extractors/raw-extraction.js';
import { prepareExtractedText } from '../../main/core/text/prepare-text.js';
import { loadSamplesExpected, samplePath, type SampleExpectation } from '../helpers/expected-fields.js';
import { repoPath } from '../helpers/repo-root.js';

const samples = loadSamplesExpected();

async function rawOf(s: SampleExpectation): Promise<RawExtraction> {
  if (s.file.endsWith('.pdf')) return extractPdf(samplePath(s.file));
  const data = readFileSync(samplePath(s.file));
  if (s.file.endsWith('.docx')) return extractDocx(data);
  if (s.file.endsWith('.doc')) return extractDoc(data);
  // TCVN3 bytes come out in their cp1252 view; prepareExtractedText repairs them.
  const decoded = decodeText(data);
  return { pages: [uncolumn(decoded.text)], encoding: decoded.encoding, fontNames: [], failedPages: 0 };
}

/**
 * Plain-text copies lay the header and the signature block out as two space-padded columns. Reads
 * each such block left column first, then right column, so a field spread over several lines of one
 * column is contiguous again.
 */
function uncolumn(text: string): string {
  const out: string[] = [];
  let leftCol: string[] = [];
  let rightCol: string[] = [];
  const flush = () => {
    out.push(...leftCol, ...rightCol);
    leftCol = [];
    rightCol = [];
  };
  for (const line of text.split(/\r?\n/)) {
    const m = /^(\s*\S.*?)\s{3,}(\S.*)$/.exec(line) ?? /^(\s{12,})(\S.*)$/.exec(line);
    if (m) {
      leftCol.push(m[1]!.trim());
      rightCol.push(m[2]!.trim());
    } else if (line.trim() === '' || leftCol.length === 0) {
      flush();
      out.push(line.trim());
    } else leftCol.push(line.trim());
  }
  flush();
  return out.join('\n');
}

/** Whitespace removed, so line wrapping (also inside a number wrapped at its hyphen) does not matter. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('resources/samples', () => {
  it('lists every sample file, and only those, and stays small', () => {
    const files = readdirSync(repoPath('resources', 'samples'));
    expect(samples.map((s) => s.file).sort()).toEqual(files.sort());
    const total = files.reduce((n, f) => n + statSync(samplePath(f)).size, 0);
    expect(total).toBeLessThan(1_000_000);
    const formats = new Set(samples.map((s) => s.format));
    for (const f of ['pdf', 'docx', 'doc', 'txt', 'txt-cp1258', 'txt-tcvn3']) expect(formats).toContain(f);
  });

  it('labels every sample in NFC with a well-formed date and cites other samples by number', () => {
    const numbers = new Set(samples.map((s) => s.number));
    let resolved = 0;
    for (const s of samples) {
      const json = JSON.stringify(s);
      expect(json.normalize('NFC'), s.file).toBe(json);
      // Samples are issued documents (no drafts): number and date are always there.
      expect(s.number, s.file).toBeTruthy();
      expect(s.issuedDate, s.file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(s.issuedDate ?? '')), s.file).toBe(false);
      resolved += s.citations.filter((c) => numbers.has(c.number)).length;
    }
    expect(resolved).toBeGreaterThanOrEqual(10);
  });

  it.each(samples.map((s) => [s.file, s] as const))(
    '%s reads back with its labelled fields',
    async (_f, s) => {
      const raw = await rawOf(s);
      const prepared = raw.pages.map((p) => prepareExtractedText(p, { fontNames: raw.fontNames }));
      const text = squeeze(prepared.map((p) => p.text).join('\n'));
      if (s.format === 'txt-tcvn3') expect(prepared[0]?.legacyEncoding).toBe('tcvn3');
      if (s.format === 'txt-cp1258') expect(raw.encoding).toBe('windows-1258');
      const fields = [s.number ?? '', s.issuer, s.place, s.title, s.signer, s.signerTitle, ...s.recipients];
      if (s.issuerSuperior) fields.push(s.issuerSuperior);
      for (const c of s.citations) fields.push(c.number);
      for (const f of fields) expect(text, `${s.file}: "${f}"`).toContain(squeeze(f));
      const [y, m, d] = (s.issuedDate ?? '').split('-').map(Number);
      expect(text).toContain(squeeze(`ngày ${String(d).padStart(2, '0')} tháng`));
      expect(text).toContain(`tháng${m! <= 2 ? String(m).padStart(2, '0') : m}năm${y}`);
    },
  );
});
