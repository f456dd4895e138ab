// The search CLI on an archive built by the real import pipeline from resources/samples (PDF, DOCX,
// DOC, TXT): every sample with a number is found first by it, and `vankho search/find` answer in
// JSON (one query or many through --stdin) with document ids, numbers, titles and file names.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../main/core/ingest/import-files.js';
import { openVanKho } from '../../main/core/open-vankho.js';
import { repoPath } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

interface Doc {
  id: number;
  number: string;
  title: string;
  name: string;
}

function cli(archive: string, args: string[], input?: string): string {
  return execFileSync(process.execPath, [repoPath('bin', 'vankho.mjs'), '--archive', archive, ...args], {
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
}

describe('search CLI on the imported samples', () => {
  let tmp: TempDir;
  let archiveDir: string;
  let docs: Doc[] = [];

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-search-cli-');
    archiveDir = join(tmp.dir, 'archive');
    const vk = openVanKho(archiveDir, { create: true });
    try {
      await importPaths(vk.archive, [repoPath('resources', 'samples')]);
      docs = vk.archive.db
        .prepare<[], Doc>(
          `SELECT d.id, d.number, d.title, f.original_name AS name FROM documents d
           JOIN files f ON f.document_id = d.id AND f.role = 'main' WHERE d.number IS NOT NULL ORDER BY d.id`,
        )
        .all();
      // Each sample found first by its number, through the service the CLI uses.
      for (const d of docs) {
        const r = vk.search.search({ query: d.number, limit: 3 });
        expect(r.hits[0]?.id, d.number).toBe(d.id);
      }
    } finally {
      vk.close();
    }
  }, 180_000);

  afterAll(async () => {
    await tmp?.cleanup();
  });

  it('imported samples with numbers', () => {
    expect(docs.length).toBeGreaterThanOrEqual(5);
  });

  it('answers one query as JSON with ids, numbers, titles and original file names', () => {
    const d = docs[0]!;
    const out = JSON.parse(cli(archiveDir, ['--json', 'search', d.number, '--limit', '3'])) as {
      ok: boolean;
      total: number;
      hits: { id: number; number: string; title: string; fileNames: string[] }[];
    };
    expect(out.ok).toBe(true);
    expect(out.hits[0]).toMatchObject({ id: d.id, number: d.number, title: d.title });
    expect(out.hits[0]!.fileNames).toContain(d.name);
  });

  it('answers many queries through --stdin, echoing qids', () => {
    const lines = [JSON.stringify({ qid: 'q1', query: docs[1]!.number }), docs[2]!.number].join('\n');
    const out = cli(archiveDir, ['--json', 'search', '--stdin', '--limit', '2'], `${lines}\n`)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { qid: string | null; query: string; hits: { id: number }[] });
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ qid: 'q1', query: docs[1]!.number });
    expect(out[0]!.hits[0]!.id).toBe(docs[1]!.id);
    expect(out[1]!.qid).toBeNull();
    expect(out[1]!.hits[0]!.id).toBe(docs[2]!.id);
  });

  it('gives instant-find suggestions and plain-text results', () => {
    const d = docs[0]!;
    const found = JSON.parse(cli(archiveDir, ['--json', 'find', d.number.slice(0, 5)])) as {
      hits: { id: number }[];
    };
    expect(found.hits.map((h) => h.id)).toContain(d.id);
    const text = cli(archiveDir, ['search', d.number, '--limit', '1']);
    expect(text).toContain(d.number);
  });
});
