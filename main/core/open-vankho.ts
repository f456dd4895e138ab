// The one way app code (Electron host, web mode, CLI, tests, benchmark) opens an archive: the archive
// itself plus its search engine, whose write hooks keep the indexes equal to the data, and the trash
// hooks of the modules above the archive (hồ sơ places, read grants).

import { openArchive, type Archive, type OpenArchiveOptions } from './archive/archive.js';
import { needsMigration } from './archive/database.js';
import { citationRuleBehind, reresolveAutomaticCitations } from './archive/enrich-document.js';
import { VanKhoError } from './errors/vankho-error.js';
import { addTrashHook } from './archive/trash.js';
import { ACCESS_GRANTS_TRASH_HOOK } from './accounts/units-store.js';
import { RECORD_PLACES_TRASH_HOOK } from './records/records-store.js';
import { seedRetentionTables } from './records/retention-store.js';
import { createSearchService, type SearchService } from './search/search-service.js';
import { searchSourceOf } from './app/search-source.js';
import { tiffBoxesBehind, turnTiffBoxesUpright } from './ocr/tiff-upright.js';

export interface VanKho {
  archive: Archive;
  search: SearchService;
  /** Persists in-memory indexes, detaches the search hooks and closes the archive (releasing its lock). */
  close(): void;
}

/**
 * Registers the trash hooks of the modules above the archive, so a document's hồ sơ places and read
 * grants go through the trash (and an identity merge) with it. openVanKho calls it; code that opens
 * an archive itself (a test, a tool) calls it before deleting, restoring or merging documents — the
 * trash refuses to run without them.
 */
export function addDocumentTrashHooks(archive: Archive): void {
  addTrashHook(archive, RECORD_PLACES_TRASH_HOOK);
  addTrashHook(archive, ACCESS_GRANTS_TRASH_HOOK);
}

export function openVanKho(dir: string, opts: OpenArchiveOptions = {}): VanKho {
  const archive = openArchive(dir, opts);
  addDocumentTrashHooks(archive);
  try {
    // Once per archive, after the migration that made the tables (a no-op read-only or once done).
    if (!archive.readonly && archive.integrity?.ok !== false) {
      seedRetentionTables(archive);
      // Links an older resolution rule made (a citation taken to another province's document of the
      // same number) are made right once, with nothing for the user to do.
      if (citationRuleBehind(archive.db)) archive.write(reresolveAutomaticCitations);
      // Boxes of TIFF pages read before the Orientation tag turned them are laid on the upright page.
      if (tiffBoxesBehind(archive)) turnTiffBoxesUpright(archive);
    }
  } catch (e) {
    archive.close();
    throw e;
  }
  return withSearch(archive);
}

/**
 * Opens an existing archive to read and search it without its lock, so reading commands work while
 * the app, web mode or an import holds it; nothing in the folder is written (SQLite only adds the
 * empty -wal and the -shm index a WAL reader needs when no writer left them). When nobody holds it
 * and it needs a write first (an older schema, links of an older citation rule, TIFF boxes on the
 * stored pixels, a search index behind the data), it is opened writable instead, which brings it up to date; when it is held, the holder
 * has done that.
 */
export function openVanKhoForReading(
  dir: string,
  opts: Pick<OpenArchiveOptions, 'nativeBinding'> = {},
): VanKho {
  const ro = openArchive(dir, { ...opts, create: false, readonly: true });
  if (!needsMigration(ro.db) && !citationRuleBehind(ro.db) && !tiffBoxesBehind(ro)) {
    const vk = withSearch(ro);
    if (!vk.search.behind()) return vk;
    vk.close();
  } else ro.close();
  try {
    return openVanKho(dir, { ...opts, create: false });
  } catch (e) {
    if (!(e instanceof VanKhoError && e.appError.code === 'ARCHIVE_LOCKED')) throw e;
    return openVanKho(dir, { ...opts, create: false, readonly: true });
  }
}

function withSearch(archive: Archive): VanKho {
  let search: SearchService;
  try {
    search = createSearchService(archive, searchSourceOf(archive));
  } catch (e) {
    archive.close();
    throw e;
  }
  let closed = false;
  return {
    archive,
    search,
    close() {
      if (closed) return;
      closed = true;
      try {
        search.close();
      } finally {
        archive.close();
      }
    },
  };
}
