// Per-account upload caps of `vankho serve` over real HTTP on 127.0.0.1 (issue 14 "upload sizes and
// counts per user"): with `--account-upload-mib 1 --account-upload-files 2`, one archivist who holds
// 1 MiB or 2 files not yet imported is refused with ACCOUNT_UPLOAD_LIMIT (vi/en), while another
// archivist still uploads; an import frees the first account's room again.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDto } from '../../../main/contract/dto.js';
import { ERROR_MESSAGES } from '../../../main/contract/errors.js';
import { CSRF_HEADER, UPLOAD_NAME_HEADER } from '../../../main/contract/transport.js';
import {
  addAccounts,
  serveClient,
  startServe,
  stopServe,
  vankhoCli,
  type ServeSession,
} from '../../helpers/serve-child.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const PASSWORD = 'mật-khẩu-dài-1';
const KIB = 1024;

interface UploadAnswer {
  ok: boolean;
  value?: { uploadId: string };
  error?: { code: string; message: { vi: string; en: string } };
}

describe('vankho serve per-account upload caps', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let child: ChildProcess | undefined;
  let base: string;
  let client: ReturnType<typeof serveClient>;
  let lan: ServeSession;
  let minh: ServeSession;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-serve-upload-caps-');
    const archive = join(tmp.dir, 'kho');
    await addAccounts(
      archive,
      [
        ['quantri', 'admin'],
        ['lan', 'archivist'],
        ['minh', 'archivist'],
      ],
      PASSWORD,
    );
    const started = await startServe([
      '--archive',
      archive,
      '--listen',
      '127.0.0.1:0',
      '--account-upload-mib',
      '1',
      '--account-upload-files',
      '2',
    ]);
    child = started.child;
    base = started.url;
    client = serveClient(base);
    lan = await client.signIn('lan', PASSWORD);
    minh = await client.signIn('minh', PASSWORD);
  });
  afterAll(async () => {
    await stopServe(child);
    await tmp?.cleanup();
  });

  const upload = async (s: ServeSession, name: string, body: Buffer): Promise<UploadAnswer> => {
    const r = await fetch(new URL('/upload', base), {
      method: 'POST',
      headers: {
        cookie: s.cookie,
        [CSRF_HEADER]: s.csrf,
        'content-type': 'application/octet-stream',
        [UPLOAD_NAME_HEADER]: encodeURIComponent(name),
      },
      body,
    });
    expect(r.status).toBe(200);
    return (await r.json()) as UploadAnswer;
  };
  const text = (kib: number, word: string): Buffer =>
    Buffer.from(`Công văn ${word}. `.repeat(kib * KIB)).subarray(0, kib * KIB);

  it('refuses the account over its bytes, then over its file count, while another account uploads', async () => {
    const first = await upload(lan, 'cong-van-1.txt', text(600, 'một'));
    expect(first.ok).toBe(true);
    // 600 + 600 KiB > 1 MiB: this account's cap, not the server's 2 GiB.
    const tooBig = await upload(lan, 'cong-van-2.txt', text(600, 'hai'));
    expect(tooBig.ok).toBe(false);
    expect(tooBig.error?.code).toBe('ACCOUNT_UPLOAD_LIMIT');
    expect(tooBig.error?.message).toEqual(ERROR_MESSAGES.ACCOUNT_UPLOAD_LIMIT);
    expect(tooBig.error?.message.vi).toContain('Tài khoản này');

    // The other account is not blocked by the first one's cap.
    const other = await upload(minh, 'bao-cao-1.txt', text(600, 'ba'));
    expect(other.ok).toBe(true);

    // A small second file fits the bytes; a third is over the count (2 files).
    const second = await upload(lan, 'cong-van-3.txt', text(4, 'bốn'));
    expect(second.ok).toBe(true);
    const third = await upload(lan, 'cong-van-4.txt', text(4, 'năm'));
    expect(third.error?.code).toBe('ACCOUNT_UPLOAD_LIMIT');
    const otherSecond = await upload(minh, 'bao-cao-2.txt', text(4, 'sáu'));
    expect(otherSecond.ok).toBe(true);

    // Importing frees the account's uploads: it may upload again.
    const { jobId } = await client.call<{ jobId: string }>(lan, 'importStart', {
      uploadIds: [first.value!.uploadId, second.value!.uploadId],
    });
    for (let i = 0; ; i++) {
      const job = (await client.call<JobDto[]>(lan, 'jobsList', {})).find((j) => j.jobId === jobId);
      if (job && job.state !== 'running') break;
      if (i > 600) throw new Error('import did not end');
      await new Promise((r) => setTimeout(r, 100));
    }
    let again: UploadAnswer | undefined;
    // The uploads are released just after the job ends.
    for (let i = 0; i < 50 && !again?.ok; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      again = await upload(lan, 'cong-van-5.txt', text(600, 'bảy'));
    }
    expect(again?.ok).toBe(true);
    // minh still holds two files: still at its own count cap.
    expect((await upload(minh, 'bao-cao-3.txt', text(4, 'tám'))).error?.code).toBe('ACCOUNT_UPLOAD_LIMIT');
  });

  it('refuses a cap that is not a positive whole number at start', async () => {
    const r = vankhoCli(['--archive', join(tmp.dir, 'kho'), 'serve', '--account-upload-files', '0']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--account-upload-files 0');
  });
});
