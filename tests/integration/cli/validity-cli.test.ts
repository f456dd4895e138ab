// `vankho validity <id>` on a real archive of two imported DOCX decisions, the later replacing the
// earlier: reads the derived status, sets a person's override (with note and who), which `show --json`
// agrees on, clears it back to the relation graph's word; refusals exit 2 / 7 and write nothing;
// `vankho search --validity/--access` filters as the app's facets do, `--record` to a hồ sơ's documents.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail, DocumentValidity } from '../../../main/contract/dto.js';
import { LOCAL_ACTOR } from '../../../main/contract/request-context.js';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { makeDocx } from '../../helpers/make-docx.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

let tmp: TempDir;
let A: string;
const cli = (...args: string[]) => runCliInProcess(['--archive', A, ...args]);
const json = async <T>(...args: string[]): Promise<T> => {
  const r = await cli('--json', ...args);
  expect(r.code, r.stderr + r.stdout).toBe(EXIT.OK);
  return JSON.parse(r.stdout) as T;
};
let oldId = 0;

function decision(number: string, date: string, title: string, body: string): string[] {
  return [
    'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
    `Số: ${number}`,
    `Bắc Ninh, ${date}`,
    'QUYẾT ĐỊNH',
    title,
    'QUYẾT ĐỊNH:',
    body,
    'TM. ỦY BAN NHÂN DÂN',
    'CHỦ TỊCH',
    'Nguyễn Văn An',
  ];
}

beforeAll(async () => {
  tmp = await makeTempDir('vankho-cli-validity-');
  A = join(tmp.dir, 'kho');
  const files: Array<[string, string[]]> = [
    [
      'cu.docx',
      decision(
        '12/2020/QĐ-UBND',
        'ngày 10 tháng 3 năm 2020',
        'Ban hành Quy chế công tác văn thư, lưu trữ',
        'Điều 1. Ban hành kèm theo Quyết định này Quy chế công tác văn thư, lưu trữ.',
      ),
    ],
    [
      'moi.docx',
      decision(
        '30/2024/QĐ-UBND',
        'ngày 20 tháng 5 năm 2024',
        'Ban hành Quy chế công tác văn thư, lưu trữ mới',
        'Điều 1. Quyết định này thay thế Quyết định số 12/2020/QĐ-UBND ngày 10/3/2020 của Ủy ban nhân dân tỉnh.',
      ),
    ],
  ];
  for (const [name, paragraphs] of files) writeFileSync(join(tmp.dir, name), await makeDocx(paragraphs));
  const r = await cli('--json', 'import', ...files.map(([n]) => join(tmp.dir, n)));
  expect(r.code, r.stderr).toBe(EXIT.OK);
  const list = await json<{ items: Array<{ id: number; fileNames: string[] }> }>('list', '--sort', 'id');
  oldId = list.items.find((d) => d.fileNames.includes('cu.docx'))!.id;
}, 120_000);

afterAll(async () => {
  await tmp?.cleanup();
});

describe('vankho validity', { timeout: 120_000 }, () => {
  it('reads the status the relations give', async () => {
    const r = await json<{ id: number; validity: DocumentValidity }>('validity', String(oldId));
    expect(r.id).toBe(oldId);
    expect(r.validity.status).toBe('replaced');
    expect(r.validity.replacedBy.map((d) => d.number)).toEqual(['30/2024/QĐ-UBND']);
    expect(r.validity.override).toBeNull();
    const text = await cli('validity', String(oldId));
    expect(text.code).toBe(EXIT.OK);
    expect(text.stdout).toContain('Bị thay thế');
    expect(text.stdout).toContain('30/2024/QĐ-UBND');
  });

  it('sets an override with a note, seen by show, and clears it', async () => {
    const set = await json<{ validity: DocumentValidity }>(
      'validity',
      String(oldId),
      '--set',
      'in-force',
      '--note',
      'Chỉ thay thế Chương II',
    );
    expect(set.validity).toMatchObject({
      status: 'in-force',
      derived: 'replaced',
      override: { status: 'in-force', note: 'Chỉ thay thế Chương II', setBy: LOCAL_ACTOR.id },
    });
    const shown = await json<DocumentDetail>('show', String(oldId));
    expect(shown.validity).toEqual(set.validity);
    const text = await cli('validity', String(oldId));
    expect(text.stdout).toContain('Còn hiệu lực');
    expect(text.stdout).toContain('Chỉ thay thế Chương II');

    const cleared = await json<{ validity: DocumentValidity }>('validity', String(oldId), '--clear');
    expect(cleared.validity.status).toBe('replaced');
    expect(cleared.validity.override).toBeNull();
    expect((await json<DocumentDetail>('show', String(oldId))).validity.override).toBeNull();
  });

  it("search narrows on validity and access as the facets do, and says each hit's", async () => {
    type Hits = { total: number; hits: Array<{ id: number; validity: string; access: string }> };
    const all = await json<Hits>('search', 'quy chế văn thư');
    expect(all.total).toBe(2);
    expect(all.hits.find((h) => h.id === oldId)).toMatchObject({ validity: 'replaced', access: 'cong-khai' });
    const replaced = await json<Hits>('search', 'quy chế văn thư', '--validity', 'replaced');
    expect(replaced.hits.map((h) => h.id)).toEqual([oldId]);
    const either = await json<Hits>('search', 'quy chế văn thư', '--validity', 'replaced,unknown');
    expect(either.total).toBe(2);
    expect((await json<Hits>('search', 'quy chế văn thư', '--access', 'mat')).total).toBe(0);
    expect((await json<Hits>('search', 'quy chế văn thư', '--access', 'cong-khai,mat')).total).toBe(2);
    expect((await cli('search', 'quy chế', '--validity', 'valid')).code).toBe(EXIT.USAGE);
    expect((await cli('search', 'quy chế', '--access', 'secret')).code).toBe(EXIT.USAGE);
  });

  it('search narrows to the documents of a hồ sơ', async () => {
    type Hits = { total: number; hits: Array<{ id: number }> };
    const code = '000.00.00.H41.2020.01.VP';
    expect((await cli('records', 'create', '--code', code, '--title', 'Hồ sơ quy chế văn thư')).code).toBe(
      EXIT.OK,
    );
    expect((await cli('records', 'add', code, String(oldId))).code).toBe(EXIT.OK);
    const inRecord = await json<Hits>('search', 'quy chế văn thư', '--record', code.toLowerCase());
    expect(inRecord.hits.map((h) => h.id)).toEqual([oldId]);
    expect(
      (await json<Hits>('search', 'quy chế văn thư', '--record', '000.00.00.H41.2020.99.VP')).total,
    ).toBe(0);
    expect((await json<Hits>('search', 'quy chế văn thư', '--record', `${code},x`)).total).toBe(1);
    // The hồ sơ is kept permanently (the default): its document is in "permanent", not in "none".
    expect(
      (await json<Hits>('search', 'quy chế văn thư', '--retention', 'permanent')).hits.map((h) => h.id),
    ).toEqual([oldId]);
    const unfiled = await json<Hits>('search', 'quy chế văn thư', '--retention', 'none');
    expect(unfiled.hits.map((h) => h.id)).not.toContain(oldId);
    expect((await cli('search', 'quy chế', '--retention', 'mãi mãi')).code).toBe(EXIT.USAGE);
  });

  it('refuses a bad status, --set with --clear, --note alone, and an unknown document', async () => {
    expect((await cli('validity', String(oldId), '--set', 'unknown')).code).toBe(EXIT.USAGE);
    expect((await cli('validity', String(oldId), '--set', 'in-force', '--clear')).code).toBe(EXIT.USAGE);
    expect((await cli('validity', String(oldId), '--note', 'x')).code).toBe(EXIT.USAGE);
    expect((await cli('validity', '999999', '--clear')).code).toBe(EXIT.NOT_FOUND);
    // Nothing of that was written.
    expect((await json<DocumentDetail>('show', String(oldId))).validity.override).toBeNull();
  });
});
