// The request-body timeout of `vankho serve` over real HTTP on 127.0.0.1 (issue 14 "timeouts on slow
// clients"): with `--request-timeout-s 3`, an upload whose body trickles in slower than that is cut off
// with 408 and the connection closed, while one sent within the limit is taken; the server goes on.
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, UPLOAD_NAME_HEADER } from '../../../main/contract/transport.js';
import {
  addAccounts,
  serveClient,
  startServe,
  stopServe,
  type ServeSession,
} from '../../helpers/serve-child.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const PASSWORD = 'mật-khẩu-dài-1';

describe('vankho serve request-body timeout', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let child: ChildProcess | undefined;
  let base: URL;
  let clerk: ServeSession;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-serve-body-timeout-');
    const archive = join(tmp.dir, 'kho');
    await addAccounts(
      archive,
      [
        ['quantri', 'admin'],
        ['vanthu', 'archivist'],
      ],
      PASSWORD,
    );
    const started = await startServe([
      '--archive',
      archive,
      '--listen',
      '127.0.0.1:0',
      '--request-timeout-s',
      '3',
    ]);
    child = started.child;
    base = new URL(started.url);
    clerk = await serveClient(base.href).signIn('vanthu', PASSWORD);
  });
  afterAll(async () => {
    await stopServe(child);
    await tmp?.cleanup();
  });

  /** POST /upload of `size` bytes, one byte every `everyMs`; what came back and when the socket closed. */
  const trickle = (size: number, everyMs: number) =>
    new Promise<{ reply: string; closedAfterMs: number }>((resolve, reject) => {
      const started = Date.now();
      const socket = connect(Number(base.port), '127.0.0.1');
      let reply = '';
      let sent = 0;
      let drip: NodeJS.Timeout | undefined;
      socket.setEncoding('utf8');
      socket.on('connect', () => {
        socket.write(
          `POST /upload HTTP/1.1\r\nHost: ${base.host}\r\nCookie: ${clerk.cookie}\r\n${CSRF_HEADER}: ${clerk.csrf}\r\n` +
            `${UPLOAD_NAME_HEADER}: cham.txt\r\nContent-Type: application/octet-stream\r\n` +
            `Content-Length: ${size}\r\nConnection: close\r\n\r\n`,
        );
        drip = setInterval(() => {
          if (sent < size && !socket.destroyed) {
            socket.write('a');
            sent++;
          }
        }, everyMs);
      });
      socket.on('data', (d: string) => (reply += d));
      socket.on('close', () => {
        clearInterval(drip);
        resolve({ reply, closedAfterMs: Date.now() - started });
      });
      socket.on('error', (e) => {
        clearInterval(drip);
        if (reply) resolve({ reply, closedAfterMs: Date.now() - started });
        else reject(e);
      });
      setTimeout(() => socket.destroy(new Error('not answered within 30 s')), 30_000);
    });

  it('cuts off a body slower than the limit with 408', async () => {
    // 40 bytes at one per 500 ms would need 20 s.
    const slow = await trickle(40, 500);
    expect(slow.reply).toMatch(/^HTTP\/1\.1 408/);
    expect(slow.closedAfterMs).toBeGreaterThanOrEqual(2_900);
    expect(slow.closedAfterMs).toBeLessThan(10_000);
  });

  it('takes a slow body that ends within the limit', async () => {
    // 8 bytes at one per 150 ms: about 1.2 s.
    const ok = await trickle(8, 150);
    expect(ok.reply).toMatch(/^HTTP\/1\.1 200/);
    expect(ok.reply).toMatch(/"ok":true,"value":\{"uploadId":"[A-Za-z0-9_-]+"\}/);
  });
});
