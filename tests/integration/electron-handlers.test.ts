// The Electron adapter's handler table, driven through a fake ipcMain with the real core behind
// it (a real archive in a temp dir): no Electron runtime is needed because registration only uses
// ipcMain.handle and the sender frame of the event.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../main/contract/api.js';
import type { DialogImportStarted, DocumentDetail, JobStarted, TagDto } from '../../main/contract/dto.js';
import type { AppEvent } from '../../main/contract/events.js';
import type { Result } from '../../main/contract/errors.js';
import type { SearchResponse } from '../../main/contract/search-types.js';
import { ipcChannelOf } from '../../main/contract/transport.js';
import { registerIpcHandlers, type IpcMainLike } from '../../main/electron/ipc-handlers.js';
import { startHostWorker } from '../../main/host/host-client.js';
import { startAppHost, type AppHost } from '../../main/index.js';
import { makeDocx } from '../helpers/make-docx.js';
import { repoPath } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { jobFinished } from '../helpers/dispatch.js';

/** What the adapter registers; tests call it with plain fake events. */
type Listener = Parameters<IpcMainLike['handle']>[1];

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

const APP_FRAME = { senderFrame: { url: 'vankho-app://app/index.html#/search', parent: null } };

describe('Electron IPC handlers over the real core', () => {
  let tmp: TempDir;
  let host: AppHost;
  const ipc = new FakeIpcMain();
  let unregister: () => void;
  const events: AppEvent[] = [];

  async function invoke<T>(method: string, input: unknown, event: unknown = APP_FRAME): Promise<Result<T>> {
    const h = ipc.handlers.get(ipcChannelOf(method));
    if (!h) throw new Error(`no handler for ${method}`);
    return (await h(event as never, input)) as Result<T>;
  }
  async function value<T>(method: string, input: unknown): Promise<T> {
    const r = await invoke<T>(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.detail ?? ''}`);
    return r.value;
  }
  function jobEnd(jobId: string): Promise<AppEvent> {
    return jobFinished(host.events, jobId);
  }

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ipc-');
    host = await startAppHost({ host: 'electron', samplesDir: null });
    host.events.subscribe((e) => events.push(e));
    unregister = registerIpcHandlers(ipc, host.dispatch);
  });

  afterAll(async () => {
    unregister?.();
    await host?.stop();
    await tmp?.cleanup();
  });

  it('registers exactly one handler per contract method, on the contract channel', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(API_METHODS.map(ipcChannelOf).sort());
  });

  it('refuses senders that are not the app page, whatever they ask', async () => {
    const foreign = [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'file:///etc/passwd', parent: null } },
      { senderFrame: { url: 'vankho-file://file/1', parent: null } },
      { senderFrame: { url: 'vankho-app://other/index.html', parent: null } },
      { senderFrame: { url: 'vankho-app://app/index.html', parent: {} } }, // a sub-frame
      { senderFrame: null },
      {},
    ];
    for (const ev of foreign) {
      const r = await invoke('archiveInfo', {}, ev);
      expect(r.ok === false && r.error.code, JSON.stringify(ev)).toBe('FORBIDDEN');
    }
  });

  it('answers NO_ARCHIVE_OPEN before an archive is open, then creates and opens one', async () => {
    expect(await value('archiveInfo', {})).toBeNull();
    const r = await invoke('tagsList', {});
    expect(r.ok === false && r.error.code).toBe('NO_ARCHIVE_OPEN');
    const info = await value<{ dir: string; documentCount: number }>('archiveCreate', {
      dir: join(tmp.dir, 'kho'),
    });
    expect(info.dir).toBe(join(tmp.dir, 'kho'));
    expect(events.some((e) => e.type === 'archiveChanged' && e.archive?.dir === info.dir)).toBe(true);
    const recent = await value<Array<{ dir: string }>>('archiveRecent', {});
    expect(recent[0]?.dir).toBe(info.dir);
  });

  it('rejects wrong types, extra fields, paths instead of ids and huge strings as INVALID_INPUT', async () => {
    const cases: Array<[string, unknown]> = [
      ['documentGet', { documentId: '/etc/passwd' }],
      ['documentGet', { documentId: 1, path: '/etc/passwd' }],
      ['filePages', { fileId: 1.5 }],
      ['search', { query: 'x'.repeat(100_000) }],
      ['tagCreate', { name: 'y'.repeat(1_000) }],
      ['importStart', { uploadIds: ['../../etc/passwd'] }],
      ['archiveCheck', null],
    ];
    for (const [method, input] of cases) {
      const r = await invoke(method, input);
      expect(r.ok === false && r.error.code, `${method} ${JSON.stringify(input).slice(0, 60)}`).toBe(
        'INVALID_INPUT',
      );
    }
    const extra = ipc.handlers.get(ipcChannelOf('archiveInfo'));
    const two = (await extra?.(APP_FRAME as never, {}, 'second')) as Result<unknown>;
    expect(two.ok === false && two.error.code).toBe('INVALID_INPUT');
  });

  it('answers unknown ids with NOT_FOUND and desktop-only dialogs as UNSUPPORTED without dialogs', async () => {
    for (const [m, input] of [
      ['documentGet', { documentId: 987654 }],
      ['documentRelations', { documentId: 987654 }],
      ['filePages', { fileId: 987654 }],
      ['tagRename', { tagId: 987654, name: 'x' }],
    ] as const) {
      const r = await invoke(m, input);
      expect(r.ok === false && r.error.code, m).toBe('NOT_FOUND');
    }
    const pick = await invoke('archivePickDirectory', { purpose: 'open' });
    expect(pick.ok === false && pick.error.code).toBe('UNSUPPORTED');
  });

  it('imports uploaded bytes as a job, then searches, tags, filters and edits through the handlers', async () => {
    const docx = await makeDocx([
      'BAN CHẤP HÀNH TRUNG ƯƠNG',
      'Số 04-CTr/QU',
      'CHƯƠNG TRÌNH',
      'Thực hiện nghị quyết về chuyển đổi số trong công tác văn thư lưu trữ',
    ]);
    const { uploadId } = await value<{ uploadId: string }>('importUpload', {
      name: 'Chương trình 04.docx',
      bytes: new Uint8Array(docx),
    });
    const { jobId } = await value<JobStarted>('importStart', { uploadIds: [uploadId] });
    const end = await jobEnd(jobId);
    expect(end.type === 'jobFinished' && end.state).toBe('done');
    expect(events.some((e) => e.type === 'jobProgress' && e.kind === 'import' && e.jobId === jobId)).toBe(
      true,
    );
    const jobs = await value<Array<{ jobId: string; state: string }>>('jobsList', {});
    expect(jobs.find((j) => j.jobId === jobId)?.state).toBe('done');

    const res = await value<SearchResponse>('search', { query: 'chuyen doi so van thu' });
    expect(res.total).toBe(1);
    const id = res.hits[0]!.id;

    const tag = await value<TagDto>('documentAddTag', { documentId: id, name: 'Chuyển đổi số' });
    expect(tag.name).toBe('Chuyển đổi số');
    const byTag = await value<SearchResponse>('search', { query: '', filters: { tags: ['Chuyển đổi số'] } });
    expect(byTag.hits.map((h) => h.id)).toEqual([id]);
    const tags = await value<TagDto[]>('tagsList', {});
    expect(tags.find((t) => t.id === tag.id)?.documentCount).toBe(1);

    const updated = await value<DocumentDetail>('documentUpdate', {
      documentId: id,
      fields: { issuer: 'Quận ủy Ba Đình', issuedDate: '2021-05-04' },
    });
    expect(updated.metadata.issuer).toBe('Quận ủy Ba Đình');
    expect(updated.provenance.issuer?.source).toBe('user');
    const byIssuer = await value<SearchResponse>('search', { query: 'quan uy ba dinh' });
    expect(byIssuer.hits[0]?.issuer).toBe('Quận ủy Ba Đình');

    const pages = await value<Array<{ text: string }>>('filePages', { fileId: updated.files[0]!.id });
    expect(pages.map((p) => p.text).join('\n')).toContain('chuyển đổi số');

    const rel = await value<{ cites: unknown[]; citedBy: unknown[]; missing: unknown[] }>(
      'documentRelations',
      {
        documentId: id,
      },
    );
    expect(Array.isArray(rel.cites) && Array.isArray(rel.citedBy) && Array.isArray(rel.missing)).toBe(true);

    expect(await value('documentRemoveTag', { documentId: id, tagId: tag.id })).toEqual({ removed: true });
    const del = await value<{ deleted: true; trashId: number }>('documentDelete', { documentId: id });
    expect(del).toEqual({ deleted: true, trashId: expect.any(Number) });
    const gone = await invoke('documentGet', { documentId: id });
    expect(gone.ok === false && gone.error.code).toBe('NOT_FOUND');
    expect((await value<SearchResponse>('search', { query: 'chuyen doi so' })).total).toBe(0);
    // Into the trash, and back from it.
    expect(await value('trashRestore', { trashIds: [del.trashId] })).toEqual({ documentIds: [id] });
    expect((await value<SearchResponse>('search', { query: 'chuyen doi so' })).total).toBe(1);
  });

  it('cancels a running import job on request', async () => {
    const files = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        makeDocx([`Báo cáo số ${i + 1}/BC-UBND`, `Nội dung báo cáo thứ ${i + 1}`]),
      ),
    );
    const ids: string[] = [];
    for (const [i, f] of files.entries()) {
      ids.push(
        (
          await value<{ uploadId: string }>('importUpload', {
            name: `bc-${i}.docx`,
            bytes: new Uint8Array(f),
          })
        ).uploadId,
      );
    }
    const { jobId } = await value<JobStarted>('importStart', { uploadIds: ids });
    const ended = jobEnd(jobId);
    expect(await value('importCancel', { jobId })).toEqual({ cancelled: true });
    const end = await ended;
    expect(end.type === 'jobFinished' && end.state).toBe('cancelled');
    expect(await value('importCancel', { jobId })).toEqual({ cancelled: false });
  });

  it('backs up the open archive and restores it into a new folder that it then opens (menu actions)', async () => {
    const docx = await makeDocx(['Kế hoạch số 45/KH-UBND', 'Kế hoạch sao lưu hồ sơ lưu trữ']);
    const { uploadId } = await value<{ uploadId: string }>('importUpload', {
      name: 'kh45.docx',
      bytes: new Uint8Array(docx),
    });
    const { jobId } = await value<JobStarted>('importStart', { uploadIds: [uploadId] });
    await jobEnd(jobId);
    const before = await value<{ dir: string; documentCount: number }>('archiveInfo', {});
    const backup = join(tmp.dir, 'sao-luu.zip');
    const report = await host.service.backupTo(backup);
    expect(report.documents).toBe(before.documentCount);
    const restored = await host.service.restoreInto(backup, join(tmp.dir, 'kho-khoi-phuc'));
    expect(restored.dir).toBe(join(tmp.dir, 'kho-khoi-phuc'));
    expect(restored.documentCount).toBe(before.documentCount);
    const info = await value<{ dir: string }>('archiveInfo', {});
    expect(info.dir).toBe(restored.dir);
    const found = await value<SearchResponse>('search', { query: 'sao luu ho so' });
    expect(found.total).toBe(1);
  });
});

describe('desktop-only handlers with (scripted) native dialogs', () => {
  it('imports what the file picker returned and saves a copy of an original where the save dialog said', async () => {
    const tmp = await makeTempDir('vankho-dialogs-');
    const picked = join(tmp.dir, 'chon');
    const saveTo = join(tmp.dir, 'ban-sao.docx');
    const asked: string[] = [];
    let pickedFiles: string[] = [];
    const host = await startAppHost({
      host: 'electron',
      samplesDir: null,
      archiveDir: join(tmp.dir, 'kho'),
      create: true,
      dialogs: {
        pickDirectory: async () => join(tmp.dir, 'kho-moi'),
        pickImportPaths: async (folders) => {
          asked.push(`import folders=${folders}`);
          return folders ? [picked] : pickedFiles;
        },
        pickSavePath: async () => null,
        pickSaveCopyPath: async (name) => {
          asked.push(`save ${name}`);
          return saveTo;
        },
      },
    });
    try {
      const { mkdir, writeFile, readFile } = await import('node:fs/promises');
      await mkdir(picked);
      const docx = await makeDocx(['Thông báo số 112/TB-UBND', 'Thông báo lịch tiếp công dân']);
      await writeFile(join(picked, 'Thông báo 112.docx'), docx);
      const ipc = new FakeIpcMain();
      registerIpcHandlers(ipc, host.dispatch);
      const call = async <T>(method: string, input: unknown): Promise<T> => {
        const r = (await ipc.handlers.get(ipcChannelOf(method))?.(APP_FRAME as never, input)) as Result<T>;
        if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
        return r.value;
      };
      const started = await call<DialogImportStarted | null>('importFromDialog', { folders: true });
      expect(started?.bundles).toEqual([]);
      await host.jobs.wait(started!.jobId!);
      const found = await call<SearchResponse>('search', { query: 'lich tiep cong dan' });
      expect(found.total).toBe(1);
      const doc = await call<DocumentDetail>('documentGet', { documentId: found.hits[0]!.id });
      expect(await call('fileSaveAs', { fileId: doc.files[0]!.id })).toBe(saveTo);
      expect((await readFile(saveTo)).equals(docx)).toBe(true);
      expect(asked).toEqual(['import folders=true', 'save Thông báo 112.docx']);
      // Files picked one by one: a VanKho bundle among them is held for a merge offer, not filed.
      const other = join(tmp.dir, 'Kế hoạch 15.docx');
      await writeFile(other, await makeDocx(['Kế hoạch số 15-KH/ĐU', 'Kế hoạch chuyển đổi số']));
      pickedFiles = [repoPath('tests', 'fixtures', 'bundles', 'vankho-bundle-v1.zip'), other];
      const mixed = await call<DialogImportStarted>('importFromDialog', { folders: false });
      expect(mixed.bundles).toEqual([{ uploadId: expect.any(String), name: 'vankho-bundle-v1.zip' }]);
      await host.jobs.wait(mixed.jobId!);
      expect((await call<SearchResponse>('search', { query: 'ke hoach chuyen doi so' })).total).toBe(1);
      expect(await call('bundleProbe', { uploadId: mixed.bundles[0]!.uploadId })).toMatchObject({
        documentCount: expect.any(Number),
      });
      // The export dialog was cancelled: no job.
      expect(await call('exportStart', { kind: 'bundle' })).toBeNull();

      // Desktop: a folder the renderer names itself is refused; one picked in the dialog is fine.
      const made = (await ipc.handlers.get(ipcChannelOf('archiveCreate'))?.(APP_FRAME as never, {
        dir: join(tmp.dir, 'kho-tu-dat'),
      })) as Result<unknown>;
      expect(made.ok === false && made.error.code).toBe('FORBIDDEN');
      const dir = await call<string>('archivePickDirectory', { purpose: 'create' });
      const info = await call<{ dir: string }>('archiveCreate', { dir });
      expect(info.dir).toBe(join(tmp.dir, 'kho-moi'));
      // The first archive is in the recent list, so reopening it by path is allowed.
      const back = await call<{ dir: string }>('archiveOpen', { dir: join(tmp.dir, 'kho') });
      expect(back.dir).toBe(join(tmp.dir, 'kho'));
    } finally {
      await host.stop();
      await tmp.cleanup();
    }
  });
});

describe('the handler table over the host worker (as the desktop app wires it)', () => {
  it('answers through the worker and still refuses foreign senders', async () => {
    const tmp = await makeTempDir('vankho-ipc-worker-');
    const client = await startHostWorker({
      host: 'electron',
      samplesDir: null,
      archiveDir: join(tmp.dir, 'kho'),
      create: true,
    });
    try {
      const ipc = new FakeIpcMain();
      registerIpcHandlers(ipc, client.dispatch);
      const info = ipc.handlers.get(ipcChannelOf('archiveInfo'));
      const ok = (await info?.(APP_FRAME as never, {})) as Result<{ dir: string }>;
      expect(ok.ok && ok.value.dir).toBe(join(tmp.dir, 'kho'));
      const foreign = (await info?.(
        { senderFrame: { url: 'https://evil.example/', parent: null } } as never,
        {},
      )) as Result<unknown>;
      expect(foreign.ok === false && foreign.error.code).toBe('FORBIDDEN');
      const bad = (await ipc.handlers.get(ipcChannelOf('documentGet'))?.(APP_FRAME as never, {
        documentId: 'x',
      })) as Result<unknown>;
      expect(bad.ok === false && bad.error.code).toBe('INVALID_INPUT');
    } finally {
      await client.stop();
      await tmp.cleanup();
    }
  });
});
