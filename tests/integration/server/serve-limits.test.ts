// The limits of `vankho serve` over real HTTP on 127.0.0.1 (issue 14): a JSON body over 4 MiB and an
// upload declared over 512 MiB are refused with a typed answer (the upload before a byte of it is
// read), and a client that never finishes its headers is cut off after the headers timeout (20 s) —
// each time the server goes on serving the signed-in account.
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, MAX_UPLOAD_BYTES, UPLOAD_NAME_HEADER } from '../../../main/contract/transport.js';
import { MAX_JSON_BODY } from '../../../main/web/http-io.js';
import {
  addAccounts,
  serveClient,
  startServe,
  stopServe,
  type ServeSession,
} from '../../helpers/serve-child.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const PASSWORD = 'mật-khẩu-dài-1';

describe('vankho serve limits', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let child: ChildProcess | undefined;
  let base: URL;
  let client: ReturnType<typeof serveClient>;
  let clerk: ServeSession;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-serve-limits-');
    const archive = join(tmp.dir, 'kho');
    await addAccounts(
      archive,
      [
        ['quantri', 'admin'],
        ['vanthu', 'archivist'],
      ],
      PASSWORD,
    );
    const started = await startServe(['--archive', archive, '--listen', '127.0.0.1:0']);
    child = started.child;
    base = new URL(started.url);
    client = serveClient(base.href);
    clerk = await client.signIn('vanthu', PASSWORD);
  });
  afterAll(async () => {
    await stopServe(child);
    await tmp?.cleanup();
  });

  const stillServing = async (): Promise<void> => {
    const who = await client.call<{ user: { username: string } } | null>(clerk, 'whoami', {});
    expect(who?.user.username).toBe('vanthu');
  };

  it('refuses a JSON body over 4 MiB with 400 and a typed error', async () => {
    const big = JSON.stringify({ input: { query: 'x'.repeat(MAX_JSON_BODY + 1024) } });
    const r = await fetch(new URL('/api/search', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: clerk.cookie, [CSRF_HEADER]: clerk.csrf },
      body: big,
    });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { ok: boolean; error: { code: string; detail?: string } };
    expect(body.ok).toBe(false);
    expect(body.error).toMatchObject({ code: 'INVALID_INPUT', detail: 'body too large' });
    // Just under the bound is read (and answered as a search, whatever it finds).
    const fits = await client.answer(clerk, 'search', { query: 'x'.repeat(1000), limit: 1 });
    expect(fits.status).toBe(200);
    await stillServing();
  });

  it('answers 413 to an upload declared over 512 MiB without reading its body', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(new URL('/upload', base), {
        method: 'POST',
        headers: {
          cookie: clerk.cookie,
          [CSRF_HEADER]: clerk.csrf,
          [UPLOAD_NAME_HEADER]: encodeURIComponent('lớn.pdf'),
          'content-type': 'application/octet-stream',
          'content-length': String(MAX_UPLOAD_BYTES + 1),
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        // Nothing more will be sent: the answer came before the body.
        res.on('end', () => req.destroy());
      });
      req.on('error', reject);
      // Headers only, and a few bytes: the answer must not wait for the other 512 MiB.
      req.flushHeaders();
      req.write(Buffer.alloc(16));
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    await stillServing();
  });

  it('cuts off a client that never finishes its headers (slow-loris) after about 20 s', async () => {
    const started = Date.now();
    const outcome = await new Promise<{ closedAfterMs: number; reply: string }>((resolve, reject) => {
      const socket = connect(Number(base.port), '127.0.0.1');
      let reply = '';
      socket.setEncoding('utf8');
      socket.on('connect', () => socket.write(`GET /healthz HTTP/1.1\r\nHost: ${base.host}\r\nX-Slow: `));
      // Trickles a byte every 2 s: each keeps the socket alive, none finishes the headers.
      const drip = setInterval(() => socket.write('a'), 2_000);
      socket.on('data', (d: string) => (reply += d));
      socket.on('close', () => {
        clearInterval(drip);
        resolve({ closedAfterMs: Date.now() - started, reply });
      });
      socket.on('error', (e) => {
        clearInterval(drip);
        reject(e);
      });
      setTimeout(() => socket.destroy(new Error('not cut off within 60 s')), 60_000);
    });
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(19_000);
    expect(outcome.closedAfterMs).toBeLessThan(30_000);
    expect(outcome.reply).toMatch(/^HTTP\/1\.1 408/);
    await stillServing();
  });
});
