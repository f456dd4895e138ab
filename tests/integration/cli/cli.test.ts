// The `vankho` command end to end, as a user or a script runs it: a real child process per call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { SCHEMA_VERSION, loadMigrations, migrate } from '../../../main/core/archive/database.js';
import { holdArchiveInChild } from '../../helpers/hold-archive.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function vankho(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [repoPath('bin/vankho.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cli = (args: string[], env: Record<string, string> = {}): Promise<Run> => runCliInProcess(args, env);

function json<T>(r: Run): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
}

interface Outcome {
  name: string;
  outcome: string;
  documentId: number | null;
  error: { code: string; message: { vi: string; en: string } } | null;
}
interface ImportJson {
  ok: boolean;
  imported: number;
  duplicates: number;
  failed: number;
  outcomes: Outcome[];
  documents: Array<{
    id: number;
    metadata: Record<string, string | null>;
    files: Array<{ originalName: string }>;
  }>;
}

describe('vankho CLI', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let archive: string;
  const samples = repoPath('resources', 'samples');
  const sampleFiles = readdirSync(samples).filter((f) => !f.startsWith('.'));

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-cli-');
    archive = join(tmp.dir, 'demo-archive');
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('imports every sample (real `vankho` process), then reports them all as duplicates on a second run', async () => {
    const first = vankho(['--archive', archive, 'import', samples]);
    expect(first.code, first.stderr).toBe(EXIT.OK);
    expect(first.stdout).toContain(`imported ${sampleFiles.length}, duplicates 0, failed 0`);

    const second = await cli(['--archive', archive, '--json', 'import', samples]);
    expect(second.code, second.stderr).toBe(EXIT.OK);
    const r = json<ImportJson>(second);
    expect(r.imported).toBe(0);
    expect(r.duplicates).toBe(sampleFiles.length);
    expect(r.outcomes.every((o) => o.outcome === 'duplicate' && o.documentId !== null)).toBe(true);
    // Documents always carry id, metadata and original file names.
    expect(r.documents).toHaveLength(sampleFiles.length);
    expect(r.documents.map((d) => d.files[0]!.originalName).sort()).toEqual([...sampleFiles].sort());
    expect(r.documents.every((d) => typeof d.id === 'number' && 'title' in d.metadata)).toBe(true);
  });

  it('checks the archive clean, lists, shows, edits and tags documents', async () => {
    const check = await cli(['--archive', archive, '--json', 'check']);
    expect(check.code, check.stdout + check.stderr).toBe(EXIT.OK);
    const report = json<{ ok: boolean; problems: unknown[]; counts: { documents: number } }>(check);
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.counts.documents).toBe(sampleFiles.length);

    const list = json<{
      total: number;
      items: Array<{ id: number; fileNames: string[]; metadata: { title: string } }>;
    }>(await cli(['--archive', archive, '--json', 'list', '--limit', '100']));
    expect(list.total).toBe(sampleFiles.length);
    const pdfName = sampleFiles.find((f) => f.endsWith('.pdf'))!;
    const id = list.items.find((d) => d.fileNames.includes(pdfName))!.id;

    const set = await cli([
      '--archive',
      archive,
      'set',
      String(id),
      'signer=Nguyễn Văn An',
      'issued_date=2024-05-15',
    ]);
    expect(set.code, set.stderr).toBe(EXIT.OK);
    const tag = await cli(['--archive', archive, 'tag', 'add', String(id), 'Kinh tế', 'Lưu trữ']);
    expect(tag.code, tag.stderr).toBe(EXIT.OK);
    // Without accents: the existing tag is reused, and the CLI says so (no accent-only twin).
    const twin = await cli(['--archive', archive, 'tag', 'add', String(id), 'kinh te']);
    expect(twin.code, twin.stderr).toBe(EXIT.OK);
    expect(twin.stdout).toContain('đã có thẻ “Kinh tế” / already has the tag “Kinh tế”');
    const show = await cli(['--archive', archive, 'show', String(id)]);
    expect(show.code).toBe(EXIT.OK);
    expect(show.stdout).toContain('Người ký / Signed by: Nguyễn Văn An  ✓');
    // Dates read the Vietnamese way on screen, ISO in --json.
    expect(show.stdout).toContain('Ngày ban hành / Date issued: 15/05/2024');
    const listed = await cli(['--archive', archive, 'list', '--limit', '100']);
    expect(listed.stdout).toContain(' · 15/05/2024');
    expect(listed.stdout).not.toContain('2024-05-15');
    expect(show.stdout).toContain(pdfName);
    expect(show.stdout).toContain('Kinh tế, Lưu trữ');
    const shown = json<{
      id: number;
      metadata: { signer: string; issuedDate: string };
      provenance: Record<string, { source: string }>;
      files: Array<{ originalName: string; sha256: string }>;
    }>(await cli(['--archive', archive, '--json', 'show', String(id)]));
    expect(shown.metadata.signer).toBe('Nguyễn Văn An');
    expect(shown.metadata.issuedDate).toBe('2024-05-15');
    expect(shown.provenance['signer']!.source).toBe('user');
    expect(shown.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);

    const tags = json<Array<{ name: string; documentCount: number }>>(
      await cli(['--archive', archive, '--json', 'tag', 'list']),
    );
    expect(tags.map((t) => [t.name, t.documentCount])).toEqual([
      ['Kinh tế', 1],
      ['Lưu trữ', 1],
    ]);
    expect((await cli(['--archive', archive, 'tag', 'remove', String(id), 'Lưu trữ'])).code).toBe(EXIT.OK);
    const byTag = json<{ total: number }>(
      await cli(['--archive', archive, '--json', 'list', '--tag', 'Kinh tế']),
    );
    expect(byTag.total).toBe(1);
    const reused = await cli(['--archive', archive, 'tag', 'add', String(id), 'luu tru']);
    expect(reused.stdout).toContain('đã dùng thẻ có sẵn “Lưu trữ” / used the existing tag “Lưu trữ”');
    const renamed = await cli(['--archive', archive, 'tag', 'rename', 'Kinh tế', 'LƯU TRU']);
    expect(renamed.code).toBe(EXIT.USAGE);
    expect(renamed.stderr).toContain('hãy gộp hai thẻ');
  });

  it('ends with meaningful exit codes and vi/en messages', async () => {
    const missing = await cli(['--archive', join(tmp.dir, 'nowhere'), 'list']);
    expect(missing.code).toBe(EXIT.ARCHIVE_NOT_FOUND);
    expect(missing.stderr).toContain('Không tìm thấy kho văn bản');
    expect(missing.stderr).toContain('Archive not found');

    const notFound = await cli(['--archive', archive, '--json', 'show', '9999']);
    expect(notFound.code).toBe(EXIT.NOT_FOUND);
    expect(json<{ ok: boolean; error: { code: string } }>(notFound).error.code).toBe('NOT_FOUND');
    expect((await cli(['--archive', archive, 'set', '1', 'colour=red'])).code).toBe(EXIT.USAGE);
    expect((await cli(['--archive', archive, 'show', 'abc'])).code).toBe(EXIT.USAGE);
    expect((await cli(['--archive', archive, 'frobnicate'])).code).toBe(EXIT.USAGE);

    // A batch with one bad file: the rest is imported, the exit code says "partly failed".
    const bad = join(tmp.dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'empty.txt'), '');
    writeFileSync(join(bad, 'ok.txt'), 'Thông báo số 9/TB-UBND');
    const partial = await cli(['--archive', archive, 'import', bad]);
    expect(partial.code).toBe(EXIT.PARTIAL);
    expect(partial.stdout).toContain('Tệp rỗng. / The file is empty.');
    expect(partial.stdout).toContain('imported 1, duplicates 0, failed 1');
  });

  it('uses $VANKHO_ARCHIVE when --archive is not given', async () => {
    const r = await cli(['--json', 'list', '--limit', '1'], { VANKHO_ARCHIVE: archive });
    expect(r.code, r.stderr).toBe(EXIT.OK);
    expect(json<{ total: number }>(r).total).toBeGreaterThan(0);
  });

  it('refuses to import while another process holds the archive (exit 4)', async () => {
    const child = await holdArchiveInChild(archive);
    try {
      const r = vankho(['--archive', archive, 'import', samples]);
      expect(r.code).toBe(EXIT.ARCHIVE_LOCKED);
      expect(r.stderr).toContain('đang được một tiến trình khác sử dụng');
      // Reading still works while the archive is held (no lock for read-only commands).
      expect(vankho(['--archive', archive, 'list', '--limit', '1']).code).toBe(EXIT.OK);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('reads an archive of an older schema after migrating it', async () => {
    const oldDir = join(tmp.dir, 'old-archive');
    mkdirSync(oldDir);
    const db = new Database(join(oldDir, 'archive.sqlite'));
    db.pragma('journal_mode = WAL');
    migrate(db, loadMigrations().slice(0, 1));
    db.prepare(
      `INSERT INTO documents (uid, title, created_at, updated_at) VALUES ('u', 'Báo cáo cũ', 'x', 'x')`,
    ).run();
    db.close();
    const r = await cli(['--archive', oldDir, '--json', 'list']);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    expect(json<{ items: Array<{ metadata: { title: string } }> }>(r).items[0]!.metadata.title).toBe(
      'Báo cáo cũ',
    );
    const after = new Database(join(oldDir, 'archive.sqlite'), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    after.close();
  });
});
