import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { appError, type AppError } from '../../contract/errors.js';

export interface WalkedFile {
  /** The path as text (absolute); a name that is not valid UTF-8 is repaired with U+FFFD here. */
  path: string;
  /** What to open when not `path` itself: its exact bytes, when some name on it is not valid UTF-8. */
  fsPath?: Buffer;
  /** Only for such names: the exact path, invalid bytes as %XX (see rawPathText). */
  rawPath?: string;
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
  /** Entry names as bytes: a name that is not valid UTF-8 must survive to be opened. */
  readdir: (dir: string | Buffer) => Buffer[];
}

const NODE_FS: WalkFs = { readdir: (dir) => readdirSync(dir, { encoding: 'buffer' }) };

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder('utf-8');

/**
 * A walked path: its text (for display, the import log and the stored original name) and what to
 * open. Names that are not valid UTF-8 (copied from an old Windows or ZIP tool in a legacy code
 * page) cannot be opened by their text, so such paths are kept as bytes. Their text is the lenient
 * UTF-8 decoding (U+FFFD for each bad sequence): an honest "unreadable character" rather than a
 * code-page guess that would look like real but wrong words; the exact bytes stay in the import log
 * (rawPath), where the source can always be found again.
 */
interface WalkPath {
  text: string;
  fs: string | Buffer;
}

function childOf(parent: WalkPath, name: Buffer): { path: WalkPath; text: string } {
  let text: string | null;
  try {
    text = STRICT_UTF8.decode(name);
  } catch {
    text = null;
  }
  if (text !== null && typeof parent.fs === 'string') {
    const p = join(parent.fs, text);
    return { path: { text: join(parent.text, text), fs: p }, text };
  }
  const shown = text ?? LENIENT_UTF8.decode(name);
  const parentBytes = typeof parent.fs === 'string' ? Buffer.from(parent.fs) : parent.fs;
  return {
    path: { text: join(parent.text, shown), fs: Buffer.concat([parentBytes, Buffer.from(sep), name]) },
    text: shown,
  };
}

/**
 * The exact bytes of a path as text: valid UTF-8 kept, every other byte and '%' itself as %XX, so
 * it reads like the path and decodes back to the same bytes.
 */
export function rawPathText(bytes: Buffer): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const n = utf8SequenceLength(bytes, i);
    if (n === 0 || bytes[i] === 0x25) {
      out += `%${bytes[i]!.toString(16).toUpperCase().padStart(2, '0')}`;
      i++;
    } else {
      out += bytes.subarray(i, i + n).toString('utf8');
      i += n;
    }
  }
  return out;
}

/** Length of the well-formed UTF-8 sequence starting at i, 0 if there is none. */
function utf8SequenceLength(b: Buffer, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  try {
    STRICT_UTF8.decode(b.subarray(i, i + n));
    return n;
  } catch {
    return 0;
  }
}

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

  const addFile = (p: WalkPath, size: number): void => {
    const key = safeRealpath(p.fs) ?? keyOf(p.fs);
    if (seenFiles.has(key)) return;
    seenFiles.add(key);
    files.push(
      typeof p.fs === 'string'
        ? { path: p.text, size }
        : { path: p.text, fsPath: p.fs, rawPath: rawPathText(p.fs), size },
    );
  };

  const walkDir = (dir: WalkPath): void => {
    const real = safeRealpath(dir.fs);
    if (!real || seenDirs.has(real)) return;
    if (exclude && (real === exclude || real.startsWith(exclude + keyOf(sep)))) return;
    seenDirs.add(real);
    let entries: Array<{ path: WalkPath; text: string }>;
    try {
      entries = fs
        .readdir(dir.fs)
        .map((name) => childOf(dir, name))
        .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    } catch (e) {
      problems.push({ path: dir.text, error: unreadable(e, 'FOLDER_UNREADABLE') });
      return;
    }
    for (const { path, text } of entries) {
      if (text.startsWith('.') || SKIP_NAMES.has(text) || text.startsWith('~$')) continue;
      visit(path, false);
    }
  };

  /** Stats a path and walks it; `given` paths that are neither file nor folder are reported. */
  function visit(p: WalkPath, given: boolean): void {
    let st;
    try {
      st = statSync(p.fs);
    } catch (e) {
      problems.push({ path: p.text, error: unreadable(e) });
      return;
    }
    if (st.isDirectory()) walkDir(p);
    else if (st.isFile()) addFile(p, st.size);
    else if (given) problems.push({ path: p.text, error: appError('FILE_UNREADABLE', 'not a regular file') });
  }

  for (const given of paths) {
    const abs = resolve(given);
    visit({ text: abs, fs: abs }, true);
  }
  return { files, problems };
}

function unreadable(e: unknown, as: 'FILE_UNREADABLE' | 'FOLDER_UNREADABLE' = 'FILE_UNREADABLE'): AppError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return appError(as, code ?? undefined);
}

/** Paths compared as their bytes (latin1 maps each byte to one character), names not valid UTF-8 included. */
function keyOf(p: string | Buffer): string {
  return (typeof p === 'string' ? Buffer.from(p) : p).toString('latin1');
}

function safeRealpath(p: string | Buffer): string | null {
  try {
    return keyOf(realpathSync(p, { encoding: 'buffer' }));
  } catch {
    return null;
  }
}
