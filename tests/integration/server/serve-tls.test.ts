// `vankho serve --tls-cert --tls-key` end to end (issue 14): a throwaway key and certificate made by
// openssl in a temp folder, the real CLI as the server, a client that trusts exactly that certificate
// (`ca`, never rejectUnauthorized:false). Sign-in over HTTPS sets a Secure cookie that works for the
// next call; a client not trusting the certificate and plain HTTP to the same port both fail.
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE, type SessionInfo } from '../../../main/contract/transport.js';
import { SELF_SIGNED_DIR } from '../../../main/web/self-signed.js';
import { startServe, stopServe, vankhoCli } from '../../helpers/serve-child.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const PASSWORD = 'mật-khẩu-dài-1';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  req: typeof httpsRequest | typeof httpRequest,
  url: URL,
  options: RequestOptions,
  body?: unknown,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const r = req(url, { method: body === undefined ? 'GET' : 'POST', ...options }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    r.on('error', reject);
    r.setTimeout(10_000, () => r.destroy(new Error('timeout')));
    if (body !== undefined) {
      r.setHeader('content-type', 'application/json');
      r.end(JSON.stringify(body));
    } else r.end();
  });
}

describe('vankho serve over HTTPS with the given certificate', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let child: ChildProcess | undefined;
  let base: URL;
  let ca: Buffer;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-serve-tls-');
    const cert = join(tmp.dir, 'cert.pem');
    const key = join(tmp.dir, 'key.pem');
    // The one-liner main/web/README.md documents, with a short validity for a test.
    const made = spawnSync(
      '/usr/bin/openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { encoding: 'utf8' },
    );
    expect(made.status, made.stderr).toBe(0);
    ca = readFileSync(cert);
    const archive = join(tmp.dir, 'kho');
    const added = vankhoCli(
      ['--archive', archive, 'users', 'add', 'quantri', '--role', 'admin', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    const started = await startServe([
      '--archive',
      archive,
      '--listen',
      '127.0.0.1:0',
      '--tls-cert',
      cert,
      '--tls-key',
      key,
    ]);
    child = started.child;
    base = new URL(started.url);
  });
  afterAll(async () => {
    await stopServe(child);
    await tmp?.cleanup();
  });

  it('prints an https URL, signs in with a Secure cookie, and the session works for the next call', async () => {
    expect(base.protocol).toBe('https:');
    expect(base.hostname).toBe('127.0.0.1');
    const login = await send(
      httpsRequest,
      new URL('/api/login', base),
      { ca },
      {
        input: { username: 'quantri', password: PASSWORD },
      },
    );
    expect(login.status).toBe(200);
    const signedIn = JSON.parse(login.body) as { ok: boolean; value: SessionInfo };
    expect(signedIn.ok).toBe(true);
    const setCookie = [login.headers['set-cookie'] ?? []].flat();
    const session = setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(session).toBeDefined();
    const attrs = session!.split(';').map((a) => a.trim().toLowerCase());
    expect(attrs).toContain('secure');
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=strict');

    const cookie = session!.split(';')[0]!;
    const who = await send(
      httpsRequest,
      new URL('/api/whoami', base),
      { ca, headers: { cookie, [CSRF_HEADER]: signedIn.value.csrfToken } },
      { input: {} },
    );
    expect(who.status).toBe(200);
    const whoBody = JSON.parse(who.body) as { ok: boolean; value: SessionInfo | null };
    expect(whoBody.value?.user.username).toBe('quantri');
    // Without the cookie the same call is anonymous: the cookie above is what carried the session.
    const anonymous = JSON.parse(
      (await send(httpsRequest, new URL('/api/whoami', base), { ca }, { input: {} })).body,
    ) as { value: SessionInfo | null };
    expect(anonymous.value).toBeNull();
  });

  it('is refused by a client that does not trust the certificate', async () => {
    await expect(send(httpsRequest, new URL('/healthz', base), {})).rejects.toMatchObject({
      code: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY/) as unknown,
    });
  });

  it('does not answer plain HTTP on its port', async () => {
    const plain = new URL(base.href);
    plain.protocol = 'http:';
    const outcome = await send(httpRequest, new URL('/healthz', plain), {}).then(
      (r) => `status ${r.status}`,
      (e: NodeJS.ErrnoException) => `error ${e.code ?? e.message}`,
    );
    expect(outcome).toMatch(/^error /);
    // And the server still serves HTTPS afterwards.
    const ok = await send(httpsRequest, new URL('/healthz', base), { ca });
    expect(ok.body).toBe('ok');
  });
});

/** stderr and stdout are separate pipes: the fingerprint line may arrive just after the URL line. */
async function stderrWith(stderr: () => string, text: string): Promise<string> {
  for (let i = 0; i < 50 && !stderr().includes(text); i++) await new Promise((r) => setTimeout(r, 100));
  return stderr();
}

describe('vankho serve --self-signed', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    await stopServe(child);
    await tmp?.cleanup();
  });

  it('makes a certificate on the first start, prints its fingerprint, and keeps it across restarts', async () => {
    tmp = await makeTempDir('vankho-serve-selfsigned-');
    const archive = join(tmp.dir, 'kho');
    const added = vankhoCli(
      ['--archive', archive, 'users', 'add', 'quantri', '--role', 'admin', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    const args = [
      '--archive',
      archive,
      '--listen',
      '127.0.0.1:0',
      '--self-signed',
      '--host-name',
      'kho.ubnd.local',
    ];
    const first = await startServe(args);
    child = first.child;
    const ca = readFileSync(join(archive, SELF_SIGNED_DIR, 'cert.pem'));
    const x509 = new X509Certificate(ca);
    expect(await stderrWith(first.stderr, '(SHA-256)')).toContain(
      `Made a self-signed certificate (SHA-256): ${x509.fingerprint256}`,
    );
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkHost('kho.ubnd.local')).toBe('kho.ubnd.local');
    expect(x509.verify(x509.publicKey)).toBe(true);
    const base = new URL(first.url);
    expect(base.protocol).toBe('https:');
    const login = await send(
      httpsRequest,
      new URL('/api/login', base),
      { ca },
      {
        input: { username: 'quantri', password: PASSWORD },
      },
    );
    expect((JSON.parse(login.body) as { ok: boolean }).ok).toBe(true);
    expect([login.headers['set-cookie'] ?? []].flat().join(';').toLowerCase()).toContain('secure');
    await stopServe(child);

    const second = await startServe(args);
    child = second.child;
    expect(await stderrWith(second.stderr, '(SHA-256)')).toContain(
      `Self-signed certificate (SHA-256): ${x509.fingerprint256}`,
    );
    expect(second.stderr()).not.toContain('Made a');
    const ok = await send(httpsRequest, new URL('/healthz', second.url), { ca });
    expect(ok.body).toBe('ok');
  });
});
