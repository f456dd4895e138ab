import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Walk up from this file to the folder holding package.json, so the helpers work wherever the repo
// is cloned (CI clones it elsewhere).
function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tests', 'helpers'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`repo root not found above ${start}`);
    dir = parent;
  }
}

/** Absolute path of the repository root (the folder with package.json). */
export const repoRoot: string = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

/** Path inside the repository. */
export function repoPath(...parts: string[]): string {
  return resolve(repoRoot, ...parts);
}

/** Path inside the project's copy of the team's test data (`tests/fixtures/shared/`, see its README). */
export function testdata(...parts: string[]): string {
  return resolve(repoRoot, 'tests', 'fixtures', 'shared', ...parts);
}
