// The host worker (database + search in a worker thread) behind the same contract: calls, events,
// host operations and dialog round trips to the main thread.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentDetail, JobStarted } from '../../main/contract/dto.js';
import type { AppEvent } from '../../main/contract/events.js';
import type { Result } from '../../main/contract/errors.js';
import type { SearchResponse } from '../../main/contract/search-types.js';
import { startHostWorker } from '../../main/host/host-client.js';
import { LOCAL_ACTOR } from '../../main/contract/request-context.js';
import { makeDocx } from '../helpers/make-docx.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('host worker', () => {
  it('runs the contract in a worker: import with events, search, stored files, dialogs via the main thread', async () => {
    const tmp = await makeTempDir('vankho-hostw-');
    const dialogAsks: string[] = [];
    const client = await startHostWorker({
      host: 'electron',
      samplesDir: null,
      archiveDir: join(tmp.dir, 'kho'),
      create: true,
      dialogs: {
        pickDirectory: async (purpose) => {
          dialogAsks.push(purpose);
          return null;
        },
        pickImportPaths: async () => null,
        pickSavePath: async () => null,
        pickSaveCopyPath: async () => null,
      },
    });
    const events: AppEvent[] = [];
    client.subscribe((e) => events.push(e));
    const value = async <T>(method: string, input: unknown): Promise<T> => {
      const r = (await client.dispatch(method, input)) as Result<T>;
      if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
      return r.value;
    };
    try {
      const info = await value<{ documentCount: number; dir: string }>('archiveInfo', {});
      expect(info.dir).toBe(join(tmp.dir, 'kho'));

      const docx = await makeDocx(['Công văn số 87/UBND-VP', 'Về việc rà soát hồ sơ lưu trữ năm 2024']);
      const received = join(tmp.dir, 'received.docx');
      await writeFile(received, docx);
      const uploadId = await client.op('adoptUpload', 'Công văn 87.docx', received);
      const done = new Promise<AppEvent>((resolve) => {
        const off = client.subscribe((e) => {
          if (e.type === 'jobFinished') {
            off();
            resolve(e);
          }
        });
      });
      const changed = new Promise<void>((resolve) => {
        const off = client.subscribe((e) => {
          if (e.type === 'archiveChanged') {
            off();
            resolve();
          }
        });
      });
      const { jobId } = await value<JobStarted>('importStart', { uploadIds: [uploadId] });
      const end = await done;
      await changed;
      // The in-memory store of common terms was saved after the import, not only at close (instant
      // find is built on its first use and saved then).
      expect(existsSync(join(tmp.dir, 'kho', 'derived', 'impacts.bin'))).toBe(true);
      expect(end.type === 'jobFinished' && end.jobId).toBe(jobId);
      expect(end.type === 'jobFinished' && end.state).toBe('done');
      expect(events.some((e) => e.type === 'jobProgress' && e.kind === 'import')).toBe(true);

      const found = await value<SearchResponse>('search', { query: 'ra soat ho so luu tru' });
      expect(found.total).toBe(1);
      const doc = await value<DocumentDetail>('documentGet', { documentId: found.hits[0]!.id });
      const ref = await client.op('storedFile', { actor: LOCAL_ACTOR }, doc.files[0]!.id, false);
      expect(ref.name).toBe('Công văn 87.docx');
      expect((await readFile(ref.path)).equals(docx)).toBe(true);
      await expect(client.op('storedFile', { actor: LOCAL_ACTOR }, 99999, false)).rejects.toThrow(
        /NOT_FOUND/,
      );

      // A dialog asked for inside the worker is shown by the main thread.
      expect(await value('archivePickDirectory', { purpose: 'open' })).toBeNull();
      expect(dialogAsks).toEqual(['open']);
    } finally {
      await client.stop();
      await tmp.cleanup();
    }
    // After stop, calls answer a typed error instead of hanging.
    const after = await client.dispatch('archiveInfo', {});
    expect(after.ok === false && after.error.code).toBe('INTERNAL');
  });

  it('reports a start failure as the archive error', async () => {
    const tmp = await makeTempDir('vankho-hostw-');
    try {
      await expect(
        startHostWorker({
          host: 'web',
          samplesDir: null,
          archiveDir: join(tmp.dir, 'missing'),
          create: false,
        }),
      ).rejects.toThrow(/ARCHIVE_NOT_FOUND/);
    } finally {
      await tmp.cleanup();
    }
  });
});
