import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { appError, type AppError } from '../../contract/errors.js';

export interface WalkedFile {
  path: string;
  size: number;
  /** The name to file it under when not its own (recovery: the stored original's lost name). */
  name?: string;
}

export interface WalkProblem {
  path: string;
  error: AppError;
}

// Operating-system clutter that is never a document.
const SKIP_NAMES = new Set([
  '.DS_Store',
  'Thumbs.db',
  'desktop.ini',
  '.git',
  '.svn',
  'node_modules',
  '__MACOSX',
]);

/** File-system calls of the walk, replaceable in tests (root ignores permissions, so EACCES can't be caused). */
export interface WalkFs {
  readdir: (dir: string) => string[];
}

const NODE_FS: WalkFs = { readdir: (dir) => readdirSync(dir) };

/**
 * Expands the paths given to an import into files: folders recursively (sorted by name, hidden and
 * OS clutter skipped, symlink loops cut by real path, the archive's own folder never entered). A file
 * named explicitly is always taken. Paths that cannot be read become problems, not exceptions: a
 * folder whose entries cannot be listed (EACCES, EPERM, …) is FOLDER_UNREADABLE, a file or path that
 * cannot be examined FILE_UNREADABLE.
 */
export function walkPaths(
  paths: string[],
  excludeDir?: string,
  fs: WalkFs = NODE_FS,
): { files: WalkedFile[]; problems: WalkProblem[] } {
  const files: WalkedFile[] = [];
  const problems: WalkProblem[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const exclude = excludeDir ? safeRealpath(excludeDir) : null;

  const addFile = (p: string, size: number): void => {
    const key = safeRealpath(p) ?? p;
    if (seenFiles.has(key)) return;
    seenFiles.add(key);
    files.push({ path: p, size });
  };

  const walkDir = (dir: string): void => {
    const real = safeRealpath(dir);
    if (!real || seenDirs.has(real)) return;
    if (exclude && (real === exclude || real.startsWith(exclude + sep))) return;
    seenDirs.add(real);
    let names: string[];
    try {
      names = fs.readdir(dir).sort();
    } catch (e) {
      problems.push({ path: dir, error: unreadable(e, 'FOLDER_UNREADABLE') });
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || SKIP_NAMES.has(name) || name.startsWith('~$')) continue;
      visit(join(dir, name), false);
    }
  };

  /** Stats a path and walks it; `given` paths that are neither file nor folder are reported. */
  function visit(p: string, given: boolean): void {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      problems.push({ path: p, error: unreadable(e) });
      return;
    }
    if (st.isDirectory()) walkDir(p);
    else if (st.isFile()) addFile(p, st.size);
    else if (given) problems.push({ path: p, error: appError('FILE_UNREADABLE', 'not a regular file') });
  }

  for (const given of paths) visit(resolve(given), true);
  return { files, problems };
}

function unreadable(e: unknown, as: 'FILE_UNREADABLE' | 'FOLDER_UNREADABLE' = 'FILE_UNREADABLE'): AppError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return appError(as, code ?? undefined);
}

function safeRealpath(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}
