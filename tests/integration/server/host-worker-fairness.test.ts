// An import makes progress while readers search (issue 14, office load): 50 callers keep a search
// each in flight to the host worker, so its queue never empties. (1) One import job of small TXT
// files: each of a file's job steps (file reads, the blob write and fsync, the extraction reply, the
// commit) must wait for only a few searches, not for a thousand as when Node's MessagePort drained
// its whole queue per event-loop turn. (2) The archivist's own requests (a write, an upload's room)
// go before the queued searches, as an import's uploads and marking are a chain of them. Counted,
// not timed: the searches answered in between (replies and job events leave the worker in order on
// one port).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStarted } from '../../../main/contract/dto.js';
import type { Result } from '../../../main/contract/errors.js';
import { startHostWorker, type HostClient } from '../../../main/host/host-client.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const READERS = 50;
const FILES = 8;
/**
 * Searches answered between two files finishing, at most. A file takes about a dozen I/O steps; a
 * step once waited for up to 1000 requests (one MessagePort drain), so a file took ten thousand.
 * When a gap passes this, the readers stop (the job then ends at once) and the test fails.
 */
const MAX_BETWEEN_FILES = 1000;
/** Searches answered while one archivist request waits, at most (in line, it waited for ~all 50). */
const MAX_BEFORE_URGENT = READERS / 2;

const QUERIES = ['kế hoạch', 'chuyen doi so', 'thiên tai', 'quyết định', 'môi trường'];

function notice(i: number): string {
  return [
    'ỦY BAN NHÂN DÂN TỈNH AN GIANG',
    `Số: ${100 + i}/TB-UBND`,
    'THÔNG BÁO',
    `Về việc kế hoạch chuyển đổi số và phòng chống thiên tai (đợt ${i})`,
    'Điều 1. Các cơ quan, đơn vị triển khai bảo vệ môi trường khu dân cư.',
  ].join('\n');
}

describe('host worker fairness', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let client: HostClient;

  const adopt = async (name: string, text: string): Promise<string> => {
    const path = join(tmp.dir, name);
    await writeFile(path, text);
    return client.op('adoptUpload', name, path);
  };
  const start = async (uploadIds: string[]): Promise<string> => {
    const r = (await client.dispatch('importStart', { uploadIds })) as Result<JobStarted>;
    if (!r.ok) throw new Error(`importStart: ${r.error.code}`);
    return r.value.jobId;
  };
  const finished = (jobId: string): Promise<string> =>
    new Promise((resolve) => {
      const off = client.subscribe((e) => {
        if (e.type === 'jobFinished' && e.jobId === jobId) {
          off();
          resolve(e.state);
        }
      });
    });

  /** READERS callers searching back to back; resolves once they are all in flight. */
  async function startReaders(): Promise<{
    answered: () => number;
    failures: () => number;
    stop: () => Promise<void>;
  }> {
    let answered = 0;
    let failures = 0;
    let stopped = false;
    const reader = async (u: number): Promise<void> => {
      for (let n = 0; !stopped; n++) {
        const r = await client.dispatch('search', { query: QUERIES[(u + n) % QUERIES.length], limit: 20 });
        if (!r.ok) failures++;
        answered++;
      }
    };
    const readers = Array.from({ length: READERS }, (_, u) => reader(u));
    while (answered < READERS * 2) await new Promise((r) => setImmediate(r));
    return {
      answered: () => answered,
      failures: () => failures,
      stop: async () => {
        stopped = true;
        await Promise.all(readers);
      },
    };
  }

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-hw-fair-');
    client = await startHostWorker({
      host: 'web',
      samplesDir: null,
      archiveDir: join(tmp.dir, 'kho'),
      create: true,
    });
    // Something to find, so that each search does real work.
    const seeded = await start(await Promise.all([0, 1, 2, 3].map((i) => adopt(`seed-${i}.txt`, notice(i)))));
    expect(await finished(seeded)).toBe('done');
  });
  afterAll(async () => {
    await client?.stop();
    await tmp?.cleanup();
  });

  it('lets an import job progress file by file while readers keep the worker busy', async () => {
    const uploads = await Promise.all(
      Array.from({ length: FILES }, (_, i) => adopt(`tb-${i}.txt`, notice(10 + i))),
    );
    const readers = await startReaders();
    const jobId = await start(uploads);
    const gaps: number[] = [];
    let lastDone = 0;
    let since: number | null = null;
    const off = client.subscribe((e) => {
      if (
        !(e.type === 'jobProgress' && e.kind === 'import') ||
        e.jobId !== jobId ||
        e.progress.done === lastDone
      )
        return;
      // From the first file on: the pool's extraction threads have started (that takes wall time,
      // whatever the readers do).
      if (since !== null) gaps.push(readers.answered() - since);
      since = readers.answered();
      lastDone = e.progress.done;
    });
    let starved = false;
    const watch = setInterval(() => {
      if (since !== null && readers.answered() - since > MAX_BETWEEN_FILES && !starved) {
        starved = true;
        void readers.stop();
      }
    }, 5);
    const state = await finished(jobId);
    const duringJob = readers.answered();
    clearInterval(watch);
    off();
    await readers.stop();

    expect(state).toBe('done');
    expect(readers.failures()).toBe(0);
    expect(lastDone).toBe(FILES);
    // Every file after the first finished within a few searches' worth of turns...
    expect(gaps.length).toBeGreaterThanOrEqual(FILES - 1);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(MAX_BETWEEN_FILES);
    expect(starved).toBe(false);
    // ...while the readers were still answered throughout (not held back for the import).
    expect(duringJob).toBeGreaterThan(READERS * 2);
    const info = (await client.dispatch('archiveInfo', {})) as Result<{ documentCount: number }>;
    expect(info.ok && info.value.documentCount).toBe(4 + FILES);
  });

  it("serves the archivist's writes and uploads before the searches queued", async () => {
    const readers = await startReaders();
    const waited: number[] = [];
    for (let k = 0; k < 10; k++) {
      const before = readers.answered();
      const r = await client.dispatch('tagCreate', { name: `Đợt kiểm tra ${k}` });
      expect(r.ok).toBe(true);
      waited.push(readers.answered() - before);
      const room = readers.answered();
      await client.op('uploadRoom');
      waited.push(readers.answered() - room);
    }
    const answered = readers.answered();
    await readers.stop();
    expect(readers.failures()).toBe(0);
    expect(answered).toBeGreaterThan(READERS * 2);
    expect(Math.max(...waited)).toBeLessThanOrEqual(MAX_BEFORE_URGENT);
  });
});
