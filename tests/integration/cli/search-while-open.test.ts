// `vankho search` and `vankho find` are read-only: they answer while real web mode (another process)
// holds the archive's write lock, see what that process committed, and change nothing in the folder.
// They run in this process (a child costs seconds of module loading), except a real `vankho` process
// refused the write lock and one that searches beside the holder.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { HTTP_PATHS } from '../../../main/contract/transport.js';
import { importPaths } from '../../../main/core/ingest/import-files.js';
import { openVanKho } from '../../../main/core/open-vankho.js';
import { repoPath } from '../../helpers/repo-root.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'test-token-read-only-search-0123';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface Doc {
  id: number;
  number: string;
}

interface SearchJson {
  ok: boolean;
  total: number;
  hits: { id: number; number: string | null; title: string }[];
}

/** A real `vankho` child process. */
function vankho(archive: string, args: string[]): Run {
  const r = spawnSync(process.execPath, [repoPath('bin/vankho.mjs'), '--archive', archive, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same program in this process. */
const cli = (archive: string, args: string[]): Promise<Run> =>
  runCliInProcess(['--archive', archive, ...args]);

function json<T>(r: Run): T {
  expect(r.code, r.stderr).toBe(EXIT.OK);
  return JSON.parse(r.stdout) as T;
}

/**
 * Every file of the archive folder: size, mtime and SHA-256. Leaves out archive.sqlite-shm, SQLite's
 * shared-memory index, in which every WAL reader marks what it reads (it holds no data).
 */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (name !== 'archive.sqlite-shm')
        out[relative(dir, p)] =
          `${st.size} ${st.mtimeMs} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`;
    }
  };
  walk(dir);
  return out;
}

/** Starts `vankho-web` on the archive and resolves with its port once it prints its URL line. */
async function startWebMode(
  archive: string,
  rendererDir: string,
): Promise<{ child: ChildProcessWithoutNullStreams; port: number }> {
  const child = spawn(process.execPath, [
    repoPath('bin/vankho-web.mjs'),
    '--archive',
    archive,
    '--port',
    '0',
    '--token',
    TOKEN,
    '--renderer',
    rendererDir,
    '--no-samples',
    '--quiet',
  ]);
  let out = '';
  let err = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /VanKho web: http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => reject(new Error(`web mode exited ${code}: ${err}`)));
  });
  return { child, port };
}

async function stopWebMode(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  await exited;
}

describe('read-only search while web mode holds the archive', { timeout: 300_000 }, () => {
  let tmp: TempDir;
  let archive: string;
  let web: { child: ChildProcessWithoutNullStreams; port: number } | null = null;
  let docs: Doc[] = [];

  const call = async (method: string, input: unknown): Promise<unknown> => {
    const res = await fetch(`http://127.0.0.1:${web!.port}${HTTP_PATHS.apiPrefix}${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ input }),
    });
    const r = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value;
  };

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-search-while-open-');
    archive = join(tmp.dir, 'archive');
    const vk = openVanKho(archive, { create: true });
    try {
      await importPaths(vk.archive, [repoPath('resources', 'samples')]);
      docs = vk.archive.db
        .prepare<[], Doc>(`SELECT id, number FROM documents WHERE number IS NOT NULL ORDER BY id`)
        .all();
      vk.search.find(docs[0]!.number); // so derived/instant-find.bin is saved at close
    } finally {
      vk.close();
    }
    const rendererDir = join(tmp.dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>VanKho</title>');
    web = await startWebMode(archive, rendererDir);
  }, 240_000);

  afterAll(async () => {
    if (web) await stopWebMode(web.child);
    await tmp?.cleanup();
  });

  it('the archive is held: a writing command is refused with exit 4', () => {
    expect(docs.length).toBeGreaterThanOrEqual(3);
    expect(readdirSync(join(archive, 'derived')).sort()).toEqual([
      'impacts.bin',
      'instant-find.bin',
      'integrity.json',
    ]);
    const r = vankho(archive, ['tag', 'add', String(docs[0]!.id), 'Thử khóa']);
    expect(r.code).toBe(EXIT.ARCHIVE_LOCKED);
  });

  it('search and find answer with the right documents', async () => {
    for (const [i, d] of docs.slice(0, 3).entries()) {
      const args = ['--json', 'search', d.number, '--limit', '3'];
      const r = json<SearchJson>(i === 0 ? vankho(archive, args) : await cli(archive, args));
      expect(r.ok).toBe(true);
      expect(r.hits[0]?.id, d.number).toBe(d.id);
    }
    const found = json<{ hits: { id: number }[] }>(
      await cli(archive, ['--json', 'find', docs[1]!.number.slice(0, 6)]),
    );
    expect(found.hits.map((h) => h.id)).toContain(docs[1]!.id);
  });

  it('see what web mode committed after they were saved to derived/', async () => {
    const d = docs[2]!;
    await call('documentUpdate', {
      documentId: d.id,
      fields: { title: 'Kế hoạch thí điểm số hóa hồ sơ lưu trữ Quỳnh Lâm' },
    });
    // Accents optional, as everywhere; the words exist only in the edited title.
    const r = json<SearchJson>(await cli(archive, ['--json', 'search', 'quynh lam so hoa', '--limit', '3']));
    expect(r.hits[0]?.id).toBe(d.id);
    expect(r.hits[0]?.title).toBe('Kế hoạch thí điểm số hóa hồ sơ lưu trữ Quỳnh Lâm');
    const found = json<{ hits: { id: number }[] }>(await cli(archive, ['--json', 'find', 'Quỳnh Lâm']));
    expect(found.hits.map((h) => h.id)).toEqual([d.id]);
  });

  it('change no file of the archive folder (database, WAL, derived indexes, originals)', async () => {
    const before = snapshot(archive);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([
        'archive.sqlite',
        'archive.sqlite-wal',
        'derived/impacts.bin',
        'derived/instant-find.bin',
      ]),
    );
    json<SearchJson>(await cli(archive, ['--json', 'search', 'kế hoạch', 'nam:2024', '--sort', 'date-desc']));
    json<SearchJson>(await cli(archive, ['--json', 'search', 'quynh lam']));
    json<{ hits: unknown[] }>(await cli(archive, ['--json', 'find', docs[0]!.number.slice(0, 4)]));
    expect(snapshot(archive)).toEqual(before);
  });

  it('once web mode has stopped, search and find still write nothing but the empty WAL a reader needs', async () => {
    await stopWebMode(web!.child);
    const before = snapshot(archive);
    expect(before['archive.sqlite-wal']).toBeUndefined(); // the last writer checkpointed and removed it
    const r = json<SearchJson>(await cli(archive, ['--json', 'search', 'quynh lam so hoa']));
    expect(r.hits[0]?.id).toBe(docs[2]!.id);
    json<{ hits: unknown[] }>(await cli(archive, ['--json', 'find', 'Quỳnh']));
    const after = snapshot(archive);
    const wal = after['archive.sqlite-wal'];
    delete after['archive.sqlite-wal'];
    expect(after).toEqual(before);
    if (wal !== undefined) expect(wal.startsWith('0 ')).toBe(true);
  });
});
