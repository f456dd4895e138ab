import { spawnSync } from 'node:child_process';
import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import { importBundle } from '../../main/core/export/import-bundle.js';
import { repoPath } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

// Streaming, not buffering: a few hundred MB of originals are exported by a child process whose
// peak RSS must stay far below the bundle size (the 2 GB / 300 MB budget of issue 6, scaled: the
// same code path, checked loosely, no timing). The bundle then imports with identical hashes.

const FILES = 3;
const MB = 80;

let tmp: TempDir;
let a: Archive;

async function bigFile(path: string, seed: number): Promise<void> {
  const ws = createWriteStream(path);
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < MB; i++) {
    // Cheap bytes that do not compress to nothing (a compressible file would hide buffering).
    for (let j = 0; j < chunk.length; j += 4)
      chunk.writeUInt32LE((Math.imul(i * 7919 + j, 2654435761) ^ seed) >>> 0, j);
    if (!ws.write(chunk)) await once(ws, 'drain');
  }
  ws.end();
  await once(ws, 'finish');
}

beforeAll(async () => {
  tmp = await makeTempDir('vankho-large-');
  a = openArchive(join(tmp.dir, 'A'));
  const stored: Array<{ sha256: string; size: number }> = [];
  for (let i = 0; i < FILES; i++) {
    const p = join(tmp.dir, `big-${i}.pdf`);
    await bigFile(p, i + 1);
    stored.push(await a.files.put(p));
  }
  a.write((db) => {
    stored.forEach((s, i) => {
      const id = db
        .prepare(
          `INSERT INTO documents (uid, title, created_at, updated_at) VALUES (?, ?, '2024-01-01', '2024-01-01')`,
        )
        .run(`big-${i}`, `Hồ sơ lớn ${i}`).lastInsertRowid;
      db.prepare(
        `INSERT INTO files (document_id, sha256, size, media_type, original_name, imported_at) VALUES (?, ?, ?, 'application/pdf', ?, '2024-01-01')`,
      ).run(id, s.sha256, s.size, `big-${i}.pdf`);
    });
  });
  a.close();
}, 300_000);

afterAll(async () => {
  await tmp.cleanup();
});

describe('large export', () => {
  it('streams a bundle of several hundred MB with bounded memory and imports it back', async () => {
    const out = join(tmp.dir, 'big.zip');
    const r = spawnSync(
      process.execPath,
      [repoPath('bin/run-ts.mjs'), repoPath('tests/integration/export-child.ts'), join(tmp.dir, 'A'), out],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const { maxRssKb } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { maxRssKb: number };
    const total = FILES * MB * 1024 * 1024;
    expect(statSync(out).size).toBeGreaterThan(total);
    // Node + tsx + better-sqlite3 start near 100 MB; a buffered bundle would need > 320 MB more.
    console.log(`export peak RSS ${Math.round(maxRssKb / 1024)} MB for ${total / 1048576} MB of originals`);
    expect(maxRssKb * 1024).toBeLessThan(250 * 1024 * 1024);

    const b = openArchive(join(tmp.dir, 'B'));
    try {
      const rep = await importBundle(b, out);
      expect(rep.added).toBe(FILES);
      const src = openArchive(join(tmp.dir, 'A'), { readonly: true });
      try {
        expect(b.db.prepare('SELECT sha256, size FROM files ORDER BY sha256').all()).toEqual(
          src.db.prepare('SELECT sha256, size FROM files ORDER BY sha256').all(),
        );
      } finally {
        src.close();
      }
    } finally {
      b.close();
    }
  }, 300_000);
});
