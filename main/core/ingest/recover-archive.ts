// Recovery of an archive whose catalogue (archive.sqlite) was lost or damaged: every stored original
// (files/ and quarantine/ of the damaged archive) is imported again through the normal import path
// into a fresh database, so text, metadata suggestions, citations and search come back. What only
// the lost database knew — tags, values a person typed, the original file names — is gone, except
// the names still readable from the damaged database.

import { closeSync, existsSync, fstatSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Archive } from '../archive/archive.js';
import { QUARANTINE_DIR } from '../archive/archive-sweep.js';
import { readOriginalNames } from '../archive/damaged-catalogue.js';
import { FileStore } from '../archive/file-store.js';
import { importWalkedFiles } from './import-files.js';
import type { ImportOptions, ImportReport } from './import-types.js';
import { sniffExtension } from './media-type.js';
import type { WalkedFile } from './walk-paths.js';

export interface RecoverReport extends ImportReport {
  /** Originals found in files/ and quarantine/ of the damaged archive. */
  originalsFound: number;
  /** Of those, how many got back their original file name from the damaged database. */
  namesRecovered: number;
}

export interface RecoverOptions extends Omit<ImportOptions, 'maxFileSize'> {
  /** The damaged database (kept aside, or the one left in place with --out) to read file names from. */
  damagedDb?: string | null;
}

/**
 * Imports every stored original of `sourceDir` (an archive folder: its files/ and quarantine/) into
 * `archive`, which may be that same folder opened with `recover: true`. No size limit: these files
 * were accepted once and are kept whatever happens. A file whose name is lost is filed as
 * `<sha256><extension detected from its bytes>`.
 */
export async function recoverArchive(
  archive: Archive,
  sourceDir: string,
  opts: RecoverOptions = {},
): Promise<RecoverReport> {
  const { damagedDb, ...importOpts } = opts;
  const names = damagedDb ? readOriginalNames(damagedDb) : new Map<string, string>();
  const files: WalkedFile[] = [];
  let namesRecovered = 0;
  for (const path of listFiles(new FileStore(sourceDir).root).concat(
    listFiles(join(sourceDir, QUARANTINE_DIR)),
  )) {
    const size = lstatSync(path).size;
    const base = path.split(/[\\/]/).pop() ?? path;
    const known = names.get(base);
    if (known) namesRecovered++;
    files.push({ path, size, name: known ?? `${base}${sniffFile(path, size)}` });
  }
  const report = await importWalkedFiles(archive, files, [], {
    ...importOpts,
    maxFileSize: Number.MAX_SAFE_INTEGER,
  });
  return { ...report, originalsFound: files.length, namesRecovered };
}

/** Regular files under dir, recursively, sorted (files/ap/cd/<sha> order is stable). */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name);
    const st = lstatSync(abs);
    if (st.isDirectory()) out.push(...listFiles(abs));
    else if (st.isFile()) out.push(abs);
  }
  return out;
}

function sniffFile(path: string, size: number): string {
  const fd = openSync(path, 'r');
  try {
    const n = Math.min(65536, fstatSync(fd).size || size);
    const head = Buffer.alloc(n);
    const h = readSync(fd, head, 0, n, 0);
    const tail = Buffer.alloc(n);
    const t = readSync(fd, tail, 0, n, Math.max(0, size - n));
    return sniffExtension(head.subarray(0, h), tail.subarray(0, t));
  } finally {
    closeSync(fd);
  }
}
