// Retention and hand-over (issue 12) on a real archive through the contract, then the CLI: the
// shipped tables seeded once and editable, a proposal for a typical title, and the hand-over and
// expiry lists at as-of dates on either side of each boundary (permanent never expires; open work is
// on neither list; a mật hồ sơ only for a caller cleared for it), printed as HTML and XLSX.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import type {
  RecordDueDto,
  RetentionProposalDto,
  RetentionRowDto,
  RetentionTableDto,
} from '../../../main/contract/dto.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import { setRecordState } from '../../../main/core/records/records-store.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { dispatcher } from '../../helpers/dispatch.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

let tmp: TempDir;
let dir: string;
let host: AppHost;
const { call, refused } = dispatcher(() => host);
const reader: RequestContext = {
  actor: { id: 'reader', kind: 'account', displayName: 'reader', role: 'reader', readable: ['cong-khai'] },
  signal: new AbortController().signal,
};

const due = async (kind: 'handover' | 'expired', asOf: string, ctx?: RequestContext): Promise<string[]> =>
  (await call<RecordDueDto[]>('recordsDue', { kind, asOf }, ctx)).map((d) => d.record.code);

async function record(
  code: string,
  retention: number | 'permanent',
  end: string | null,
  state: 'open' | 'closed' | 'archived',
  access: 'cong-khai' | 'mat' = 'cong-khai',
): Promise<void> {
  await call('recordCreate', { code, title: `Hồ sơ ${code}`, retention, access });
  if (end) await call('recordUpdate', { code, patch: { endDate: end } });
  if (state !== 'open') await call('recordClose', { code });
  if (state === 'archived') setRecordState(host.service.vankho.archive, code, 'archived');
}

beforeAll(async () => {
  tmp = await makeTempDir('vankho-retention-');
  dir = join(tmp.dir, 'kho');
  host = await startAppHost({ host: 'web', archiveDir: dir, create: true });
  // Work ended in 2019, kept 5 years: hand over in 2020; past its period from 2025.
  await record('H41.2019.01.TH', 5, '2019-06-30', 'closed');
  // Vĩnh viễn, ended 2019: due for hand-over, never expired.
  await record('H41.2019.02.VV', 'permanent', '2019-05-01', 'closed');
  // Still open, no end date: its work has not ended — on neither list.
  await record('H41.2019.03.MO', 10, null, 'open');
  // Open but a person set its end: ended 2018, kept 10 years.
  await record('H41.2018.04.KT', 10, '2018-12-31', 'open');
  // Handed over: never due again; ended 2010, kept 10 years: expired from 2021.
  await record('H41.2010.01.NL', 10, '2010-03-01', 'archived');
  // Mật, ended 2019, 5 years: only for a caller cleared for mật.
  await record('H41.2019.09.MAT', 5, '2019-01-15', 'closed', 'mat');
}, 60_000);

afterAll(async () => {
  await host?.stop();
  await tmp?.cleanup();
});

describe('hand-over list (within 1 year after the work ends)', () => {
  it('is empty in the year the work ends and lists the hồ sơ from the next year on', async () => {
    expect(await due('handover', '31/12/2019')).toEqual(['H41.2018.04.KT']);
    expect(await due('handover', '01/01/2020')).toEqual([
      'H41.2018.04.KT',
      'H41.2019.01.TH',
      'H41.2019.02.VV',
      'H41.2019.09.MAT',
    ]);
  });

  it('marks what the year it was due has passed as overdue, and never lists a handed-over hồ sơ', async () => {
    const list = await call<RecordDueDto[]>('recordsDue', { kind: 'handover', asOf: '2021-02-01' });
    const byCode = new Map(list.map((d) => [d.record.code, d]));
    expect(byCode.get('H41.2019.01.TH')).toMatchObject({ endYear: 2019, sinceYear: 2020, overdue: true });
    expect(byCode.get('H41.2018.04.KT')).toMatchObject({ endYear: 2018, sinceYear: 2019, overdue: true });
    expect(byCode.has('H41.2010.01.NL')).toBe(false);
    expect(byCode.has('H41.2019.03.MO')).toBe(false);
    const now = await call<RecordDueDto[]>('recordsDue', { kind: 'handover', asOf: '2020-07-01' });
    expect(now.find((d) => d.record.code === 'H41.2019.01.TH')?.overdue).toBe(false);
  });
});

describe('expired list (end year + period < as-of year)', () => {
  it('lists a 5-year hồ sơ ended in 2019 from 2025, not in 2024', async () => {
    expect(await due('expired', '31/12/2024')).toEqual(['H41.2010.01.NL']);
    expect(await due('expired', '01/01/2025')).toEqual([
      'H41.2010.01.NL',
      'H41.2019.01.TH',
      'H41.2019.09.MAT',
    ]);
    const list = await call<RecordDueDto[]>('recordsDue', { kind: 'expired', asOf: '2025-01-01' });
    expect(list.find((d) => d.record.code === 'H41.2019.01.TH')).toMatchObject({ sinceYear: 2025 });
    expect(list.find((d) => d.record.code === 'H41.2010.01.NL')).toMatchObject({ sinceYear: 2021 });
  });

  it('never lists a permanent hồ sơ, nor open work without an end, however late', async () => {
    const late = await due('expired', '31/12/2100');
    expect(late).toContain('H41.2018.04.KT');
    expect(late).not.toContain('H41.2019.02.VV');
    expect(late).not.toContain('H41.2019.03.MO');
  });

  it('proposes only: the hồ sơ are all still there, unchanged', async () => {
    await call('recordsDuePrint', { kind: 'expired', asOf: '2100', format: 'html' });
    const all = await call<Array<{ code: string; state: string }>>('recordsList', {});
    expect(all.map((r) => r.code).sort()).toHaveLength(6);
    expect(all.find((r) => r.code === 'H41.2019.01.TH')?.state).toBe('closed');
  });

  it('leaves a mật hồ sơ out for a caller cleared for công khai, in the list and in print', async () => {
    expect(await due('expired', '01/01/2025', reader)).toEqual(['H41.2010.01.NL', 'H41.2019.01.TH']);
    expect(await due('handover', '01/01/2020', reader)).not.toContain('H41.2019.09.MAT');
    const printed = await call<{ html: string }>(
      'recordsDuePrint',
      { kind: 'expired', asOf: '01/01/2025', format: 'html' },
      reader,
    );
    expect(printed.html).toContain('H41.2019.01.TH');
    expect(printed.html).not.toContain('MAT');
  });

  it('refuses a day that is not one', async () => {
    expect(await refused('recordsDue', { kind: 'expired', asOf: '31/02/2024' })).toBe('INVALID_INPUT');
  });
});

describe('printed lists', () => {
  it('prints the expired list as HTML with its title, rows and the no-deletion note', async () => {
    const { html } = await call<{ html: string }>('recordsDuePrint', {
      kind: 'expired',
      asOf: '01/01/2025',
      format: 'html',
    });
    expect(html).toContain('DANH SÁCH HỒ SƠ HẾT THỜI HẠN BẢO QUẢN');
    expect(html).toContain('Tính đến ngày 01/01/2025');
    expect(html).toContain('không tự xóa');
    expect(html.match(/<tr><td/g)).toHaveLength(3);
    expect(html).not.toContain('<script');
  });

  it('writes the hand-over list as an XLSX workbook with a row per hồ sơ', async () => {
    const r = await call<{ format: string; base64: string }>('recordsDuePrint', {
      kind: 'handover',
      asOf: '01/01/2020',
      format: 'xlsx',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values = ws.getSheetValues().flat().map(String);
    expect(ws.name).toBe('Đến hạn nộp lưu');
    for (const code of ['H41.2018.04.KT', 'H41.2019.01.TH', 'H41.2019.02.VV', 'H41.2019.09.MAT'])
      expect(values).toContain(code);
    expect(values).not.toContain('H41.2010.01.NL');
  });
});

describe('retention tables', () => {
  it('ships TT 10/2022 and the Party model table, each with its source', async () => {
    const tables = await call<RetentionTableDto[]>('retentionList', {});
    expect(tables.map((t) => t.key)).toEqual(['hd35-vptw', 'tt10-2022']);
    for (const t of tables) {
      expect(t.source.length).toBeGreaterThan(20);
      expect(t.rows.length).toBeGreaterThan(0);
      expect(t.rows.every((r) => r.shipped)).toBe(true);
    }
  });

  it('proposes the matching row for a typical title, rare words outweighing common ones', async () => {
    const p = await call<RetentionProposalDto[]>('retentionPropose', {
      title: 'Báo cáo quyết toán năm 2024 của Văn phòng UBND huyện',
    });
    expect(p[0]?.row.title).toBe('Báo cáo tài chính, báo cáo quyết toán năm của cơ quan');
    expect(p[0]?.row.retention).toBe('permanent');
    expect(p[0]?.words).toContain('quyet');
    // Folded: typed without diacritics it finds the same row.
    const folded = await call<RetentionProposalDto[]>('retentionPropose', {
      title: 'Ho so dai hoi dang bo huyen lan thu XX',
    });
    expect(folded[0]?.row.table).toBe('hd35-vptw');
    expect(folded[0]?.row.title).toContain('đại hội đảng bộ');
    expect(await call<RetentionProposalDto[]>('retentionPropose', { title: 'Sổ tay' })).toEqual([]);
  });

  it('adds, changes and removes rows; a changed row is no longer the shipped one', async () => {
    const added = await call<RetentionRowDto>('retentionSet', {
      table: 'tt10-2022',
      group: 'Tài liệu hành chính, văn thư, lưu trữ',
      title: 'Sổ đăng ký văn bản đến',
      retention: 20,
    });
    expect(added).toMatchObject({ shipped: false, retention: 20 });
    const proposed = await call<RetentionProposalDto[]>('retentionPropose', {
      title: 'Sổ đăng ký văn bản đến năm 2025',
    });
    expect(proposed[0]?.row.id).toBe(added.id);
    const changed = await call<RetentionRowDto>('retentionSet', {
      id: added.id,
      table: 'tt10-2022',
      title: 'Sổ đăng ký văn bản đến',
      retention: 'permanent',
    });
    expect(changed).toMatchObject({ id: added.id, retention: 'permanent', group: added.group });
    const shipped = (await call<RetentionTableDto[]>('retentionList', {}))[1]!.rows[0]!;
    const edited = await call<RetentionRowDto>('retentionSet', {
      id: shipped.id,
      table: shipped.table,
      title: shipped.title,
      retention: 70,
    });
    expect(edited.shipped).toBe(false);
    expect(await call('retentionRemove', { id: added.id })).toEqual({ removed: true });
    expect(await call('retentionRemove', { id: added.id })).toEqual({ removed: false });
    expect(await refused('retentionSet', { table: 'khong-co', title: 'x', retention: 5 })).toBe('NOT_FOUND');
  });

  it('seeds once: rows a person removed stay removed when the archive is opened again', async () => {
    const party = (await call<RetentionTableDto[]>('retentionList', {}))[0]!;
    for (const r of party.rows) await call('retentionRemove', { id: r.id });
    await host.stop();
    host = await startAppHost({ host: 'web', archiveDir: dir });
    const again = await call<RetentionTableDto[]>('retentionList', {});
    expect(again[0]!.rows).toEqual([]);
    expect(again[1]!.rows.length).toBeGreaterThan(0);
  });
});

describe('vankho records due / retention', () => {
  const cli = (...args: string[]) => runCliInProcess(['--archive', dir, ...args]);

  it('lists through the contract as JSON, with --as-of, while the host holds the archive', async () => {
    const r = await cli('--json', 'records', 'due', '--expired', '--as-of', '01/01/2025');
    expect(r.code, r.stderr).toBe(EXIT.OK);
    const list = JSON.parse(r.stdout) as RecordDueDto[];
    expect(list.map((d) => d.record.code)).toEqual(['H41.2010.01.NL', 'H41.2019.01.TH', 'H41.2019.09.MAT']);
    const h = await cli('--json', 'records', 'due', '--as-of', '31/12/2019');
    expect((JSON.parse(h.stdout) as RecordDueDto[]).map((d) => d.record.code)).toEqual(['H41.2018.04.KT']);
    const text = await cli('records', 'due', '--handover', '--as-of', '01/01/2020');
    expect(text.stdout).toContain('4 hồ sơ đến hạn nộp lưu');
    expect((await cli('records', 'due', '--handover', '--expired')).code).toBe(EXIT.USAGE);
  });

  it('writes the list to .html and .xlsx, refusing to overwrite without --force', async () => {
    const html = join(tmp.dir, 'het-han.html');
    const r = await cli('records', 'due', '--expired', '--as-of', '01/01/2025', '--out', html);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    expect(readFileSync(html, 'utf8')).toContain('H41.2019.01.TH');
    expect((await cli('records', 'due', '--expired', '--out', html)).code).toBe(EXIT.USAGE);
    expect((await cli('records', 'due', '--expired', '--out', html, '--force')).code).toBe(EXIT.OK);
    const xlsx = join(tmp.dir, 'nop-luu.xlsx');
    expect((await cli('records', 'due', '--as-of', '2020', '--out', xlsx)).code).toBe(EXIT.OK);
    expect(existsSync(xlsx)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets[0]!.getSheetValues().flat().map(String)).toContain('H41.2019.02.VV');
  });

  it('lists and edits the retention tables (writes once nobody holds the archive)', async () => {
    const list = await cli('--json', 'records', 'retention', 'list');
    expect(list.code, list.stderr).toBe(EXIT.OK);
    expect((JSON.parse(list.stdout) as RetentionTableDto[]).map((t) => t.key)).toEqual([
      'hd35-vptw',
      'tt10-2022',
    ]);
    // A write takes the archive's lock: the host lets it go first.
    await host.stop();
    const set = await cli(
      '--json',
      'records',
      'retention',
      'set',
      '--table',
      'tt10-2022',
      '--title',
      'Sổ đăng ký văn bản đi',
      '--retention',
      '50 năm',
    );
    expect(set.code, set.stderr).toBe(EXIT.OK);
    const row = JSON.parse(set.stdout) as RetentionRowDto;
    expect(row).toMatchObject({ table: 'tt10-2022', retention: 50, shipped: false });
    const propose = await cli('records', 'retention', 'propose', 'Sổ đăng ký văn bản đi năm 2024');
    expect(propose.stdout).toContain(`[${row.id}] Sổ đăng ký văn bản đi — 50 năm`);
    expect((await cli('records', 'retention', 'remove', String(row.id))).code).toBe(EXIT.OK);
    expect((await cli('records', 'retention', 'remove', String(row.id))).code).toBe(EXIT.NOT_FOUND);
    expect(
      (await cli('records', 'retention', 'set', '--table', 'x', '--title', 'y', '--retention', 'mãi')).code,
    ).toBe(EXIT.USAGE);
  });
});
