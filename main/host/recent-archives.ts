// The list of recently opened archives, kept as a small JSON file in the user's config folder.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { RecentArchive } from '../contract/dto.js';
import type { RecentList } from '../core/app/ports.js';

const MAX_RECENT = 10;

interface StoredRecent {
  dir: string;
  openedAt: string;
}

export class RecentArchives implements RecentList {
  /** @param file JSON file path, or null to keep the list in memory only (web mode, tests). */
  constructor(private readonly file: string | null) {}

  private memory: StoredRecent[] = [];

  list(): RecentArchive[] {
    return this.read().map((r) => ({
      dir: r.dir,
      name: basename(r.dir),
      openedAt: r.openedAt,
      exists: existsSync(r.dir),
    }));
  }

  add(dir: string): void {
    const next = [
      { dir, openedAt: new Date().toISOString() },
      ...this.read().filter((r) => r.dir !== dir),
    ].slice(0, MAX_RECENT);
    this.write(next);
  }

  private read(): StoredRecent[] {
    if (this.file === null) return this.memory;
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (r): r is StoredRecent =>
          typeof r === 'object' && r !== null && typeof r.dir === 'string' && typeof r.openedAt === 'string',
      );
    } catch {
      return [];
    }
  }

  private write(list: StoredRecent[]): void {
    if (this.file === null) {
      this.memory = list;
      return;
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(list, null, 2));
    renameSync(tmp, this.file);
  }
}
