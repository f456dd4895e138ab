import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openArchive, type Archive } from '../../main/core/archive/archive.js';
import { allDocumentIds } from '../../main/core/archive/documents-repo.js';
import { exportBundle } from '../../main/core/export/export-bundle.js';
import { exportSourceOf } from '../../main/core/app/export-source.js';
import { importBundle } from '../../main/core/export/import-bundle.js';
import { probeBundle } from '../../main/core/export/read-bundle.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { zipEntries } from '../helpers/zip-entries.js';
import { seedArchive, type SeedDoc } from './export-seed.js';

// Issue 17 item 8: importing (and probing) a bundle reads manifest.json as a stream — one
// document, tag, relation or entry at a time — so memory does not grow with the bundle. Watched
// here where it would break: no JSON.parse ever gets more than a small piece of the manifest.

const DOCS = 240;

let tmp: TempDir;
let source: Archive;
let bundle: string;
let manifestBytes: number;

beforeAll(async () => {
  tmp = await makeTempDir('vankho-bundle-stream-');
  source = openArchive(join(tmp.dir, 'src'));
  const docs: SeedDoc[] = Array.from({ length: DOCS }, (_, i) => ({
    uid: `stream-${i}`,
    title: `Kế hoạch số ${i} về việc triển khai chuyển đổi số năm 2025 tại xã Đức Trọng`,
    number: `${i + 1}/KH-UBND`,
    issuedDate: '2025-03-0' + String((i % 9) + 1),
    issuer: 'Ủy ban nhân dân xã Đức Trọng',
    tags: [i % 2 === 0 ? 'Chuyển đổi số' : 'Kế hoạch'],
    files: [
      {
        name: `kh-${i}.txt`,
        bytes: Buffer.from(`KẾ HOẠCH ${i}\nTriển khai chuyển đổi số, văn bản thứ ${i}.`, 'utf8'),
        mediaType: 'text/plain',
        pages: [`KẾ HOẠCH ${i}`, `Triển khai chuyển đổi số, văn bản thứ ${i}.`],
      },
    ],
  }));
  await seedArchive(source, docs, [{ name: 'Chuyển đổi số' }, { name: 'Kế hoạch' }]);
  bundle = join(tmp.dir, 'all.zip');
  await exportBundle(exportSourceOf(source), { ids: allDocumentIds(source.db), out: bundle });
  manifestBytes = (await zipEntries(bundle)).find(([n]) => n === 'manifest.json')![1].length;
});

afterAll(async () => {
  source.close();
  await tmp.cleanup();
});

/** The longest text JSON.parse was given while `fn` ran. */
async function longestParse(fn: () => Promise<unknown>): Promise<number> {
  const parse = JSON.parse.bind(JSON);
  let longest = 0;
  const spy = vi
    .spyOn(JSON, 'parse')
    .mockImplementation((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
      longest = Math.max(longest, text.length);
      return parse(text, reviver) as unknown;
    });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return longest;
}

describe('bundle import reads the manifest as a stream', () => {
  it('imports every document without ever parsing the manifest whole', async () => {
    expect(manifestBytes).toBeGreaterThan(200_000);
    const target = openArchive(join(tmp.dir, 'target'));
    try {
      let report: Awaited<ReturnType<typeof importBundle>> | undefined;
      const longest = await longestParse(async () => {
        report = await importBundle(target, bundle);
      });
      expect(report!.added).toBe(DOCS);
      expect(report!.outcomes.map((o) => o.uid)).toEqual(
        expect.arrayContaining(['stream-0', `stream-${DOCS - 1}`]),
      );
      expect(target.db.prepare('SELECT count(*) FROM pages').pluck().get()).toBe(DOCS * 2);
      expect(target.db.prepare('SELECT count(*) FROM import_log').pluck().get()).toBe(DOCS);
      // One document's element is ~1.5 KB; the manifest is over 200 KB.
      expect(longest).toBeGreaterThan(0);
      expect(longest).toBeLessThan(manifestBytes / 20);
    } finally {
      target.close();
    }
  });

  it('probes without parsing the manifest whole', async () => {
    let summary: Awaited<ReturnType<typeof probeBundle>> = null;
    const longest = await longestParse(async () => {
      summary = await probeBundle(bundle);
    });
    expect(summary).toMatchObject({ documentCount: DOCS, fileCount: DOCS });
    expect(longest).toBeLessThan(manifestBytes / 20);
  });
});
