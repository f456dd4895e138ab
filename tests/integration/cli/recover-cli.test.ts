// An archive whose database was zeroed or deleted is damaged, never new (issue 17 item 1): every
// command refuses it (exit 6) without touching a file, and `vankho recover` rebuilds the catalogue
// from the stored originals, in a new folder or in place (the damaged database kept aside).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { JobDto } from '../../../main/contract/dto.js';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { runCliInProcess, type CliRun } from '../../helpers/run-cli-in-process.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

interface ListJson {
  total: number;
  items: Array<{
    id: number;
    metadata: Record<string, string | null>;
    fileNames: string[];
    textStatus: string;
  }>;
}
interface CheckJson {
  ok: boolean;
  counts: { documents: number; files: number; errors: number; warnings: number };
}
interface RecoverJson {
  ok: boolean;
  imported: number;
  failed: number;
  originalsFound: number;
  namesRecovered: number;
  damagedDbKeptAs: string | null;
}

function json<T>(r: CliRun): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
}

/** Every file under dir (relative paths), to prove a refused command changed nothing. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const n of readdirSync(d).sort()) {
      const abs = join(d, n);
      if (statSync(abs).isDirectory()) walk(abs, `${rel}${n}/`);
      else out.push(`${rel}${n}:${statSync(abs).size}`);
    }
  };
  walk(dir, '');
  return out;
}

const samples = repoPath('resources', 'samples');
const sampleCount = readdirSync(samples).filter((f) => !f.startsWith('.')).length;

describe('an archive whose database was lost', { timeout: 240_000 }, () => {
  let tmp: TempDir;
  let healthy: string;
  let original: ListJson;
  const cli = (dir: string, ...args: string[]): Promise<CliRun> =>
    runCliInProcess(['--archive', dir, ...args]);

  /** A copy of the healthy archive whose archive.sqlite is zeroed (WAL and SHM removed). */
  const zeroedCopy = (name: string): string => {
    const dir = join(tmp.dir, name);
    cpSync(healthy, dir, { recursive: true });
    truncateSync(join(dir, 'archive.sqlite'), 0);
    rmSync(join(dir, 'archive.sqlite-wal'), { force: true });
    rmSync(join(dir, 'archive.sqlite-shm'), { force: true });
    return dir;
  };

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-recover-');
    healthy = join(tmp.dir, 'healthy');
    const imported = await cli(healthy, 'import', samples);
    expect(imported.code, imported.stderr).toBe(EXIT.OK);
    expect((await cli(healthy, 'tag', 'add', '1', 'Kinh tế')).code).toBe(EXIT.OK);
    original = json<ListJson>(await cli(healthy, '--json', 'list', '--sort', 'id'));
    expect(original.total).toBe(sampleCount);
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('is refused by every command with exit 6 and a way out, and nothing is changed', async () => {
    const dir = zeroedCopy('zeroed');
    const before = snapshot(dir);
    for (const args of [
      ['check'],
      ['list'],
      ['search', 'kế hoạch'],
      ['import', samples],
      ['tag', 'add', '1', 'x'],
    ]) {
      const r = await cli(dir, ...args);
      expect(r.code, `${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(EXIT.ARCHIVE_CORRUPT);
      expect(r.stderr).toContain('Cơ sở dữ liệu của kho bị hỏng');
      expect(r.stderr).toContain(`kho còn ${sampleCount} tệp gốc`);
      expect(r.stderr).toContain('recover');
      expect(r.stderr).toContain('Restore a backup');
    }
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(dir, 'quarantine'))).toBe(false);
    expect(statSync(join(dir, 'archive.sqlite')).size).toBe(0);

    // A deleted database is the same damage.
    rmSync(join(dir, 'archive.sqlite'));
    const missing = await cli(dir, '--json', 'check');
    expect(missing.code).toBe(EXIT.ARCHIVE_CORRUPT);
    expect(json<{ error: { code: string } }>(missing).error.code).toBe('ARCHIVE_CORRUPT');
    // The same for the commands that go through the contract's session (not "no archive here").
    for (const args of [['search', 'kế hoạch'], ['list'], ['show', '1']]) {
      const r = await cli(dir, ...args);
      expect(r.code, args.join(' ')).toBe(EXIT.ARCHIVE_CORRUPT);
      expect(r.stderr).toContain('recover');
    }
    expect(existsSync(join(dir, 'archive.sqlite'))).toBe(false);
  });

  it('recover --out rebuilds every document in a new archive and leaves the damaged one as it was', async () => {
    const dir = zeroedCopy('zeroed-out');
    const before = snapshot(dir);
    const out = join(tmp.dir, 'rebuilt');
    const r = json<RecoverJson>(await cli(dir, '--json', 'recover', '--out', out));
    expect(r).toMatchObject({ ok: true, imported: sampleCount, failed: 0, originalsFound: sampleCount });
    expect(r.namesRecovered).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    // The recovery is a job of the archive it built.
    const jobs = json<{ jobs: JobDto[] }>(await cli(out, '--json', 'jobs')).jobs;
    expect(jobs.filter((j) => j.kind === 'recover')).toMatchObject([
      {
        state: 'done',
        actor: 'local',
        resumable: false,
        progress: { done: sampleCount, total: sampleCount },
      },
    ]);

    const check = json<CheckJson>(await cli(out, '--json', 'check'));
    expect(check.ok).toBe(true);
    expect(check.counts).toMatchObject({
      documents: sampleCount,
      files: sampleCount,
      errors: 0,
      warnings: 0,
    });
    const rebuilt = json<ListJson>(await cli(out, '--json', 'list', '--sort', 'id'));
    // Same extracted numbers and text status; names are the SHA-256 with the type read from the bytes.
    const key = (l: ListJson): string[] =>
      l.items.map((i) => `${i.metadata['number']}|${i.textStatus}`).sort();
    expect(key(rebuilt)).toEqual(key(original));
    const exts = rebuilt.items.map((i) => i.fileNames[0]!.replace(/^[0-9a-f]{64}/, '')).sort();
    const sourceExts = readdirSync(samples)
      .filter((f) => !f.startsWith('.'))
      .map((f) => f.slice(f.lastIndexOf('.')))
      .sort();
    expect(exts).toEqual(sourceExts);
  });

  it('recover in place keeps the damaged database aside and the archive passes check and search', async () => {
    const dir = zeroedCopy('zeroed-in-place');
    const plain = await cli(dir, 'recover');
    expect(plain.code, plain.stderr).toBe(EXIT.OK);
    expect(plain.stdout).toContain(`tệp mang tên SHA-256`);
    expect(plain.stdout).toContain('restore it instead');
    const aside = readdirSync(dir).filter((n) => n.startsWith('archive.sqlite.damaged-'));
    expect(aside).toHaveLength(1);
    expect(statSync(join(dir, aside[0]!)).size).toBe(0);
    const jobs = json<{ jobs: JobDto[] }>(await cli(dir, '--json', 'jobs')).jobs;
    expect(jobs.filter((j) => j.kind === 'recover').map((j) => j.state)).toEqual(['done']);

    const check = json<CheckJson>(await cli(dir, '--json', 'check'));
    expect(check.counts).toMatchObject({ documents: sampleCount, errors: 0, warnings: 0 });
    const found = json<{ total: number }>(await cli(dir, '--json', 'search', 'ke hoach'));
    expect(found.total).toBeGreaterThan(0);
  });

  it('refuses to rebuild a healthy archive in place; --out keeps names still readable in the old database', async () => {
    const refused = await cli(healthy, 'recover');
    expect(refused.code).toBe(EXIT.USAGE);
    expect(refused.stderr).toContain('không hỏng');
    expect(json<ListJson>(await cli(healthy, '--json', 'list')).total).toBe(sampleCount);

    const out = join(tmp.dir, 'copy-with-names');
    const r = json<RecoverJson>(await cli(healthy, '--json', 'recover', '--out', out));
    expect(r).toMatchObject({ ok: true, imported: sampleCount, namesRecovered: sampleCount });
    const names = json<ListJson>(await cli(out, '--json', 'list'))
      .items.map((i) => i.fileNames[0])
      .sort();
    expect(names).toEqual(original.items.map((i) => i.fileNames[0]).sort());
  });
});
