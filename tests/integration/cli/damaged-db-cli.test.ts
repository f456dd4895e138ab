// Issue 17 item 2: writes are refused on a damaged database, on real archive files with one b-tree
// page overwritten. An index page: check names the index and says `reindex`, which rebuilds it and
// writing works again. A table page: check says restore or recover; writes stay refused.
import { closeSync, cpSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { repoPath } from '../../helpers/repo-root.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

/** Overwrites the root page of a table or index of the archive's database with garbage. */
function smashRootPage(archiveDir: string, name: string): void {
  const file = join(archiveDir, 'archive.sqlite');
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(name) as number;
  db.close();
  expect(root).toBeGreaterThan(1);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

describe('a damaged database refuses writes and says what to do', () => {
  let tmp: TempDir;
  let base: string;
  const cli = (dir: string, ...args: string[]) => runCliInProcess(['--archive', dir, ...args]);
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-damaged-db-');
    base = join(tmp.dir, 'base');
    const r = await cli(base, 'import', repoPath('resources', 'samples'));
    expect(r.code, r.stderr).toBe(EXIT.OK);
  }, 120_000);
  afterAll(async () => {
    await tmp.cleanup();
  });
  const copy = (name: string): string => {
    const dir = join(tmp.dir, name);
    cpSync(base, dir, { recursive: true });
    return dir;
  };

  it('an index page: writes refused (exit 6), check names the index, reindex repairs it', async () => {
    const dir = copy('index');
    smashRootPage(dir, 'documents_number_key');
    const tag = await cli(dir, 'tag', 'add', '1', 'Thử');
    expect(tag.code).toBe(EXIT.ARCHIVE_CORRUPT);
    expect(tag.stderr).toContain('documents_number_key');
    expect(tag.stderr).toContain('vankho reindex');
    const check = await cli(dir, 'check');
    expect(check.code).toBe(EXIT.ARCHIVE_CORRUPT);
    expect(check.stdout + check.stderr).toContain('vankho reindex');
    // Reading still works.
    const list = await cli(dir, '--json', 'list', '--limit', '100');
    expect(list.code, list.stderr).toBe(EXIT.OK);
    expect((JSON.parse(list.stdout) as { total: number }).total).toBe(12);

    const re = await cli(dir, 'reindex');
    expect(re.code, re.stderr).toBe(EXIT.OK);
    expect((await cli(dir, 'check')).code).toBe(EXIT.OK);
    const again = await cli(dir, 'tag', 'add', '1', 'Thử');
    expect(again.code, again.stderr).toBe(EXIT.OK);
  }, 120_000);

  it('a table page: writes refused, check says restore or recover, reindex does not pretend to fix it', async () => {
    const dir = copy('table');
    smashRootPage(dir, 'pages');
    const imp = await cli(dir, 'import', repoPath('resources', 'samples', '05-cong-van-245-CV-HU.txt'));
    expect(imp.code).toBe(EXIT.ARCHIVE_CORRUPT);
    expect(imp.stderr).toContain('vankho recover');
    const check = await cli(dir, 'check');
    expect(check.code).toBe(EXIT.ARCHIVE_CORRUPT);
    expect(check.stdout + check.stderr).toMatch(/vankho restore|vankho recover/);
    const re = await cli(dir, 'reindex');
    expect(re.code).toBe(EXIT.ARCHIVE_CORRUPT);
  }, 120_000);
});
