// The list of recently opened archives, kept as a small JSON file in the user's config folder:
// local folders, and shared archives (a `vankho serve` the desktop app connected to, with the
// certificate fingerprint pinned at the first connection, main/host/shared-server.ts). The host
// worker adds folders; the Electron main process adds shared archives; each write re-reads the file.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { RecentArchive } from '../contract/dto.js';
import type { RecentList } from '../core/app/ports.js';
import type { SharedServer } from './shared-server.js';

const MAX_RECENT = 10;

interface StoredLocal {
  dir: string;
  openedAt: string;
}
interface StoredShared {
  server: SharedServer;
  openedAt: string;
}
type Stored = StoredLocal | StoredShared;

const isShared = (r: Stored): r is StoredShared => 'server' in r;
const keyOf = (r: Stored): string => (isShared(r) ? r.server.url : r.dir);

function valid(r: unknown): r is Stored {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  if (typeof o.openedAt !== 'string') return false;
  if (typeof o.dir === 'string') return true;
  const s = o.server as Record<string, unknown> | undefined;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.url === 'string' &&
    (s.fingerprint === null || typeof s.fingerprint === 'string')
  );
}

export class RecentArchives implements RecentList {
  /** @param file JSON file path, or null to keep the list in memory only (web mode, tests). */
  constructor(private readonly file: string | null) {}

  private memory: Stored[] = [];

  list(): RecentArchive[] {
    return this.read().map((r) =>
      isShared(r)
        ? {
            dir: r.server.url,
            name: new URL(r.server.url).host,
            openedAt: r.openedAt,
            exists: true,
            server: { url: r.server.url, pinned: r.server.fingerprint !== null },
          }
        : { dir: r.dir, name: basename(r.dir), openedAt: r.openedAt, exists: existsSync(r.dir) },
    );
  }

  add(dir: string): void {
    this.put({ dir, openedAt: new Date().toISOString() });
  }

  /** A shared archive just connected to goes first (so the next start reconnects), with its pin. */
  addShared(server: SharedServer): void {
    this.put({ server, openedAt: new Date().toISOString() });
  }

  /** The shared archive at this address as stored (its pinned fingerprint), or null. */
  shared(url: string): SharedServer | null {
    const found = this.read().find((r) => isShared(r) && r.server.url === url);
    return found && isShared(found) ? found.server : null;
  }

  /** The shared archive to reconnect to at start: the first entry, when it is one. */
  lastShared(): SharedServer | null {
    const first = this.read()[0];
    return first && isShared(first) ? first.server : null;
  }

  /**
   * Back to local archives: the shared one moves below the first local folder, so the next start
   * opens that folder. It stays listed, with its pin, to reconnect later.
   */
  leaveShared(url: string): void {
    const list = this.read();
    const entry = list.find((r) => isShared(r) && r.server.url === url);
    if (!entry) return;
    const rest = list.filter((r) => r !== entry);
    const firstLocal = rest.findIndex((r) => !isShared(r));
    rest.splice(firstLocal === -1 ? rest.length : firstLocal + 1, 0, entry);
    this.write(rest);
  }

  /** Removes an entry (the archive screen's remove, or a certificate change the user checked, to pin anew). */
  forget(key: string): void {
    this.write(this.read().filter((r) => keyOf(r) !== key));
  }

  private put(entry: Stored): void {
    const key = keyOf(entry);
    this.write([entry, ...this.read().filter((r) => keyOf(r) !== key)].slice(0, MAX_RECENT));
  }

  private read(): Stored[] {
    if (this.file === null) return this.memory;
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(valid);
    } catch {
      return [];
    }
  }

  private write(list: Stored[]): void {
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
