// `vankho reextract` end to end (in process): an archive made by `vankho import` of a real PDF and
// DOCX, its documents then left stale as an older extractor did, re-extracted by ids and with --all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { openArchive } from '../../../main/core/archive/archive.js';
import { getDocumentPages } from '../../../main/core/archive/pages-repo.js';
import { makeDocx } from '../../helpers/make-docx.js';
import { makePdf } from '../../helpers/make-pdf.js';
import { runCliInProcess, type CliRun } from '../../helpers/run-cli-in-process.js';
import { NQ_HU, QD_UBND, makeStale, olderReading } from '../../helpers/stale-document.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

interface DocJson {
  id: number;
  metadata: Record<string, string | null>;
  provenance: Record<string, { source: string } | undefined>;
  files: Array<{ sha256: string }>;
}
interface ReextractJson {
  ok: boolean;
  total: number;
  changed: number;
  unchanged: number;
  failed: number;
  cancelled: boolean;
  outcomes: Array<{
    documentId: number;
    name: string;
    outcome: string;
    textChanged: boolean;
    changedFields: string[];
    error: { code: string; message: { vi: string; en: string }; detail?: string } | null;
  }>;
}

function json<T>(r: CliRun): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
}

describe('vankho reextract', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let dir: string;
  let qd: number;
  let nq: number;
  const cli = (...args: string[]): Promise<CliRun> => runCliInProcess(['--archive', dir, ...args]);
  const show = async (id: number): Promise<DocJson> => json<DocJson>(await cli('--json', 'show', String(id)));
  /** Makes both documents stale, with the archive opened directly (no CLI holds it meanwhile). */
  const staleAll = (): void => {
    const archive = openArchive(dir, { create: false });
    try {
      archive.write((db) => {
        for (const id of [qd, nq]) {
          const text = getDocumentPages(db, id)
            .map((p) => p.text)
            .join('\n');
          makeStale(db, id, olderReading(text));
        }
      });
    } finally {
      archive.close();
    }
  };

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-cli-reextract-');
    dir = join(tmp.dir, 'archive');
    const src = join(tmp.dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'qd-1520.pdf'), await makePdf([QD_UBND]));
    writeFileSync(join(src, 'nq-12.docx'), await makeDocx(NQ_HU));
    const r = await cli('--json', 'import', src);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    const outcomes = json<{ outcomes: Array<{ name: string; documentId: number }> }>(r).outcomes;
    qd = outcomes.find((o) => o.name === 'qd-1520.pdf')!.documentId;
    nq = outcomes.find((o) => o.name === 'nq-12.docx')!.documentId;
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('needs ids or --all (usage error 2) and refuses an unknown id (7)', async () => {
    expect((await cli('reextract')).code).toBe(EXIT.USAGE);
    expect((await cli('reextract', String(qd), '--all')).code).toBe(EXIT.USAGE);
    expect((await cli('reextract', 'abc')).code).toBe(EXIT.USAGE);
    const missing = await cli('--json', 'reextract', String(qd), '999');
    expect(missing.code).toBe(EXIT.NOT_FOUND);
    expect(json<{ ok: boolean; error: { code: string } }>(missing)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('re-extracts the given ids only, with JSON output', async () => {
    const fresh = await show(qd);
    expect(fresh.metadata['number']).toBe('1520/QĐ-UBND');
    staleAll();
    const staleNq = await show(nq);
    expect((await show(qd)).metadata['number']).not.toBe('1520/QĐ-UBND');

    const r = await cli('--json', 'reextract', `#${qd}`);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    const report = json<ReextractJson>(r);
    expect(report).toMatchObject({ ok: true, total: 1, changed: 1, failed: 0, cancelled: false });
    expect(report.outcomes).toHaveLength(1);
    expect(report.outcomes[0]).toMatchObject({
      documentId: qd,
      name: 'qd-1520.pdf',
      outcome: 'changed',
      textChanged: true,
      error: null,
    });
    expect(report.outcomes[0]!.changedFields).toContain('number');
    expect((await show(qd)).metadata).toEqual(fresh.metadata);
    // Not asked for: left as it was.
    expect((await show(nq)).metadata).toEqual(staleNq.metadata);
  });

  it('draws a progress bar on a terminal (stderr), never with --json', async () => {
    const had = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    try {
      const r = await cli('reextract', String(nq));
      expect(r.code, r.stderr).toBe(EXIT.OK);
      expect(r.stderr).toContain(`\r[${'#'.repeat(24)}] 1/1 văn bản/documents`);
      const j = await cli('--json', 'reextract', String(nq));
      expect(j.stderr).toBe('');
      expect(json<ReextractJson>(j).total).toBe(1);
    } finally {
      if (had) Object.defineProperty(process.stderr, 'isTTY', had);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
  });

  it('--all re-extracts every document, keeps a user-set field, reports a corrupt original (exit 1)', async () => {
    // The resolution left stale by the previous test: fresh again first.
    expect((await cli('reextract', String(nq))).code).toBe(EXIT.OK);
    const freshNq = await show(nq);
    expect(freshNq.metadata['signer']).toBe('Trần Quốc Hưng');
    const set = await cli('set', String(nq), 'signer=Trần Quốc Hưng (đã sửa)');
    expect(set.code, set.stderr).toBe(EXIT.OK);
    staleAll();
    const staleQd = await show(qd);
    // Damage the stored original of the decision (cut to a third of its bytes).
    const archive = openArchive(dir, { create: false });
    const path = archive.files.pathOf(staleQd.files[0]!.sha256);
    archive.close();
    const bytes = readFileSync(path);
    chmodSync(path, 0o644);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 3)));

    const r = await cli('--json', 'reextract', '--all');
    expect(r.code, r.stderr).toBe(EXIT.PARTIAL);
    const report = json<ReextractJson>(r);
    expect(report).toMatchObject({ ok: false, total: 2, changed: 1, failed: 1 });
    const bad = report.outcomes.find((o) => o.documentId === qd)!;
    expect(bad.outcome).toBe('failed');
    expect(bad.error?.code).toBe('PDF_CORRUPT');
    expect((await show(qd)).metadata).toEqual(staleQd.metadata);
    const nqAfter = await show(nq);
    expect(nqAfter.metadata['signer']).toBe('Trần Quốc Hưng (đã sửa)');
    expect(nqAfter.provenance['signer']?.source).toBe('user');
    expect(nqAfter.metadata['number']).toBe(freshNq.metadata['number']);

    // The same run as text: one line per document, the failure in both languages, a summary.
    const text = await cli('reextract', '--all');
    expect(text.code).toBe(EXIT.PARTIAL);
    expect(text.stdout).toContain(`x #${qd} qd-1520.pdf: Tệp PDF bị hỏng hoặc không đầy đủ.`);
    expect(text.stdout).toContain('The PDF file is corrupt or truncated.');
    expect(text.stdout).toContain('giữ nội dung cũ / old text kept');
    expect(text.stdout).toContain(`= #${nq} nq-12.docx: không thay đổi / unchanged`);
    expect(text.stdout).toContain('thay đổi 0, không đổi 1, lỗi 1');
    expect(text.stdout).toContain('changed 0, unchanged 1, failed 1');
  });
});
