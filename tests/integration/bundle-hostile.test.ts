import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import { VanKhoError } from '../../main/core/errors/vankho-error.js';
import { allDocumentIds } from '../../main/core/archive/documents-repo.js';
import { exportBundle } from '../../main/core/export/export-bundle.js';
import { exportSourceOf } from '../../main/core/app/export-source.js';
import { importBundle } from '../../main/core/export/import-bundle.js';
import { makePdf } from '../helpers/make-pdf.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { seedArchive } from './export-seed.js';
import { zipEntries, zipOf } from '../helpers/zip-entries.js';

// T-N3: every hostile or damaged bundle is refused with its code before any database change, and
// nothing is written outside the archive's own staging folder (which is removed again).

let tmp: TempDir;
let source: Archive;
let target: Archive;
let good: string;
let goodEntries: Array<[string, Buffer]>;

/** Replaces every occurrence of a same-length byte string (names in local and central headers). */
function patch(buf: Buffer, from: string, to: string): Buffer {
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  expect(a.length).toBe(b.length);
  const out = Buffer.from(buf);
  let i = out.indexOf(a);
  expect(i).toBeGreaterThanOrEqual(0);
  while (i >= 0) {
    b.copy(out, i);
    i = out.indexOf(a, i + 1);
  }
  return out;
}

function manifestOf(entries: Array<[string, Buffer]>): Record<string, unknown> {
  return JSON.parse(entries.find(([n]) => n === 'manifest.json')![1].toString('utf8')) as Record<
    string,
    unknown
  >;
}

function withManifest(entries: Array<[string, Buffer]>, m: unknown): Array<[string, Buffer]> {
  return entries.map(([n, b]) => [n, n === 'manifest.json' ? Buffer.from(JSON.stringify(m)) : b]);
}

function state(a: Archive): unknown {
  const counts = ['documents', 'files', 'pages', 'tags', 'relations', 'import_batches'].map(
    (t) => a.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number,
  );
  const walk = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
          d.isDirectory() ? walk(join(dir, d.name)).map((x) => `${d.name}/${x}`) : [d.name],
        )
      : [];
  return { counts, files: walk(a.files.root).sort(), staging: walk(a.files.stagingDir) };
}

async function expectRefused(bytes: Buffer, code: string, detail?: RegExp): Promise<void> {
  const file = join(tmp.dir, `case-${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(file, bytes);
  const before = state(target);
  const err = await importBundle(target, file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VanKhoError);
  expect((err as VanKhoError).appError.code).toBe(code);
  if (detail) expect((err as VanKhoError).appError.detail).toMatch(detail);
  expect(state(target)).toEqual(before);
  // Nothing escaped next to the bundle or above the archive.
  expect(existsSync(join(tmp.dir, 'evil'))).toBe(false);
  expect(existsSync(join(tmp.dir, '..', 'evil'))).toBe(false);
}

beforeAll(async () => {
  tmp = await makeTempDir('vankho-hostile-');
  source = openArchive(join(tmp.dir, 'src'));
  const pdf = await makePdf([['Số: 01/QĐ-UBND', 'QUYẾT ĐỊNH về việc thử nghiệm']]);
  await seedArchive(
    source,
    [
      {
        uid: 'u1',
        title: 'Thử nghiệm',
        number: '01/QĐ-UBND',
        issuedDate: '2024-01-02',
        files: [{ name: 'a.pdf', bytes: pdf, mediaType: 'application/pdf', pages: ['QUYẾT ĐỊNH'] }],
      },
      {
        uid: 'u2',
        title: 'Ghi chú',
        files: [{ name: 'b.txt', bytes: Buffer.from('văn bản thử'), mediaType: 'text/plain' }],
      },
    ],
    [],
  );
  good = join(tmp.dir, 'good.zip');
  await exportBundle(exportSourceOf(source), { ids: allDocumentIds(source.db), out: good });
  goodEntries = await zipEntries(good);
  target = openArchive(join(tmp.dir, 'target'));
});

afterAll(async () => {
  source.close();
  target.close();
  await tmp.cleanup();
});

describe('hostile bundles', () => {
  it('refuses ../ entries (zip-slip)', async () => {
    const z = await zipOf([...goodEntries, ['aa/aa/evil', Buffer.from('x')]]);
    await expectRefused(patch(z, 'aa/aa/evil', '../../evil'), 'BUNDLE_HOSTILE', /relative path|unsafe/);
  });

  it('refuses absolute and drive-letter entry paths', async () => {
    const z = await zipOf([...goodEntries, ['xtmp/evil', Buffer.from('x')]]);
    await expectRefused(patch(z, 'xtmp/evil', '/tmp/evil'), 'BUNDLE_HOSTILE', /absolute/);
    const w = await zipOf([...goodEntries, ['Cx/evil', Buffer.from('x')]]);
    await expectRefused(patch(w, 'Cx/evil', 'C:/evil'), 'BUNDLE_HOSTILE', /absolute/);
  });

  it('refuses backslash paths', async () => {
    const z = await zipOf([...goodEntries, ['aa/evil', Buffer.from('x')]]);
    await expectRefused(patch(z, 'aa/evil', '..\\evil'), 'BUNDLE_HOSTILE');
  });

  it('refuses symlink entries', async () => {
    const z = await zipOf([...goodEntries, ['link', Buffer.from('/etc/passwd'), { mode: 0o120777 }]]);
    await expectRefused(z, 'BUNDLE_HOSTILE', /symbolic link/);
  });

  it('refuses duplicate entry names (also differing only in case)', async () => {
    const [name, data] = goodEntries.find(([n]) => n.startsWith('originals/'))!;
    await expectRefused(await zipOf([...goodEntries, [name, data]]), 'BUNDLE_HOSTILE', /duplicate/);
    await expectRefused(
      await zipOf([...goodEntries, [name.toUpperCase(), data]]),
      'BUNDLE_HOSTILE',
      /duplicate/,
    );
  });

  it('refuses a zip bomb by compression ratio before inflating it', async () => {
    const z = await zipOf([...goodEntries, ['bomb.txt', Buffer.alloc(40 * 1024 * 1024)]]);
    expect(z.length).toBeLessThan(200_000);
    await expectRefused(z, 'BUNDLE_HOSTILE', /compression ratio/);
  });

  it('refuses bundles whose entries inflate beyond the total size limit', async () => {
    const file = join(tmp.dir, 'total.zip');
    writeFileSync(file, readFileSync(good));
    const err = await importBundle(target, file, {
      limits: {
        maxEntries: 100,
        maxTotalBytes: 1000,
        maxRatio: 200,
        ratioMinBytes: 1 << 20,
        maxManifestBytes: 1 << 20,
      },
    }).catch((e: unknown) => e);
    expect((err as VanKhoError).appError.code).toBe('BUNDLE_HOSTILE');
    expect((err as VanKhoError).appError.detail).toMatch(/inflate/);
  });

  it('refuses a huge entry count from the directory record alone', async () => {
    const forced = await (async () => {
      const zz = new yazl.ZipFile();
      for (const [n, b] of goodEntries) zz.addBuffer(b, n);
      zz.end({ forceZip64Format: true, comment: '' });
      const chunks: Buffer[] = [];
      for await (const c of zz.outputStream as AsyncIterable<Buffer>) chunks.push(c);
      return Buffer.concat(chunks);
    })();
    const sig = Buffer.from([0x50, 0x4b, 0x06, 0x06]);
    const at = forced.lastIndexOf(sig);
    expect(at).toBeGreaterThan(0);
    forced.writeBigUInt64LE(50_000_000n, at + 24);
    forced.writeBigUInt64LE(50_000_000n, at + 32);
    await expectRefused(forced, 'BUNDLE_HOSTILE', /entries/);
  });

  it('refuses overlapping entries (non-recursive zip bomb)', async () => {
    const z = await zipOf([...goodEntries]);
    // Point the second central-directory record at the first entry's local header.
    const cd = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    const first = z.indexOf(cd);
    const second = z.indexOf(cd, first + 1);
    const out = Buffer.from(z);
    out.writeUInt32LE(z.readUInt32LE(first + 42), second + 42);
    await expectRefused(out, 'BUNDLE_HOSTILE', /overlapping/);
  });

  it('refuses malformed manifests against the schema', async () => {
    await expectRefused(
      await zipOf(withManifest(goodEntries, { format: 'vankho-bundle', formatVersion: 1, documents: 'x' })),
      'BUNDLE_HOSTILE',
      /manifest/,
    );
    const notJson = goodEntries.map(([n, b]): [string, Buffer] => [
      n,
      n === 'manifest.json' ? Buffer.from('{"format": "vankho-bundle",') : b,
    ]);
    await expectRefused(await zipOf(notJson), 'BUNDLE_HOSTILE', /not JSON/);
    const m = manifestOf(goodEntries) as { documents: Array<{ files: Array<{ path: string }> }> };
    m.documents[0]!.files[0]!.path = '../escape.pdf';
    await expectRefused(await zipOf(withManifest(goodEntries, m)), 'BUNDLE_HOSTILE', /unsafe entry path/);
    // A key twice: JSON.parse would keep the last, a streaming reader would see both: refused.
    const twice = goodEntries.map(([n, b]): [string, Buffer] => [
      n,
      n === 'manifest.json' ? Buffer.from(b.toString('utf8').replace(/^\{/, '{"documents": [],')) : b,
    ]);
    await expectRefused(await zipOf(twice), 'BUNDLE_HOSTILE', /documents.*twice/);
  });

  it('refuses a newer format version and foreign or broken ZIPs as invalid', async () => {
    await expectRefused(
      await zipOf(withManifest(goodEntries, { ...manifestOf(goodEntries), formatVersion: 99 })),
      'BUNDLE_INVALID',
      /newer/,
    );
    await expectRefused(await zipOf([['readme.txt', Buffer.from('hello')]]), 'BUNDLE_INVALID', /manifest/);
    await expectRefused(Buffer.from('%PDF-1.7 not a zip at all'), 'BUNDLE_INVALID');
    const whole = readFileSync(good);
    await expectRefused(whole.subarray(0, Math.floor(whole.length / 2)), 'BUNDLE_INVALID');
  });

  it('refuses tampered content: a changed byte, a missing file, an extra file, a wrong manifest hash', async () => {
    // A byte flipped inside a stored (uncompressed) original: sizes still agree, the SHA-256 does not.
    const whole = Buffer.from(readFileSync(good));
    const marker = whole.indexOf(Buffer.from('%PDF'));
    expect(marker).toBeGreaterThan(0);
    whole[marker + 200] = whole[marker + 200]! ^ 0xff;
    await expectRefused(whole, 'BUNDLE_TAMPERED', /SHA-256|a\.pdf|originals/);

    const missing = goodEntries.filter(([n]) => !n.startsWith('originals/') || n.endsWith('.txt'));
    await expectRefused(await zipOf(missing), 'BUNDLE_TAMPERED', /missing entry/);

    await expectRefused(
      await zipOf([...goodEntries, ['originals/extra.pdf', Buffer.from('x')]]),
      'BUNDLE_TAMPERED',
      /not in the manifest/,
    );

    const m = manifestOf(goodEntries) as {
      entries: Array<{ path: string; sha256: string }>;
      documents: Array<{ files: Array<{ path: string; sha256: string }> }>;
    };
    const f = m.documents[0]!.files[0]!;
    const fake = 'f'.repeat(64);
    m.entries.find((e) => e.path === f.path)!.sha256 = fake;
    f.sha256 = fake;
    const noSums = withManifest(goodEntries, m).filter(([n]) => n !== 'SHA256SUMS');
    await expectRefused(await zipOf(noSums), 'BUNDLE_TAMPERED', /SHA-256/);
    await expectRefused(await zipOf(withManifest(goodEntries, m)), 'BUNDLE_TAMPERED', /SHA256SUMS/);
  });

  it('refuses a manifest changed after export (its hash is in SHA256SUMS)', async () => {
    const m = manifestOf(goodEntries) as { documents: Array<{ title: string }> };
    m.documents[0]!.title = 'Tiêu đề bị sửa';
    await expectRefused(await zipOf(withManifest(goodEntries, m)), 'BUNDLE_TAMPERED', /manifest\.json/);
  });

  it('still imports the untouched bundle afterwards', async () => {
    const r = await importBundle(target, good);
    expect(r.added).toBe(2);
  });
});
