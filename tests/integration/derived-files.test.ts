// Issue 17 item 6: the search store's derived files (impacts.bin, instant-find.bin) carry a
// checksummed header and are written durably. A truncated, bit-flipped or foreign file is never
// trusted: it is rebuilt from the database, and search answers exactly as after a fresh build. A
// write that fails on a full disk (a small tmpfs; Linux as root) leaves no .tmp and the old file
// intact; a .tmp left by a killed writer is removed at the next open.

import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../main/core/archive/archive.js';
import { sqliteIdentityRows } from '../../main/core/archive/identity-rows.js';
import { CHECKSUMMED_HEADER_BYTES, readChecksummedFile } from '../../main/core/archive/durable-file.js';
import { openVanKho } from '../../main/core/open-vankho.js';
import { sqliteFtsIndexStore } from '../../main/core/archive/fts-rows.js';
import { createFtsIndexer } from '../../main/core/search/fts-indexer.js';
import { IMPACTS_FILE } from '../../main/core/search/impact-file.js';
import { ImpactStore } from '../../main/core/search/impact-store.js';
import { INSTANT_FILE, InstantIndex } from '../../main/core/search/instant-index.js';
import { generateCorpus } from '../bench/generate-corpus.js';
import { insertDocs } from '../bench/insert-docs.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

const DOCS = 300;
const QUERIES = ['chuyển đổi số kinh tế', 'kế hoạch triển khai', 'ủy ban nhân dân tỉnh'];
const PREFIXES = ['kế hoạch', 'quyết đ', 'ubnd', 'chuyển đổi'];

interface Results {
  /** Whether the in-memory store loaded from its file at open (no rebuild). */
  impactsLoaded: boolean;
  search: { total: number; hits: [number, number][] }[];
  find: number[][];
}

let tmp: TempDir;
let dir: string;
let fresh: Results;
const derived = (name: string): string => join(dir, 'derived', name);
const IMPACTS = IMPACTS_FILE.name;
const INSTANT = INSTANT_FILE.name;

/** Opens the archive, answers the queries (building the store when it did not load), closes it (saving). */
async function results(): Promise<Results> {
  const vk = openVanKho(dir);
  try {
    const impactsLoaded = vk.search.impacts.ready();
    if (!impactsLoaded) expect(await vk.search.impacts.build()).toBe(true);
    return {
      impactsLoaded,
      search: QUERIES.map((query) => {
        const r = vk.search.search({ query, limit: 50, snippets: false, facets: false });
        return { total: r.total, hits: r.hits.map((h) => [h.id, Math.round(h.score * 1e9) / 1e9]) };
      }),
      find: PREFIXES.map((p) => vk.search.find(p, 20).map((h) => h.id)),
    };
  } finally {
    vk.close();
  }
}

function expectValid(f: typeof IMPACTS_FILE | typeof INSTANT_FILE): void {
  const read = readChecksummedFile(derived(f.name), f.kind, f.version);
  expect(read.ok ? 'ok' : read.reason, f.name).toBe('ok');
}

beforeAll(async () => {
  tmp = await makeTempDir('vankho-derived-');
  dir = join(tmp.dir, 'A');
  const vk = openVanKho(dir);
  try {
    insertDocs(vk.archive, [...generateCorpus(DOCS)]);
  } finally {
    vk.close();
  }
  // The reference: both files built from nothing but the database.
  rmSync(derived(IMPACTS), { force: true });
  rmSync(derived(INSTANT), { force: true });
  fresh = await results();
  expect(fresh.impactsLoaded).toBe(false);
  expect(fresh.search.every((s) => s.total > 0)).toBe(true);
  expect(fresh.find.every((f) => f.length > 0)).toBe(true);
  expectValid(IMPACTS_FILE);
  expectValid(INSTANT_FILE);
  // Saved and reloaded, the same answers.
  const again = await results();
  expect(again.impactsLoaded).toBe(true);
  expect({ ...again, impactsLoaded: false }).toEqual(fresh);
}, 120_000);

afterAll(async () => {
  await tmp?.cleanup();
});

describe('derived files: checksummed, validated at load, rebuilt when wrong', { timeout: 60_000 }, () => {
  it('a truncated impacts.bin is not loaded; it is rebuilt and search answers as after a fresh build', async () => {
    const size = statSync(derived(IMPACTS)).size;
    truncateSync(derived(IMPACTS), size - 100);
    const r = await results();
    expect(r.impactsLoaded).toBe(false);
    expect({ ...r, impactsLoaded: false }).toEqual(fresh);
    expectValid(IMPACTS_FILE);
    expect(statSync(derived(IMPACTS)).size).toBe(size);
  });

  it('one flipped bit in impacts.bin is detected when its part is read (postings are binary: nothing else would notice)', async () => {
    const buf = readFileSync(derived(IMPACTS));
    const at = Math.floor(buf.length / 2);
    buf[at] = buf[at]! ^ 0x10;
    writeFileSync(derived(IMPACTS), buf);
    const vk = openVanKho(dir);
    try {
      const store = vk.search.impacts;
      // Whatever part the bit is in, the answers are those of a fresh build: a damaged part is
      // left to FTS5 the moment it is read, before the query is planned.
      const answers = QUERIES.map((query) => {
        const r = vk.search.search({ query, limit: 50, snippets: false, facets: false });
        return { total: r.total, hits: r.hits.map((h) => [h.id, Math.round(h.score * 1e9) / 1e9]) };
      });
      expect(answers).toEqual(fresh.search);
      // Found at open (the header) or when every part is read (the postings), and then rebuilt.
      const found =
        !store.ready() ||
        (() => {
          try {
            store.snapshot();
            return false;
          } catch (e) {
            return /checksum/.test((e as Error).message);
          }
        })();
      expect(found).toBe(true);
      expect(store.needsBuild()).toBe(true);
      expect(await store.build()).toBe(true);
    } finally {
      vk.close();
    }
    expectValid(IMPACTS_FILE);
    const r = await results();
    expect(r.impactsLoaded).toBe(true);
    expect({ ...r, impactsLoaded: false }).toEqual(fresh);
  });

  it('a fresh process reads only the postings its queries need, and answers as a fresh build', () => {
    const vk = openVanKho(dir);
    try {
      const store = vk.search.impacts;
      expect(store.ready()).toBe(true);
      expect(store.size()).toBeGreaterThan(0);
      expect(store.termsInMemory()).toBe(0);
      const r = vk.search.search({ query: QUERIES[0]!, limit: 50, snippets: false, facets: false });
      expect({ total: r.total, hits: r.hits.map((h) => [h.id, Math.round(h.score * 1e9) / 1e9]) }).toEqual(
        fresh.search[0],
      );
      expect(store.termsInMemory()).toBeLessThan(store.size());
      // The whole store once asked for (a write, a snapshot) equals what was saved.
      expect(store.snapshot().terms.size).toBe(store.size());
    } finally {
      vk.close();
    }
  });

  it('a bit-flipped instant-find.bin is not trusted: rebuilt, find answers as fresh', async () => {
    const buf = readFileSync(derived(INSTANT));
    // One bit in the middle of the payload (ids, term text or counts): the checksum catches it.
    const at = Math.floor((buf.length + CHECKSUMMED_HEADER_BYTES) / 2);
    buf[at] = buf[at]! ^ 0x01;
    writeFileSync(derived(INSTANT), buf);
    const r = await results();
    expect({ ...r, impactsLoaded: false }).toEqual(fresh);
    // Rebuilt and saved again at close: the flipped file is gone.
    expectValid(INSTANT_FILE);
    expect(readFileSync(derived(INSTANT)).equals(buf)).toBe(false);
  });

  it('foreign files (old format, random bytes, empty) are rebuilt, never a crash', async () => {
    writeFileSync(derived(IMPACTS), Buffer.from('VKI1 from another build'));
    writeFileSync(derived(INSTANT), JSON.stringify({ version: 3, seq: 1e9, data: {} }));
    let r = await results();
    expect(r.impactsLoaded).toBe(false);
    expect({ ...r, impactsLoaded: false }).toEqual(fresh);
    writeFileSync(derived(IMPACTS), '');
    writeFileSync(derived(INSTANT), Buffer.alloc(4096, 0xff));
    r = await results();
    expect({ ...r, impactsLoaded: false }).toEqual(fresh);
    expectValid(IMPACTS_FILE);
    expectValid(INSTANT_FILE);
  });

  it('a .tmp left by a killed writer is removed at open; the files themselves stay', () => {
    const before = readFileSync(derived(IMPACTS));
    writeFileSync(derived(`${IMPACTS}.tmp`), before.subarray(0, 1000));
    writeFileSync(derived(`${INSTANT}.tmp`), '{"version":');
    const a = openArchive(dir);
    a.close();
    expect(readdirSync(join(dir, 'derived')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(derived(IMPACTS)).equals(before)).toBe(true);
  });
});

const canMount = process.platform === 'linux' && process.getuid?.() === 0;

describe('derived files on a full disk (tmpfs)', { timeout: 60_000 }, () => {
  it.skipIf(!canMount)('a failed write leaves no .tmp and the old file intact and loadable', async () => {
    const small = join(tmp.dir, 'small');
    mkdirSync(small);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', small], { stdio: 'pipe' });
    const a = openArchive(dir);
    try {
      const indexer = createFtsIndexer(sqliteFtsIndexStore(a.db));
      const ids = a.db.prepare<[], number>(`SELECT id FROM documents ORDER BY id`).pluck();
      const storeOn = (): ImpactStore =>
        new ImpactStore({
          derivedDir: small,
          changedSince: () => [],
          rowOf: (id) => indexer.rowOf(id),
          checkpoint: () => indexer.checkpoint(),
          documentIds: () => ids.all(),
        });
      const store = storeOn();
      expect(await store.build()).toBe(true);
      store.save();
      const instant = new InstantIndex(sqliteIdentityRows(a.db), small);
      instant.rebuild(indexer.checkpoint());
      instant.save();
      const old = {
        impacts: readFileSync(join(small, IMPACTS)),
        instant: readFileSync(join(small, INSTANT)),
      };

      // Fill the volume to 4 KiB, then change one document in each and save again.
      const st = statfsSync(small);
      writeFileSync(join(small, 'filler'), Buffer.alloc(Number(st.bavail) * st.bsize - 4096));
      const id = ids.all()[0]!;
      store.applyCommitted([[id, indexer.rowOf(id)!.map((c) => `${c} bổ sung`)]], indexer.checkpoint() + 1);
      expect(() => store.save()).toThrow(/ENOSPC/);
      instant.apply([id], indexer.checkpoint() + 1);
      expect(() => instant.save()).toThrow(/ENOSPC/);

      expect(readdirSync(small).sort()).toEqual([IMPACTS, INSTANT, 'filler'].sort());
      expect(readFileSync(join(small, IMPACTS)).equals(old.impacts)).toBe(true);
      expect(readFileSync(join(small, INSTANT)).equals(old.instant)).toBe(true);
      // The old file still loads, without a build.
      const reopened = storeOn();
      expect(reopened.ready()).toBe(true);
      reopened.release();
      store.release(); // a saved store reads its postings from the new file: it holds it open
    } finally {
      a.close();
      execFileSync('umount', [small]);
    }
    expect(existsSync(join(small, 'filler'))).toBe(false);
  });
});
