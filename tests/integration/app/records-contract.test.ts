// Hồ sơ and registers at the contract (issue 12), through the in-process host's dispatcher as the
// renderer reaches them: create a hồ sơ, add real imported documents (date order), reorder, take one
// out, close (no more changes) and reopen, the printable mục lục, register incoming documents
// numbered from 01, a document's filing, and the boundary's refusals.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DocumentFilingDto,
  RecordAddResultDto,
  RecordDetailDto,
  RecordDocumentDto,
  RecordDto,
  RegisterEntryDto,
} from '../../../main/contract/dto.js';
import type { AppError } from '../../../main/contract/errors.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const SAMPLES = [
  '06-quyet-dinh-1520-QD-UBND.pdf',
  '08-ke-hoach-45-KH-UBND.pdf',
  '07-chi-thi-03-CT-UBND.docx',
];
const CODE = '000.00.00.H41.2025.01.VP';

describe('records and registers at the contract', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  /** Imported documents, by id, with their issue dates as extracted. */
  let docs: Array<{ id: number; issued_date: string | null; number: string | null }>;
  /** The document taken out of the hồ sơ (put back once it is reopened). */
  let removed: number;

  async function call<T>(method: string, input: unknown): Promise<T> {
    const r = await host.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.detail ?? ''}`);
    return r.value as T;
  }
  async function refusal(method: string, input: unknown): Promise<AppError> {
    const r = await host.dispatch(method, input);
    if (r.ok) throw new Error(`${method} was accepted`);
    return r.error;
  }

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-records-contract-');
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    const job = await host.jobs.wait(
      host.service.startImport(SAMPLES.map((f) => repoPath('resources', 'samples', f))),
    );
    expect(job?.state).toBe('done');
    docs = host.service.vankho.archive.db
      .prepare('SELECT id, issued_date, number FROM documents ORDER BY id')
      .all() as typeof docs;
    expect(docs).toHaveLength(3);
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('creates a hồ sơ and lists it with its parts', async () => {
    const r = await call<RecordDto>('recordCreate', {
      code: CODE,
      title: 'Hồ sơ chỉ đạo điều hành năm 2025',
      heading: 'Văn phòng',
      retention: 10,
      access: 'han-che',
      keywords: ['chỉ đạo', ' điều hành '],
    });
    expect(r).toMatchObject({
      code: CODE,
      organCode: '000.00.00.H41',
      year: 2025,
      notation: '01.VP',
      retention: 10,
      access: 'han-che',
      keywords: ['chỉ đạo', 'điều hành'],
      state: 'open',
      // Who made it: the request's actor (the local one, by default).
      createdBy: 'local',
      documentCount: 0,
    });
    const list = await call<RecordDto[]>('recordsList', { year: 2025 });
    expect(list.map((x) => x.code)).toEqual([CODE]);
    expect(await call<RecordDto[]>('recordsList', { year: 2024 })).toEqual([]);
    // The same code again (in another case) is refused.
    expect((await refusal('recordCreate', { code: CODE.toLowerCase(), title: 'x' })).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('adds documents in date order, reorders, takes one out', async () => {
    const added = await call<RecordAddResultDto>('recordAddDocuments', {
      code: CODE,
      documentIds: docs.map((d) => d.id),
    });
    expect(added.added.sort()).toEqual(docs.map((d) => d.id).sort());
    expect(added.record.documentCount).toBe(3);
    const again = await call<RecordAddResultDto>('recordAddDocuments', {
      code: CODE,
      documentIds: [docs[0]!.id],
    });
    expect(again.already).toEqual([docs[0]!.id]);

    const detail = await call<RecordDetailDto>('recordGet', { code: CODE });
    expect(detail.documents.map((d) => d.position)).toEqual([1, 2, 3]);
    // Chronological: dated documents by issue date, undated last (as extracted from the samples).
    const dates = detail.documents.map((d) => d.issuedDate).filter((d): d is string => d !== null);
    expect(dates).toEqual([...dates].sort());
    // Derived page count: the sum of its documents' (those without one are counted apart).
    const known = detail.documents.filter((d) => d.pageCount !== null);
    expect(detail.record.documentsWithoutPageCount).toBe(3 - known.length);
    if (known.length > 0)
      expect(detail.record.pageCount).toBe(known.reduce((n, d) => n + (d.pageCount ?? 0), 0));
    const first = detail.documents[0]!;
    if (first.pageCount) expect(first.sheets).toBe(first.pageCount === 1 ? '1' : `1–${first.pageCount}`);

    const reversed = detail.documents.map((d) => d.documentId).reverse();
    const reordered = await call<RecordDocumentDto[]>('recordReorder', { code: CODE, documentIds: reversed });
    expect(reordered.map((d) => d.documentId)).toEqual(reversed);
    // An order that leaves a document out is refused.
    expect((await refusal('recordReorder', { code: CODE, documentIds: reversed.slice(1) })).code).toBe(
      'INVALID_INPUT',
    );

    removed = reversed[1]!;
    const after = await call<RecordDto>('recordRemoveDocument', { code: CODE, documentId: removed });
    expect(after.documentCount).toBe(2);
    const left = await call<RecordDetailDto>('recordGet', { code: CODE });
    expect(left.documents.map((d) => [d.position, d.documentId])).toEqual([
      [1, reversed[0]],
      [2, reversed[2]],
    ]);
  });

  it('prints the mục lục as HTML holding its documents in order', async () => {
    const { documents } = await call<RecordDetailDto>('recordGet', { code: CODE });
    const { html } = await call<{ html: string }>('recordCatalogueHtml', { code: CODE });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('MỤC LỤC VĂN BẢN');
    expect(html).toContain(CODE);
    expect(html).not.toMatch(/<script/i);
    const numbers = documents.map((d) => d.number).filter((n): n is string => !!n);
    expect(numbers.length).toBeGreaterThan(0);
    const at = numbers.map((n) => html.indexOf(n));
    expect(at.every((i) => i > 0)).toBe(true);
    expect(at).toEqual([...at].sort((x, y) => x - y));
  });

  it('a closed hồ sơ keeps its documents until reopened', async () => {
    const closed = await call<RecordDto>('recordClose', { code: CODE });
    expect(closed.state).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    const refused = await refusal('recordAddDocuments', { code: CODE, documentIds: [removed] });
    expect(refused.code).toBe('INVALID_INPUT');
    const reopened = await call<RecordDto>('recordReopen', { code: CODE });
    expect(reopened.state).toBe('open');
    await call('recordAddDocuments', { code: CODE, documentIds: [removed] });
    expect((await call<RecordDetailDto>('recordGet', { code: CODE })).documents).toHaveLength(3);
  });

  it('edits a hồ sơ; null puts a derived value back', async () => {
    const set = await call<RecordDto>('recordUpdate', {
      code: CODE,
      patch: { title: 'Hồ sơ chỉ đạo, điều hành', pageCount: 99, retention: 'permanent' },
    });
    expect(set).toMatchObject({ title: 'Hồ sơ chỉ đạo, điều hành', pageCount: 99, pageCountSet: true });
    expect(set.retention).toBe('permanent');
    const back = await call<RecordDto>('recordUpdate', { code: CODE, patch: { pageCount: null } });
    expect(back.pageCountSet).toBe(false);
  });

  it('registers incoming documents from 01 and shows them in the register and on the document', async () => {
    const a = await call<RegisterEntryDto>('registerAdd', {
      book: 'in',
      documentId: docs[0]!.id,
      entryDate: '05/03/2025',
      urgency: 'khan',
      receiver: 'Văn phòng',
    });
    const b = await call<RegisterEntryDto>('registerAdd', {
      book: 'in',
      documentId: docs[1]!.id,
      entryDate: '2025-03-06',
    });
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a).toMatchObject({
      book: 'in',
      year: 2025,
      entryDate: '2025-03-05',
      urgency: 'khan',
      registeredBy: 'local',
    });
    // The row is filled from the document's metadata.
    expect(a.number).toBe(docs[0]!.number);
    expect(a.summary.length).toBeGreaterThan(0);
    expect('documentUid' in a).toBe(false);
    // Once per book.
    expect((await refusal('registerAdd', { book: 'in', documentId: docs[0]!.id })).code).toBe(
      'INVALID_INPUT',
    );
    const list = await call<RegisterEntryDto[]>('registerList', { book: 'in', year: 2025 });
    expect(list.map((e) => [e.seq, e.documentId])).toEqual([
      [1, docs[0]!.id],
      [2, docs[1]!.id],
    ]);
    expect(await call<RegisterEntryDto[]>('registerList', { book: 'out', year: 2025 })).toEqual([]);
    // The printed register: Phụ lục IV columns, its rows in number order.
    const { html } = await call<{ html: string }>('registerPrintHtml', { book: 'in', year: 2025 });
    expect(html).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(html).toContain('Số đến');
    expect(html).not.toMatch(/<script/i);
    const printed = [...html.matchAll(/<tr><td class="c">([^<]*)<\/td><td class="c">(\d+)<\/td>/g)].map(
      (m) => [m[1], m[2]],
    );
    expect(printed).toEqual([
      ['05/03/2025', '01'],
      ['06/03/2025', '02'],
    ]);
    // The same register as a spreadsheet (what `vankho register list --out f.xlsx` saves), and as the same HTML.
    const xlsx = await call<{ format: 'xlsx'; base64: string }>('registerPrint', {
      book: 'in',
      year: 2025,
      format: 'xlsx',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect([ws.getRow(5).getCell(1).value, ws.getRow(5).getCell(2).value]).toEqual(['05/03/2025', '01']);
    expect([ws.getRow(6).getCell(1).value, ws.getRow(6).getCell(2).value]).toEqual(['06/03/2025', '02']);
    const asHtml = await call<{ format: 'html'; html: string }>('registerPrint', {
      book: 'in',
      year: 2025,
      format: 'html',
    });
    expect(
      [...asHtml.html.matchAll(/<tr><td class="c">([^<]*)<\/td><td class="c">(\d+)<\/td>/g)].map((m) => [
        m[1],
        m[2],
      ]),
    ).toEqual(printed);
    const filing = await call<DocumentFilingDto>('documentFiling', { documentId: docs[0]!.id });
    expect(filing.records).toEqual([{ code: CODE, title: 'Hồ sơ chỉ đạo, điều hành', state: 'open' }]);
    expect(filing.registrations.map((e) => e.seq)).toEqual([1]);
  });

  it('reports a register over a period of entry dates, across a year, printed with its period', async () => {
    // A third incoming document in the next year: its register starts again at 01.
    const c = await call<RegisterEntryDto>('registerAdd', {
      book: 'in',
      documentId: docs[2]!.id,
      entryDate: '02/01/2026',
    });
    expect([c.year, c.seq]).toEqual([2026, 1]);
    const rows = async (q: object): Promise<Array<[number, number, string]>> =>
      (await call<RegisterEntryDto[]>('registerList', { book: 'in', ...q })).map((e) => [
        e.year,
        e.seq,
        e.entryDate,
      ]);
    // Bounds are inclusive, typed either way; rows in number order, the year first.
    expect(await rows({ from: '06/03/2025', to: '2026-01-02' })).toEqual([
      [2025, 2, '2025-03-06'],
      [2026, 1, '2026-01-02'],
    ]);
    expect(await rows({ from: '2025-03-06', to: '06/03/2025' })).toEqual([[2025, 2, '2025-03-06']]);
    expect(await rows({ to: '05/03/2025' })).toEqual([[2025, 1, '2025-03-05']]);
    expect(await rows({ from: '01/01/2026' })).toEqual([[2026, 1, '2026-01-02']]);
    expect(await rows({ from: '07/03/2025', to: '31/12/2025' })).toEqual([]);
    // A year and a period narrow each other.
    expect(await rows({ year: 2025, from: '06/03/2025' })).toEqual([[2025, 2, '2025-03-06']]);
    expect(await call<RegisterEntryDto[]>('registerList', { book: 'out', from: '01/01/2025' })).toEqual([]);

    // The printed report names its period in dd/mm/yyyy however it was typed, and holds those rows.
    const { html } = await call<{ html: string }>('registerPrintHtml', {
      book: 'in',
      from: '2025-03-06',
      to: '02/01/2026',
    });
    expect(html).toContain('Từ ngày 06/03/2025 đến ngày 02/01/2026');
    expect(html).toContain('2 văn bản / 2 document(s)');
    expect(
      [...html.matchAll(/<tr><td class="c">([^<]*)<\/td><td class="c">(\d+)<\/td>/g)].map((m) => [
        m[1],
        m[2],
      ]),
    ).toEqual([
      ['06/03/2025', '02'],
      ['02/01/2026', '01'],
    ]);
    const open = await call<{ html: string }>('registerPrintHtml', { book: 'in', from: '01/01/2026' });
    expect(open.html).toContain('Từ ngày 01/01/2026 đến ngày …');
    const xlsx = await call<{ format: 'xlsx'; base64: string }>('registerPrint', {
      book: 'in',
      from: '06/03/2025',
      to: '02/01/2026',
      format: 'xlsx',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A2').value)).toContain('Từ ngày 06/03/2025 đến ngày 02/01/2026');
    expect([ws.getRow(5).getCell(1).value, ws.getRow(6).getCell(1).value]).toEqual([
      '06/03/2025',
      '02/01/2026',
    ]);

    // A period that ends before it starts, or a day that is not one, is refused.
    expect((await refusal('registerList', { book: 'in', from: '02/01/2026', to: '06/03/2025' })).code).toBe(
      'INVALID_INPUT',
    );
    expect((await refusal('registerList', { book: 'in', from: '31/02/2025' })).code).toBe('INVALID_INPUT');
    expect((await refusal('registerPrintHtml', { book: 'in', to: '2025-13-01' })).code).toBe('INVALID_INPUT');
  });

  it('refuses bad input at the boundary', async () => {
    expect((await refusal('recordCreate', { code: CODE, title: '   ' })).code).toBe('INVALID_INPUT');
    expect((await refusal('recordCreate', { code: 'x', title: 'y', retention: 0 })).code).toBe(
      'INVALID_INPUT',
    );
    expect((await refusal('recordCreate', { code: 'khong-hop-le', title: 'y' })).code).toBe('INVALID_INPUT');
    expect((await refusal('recordGet', { code: 'H41.2025.99' })).code).toBe('NOT_FOUND');
    expect((await refusal('registerAdd', { book: 'sideways', documentId: 1 })).code).toBe('INVALID_INPUT');
    expect((await refusal('recordsList', { year: 1 })).code).toBe('INVALID_INPUT');
  });
});
