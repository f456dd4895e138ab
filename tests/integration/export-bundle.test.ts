import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import { VanKhoError } from '../../main/core/errors/vankho-error.js';
import { allDocumentIds } from '../../main/core/archive/documents-repo.js';
import { exportBundle } from '../../main/core/export/export-bundle.js';
import { exportSourceOf } from '../../main/core/app/export-source.js';
import { importBundle } from '../../main/core/export/import-bundle.js';
import { repoPath } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { seedArchive, snapshotArchive } from './export-seed.js';

let tmp: TempDir;
let a: Archive;

beforeEach(async () => {
  tmp = await makeTempDir('vankho-export-');
  a = openArchive(join(tmp.dir, 'A'));
});
afterEach(async () => {
  a.close();
  await tmp.cleanup();
});

function filesIn(dir: string): string[] {
  return readdirSync(dir).filter((n) => !statSync(join(dir, n)).isDirectory());
}

async function seedBig(archive: Archive, files: number, mb: number): Promise<void> {
  // Sparse-free but cheap bytes: a repeated 1 MB pattern that differs per file (distinct SHA-256).
  const docs = [];
  for (let i = 0; i < files; i++) {
    const chunk = Buffer.alloc(1024 * 1024, i + 1);
    docs.push({
      title: `Tài liệu lớn ${i}`,
      number: `${i + 1}/QĐ-UBND`,
      issuedDate: '2023-05-0' + (i + 1),
      files: [
        {
          name: `lon-${i}.pdf`,
          bytes: Buffer.concat(Array.from({ length: mb }, () => chunk)),
          mediaType: 'application/pdf',
        },
      ],
    });
  }
  await seedArchive(archive, docs);
}

describe('export', () => {
  it('a cancelled export leaves no file under the target name and no temporary file', async () => {
    await seedBig(a, 3, 24);
    const out = join(tmp.dir, 'out.zip');
    const ctrl = new AbortController();
    let seen = 0;
    const err = await exportBundle(exportSourceOf(a), {
      ids: allDocumentIds(a.db),
      out,
      signal: ctrl.signal,
      onProgress: (p) => {
        seen = p.bytesDone;
        if (p.bytesDone > 0) ctrl.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VanKhoError);
    expect((err as VanKhoError).appError.code).toBe('CANCELLED');
    expect(seen).toBeGreaterThan(0);
    expect(existsSync(out)).toBe(false);
    expect(filesIn(tmp.dir)).toEqual([]);
    // The same target works afterwards.
    const r = await exportBundle(exportSourceOf(a), { ids: allDocumentIds(a.db), out });
    expect(statSync(out).size).toBe(r.bundleBytes);
  });

  it('a killed export leaves nothing under the target name', async () => {
    await seedBig(a, 2, 16);
    const out = join(tmp.dir, 'killed.zip');
    const child = spawn(
      process.execPath,
      [repoPath('bin/run-ts.mjs'), repoPath('tests/integration/export-child.ts'), a.dir, out, '--block'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('mid')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`child ended early (${code})`)));
    });
    await new Promise((r) => child.on('close', r));
    expect(existsSync(out)).toBe(false);
    // The interrupted temp file is clearly named, never the target.
    for (const n of filesIn(tmp.dir))
      expect(n).toMatch(/^\.killed\.zip\.[0-9]+-[0-9a-f]{8}\.[0-9a-f]{12}\.partial$/);
  });

  it('runs while the same process keeps writing to the archive (app: export during an import)', async () => {
    const pages = Array.from({ length: 600 }, (_, i) => `Trang ${i + 1}: ${'nội dung văn bản '.repeat(20)}`);
    await seedArchive(a, [
      {
        title: 'Nhiều trang',
        files: [{ name: 'dai.txt', bytes: Buffer.from('dài'), mediaType: 'text/plain', pages }],
      },
    ]);
    let writes = 0;
    let stop = false;
    const writer = (async () => {
      while (!stop) {
        a.write((db) =>
          db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?)').run(`t${writes}`, 'x'),
        );
        writes++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const out = join(tmp.dir, 'busy.zip');
    const r = await exportBundle(exportSourceOf(a), { ids: allDocumentIds(a.db), out });
    stop = true;
    await writer;
    expect(r.documents).toBe(1);
    expect(writes).toBeGreaterThan(0);
    const b = openArchive(join(tmp.dir, 'B'));
    try {
      await importBundle(b, out);
      expect(b.db.prepare('SELECT count(*) FROM pages').pluck().get()).toBe(600);
    } finally {
      b.close();
    }
  });

  it('refuses an original whose bytes no longer match its SHA-256, leaving no file', async () => {
    await seedArchive(a, [
      { title: 'x', files: [{ name: 'x.txt', bytes: Buffer.from('nội dung gốc'), mediaType: 'text/plain' }] },
    ]);
    const sha = a.db.prepare('SELECT sha256 FROM files').pluck().get() as string;
    const fd = openSync(a.files.pathOf(sha), 'r+');
    writeSync(fd, Buffer.from('X'), 0, 1, 0);
    closeSync(fd);
    const out = join(tmp.dir, 'bad.zip');
    const err = await exportBundle(exportSourceOf(a), { ids: allDocumentIds(a.db), out }).catch(
      (e: unknown) => e,
    );
    expect((err as VanKhoError).appError.code).toBe('ARCHIVE_CORRUPT');
    expect(filesIn(tmp.dir)).toEqual([]);
  });

  it('T-N2: hostile titles give relative, unique, NFC entry names that unzip extracts only inside the target', async () => {
    const titles = fc.sample(
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.constantFrom(
          '../../etc/passwd',
          '..',
          '.',
          'CON',
          'nul.txt',
          'COM1',
          'a/b\\c',
          'C:\\evil',
          ' trailing. ',
          'x\u202Egpj.exe',
          'tên\u0000nul',
          'Quye\u0302\u0301t đi\u0323nh',
        ),
        fc.string({ unit: 'binary', maxLength: 200 }),
      ),
      { numRuns: 60, seed: 4242 },
    );
    await seedArchive(
      a,
      titles.map((t, i) => ({
        title: t,
        number: i % 3 === 0 ? t.slice(0, 20) : null,
        files: [{ name: `${t}.pdf`, bytes: Buffer.from(`tệp ${i}`), mediaType: 'application/pdf' }],
      })),
    );
    const out = join(tmp.dir, 'names.zip');
    await exportBundle(exportSourceOf(a), { ids: allDocumentIds(a.db), out });
    const listing = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(listing.length).toBe(titles.length + 5);
    const seen = new Set<string>();
    for (const name of listing) {
      expect(name.normalize('NFC')).toBe(name);
      expect(name.startsWith('/')).toBe(false);
      expect(name.split('/')).not.toContain('..');
      expect(Buffer.byteLength(name.split('/').pop()!)).toBeLessThanOrEqual(120);
      // eslint-disable-next-line no-control-regex
      expect(name.split('/').pop()!).not.toMatch(/[<>:"\\|?*\u0000-\u001f]|[. ]$/);
      expect(name.split('/').pop()!.split('.')[0]).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
      const key = name.toLowerCase();
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    const dest = join(tmp.dir, 'unz');
    execFileSync('unzip', ['-q', out, '-d', dest]);
    const walk = (d: string): number =>
      readdirSync(d, { withFileTypes: true }).reduce(
        (n, e) => n + (e.isDirectory() ? walk(join(d, e.name)) : 1),
        0,
      );
    expect(walk(dest)).toBe(listing.length);
    expect(readdirSync(tmp.dir).sort()).toEqual(['A', 'names.zip', 'unz']);
    // And the bundle imports back with every document.
    const b = openArchive(join(tmp.dir, 'B'));
    try {
      const r = await importBundle(b, out);
      expect(r.added).toBe(titles.length);
      expect(snapshotArchive(b)).toEqual(snapshotArchive(a));
    } finally {
      b.close();
    }
  });
});
