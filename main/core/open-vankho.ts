// The one way app code (Electron host, web mode, CLI, tests, benchmark) opens an archive: the archive
// itself plus its search engine, whose write hooks keep the indexes equal to the data.

import { openArchive, type Archive, type OpenArchiveOptions } from './archive/archive.js';
import { createSearchService, type SearchService } from './search/search-service.js';

export interface VanKho {
  archive: Archive;
  search: SearchService;
  /** Persists in-memory indexes, detaches the search hooks and closes the archive (releasing its lock). */
  close(): void;
}

export function openVanKho(dir: string, opts: OpenArchiveOptions = {}): VanKho {
  const archive = openArchive(dir, opts);
  let search: SearchService;
  try {
    search = createSearchService(archive);
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
