// Sổ văn bản đến / đi on a real archive file: a year of registered documents numbered from 01 with no
// gap and no duplicate, a new year starting again at 01, series numbered apart, rows filled from the
// documents' metadata and kept when the document goes, and numbers that survive a failed write.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../main/core/archive/archive.js';
import { trashDocuments } from '../../../main/core/archive/trash.js';
import { readScope } from '../../../main/core/archive/access.js';
import { addDocumentTrashHooks } from '../../../main/core/open-vankho.js';
import {
  formatSeq,
  listRegister,
  registerDocument,
  registerSeriesOf,
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

describe('series of the sổ văn bản đi', () => {
  it('numbers each type in its own series by default, follows the series last chosen for a type, lists them', async () => {
    const seeded = await seedArchive(a, [
      { uid: 's-q1', title: 'Quyết định 1', number: '5/QĐ-UBND', docType: 'Quyết định', files: [] },
      { uid: 's-q2', title: 'Quyết định 2', number: '6/QĐ-UBND', docType: 'Quyết định', files: [] },
      { uid: 's-tb', title: 'Thông báo', number: '7/TB-UBND', docType: 'Thông báo', files: [] },
      // No number yet: its loại văn bản gives the code.
      { uid: 's-kh', title: 'Kế hoạch', number: null, docType: 'Kế hoạch', files: [] },
      { uid: 's-g1', title: 'Giấy mời 1', number: '2/GM-UBND', docType: 'Giấy mời', files: [] },
      { uid: 's-g2', title: 'Giấy mời 2', number: '3/GM-UBND', docType: 'Giấy mời', files: [] },
      { uid: 's-secret', title: 'Quyết định mật', number: '8/QĐ-UBND', docType: 'Quyết định', files: [] },
    ]);
    const id = (uid: string): number => seeded.get(uid)!;
    a.write((db) => db.prepare("UPDATE documents SET access = 'mat' WHERE id = ?").run(id('s-secret')));
    const suggested = (uid: string): string | null => registerSeriesOf(a.db, 'out', id(uid)).suggested;
    expect(['s-q1', 's-tb', 's-kh', 's-secret'].map(suggested)).toEqual(['QĐ', 'TB', 'KH', 'mat']);
    // The incoming book has one register (and mật apart) whatever the type.
    expect(registerSeriesOf(a.db, 'in', id('s-q1')).suggested).toBe('');

    const out = (uid: string, series?: string) =>
      registerDocument(a, {
        book: 'out',
        documentId: id(uid),
        entryDate: '2025-03-02',
        ...(series !== undefined ? { series } : {}),
      });
    const rows = ['s-q1', 's-tb', 's-kh', 's-q2'].map((u) => out(u));
    expect(rows.map((e) => [e.series, e.seq])).toEqual([
      ['QĐ', 1],
      ['TB', 1],
      ['KH', 1],
      ['QĐ', 2],
    ]);
    // An office that numbers its giấy mời in the ordinary sổ chooses it once; the next one follows.
    expect(suggested('s-g1')).toBe('GM');
    expect(out('s-g1', '')).toMatchObject({ series: '', seq: 1 });
    expect(suggested('s-g2')).toBe('');
    expect(out('s-g2')).toMatchObject({ series: '', seq: 2 });
    expect(out('s-secret')).toMatchObject({ series: 'mat', seq: 2 });

    const listed = registerSeriesOf(a.db, 'out', undefined);
    expect(listed.suggested).toBeNull();
    const rowsOf = (series: string, l = listed) => l.series.find((x) => x.series === series);
    expect(rowsOf('QĐ')).toEqual({ series: 'QĐ', typeName: 'Quyết định', rows: 2 });
    // The công văn of the first test went to CV by default, the mật one to mat.
    expect(rowsOf('CV')).toMatchObject({ typeName: 'Công văn', rows: 2 });
    expect(rowsOf('mat')).toMatchObject({ typeName: null, rows: 2 });
    expect(rowsOf('CTr')).toEqual({ series: 'CTr', typeName: 'Chương trình', rows: 0 });
    // In use first, the most used first; each series once.
    const used = listed.series.filter((x) => x.rows > 0);
    expect(listed.series.slice(0, used.length)).toEqual(used);
    expect(used.map((x) => x.rows)).toEqual([...used.map((x) => x.rows)].sort((p, q) => q - p));
    expect(new Set(listed.series.map((x) => x.series)).size).toBe(listed.series.length);
    // A caller cleared for công khai only does not count the mật document's row (the công khai one
    // the first test put in that series by name stays).
    const open = registerSeriesOf(a.db, 'out', undefined, readScope(['cong-khai']));
    expect(rowsOf('mat', open)?.rows).toBe(1);
    expect(rowsOf('QĐ', open)?.rows).toBe(2);
    // The incoming book offers no type codes.
    expect(
      registerSeriesOf(a.db, 'in', undefined)
        .series.map((x) => x.series)
        .sort(),
    ).toEqual(['', 'mat']);
    expect(listRegister(a.db, { book: 'out', year: 2025, series: 'QĐ' }).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('starts a sổ under a new name (kept NFC) at 01, and refuses a name that is an existing sổ mistyped', async () => {
    const seeded = await seedArchive(a, [
      { uid: 'n-1', title: 'Văn bản 1', number: '11/BC-UBND', docType: 'Báo cáo', files: [] },
      { uid: 'n-2', title: 'Văn bản 2', number: '12/BC-UBND', docType: 'Báo cáo', files: [] },
    ]);
    const out = (uid: string, series: string) => () =>
      registerDocument(a, { book: 'out', documentId: seeded.get(uid)!, entryDate: '2025-04-01', series });
    // QĐ is in use, BC and mật only offered: each mistyped is refused, no number used up.
    for (const typo of ['qđ', 'Qd', ' bc ', 'Mật', 'MAT'])
      expect([typo, codeOf(out('n-1', typo))]).toEqual([typo, 'INVALID_INPUT']);
    const name = 'Sổ đi Văn phòng';
    expect(out('n-1', name.normalize('NFD'))()).toMatchObject({ series: name, seq: 1 });
    // Named again exactly (or as NFD) it is that sổ, numbering on.
    expect(out('n-2', name.normalize('NFD'))()).toMatchObject({ series: name, seq: 2 });
    expect(registerSeriesOf(a.db, 'out', undefined).series.find((x) => x.series === name)?.rows).toBe(2);
    expect(listRegister(a.db, { book: 'out', year: 2025, series: 'BC' })).toEqual([]);
  });
});
