// Sổ văn bản đến / đi on a real archive file: a year of registered documents numbered from 01 with no
// gap and no duplicate, a new year starting again at 01, series numbered apart, rows filled from the
// documents' metadata and kept when the document goes, and numbers that survive a failed write.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../main/core/archive/archive.js';
import { trashDocuments } from '../../../main/core/archive/trash.js';
import { addDocumentTrashHooks } from '../../../main/core/open-vankho.js';
import {
  formatSeq,
  listRegister,
  registerDocument,
  registrationsOf,
} from '../../../main/core/records/registers-store.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { seedArchive } from '../export-seed.js';

let tmp: TempDir;
let dir: string;
let a: Archive;
let ids: number[];

const N = 40;
const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { appError?: { code: string } }).appError?.code ?? String(e);
  }
};

beforeAll(async () => {
  tmp = await makeTempDir('vankho-registers-');
  dir = join(tmp.dir, 'kho');
  a = openArchive(dir);
  addDocumentTrashHooks(a);
  const map = await seedArchive(
    a,
    Array.from({ length: N }, (_, i) => ({
      uid: `d${i}`,
      title: `Về việc triển khai nhiệm vụ số ${i + 1}`,
      number: `${i + 1}/UBND-VP`,
      docType: 'Công văn',
      issuer: 'UBND huyện Đông Anh',
      issuedDate: '2025-06-01',
      signer: 'Nguyễn Văn An',
      files: [],
    })),
  );
  ids = Array.from({ length: N }, (_, i) => map.get(`d${i}`)!);
});
afterAll(async () => {
  a.close();
  await tmp.cleanup();
});

describe('sổ văn bản đến', () => {
  it('numbers a year of incoming documents from 01 without gaps, and starts again at 01 on 1 January', () => {
    // 30 entries over 2025 (one per ~12 days, the last on 31/12), reopening the archive halfway.
    const dates = Array.from({ length: 30 }, (_, i) => {
      const d = new Date(Date.UTC(2025, 0, 1 + i * 12));
      return i === 29 ? '31/12/2025' : d.toISOString().slice(0, 10);
    });
    dates.forEach((date, i) => {
      if (i === 15) {
        a.close();
        a = openArchive(dir);
        addDocumentTrashHooks(a);
      }
      registerDocument(a, { book: 'in', documentId: ids[i]!, entryDate: date, receiver: 'Phòng Nội vụ' });
    });
    const y2026 = ['01/01/2026', '2026-01-02', '15/03/2026'].map((date, k) =>
      registerDocument(a, { book: 'in', documentId: ids[30 + k]!, entryDate: date }),
    );
    const in2025 = listRegister(a.db, { book: 'in', year: 2025 });
    expect(in2025.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(in2025.map((e) => formatSeq(e.seq)).slice(0, 3)).toEqual(['01', '02', '03']);
    expect(in2025.at(-1)).toMatchObject({ seq: 30, entryDate: '2025-12-31' });
    expect(y2026.map((e) => [e.year, e.seq])).toEqual([
      [2026, 1],
      [2026, 2],
      [2026, 3],
    ]);
    // A period across the boundary.
    expect(
      listRegister(a.db, { book: 'in', from: '20/12/2025', to: '2026-01-31' }).map((e) => [e.year, e.seq]),
    ).toEqual([
      [2025, 30],
      [2026, 1],
      [2026, 2],
    ]);
  });

  it('fills the row from the document’s metadata', () => {
    const e = listRegister(a.db, { book: 'in', year: 2025 })[0]!;
    expect(e).toMatchObject({
      documentId: ids[0],
      number: '1/UBND-VP',
      docDate: '2025-06-01',
      docType: 'Công văn',
      summary: 'Về việc triển khai nhiệm vụ số 1',
      sender: 'UBND huyện Đông Anh',
      receiver: 'Phòng Nội vụ',
      entryDate: '2025-01-01',
    });
  });

  it('refuses registering a document twice in one book and bad input, without using up a number', () => {
    expect(
      codeOf(() => registerDocument(a, { book: 'in', documentId: ids[0]!, entryDate: '2026-04-01' })),
    ).toBe('INVALID_INPUT');
    expect(
      codeOf(() => registerDocument(a, { book: 'in', documentId: 999_999, entryDate: '2026-04-01' })),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(() => registerDocument(a, { book: 'in', documentId: ids[33]!, entryDate: '31/02/2026' })),
    ).toBe('INVALID_INPUT');
    const next = registerDocument(a, {
      book: 'in',
      documentId: ids[33]!,
      entryDate: '2026-04-01',
      dueDate: '15/04/2026',
      urgency: 'thuong-khan',
    });
    expect(next).toMatchObject({ year: 2026, seq: 4, dueDate: '2026-04-15', urgency: 'thuong-khan' });
  });

  it('keeps the row, and its number, when the document is deleted', () => {
    trashDocuments(a, [ids[1]!]);
    const e = listRegister(a.db, { book: 'in', year: 2025 })[1]!;
    expect(e).toMatchObject({ seq: 2, documentId: null, number: '2/UBND-VP' });
    expect(listRegister(a.db, { book: 'in', year: 2025 })).toHaveLength(30);
  });
});

describe('sổ văn bản đi', () => {
  it('numbers per series, fills người ký and số bản, and keeps the in and out books apart', () => {
    const o1 = registerDocument(a, { book: 'out', documentId: ids[0]!, entryDate: '2025-02-01', copies: 5 });
    const m1 = registerDocument(a, {
      book: 'out',
      documentId: ids[2]!,
      entryDate: '2025-02-02',
      series: 'mat',
    });
    const o2 = registerDocument(a, { book: 'out', documentId: ids[3]!, entryDate: '2025-02-03' });
    expect([o1.seq, m1.seq, o2.seq]).toEqual([1, 1, 2]);
    expect(o1).toMatchObject({ signer: 'Nguyễn Văn An', copies: 5, sender: null });
    expect(listRegister(a.db, { book: 'out', year: 2025, series: 'mat' }).map((e) => e.documentId)).toEqual([
      ids[2],
    ]);
    expect(registrationsOf(a.db, ids[0]!).map((e) => [e.book, e.seq])).toEqual([
      ['in', 1],
      ['out', 1],
    ]);
    expect(codeOf(() => registerDocument(a, { book: 'out', documentId: ids[4]!, copies: 0 }))).toBe(
      'INVALID_INPUT',
    );
  });
});
