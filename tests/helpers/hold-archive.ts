// Another process holding an archive's write lock (tests/integration/archive/hold-archive.child.ts),
// for the tests of what works and what is refused meanwhile. Kill it when done.
import { spawn, type ChildProcess } from 'node:child_process';
import { repoPath } from './repo-root.js';

/** Starts the holder on `dir` and resolves once it has the lock. */
export function holdArchiveInChild(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [repoPath('bin/run-ts.mjs'), repoPath('tests/integration/archive/hold-archive.child.ts'), dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      if (c.toString().includes('held')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${err}`)));
  });
}
