// The recent list (main/host/recent-archives.ts) with a shared archive beside local folders: what a
// next start of the desktop app reads back from the JSON file — the address, the pinned fingerprint,
// whether to reconnect — and going back to a local archive.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecentArchives } from '../../main/host/recent-archives.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

const PIN = 'AB:'.repeat(31) + 'AB';
const URL_A = 'https://kho.ubnd.local:8443/';

describe('recent archives with a shared archive', () => {
  let tmp: TempDir;
  let file: string;
  let local: string;
  beforeEach(async () => {
    tmp = await makeTempDir('vankho-recent-');
    file = join(tmp.dir, 'config', 'recent-archives.json');
    local = join(tmp.dir, 'kho');
    mkdirSync(local);
  });
  afterEach(() => tmp.cleanup());

  it('keeps the address and the pin across starts, and reconnects to it first', () => {
    const first = new RecentArchives(file);
    first.add(local);
    first.addShared({ url: URL_A, fingerprint: PIN });
    first.addShared({ url: 'http://127.0.0.1:8080/', fingerprint: null });
    first.addShared({ url: URL_A, fingerprint: PIN }); // again: moves up, not listed twice

    const next = new RecentArchives(file); // the next start
    const list = next.list();
    expect(list.map((r) => r.dir)).toEqual([URL_A, 'http://127.0.0.1:8080/', local]);
    expect(list[0]).toMatchObject({
      name: 'kho.ubnd.local:8443',
      exists: true,
      server: { url: URL_A, pinned: true },
    });
    expect(list[1]!.server).toEqual({ url: 'http://127.0.0.1:8080/', pinned: false });
    expect(list[2]!.server).toBeUndefined();
    expect(list[2]).toMatchObject({ name: 'kho', exists: true });
    expect(next.lastShared()).toEqual({ url: URL_A, fingerprint: PIN });
    expect(next.shared(URL_A)?.fingerprint).toBe(PIN);
    expect(next.shared('https://other:1/')).toBeNull();
  });

  it('goes back to the local archive: the shared one stays listed below it, and the start opens the folder', () => {
    const r = new RecentArchives(file);
    r.add(local);
    r.addShared({ url: URL_A, fingerprint: PIN });
    r.leaveShared(URL_A);
    const next = new RecentArchives(file);
    expect(next.lastShared()).toBeNull();
    expect(next.list().map((x) => x.dir)).toEqual([local, URL_A]);
    expect(next.shared(URL_A)?.fingerprint).toBe(PIN);
    // Opening a folder while connected puts the folder first too.
    next.addShared({ url: URL_A, fingerprint: PIN });
    next.add(local);
    expect(new RecentArchives(file).lastShared()).toBeNull();
    next.forget(URL_A);
    expect(new RecentArchives(file).list().map((x) => x.dir)).toEqual([local]);
  });

  it('reads lists written before shared archives, and skips malformed entries', () => {
    mkdirSync(join(tmp.dir, 'config'));
    writeFileSync(
      file,
      JSON.stringify([
        { dir: local, openedAt: '2026-01-01T00:00:00.000Z' },
        { server: { url: URL_A }, openedAt: 'x' }, // no fingerprint field
        { server: 'nope', openedAt: 'x' },
        { dir: 5, openedAt: 'x' },
      ]),
    );
    const r = new RecentArchives(file);
    expect(r.list().map((x) => x.dir)).toEqual([local]);
    r.addShared({ url: URL_A, fingerprint: null });
    const stored = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
    expect(stored[0]).toMatchObject({ server: { url: URL_A, fingerprint: null } });
    expect(stored).toHaveLength(2);
  });
});
