import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import {
  makeOwnedTempDir,
  OWNER_MARKER,
  PARTIALS_DIR,
  sweepStaleTempDirs,
} from '../../main/core/archive/temp-owner.js';
import { repoPath } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { seedArchive } from './export-seed.js';

// Issue 17 item 5: partial exports/backups and temp folders of a killed run are removed by the next
// open / start; those of a live writer are left alone.

let tmp: TempDir;
let a: Archive;
const archiveDir = (): string => join(tmp.dir, 'A');

beforeEach(async () => {
  tmp = await makeTempDir('vankho-partials-');
  a = openArchive(archiveDir());
  const chunk = (i: number): Buffer => Buffer.alloc(1024 * 1024, i + 1);
  await seedArchive(
    a,
    [0, 1].map((i) => ({
      title: `Tài liệu lớn ${i}`,
      files: [
        {
          name: `lon-${i}.pdf`,
          bytes: Buffer.concat(Array.from({ length: 16 }, () => chunk(i))),
          mediaType: 'application/pdf',
        },
      ],
    })),
  );
  a.close();
});
afterEach(async () => {
  await tmp.cleanup();
});

const partialsIn = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.partial'));

/** Starts an export in a child process and resolves once it is blocked mid-way (bytes written). */
async function exportBlockedMidway(out: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [repoPath('bin/run-ts.mjs'), repoPath('tests/integration/export-child.ts'), archiveDir(), out, '--block'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('mid')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`child ended early (${code})`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  const closed = new Promise((r) => child.on('close', r));
  child.kill('SIGKILL');
  await closed;
}

describe('partial exports of a killed writer', () => {
  it('the next open removes the partial of an export killed with SIGKILL', async () => {
    const outDir = join(tmp.dir, 'out');
    mkdirSync(outDir);
    const child = await exportBlockedMidway(join(outDir, 'goi.zip'));
    await kill(child);
    const [left] = partialsIn(outDir);
    expect(left).toMatch(new RegExp(`^\\.goi\\.zip\\.${child.pid}-[0-9a-f]{8}\\.[0-9a-f]{12}\\.partial$`));
    expect(statSync(join(outDir, left!)).size).toBeGreaterThan(0);
    // The export went to a folder of its own; the archive recorded where.
    expect(readdirSync(join(archiveDir(), PARTIALS_DIR))).toHaveLength(1);

    const b = openArchive(archiveDir());
    try {
      expect(b.sweep.partialsRemoved).toEqual([join(outDir, left!)]);
    } finally {
      b.close();
    }
    expect(partialsIn(outDir)).toEqual([]);
    expect(readdirSync(join(archiveDir(), PARTIALS_DIR))).toEqual([]);
    expect(existsSync(join(outDir, 'goi.zip'))).toBe(false);
  });

  it('keeps the partial of a writer that is still alive, and removes it once that writer is killed', async () => {
    const child = await exportBlockedMidway(join(tmp.dir, 'dang-ghi.zip'));
    let left: string[];
    try {
      left = partialsIn(tmp.dir);
      expect(left).toHaveLength(1);
      const b = openArchive(archiveDir());
      try {
        expect(b.sweep.partialsRemoved).toEqual([]);
      } finally {
        b.close();
      }
      expect(partialsIn(tmp.dir)).toEqual(left);
    } finally {
      await kill(child);
    }
    const c = openArchive(archiveDir());
    try {
      expect(c.sweep.partialsRemoved).toEqual([join(tmp.dir, left[0]!)]);
    } finally {
      c.close();
    }
    expect(partialsIn(tmp.dir)).toEqual([]);
  });

  it('in the archive folder: removes an old partial of unknown owner, keeps a fresh one', () => {
    const old = join(archiveDir(), '.cu.zip.0123456789ab.partial');
    const fresh = join(archiveDir(), '.moi.zip.ba9876543210.partial');
    writeFileSync(old, 'x');
    writeFileSync(fresh, 'x');
    const twoDaysAgo = (Date.now() - 2 * 24 * 3600 * 1000) / 1000;
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    const b = openArchive(archiveDir());
    b.close();
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});

describe('temp folders of a killed session', () => {
  it('removes folders whose owner process is gone, keeps live ones and fresh unmarked ones', () => {
    const parent = join(tmp.dir, 'tmp');
    mkdirSync(parent);
    const live = makeOwnedTempDir(parent, 'vankho-uploads-');
    writeFileSync(join(live, 'a.pdf'), 'x');
    // A real process that has exited: its pid is not alive (pid reuse within the test is negligible).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(dead.stdout.toString());
    const gone = makeOwnedTempDir(parent, 'vankho-exports-');
    const marker = JSON.parse(readFileSync(join(gone, OWNER_MARKER), 'utf8')) as { host: string };
    writeFileSync(join(gone, OWNER_MARKER), JSON.stringify({ pid: deadPid, host: marker.host }));
    const unmarked = join(parent, 'vankho-uploads-old');
    mkdirSync(unmarked);
    const other = join(parent, 'something-else');
    mkdirSync(other);

    expect(sweepStaleTempDirs(parent, ['vankho-uploads-', 'vankho-exports-'])).toEqual([gone]);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(unmarked)).toBe(true);
    expect(existsSync(other)).toBe(true);

    const twoDaysAgo = (Date.now() - 2 * 24 * 3600 * 1000) / 1000;
    utimesSync(unmarked, twoDaysAgo, twoDaysAgo);
    expect(sweepStaleTempDirs(parent, ['vankho-uploads-'])).toEqual([unmarked]);
  });
});
