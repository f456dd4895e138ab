// The repository must work as a clone with nothing beside it: no code, test, script or package
// manifest may reach into a sibling `shared/` folder (the team's machines have one, users' clones don't).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath, repoRoot } from '../helpers/repo-root.js';

const ROOTS = ['main', 'preload', 'renderer/src', 'tests', 'scripts', 'bin', 'package.json', '.ci'];
const SKIP = new Set(['node_modules', 'dist', 'build', 'artifacts']);
const FIXTURE_COPY = repoPath('tests', 'fixtures', 'shared');
const TEXT = /\.(ts|tsx|mts|mjs|js|cjs|json|sh)$|^run$/;
// A relative path that climbs out of the repository into shared/ (as a string or as path.join
// parts), and the helper name the old layout used. This file itself is skipped.
// Built from parts so this file does not itself read as such a reference to a plain text search.
const OLD_HELPER = 'shared' + 'Testdata';
const SIBLING_REF = new RegExp(String.raw`\.\.[/\\]shared\b|['"]\.\.['"]\s*,\s*['"]shared['"]|` + OLD_HELPER);

function* textFiles(path: string): Generator<string> {
  const st = statSync(path);
  if (st.isFile()) {
    if (TEXT.test(path.split('/').pop() ?? '')) yield path;
    return;
  }
  if (path === FIXTURE_COPY) return; // the copy's own READMEs describe where it came from
  for (const name of readdirSync(path)) if (!SKIP.has(name)) yield* textFiles(join(path, name));
}

describe('the repository stands alone', () => {
  it('no file refers to a sibling shared/ folder', () => {
    const offenders: string[] = [];
    let scanned = 0;
    for (const root of ROOTS) {
      for (const file of textFiles(repoPath(root))) {
        scanned++;
        if (file === repoPath('tests', 'unit', 'repo-standalone.test.ts')) continue;
        if (SIBLING_REF.test(readFileSync(file, 'utf8'))) offenders.push(relative(repoRoot, file));
      }
    }
    expect(scanned).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });

  it('the pattern catches the forms a reference takes', () => {
    const up = '..';
    for (const s of [
      `resolve(root, '${up}', 'shared')`,
      `see ${up}/shared/testdata/x.json`,
      `${OLD_HELPER}("a")`,
    ])
      expect(SIBLING_REF.test(s)).toBe(true);
    expect(SIBLING_REF.test('tests/fixtures/shared/doc-numbers.json')).toBe(false);
  });
});
