// `vankho list --to-review` and `--missing f1,f2` (in process) on an archive made by `vankho import`
// of real documents (the team's real-docs texts); the expectation for each document is read back
// with `vankho show --json`, so the test checks the selection rule, not a fixed list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { testdata } from '../../helpers/repo-root.js';
import { runCliInProcess, type CliRun } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

interface DocJson {
  id: number;
  metadata: Record<string, string | null>;
  provenance: Record<string, { source: string } | undefined>;
}
interface ListJson {
  total: number;
  items: Array<{ id: number; missing: string[]; unconfirmed: string[]; createdAt: string }>;
}

function json<T>(r: CliRun): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
}

const REAL = ['0129-kh-ubnd.txt', '02124-qd-ubnd.txt', '100-2025-qd-ubnd.txt', '1026-kh-ubnd.txt'];

describe('vankho list --to-review / --missing', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let dir: string;
  let ids: number[];
  const cli = (...args: string[]): Promise<CliRun> => runCliInProcess(['--archive', dir, ...args]);
  const show = async (id: number): Promise<DocJson> => json<DocJson>(await cli('--json', 'show', String(id)));
  const listed = async (...args: string[]): Promise<ListJson> => {
    const r = await cli('--json', 'list', ...args);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    return json<ListJson>(r);
  };

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-cli-review-');
    dir = join(tmp.dir, 'archive');
    const src = join(tmp.dir, 'src');
    mkdirSync(src);
    for (const f of REAL) copyFileSync(testdata('real-docs', 'docs', f), join(src, f));
    const r = await cli('--json', 'import', src);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    ids = json<{ outcomes: Array<{ documentId: number }> }>(r).outcomes.map((o) => o.documentId);
    expect(ids).toHaveLength(REAL.length);
    // One document made complete by hand: every suggestion set (= confirmed) by a person.
    const d = await show(ids[0]!);
    const assignments = Object.entries(d.provenance)
      .filter(([f, p]) => p?.source === 'auto' && d.metadata[f])
      .map(([f]) => `${f}=${d.metadata[f]}`);
    const set = await cli(
      'set',
      String(ids[0]),
      ...assignments,
      'number=99/KH-UBND',
      'docType=Kế hoạch',
      'issuer=UBND huyện Thử',
      'issued_date=28/11/2025',
    );
    expect(set.code, set.stderr).toBe(EXIT.OK);
    // Another one loses its date.
    expect((await cli('set', String(ids[1]), 'issued_date=')).code).toBe(EXIT.OK);
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('--to-review lists the documents with an empty key field or an unconfirmed suggestion, newest first', async () => {
    const page = await listed('--to-review');
    const expected: number[] = [];
    for (const id of ids) {
      const d = await show(id);
      const empty = ['number', 'docType', 'issuer', 'issuedDate'].filter((f) => !d.metadata[f]);
      const auto = Object.entries(d.provenance).filter(([f, p]) => p?.source === 'auto' && d.metadata[f]);
      if (empty.length > 0 || auto.length > 0) expected.push(id);
      const item = page.items.find((i) => i.id === id);
      if (item) expect(item.missing).toEqual(empty);
    }
    expect(expected).not.toContain(ids[0]);
    expect(expected).toContain(ids[1]);
    expect(page.total).toBe(expected.length);
    expect(page.items.map((i) => i.id)).toEqual([...expected].sort((a, b) => b - a));
    expect(page.items.find((i) => i.id === ids[1])?.missing).toContain('issuedDate');

    const text = await cli('list', '--to-review');
    expect(text.code).toBe(EXIT.OK);
    expect(text.stdout).toContain('thiếu / missing: Ngày ban hành / Date issued');
    expect(text.stdout).not.toMatch(new RegExp(`^#${ids[0]}\\s`, 'm'));
  });

  it('--missing takes the field names `set` uses and lists documents missing any of them', async () => {
    const docs = await Promise.all(ids.map(show));
    const lacking = (fields: string[]): number[] =>
      docs.filter((d) => fields.some((f) => !d.metadata[f])).map((d) => d.id);
    const dates = await listed('--missing', 'issued_date');
    expect(dates.items.map((i) => i.id).sort()).toEqual(lacking(['issuedDate']).sort());
    expect(dates.items.map((i) => i.id)).toContain(ids[1]);
    const two = await listed('--missing', 'issued_date,issuer');
    expect(two.items.map((i) => i.id).sort()).toEqual(lacking(['issuedDate', 'issuer']).sort());
    const signer = await listed('--missing', 'signer');
    expect(signer.total).toBe(lacking(['signer']).length);

    const bad = await cli('list', '--missing', 'issued_date,ngay');
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.stderr).toContain('ngay');
  });
});
