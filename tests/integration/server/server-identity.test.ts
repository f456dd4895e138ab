// GET /vankho-server (issue 14, "Kết nối kho dùng chung"): a real `vankho serve` on 127.0.0.1 tells
// what it is without a session — product, mode, version — and nothing about the archive.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_PATHS, SERVER_PROTOCOL, type ServerIdentity } from '../../../main/contract/transport.js';
import { repoPath } from '../../helpers/repo-root.js';
import { startServe, stopServe, vankhoCli } from '../../helpers/serve-child.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

describe('the server identity endpoint', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let child: ChildProcess | undefined;
  let base: string;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-identity-');
    const archive = join(tmp.dir, 'kho');
    const added = vankhoCli(
      ['--archive', archive, 'users', 'add', 'quantri', '--role', 'admin', '--password-stdin'],
      'mật-khẩu-dài-1\n',
    );
    expect(added.code, added.stderr).toBe(0);
    const started = await startServe(['--archive', archive, '--listen', '127.0.0.1:0']);
    child = started.child;
    base = started.url;
  });
  afterAll(async () => {
    await stopServe(child);
    await tmp?.cleanup();
  });

  it('answers who it is without a session, and only that', async () => {
    const r = await fetch(new URL(SERVER_PATHS.identity, base));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('set-cookie')).toBeNull();
    const version = (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string })
      .version;
    const expected: ServerIdentity = {
      product: 'VanKho',
      mode: 'server',
      version,
      protocol: SERVER_PROTOCOL,
    };
    expect(await r.json()).toEqual(expected);
    // A state-changing method is not answered there.
    expect((await fetch(new URL(SERVER_PATHS.identity, base), { method: 'POST' })).status).not.toBe(200);
  });
});
