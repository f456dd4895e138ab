// Two archivists editing the same document through `vankho serve` over real HTTP (issue 14): both
// open it, the first save goes through, the second — made from the same, now old, copy — is CONFLICT
// with nothing of it written; after reloading, the second person's save goes through. Audit rows name
// each editor. Accounts made by the CLI, a real sample PDF uploaded and imported over HTTP.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail, JobDto } from '../../../main/contract/dto.js';
import { CSRF_HEADER, UPLOAD_NAME_HEADER } from '../../../main/contract/transport.js';
import { repoPath } from '../../helpers/repo-root.js';
import {
  addAccounts,
  serveClient,
  startServe,
  stopServe,
  type ServeSession,
} from '../../helpers/serve-child.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const PASSWORD = 'mật-khẩu-dài-1';

describe('concurrent edits over vankho serve', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let archive: string;
  let child: ChildProcess | undefined;
  let client: ReturnType<typeof serveClient>;
  let lan: ServeSession;
  let minh: ServeSession;
  let documentId: number;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-serve-conflict-');
    archive = join(tmp.dir, 'kho');
    await addAccounts(
      archive,
      [
        ['quantri', 'admin'],
        ['lan', 'archivist'],
        ['minh', 'archivist'],
      ],
      PASSWORD,
    );
    const started = await startServe(['--archive', archive, '--listen', '127.0.0.1:0']);
    child = started.child;
    const base = started.url;
    client = serveClient(base);
    lan = await client.signIn('lan', PASSWORD);
    minh = await client.signIn('minh', PASSWORD);
    const file = '08-ke-hoach-45-KH-UBND.pdf';
    const up = await fetch(new URL('/upload', base), {
      method: 'POST',
      headers: {
        cookie: lan.cookie,
        [CSRF_HEADER]: lan.csrf,
        'content-type': 'application/octet-stream',
        [UPLOAD_NAME_HEADER]: encodeURIComponent(file),
      },
      body: readFileSync(repoPath('resources', 'samples', file)),
    });
    const { uploadId } = ((await up.json()) as { value: { uploadId: string } }).value;
    const { jobId } = await client.call<{ jobId: string }>(lan, 'importStart', { uploadIds: [uploadId] });
    for (let i = 0; ; i++) {
      const job = (await client.call<JobDto[]>(lan, 'jobsList', {})).find((j) => j.jobId === jobId);
      if (job && job.state !== 'running') {
        expect(job.state).toBe('done');
        break;
      }
      if (i > 600) throw new Error('import did not end');
      await new Promise((r) => setTimeout(r, 100));
    }
    const hits = await client.call<{ hits: Array<{ id: number }> }>(lan, 'search', { query: '45/KH-UBND' });
    documentId = hits.hits[0]!.id;
  });
  afterAll(async () => {
    await stopServe(child);
    await tmp?.cleanup();
  });

  it('refuses the second save from an old copy with CONFLICT; the first stands until a reload', async () => {
    const get = (s: ServeSession) => client.call<DocumentDetail>(s, 'documentGet', { documentId });
    const seenByLan = await get(lan);
    const seenByMinh = await get(minh);
    expect(seenByMinh.version).toBe(seenByLan.version);
    const saved = await client.call<DocumentDetail>(lan, 'documentUpdate', {
      documentId,
      fields: { signer: 'Lê Thị Lan' },
      expectedVersion: seenByLan.version,
    });
    expect(saved.metadata.signer).toBe('Lê Thị Lan');
    const second = await client.answer<DocumentDetail>(minh, 'documentUpdate', {
      documentId,
      fields: { signer: 'Phạm Văn Minh' },
      expectedVersion: seenByMinh.version,
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await get(minh)).metadata.signer).toBe('Lê Thị Lan');
    // Reloaded, the second person's save goes through.
    const now = await get(minh);
    const again = await client.call<DocumentDetail>(minh, 'documentUpdate', {
      documentId,
      fields: { signer: 'Phạm Văn Minh' },
      expectedVersion: now.version,
    });
    expect(again.metadata.signer).toBe('Phạm Văn Minh');

    const db = new Database(join(archive, 'archive.sqlite'), { readonly: true });
    try {
      const edits = db
        .prepare("SELECT actor FROM audit_log WHERE action = 'edit' AND document_id = ? ORDER BY id")
        .pluck()
        .all(documentId) as string[];
      // One row per save that went through, none for the refused one.
      expect(edits).toHaveLength(2);
      expect(edits[0]).not.toBe(edits[1]);
    } finally {
      db.close();
    }
  });
});
