// `vankho check` answers through archiveCheck, as the app's Kiểm tra kho does: the same report (with
// the schema version found), beside another process holding the archive, and on a database with a
// smashed table page still a report (exit 6), not a failure to open.
import { closeSync, cpSync, openSync, writeFileSync, writeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import type { CheckReportDto } from '../../../main/contract/dto.js';
import { SCHEMA_VERSION } from '../../../main/core/archive/database.js';
import { holdArchiveInChild } from '../../helpers/hold-archive.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

describe('check through the contract', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let archive: string;
  const cli = (dir: string, ...args: string[]) => runCliInProcess(['--archive', dir, ...args]);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-check-');
    archive = join(tmp.dir, 'kho');
    const src = join(tmp.dir, 'src');
    mkdirSync(src);
    for (let i = 1; i <= 3; i++)
      writeFileSync(join(src, `vb-${i}.txt`), `THÔNG BÁO\nSố: ${i}/TB-VP\nVề việc họp lần ${i}\n`);
    expect((await cli(archive, 'import', src)).code).toBe(EXIT.OK);
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('reports the schema version and the counts, also while another process holds the archive', async () => {
    const r = await cli(archive, '--json', 'check');
    expect(r.code, r.stdout + r.stderr).toBe(EXIT.OK);
    const report = JSON.parse(r.stdout) as CheckReportDto;
    expect(report.schemaVersion).toBe(SCHEMA_VERSION);
    expect(report.full).toBe(true);
    expect(report.counts['documents']).toBe(3);
    expect(report.counts['filesHashed']).toBe(3);
    const quick = JSON.parse((await cli(archive, '--json', 'check', '--quick')).stdout) as CheckReportDto;
    expect(quick.full).toBe(false);
    expect(quick.counts['filesHashed']).toBe(0);

    const child = await holdArchiveInChild(archive);
    try {
      const held = await cli(archive, 'check');
      expect(held.code, held.stderr).toBe(EXIT.OK);
      expect(held.stdout).toContain('3 văn bản/documents');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('a smashed table page: still a report, naming the damage, exit 6', async () => {
    const dir = join(tmp.dir, 'smashed');
    cpSync(archive, dir, { recursive: true });
    const file = join(dir, 'archive.sqlite');
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = db
      .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'pages'")
      .pluck()
      .get() as number;
    db.close();
    const fd = openSync(file, 'r+');
    try {
      writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize);
    } finally {
      closeSync(fd);
    }
    const r = await cli(dir, '--json', 'check');
    expect(r.code, r.stdout + r.stderr).toBe(EXIT.ARCHIVE_CORRUPT);
    const report = JSON.parse(r.stdout) as CheckReportDto;
    expect(report.ok).toBe(false);
    expect(report.schemaVersion).toBe(SCHEMA_VERSION);
    expect(report.problems.map((p) => p.code)).toContain('db_data_damaged');
  });
});
