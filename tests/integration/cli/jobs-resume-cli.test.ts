// Durable jobs (issue 13): a real `vankho reextract --all` child process is SIGKILLed after its third
// finished document; the next open marks the job interrupted, `vankho jobs` lists it as resumable,
// and `vankho jobs resume` re-extracts only the documents the killed run had not finished. The same
// for a recovery killed after its third filed original: the archive it was building lists it as
// interrupted, and the resume files only the originals the killed run had not.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDto } from '../../../main/contract/dto.js';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { openArchive } from '../../../main/core/archive/archive.js';
import { checkArchive } from '../../../main/core/archive/check-archive.js';
import { repoPath } from '../../helpers/repo-root.js';
import { runCliInProcess, type CliRun } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const KILL_AFTER = 3;

function json<T>(r: CliRun): T {
  return JSON.parse(r.stdout) as T;
}

function runChild(args: string[], env: Record<string, string>): Promise<{ signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, [repoPath('bin/vankho.mjs'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve({ signal })));
}

async function expectHealthy(dir: string): Promise<void> {
  const a = openArchive(dir);
  try {
    expect((await checkArchive(a, { full: true })).ok).toBe(true);
  } finally {
    a.close();
  }
}

describe('a job survives a restart', () => {
  let tmp: TempDir;
  let dir: string;
  let documents: number;
  const cli = (...args: string[]): Promise<CliRun> => runCliInProcess(['--archive', dir, ...args]);
  const cliAt = (at: string, ...args: string[]): Promise<CliRun> =>
    runCliInProcess(['--archive', at, ...args]);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-jobs-');
    dir = join(tmp.dir, 'kho');
    const r = await cli('--json', 'import', repoPath('resources', 'samples'));
    expect(r.code, r.stderr).toBe(EXIT.OK);
    documents = json<{ imported: number }>(r).imported;
    expect(documents).toBeGreaterThan(KILL_AFTER + 2);
  }, 120_000);
  afterAll(() => tmp?.cleanup());

  it('kill during reextract → listed as interrupted → resumes with the rest only', async () => {
    const killed = await runChild(['--archive', dir, '--json', 'reextract', '--all'], {
      VANKHO_FAULT: `reextract:document-done:${KILL_AFTER}`,
    });
    expect(killed.signal).toBe('SIGKILL');

    const listed = await cli('--json', 'jobs');
    expect(listed.code, listed.stderr).toBe(EXIT.OK);
    const jobs = json<{ jobs: JobDto[] }>(listed).jobs;
    const interrupted = jobs.find((j) => j.kind === 'reextract');
    expect(interrupted).toMatchObject({ state: 'interrupted', resumable: true, actor: 'local' });

    const human = await cli('jobs');
    expect(human.stdout).toContain('bị gián đoạn / interrupted');
    expect(human.stdout).toContain(`vankho jobs resume ${interrupted!.jobId}`);

    const resumed = await cli('--json', 'jobs', 'resume', interrupted!.jobId);
    expect(resumed.code, resumed.stderr).toBe(EXIT.OK);
    const out = json<{
      state: string;
      result: { total: number; failed: number; outcomes: { documentId: number }[] };
    }>(resumed);
    expect(out.state).toBe('done');
    // The killed run had finished KILL_AFTER documents; only the others were extracted again.
    expect(out.result.total).toBe(documents - KILL_AFTER);
    expect(out.result.failed).toBe(0);
    expect(new Set(out.result.outcomes.map((o) => o.documentId)).size).toBe(documents - KILL_AFTER);

    const after = json<{ jobs: JobDto[] }>(await cli('--json', 'jobs')).jobs;
    expect(after.find((j) => j.jobId === interrupted!.jobId)).toMatchObject({
      state: 'interrupted',
      resumable: false,
    });
    expect(after.filter((j) => j.kind === 'reextract' && j.state === 'done')).toHaveLength(1);

    // Taken up once: a second resume is refused, with the contract's error and a usage exit code.
    const again = await cli('--json', 'jobs', 'resume', interrupted!.jobId);
    expect(again.code).toBe(EXIT.USAGE);
    expect(json<{ error: { code: string } }>(again).error.code).toBe('JOB_NOT_RESUMABLE');
    expect((await cli('jobs', 'resume', 'reextract-unknown')).code).toBe(EXIT.NOT_FOUND);

    await expectHealthy(dir);
  }, 180_000);

  it('kill during recover → the new archive lists it as interrupted → resumes with the rest only', async () => {
    const out = join(tmp.dir, 'dung-lai');
    const killed = await runChild(['--archive', dir, '--json', 'recover', '--out', out], {
      VANKHO_FAULT: `import:after-commit:${KILL_AFTER}`,
    });
    expect(killed.signal).toBe('SIGKILL');

    const jobs = json<{ jobs: JobDto[] }>(await cliAt(out, '--json', 'jobs')).jobs;
    const interrupted = jobs.find((j) => j.kind === 'recover');
    expect(interrupted).toMatchObject({ state: 'interrupted', resumable: true, actor: 'local' });

    const resumed = await cliAt(out, '--json', 'jobs', 'resume', interrupted!.jobId);
    expect(resumed.code, resumed.stderr).toBe(EXIT.OK);
    const end = json<{ state: string; result: { imported: number; duplicates: number; failed: number } }>(
      resumed,
    );
    expect(end.state).toBe('done');
    expect(end.result).toMatchObject({ imported: documents - KILL_AFTER, duplicates: KILL_AFTER, failed: 0 });
    expect(json<{ total: number }>(await cliAt(out, '--json', 'list')).total).toBe(documents);
    await expectHealthy(out);
  }, 180_000);
});
