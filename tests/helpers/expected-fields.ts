import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from './repo-root.js';

/**
 * Relation a citation states, as stored in relations.kind. Cue words map as documented in
 * tests/fixtures/README.md (e.g. "triển khai", "quán triệt" → thuc_hien; "sửa đổi, bổ sung" → sua_doi).
 */
export type CitationKind =
  'can_cu' | 'thuc_hien' | 'theo' | 'huong_dan' | 'sua_doi' | 'bo_sung' | 'thay_the' | 'bai_bo' | 'lien_quan';

export interface ExpectedCitation {
  /** Số và ký hiệu exactly as written in the text ("12-NQ/HU", "30/2020/NĐ-CP"). */
  number: string;
  kind: CitationKind;
  /** Type name of the cited document as the text names it ("Nghị quyết"), null if not named. */
  type: string | null;
}

/** The fields a careful archivist records for one document (conventions: tests/fixtures/README.md). */
export interface ExpectedFields {
  /** null only for a draft whose number is left blank ("Số:      /QĐ-UBND"). */
  number: string | null;
  system: 'party' | 'state';
  docType: string;
  issuer: string;
  issuerSuperior: string | null;
  place: string;
  /** yyyy-mm-dd; null only for a draft with a blank date. */
  issuedDate: string | null;
  title: string;
  signer: string;
  signerTitle: string;
  recipients: string[];
  citations: ExpectedCitation[];
}

export interface SampleExpectation extends ExpectedFields {
  /** File name inside resources/samples/. */
  file: string;
  /** How the text is stored: pdf, docx, doc, txt (UTF-8), txt-cp1258, txt-tcvn3. */
  format: string;
}

export interface HeaderFixture {
  /** Base name, e.g. "07-cong-van-party". */
  name: string;
  /** The header text (UTF-8, as it would come out of extraction; may hold NFD or odd spaces on purpose). */
  text: string;
  expected: ExpectedFields;
}

/** Expected fields of every file in resources/samples/ (tests/fixtures/samples-expected.json). */
export function loadSamplesExpected(): SampleExpectation[] {
  const raw = JSON.parse(readFileSync(repoPath('tests', 'fixtures', 'samples-expected.json'), 'utf8')) as {
    samples: SampleExpectation[];
  };
  return raw.samples;
}

/** Absolute path of a sample document. */
export function samplePath(file: string): string {
  return repoPath('resources', 'samples', file);
}

/** Every labelled header in tests/fixtures/headers/ (NN-name.txt + NN-name.json), sorted by name. */
export function loadHeaderFixtures(): HeaderFixture[] {
  const dir = repoPath('tests', 'fixtures', 'headers');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.txt'.length);
      return {
        name,
        text: readFileSync(join(dir, f), 'utf8'),
        expected: JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as ExpectedFields,
      };
    });
}
