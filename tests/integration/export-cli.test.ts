import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../main/core/archive/archive.js';
import { parseManifest } from '../../main/core/export/read-bundle.js';
import { openVanKho } from '../../main/core/open-vankho.js';
import { repoPath } from '../helpers/repo-root.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { seedArchive, snapshotArchive } from './export-seed.js';

// The documented commands end to end, as a user runs them: `vankho export --tag … --out …`,
// `--ids`, `--all`, `vankho import-bundle …`, `vankho backup …`, `vankho restore … …`. The program runs
// in this process (a child costs seconds of module loading); a real `vankho` process exports beside
// another process that holds the archive, and one more exports by tag, as a script would.

let tmp: TempDir;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** A real `vankho` child process. */
function vankho(archive: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [repoPath('bin/vankho.mjs'), '--archive', archive, ...args], {
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same program in this process. */
async function cli(archive: string, ...args: string[]): Promise<Run> {
  const r = await runCliInProcess(['--archive', archive, ...args]);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  tmp = await makeTempDir('vankho-cli-export-');
  const a = openArchive(join(tmp.dir, 'A'));
  await seedArchive(
    a,
    [
      {
        uid: 'c1',
        title: 'Về việc thành lập tổ công tác',
        number: '15/QĐ-UBND',
        issuedDate: '2023-01-15',
        docType: 'Quyết định',
        files: [
          {
            name: 'qd15.txt',
            bytes: Buffer.from('Quyết định 15'),
            mediaType: 'text/plain',
            pages: ['Quyết định 15'],
          },
        ],
        tags: ['Văn thư'],
      },
      {
        uid: 'c2',
        title: 'Báo cáo năm',
        number: '20/BC-UBND',
        issuedDate: '2023-12-20',
        files: [{ name: 'bc20.txt', bytes: Buffer.from('Báo cáo 20'), mediaType: 'text/plain' }],
        tags: ['Lưu trữ'],
      },
      {
        uid: 'c3',
        title: 'Công văn khác',
        files: [{ name: 'cv.txt', bytes: Buffer.from('Công văn'), mediaType: 'text/plain' }],
      },
    ],
    [
      { name: 'Văn thư', color: '#2e7d32' },
      { name: 'Lưu trữ', parent: 'Văn thư' },
    ],
    [{ from: 'c2', to: 'c1', kind: 'can_cu', citedNumber: '15/QĐ-UBND', origin: 'manual' }],
  );
  a.close();
}, 120_000);

afterAll(async () => {
  await tmp.cleanup();
});

describe('vankho export / import-bundle / backup / restore', () => {
  it('exports by tag (with sub-tags), ids and all; imports into a new archive without duplicates', async () => {
    const A = join(tmp.dir, 'A');
    const B = join(tmp.dir, 'B');
    const tagOut = join(tmp.dir, 'van-thu.zip');
    const r1 = vankho(A, '--json', 'export', '--tag', 'Văn thư', '--out', tagOut);
    expect(r1.code, r1.err).toBe(0);
    expect(JSON.parse(r1.out)).toMatchObject({ ok: true, documents: 2 });
    const r2 = await cli(A, 'export', '--ids', '3', '--out', join(tmp.dir, 'ids.zip'));
    expect(r2.code, r2.err).toBe(0);
    expect(r2.out).toContain('Đã xuất 1 văn bản');
    const all = join(tmp.dir, 'all.zip');
    expect((await cli(A, 'export', '--all', '--out', all)).code).toBe(0);
    // Refusals: no selection, existing target, unknown tag.
    expect((await cli(A, 'export', '--out', join(tmp.dir, 'x.zip'))).code).toBe(2);
    expect((await cli(A, 'export', '--all', '--out', all)).code).toBe(2);
    expect((await cli(A, 'export', '--tag', 'Không có', '--out', join(tmp.dir, 'x.zip'))).code).toBe(7);
    // An id that is not in the archive, and a target folder that does not exist.
    const unknownId = await cli(A, 'export', '--ids', '3,999', '--out', join(tmp.dir, 'x.zip'));
    expect(unknownId.code).toBe(7);
    expect(unknownId.err).toContain('#999');
    const noFolder = await cli(A, 'export', '--all', '--out', join(tmp.dir, 'khong-co', 'x.zip'));
    expect(noFolder.code).toBe(2);
    expect(noFolder.err).toContain('khong-co');
    expect(existsSync(join(tmp.dir, 'x.zip'))).toBe(false);

    const i1 = await cli(B, '--json', 'import-bundle', tagOut);
    expect(i1.code, i1.err).toBe(0);
    expect(JSON.parse(i1.out)).toMatchObject({ added: 2, merged: 0, skipped: 0 });
    const i2 = await cli(B, 'import-bundle', all);
    expect(i2.code, i2.err).toBe(0);
    expect(i2.out).toContain('Thêm 1, gộp 0, bỏ qua (đã có) 2');

    const a = openArchive(A, { readonly: true });
    const b = openArchive(B, { readonly: true });
    try {
      expect(snapshotArchive(b)).toEqual(snapshotArchive(a));
    } finally {
      a.close();
      b.close();
    }
  });

  it('backs up and restores; check passes on the result', async () => {
    const A = join(tmp.dir, 'A');
    const file = join(tmp.dir, 'sao-luu.zip');
    const b = await cli(A, 'backup', file);
    expect(b.code, b.err).toBe(0);
    const R = join(tmp.dir, 'R');
    const r = await cli(A, 'restore', file, R);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('kiểm tra tốt / check OK');
    const c = await cli(R, 'check');
    expect(c.code, c.out + c.err).toBe(0);
    expect((await cli(A, 'restore', file, R)).code).toBe(2);
  });

  it('exports search results (--query), also while another process holds the archive', async () => {
    const A = join(tmp.dir, 'A');
    // The app keeps the search index current (its write hooks); catch up once like it would.
    openVanKho(A, { create: false }).close();
    const holder = openArchive(A); // like the running app: holds the archive lock
    try {
      const out = join(tmp.dir, 'query.zip');
      const r = vankho(
        A,
        '--json',
        'export',
        '--query',
        'thành lập tổ công tác',
        '--title',
        'Gói tra cứu tổ công tác',
        '--out',
        out,
      );
      expect(r.code, r.err).toBe(0);
      // Read-only beside the holder, its job is not recorded, and nothing says it could not be.
      expect(r.err).toBe('');
      // Exactly the results the search engine answers (not the partly matching), in the manifest.
      const vk = openVanKho(A, { readonly: true, create: false });
      const expected = vk.search
        .search({ query: 'thành lập tổ công tác', limit: 200, facets: false, snippets: false })
        .hits.filter((h) => !h.partial)
        .map((h) => h.uid)
        .sort();
      vk.close();
      expect(expected).toContain('c1');
      const manifest = parseManifest(execFileSync('unzip', ['-p', out, 'manifest.json']));
      expect(manifest.selection).toEqual({ kind: 'query', value: 'thành lập tổ công tác' });
      expect(manifest.title).toBe('Gói tra cứu tổ công tác');
      expect(manifest.documents.map((d) => d.uid).sort()).toEqual(expected);
      expect(JSON.parse(r.out)).toMatchObject({ ok: true, documents: expected.length });
    } finally {
      holder.close();
    }
  });
});
