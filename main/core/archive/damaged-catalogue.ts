// What can still be read from a damaged catalogue (archive.sqlite kept aside by recovery,
// core/ingest/recover-archive.ts): the original names of the stored files. Here beside the other
// SQL of the files table, so recovery (ingest) reaches no table itself (issue 13's storage seam).

import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';

/** sha256 → original name of the main file, from whatever of the damaged database still reads. */
export function readOriginalNames(file: string): Map<string, string> {
  const names = new Map<string, string>();
  if (!existsSync(file)) return names;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare('SELECT sha256, original_name FROM files').iterate() as Iterable<{
      sha256: unknown;
      original_name: unknown;
    }>;
    for (const r of rows) {
      if (typeof r.sha256 === 'string' && typeof r.original_name === 'string' && r.original_name) {
        names.set(r.sha256, r.original_name.normalize('NFC'));
      }
    }
  } catch {
    // Empty, zeroed or damaged beyond reading: the names read so far are all there is.
  } finally {
    try {
      db?.close();
    } catch {
      /* already unusable */
    }
  }
  return names;
}
