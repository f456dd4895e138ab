// Removing an entry from the recent list (archiveRecentRemove, the archive screen's "Xóa khỏi danh
// sách"): a folder or a shared archive leaves the JSON file the next start reads, with a shared one's
// pinned certificate; the archive folder and its documents stay as they were, and on the desktop a
// removed folder is no longer one the page may open without the folder dialog.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArchiveInfo, JobStarted, RecentArchive } from '../../../main/contract/dto.js';
import { DB_FILE_NAME } from '../../../main/core/archive/archive.js';
import { RecentArchives } from '../../../main/host/recent-archives.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { dispatcher } from '../../helpers/dispatch.js';
import { makeDocx } from '../../helpers/make-docx.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const PIN = 'CD:'.repeat(31) + 'CD';
const SERVER = 'https://kho.ubnd.local:8443/';

describe('archiveRecentRemove', () => {
  let tmp: TempDir;
  let recentFile: string;
  let host: AppHost | null = null;
  const api = dispatcher(() => host!);
  const dirs = (list: RecentArchive[]) => list.map((r) => r.dir);

  beforeEach(async () => {
    tmp = await makeTempDir('vankho-recent-remove-');
    recentFile = join(tmp.dir, 'config', 'recent-archives.json');
  });
  afterEach(async () => {
    await host?.stop();
    host = null;
    await tmp.cleanup();
  });

  it('takes a folder and a shared archive off the stored list and leaves the archive untouched', async () => {
    const khoA = join(tmp.dir, 'kho-a');
    const khoB = join(tmp.dir, 'kho-b');
    host = await startAppHost({ host: 'web', samplesDir: null, recentFile });
    await api.call('archiveCreate', { dir: khoA });
    const bytes = await makeDocx(['Thông báo số 7/TB-UBND', 'Thông báo lịch họp giao ban']);
    const { uploadId } = await api.call<{ uploadId: string }>('importUpload', { name: 'TB 7.docx', bytes });
    const { jobId } = await api.call<JobStarted>('importStart', { uploadIds: [uploadId] });
    await host.jobs.wait(jobId);
    await api.call('archiveCreate', { dir: khoB });
    // The desktop's main process writes shared entries into the same file.
    new RecentArchives(recentFile).addShared({ url: SERVER, fingerprint: PIN });
    expect(dirs(await api.call('archiveRecent', {}))).toEqual([SERVER, khoB, khoA]);

    expect(dirs(await api.call('archiveRecentRemove', { dir: khoA }))).toEqual([SERVER, khoB]);
    expect(dirs(await api.call('archiveRecentRemove', { dir: SERVER }))).toEqual([khoB]);
    // An entry no longer listed: nothing happens, no error.
    expect(dirs(await api.call('archiveRecentRemove', { dir: khoA }))).toEqual([khoB]);

    // The next start reads the list without them; the shared archive's pin went with it.
    const next = new RecentArchives(recentFile);
    expect(dirs(next.list())).toEqual([khoB]);
    expect(next.shared(SERVER)).toBeNull();
    // The removed archive is where it was, whole, and opens again (and is listed again).
    expect(existsSync(join(khoA, DB_FILE_NAME))).toBe(true);
    const reopened = await api.call<ArchiveInfo>('archiveOpen', { dir: khoA });
    expect(reopened.documentCount).toBe(1);
    expect(dirs(await api.call('archiveRecent', {}))).toEqual([khoA, khoB]);
  });

  it('on the desktop, a removed folder can no longer be opened by the page without the dialog', async () => {
    const khoA = join(tmp.dir, 'kho-a');
    const khoB = join(tmp.dir, 'kho-b');
    // Both archives were opened in earlier runs, so the recent list is what approves them.
    const seed = new RecentArchives(recentFile);
    for (const dir of [khoA, khoB]) {
      const h = await startAppHost({ host: 'cli', samplesDir: null, archiveDir: dir, create: true });
      await h.stop();
      seed.add(dir);
    }
    host = await startAppHost({
      host: 'electron',
      samplesDir: null,
      recentFile,
      dialogs: {
        pickDirectory: async () => null,
        pickImportPaths: async () => null,
        pickSavePath: async () => null,
        pickSaveCopyPath: async () => null,
      },
    });
    expect((await api.call<ArchiveInfo>('archiveOpen', { dir: khoB })).dir).toBe(khoB);
    expect(dirs(await api.call('archiveRecentRemove', { dir: khoA }))).toEqual([khoB]);
    expect(await api.refused('archiveOpen', { dir: khoA })).toBe('FORBIDDEN');
    expect(existsSync(join(khoA, DB_FILE_NAME))).toBe(true);
  });
});
