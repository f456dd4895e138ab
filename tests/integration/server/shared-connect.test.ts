// "Kết nối kho dùng chung" (issue 14): the desktop app's probe and certificate pinning
// (main/host/shared-server.ts), against real `vankho serve` children on 127.0.0.1 — self-signed,
// with an openssl certificate a client CA-trusts, and plain loopback HTTP — and against servers made
// in the test that are not VanKho, or impersonate it with another certificate.
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_PATHS } from '../../../main/contract/transport.js';
import { RecentArchives } from '../../../main/host/recent-archives.js';
import {
  certificateFingerprint,
  certificateVerdict,
  connectShared,
  parseServerAddress,
  probeSharedServer,
  sameFingerprint,
} from '../../../main/host/shared-server.js';
import { SELF_SIGNED_DIR } from '../../../main/web/self-signed.js';
import { startServe, stopServe, vankhoCli } from '../../helpers/serve-child.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const PASSWORD = 'mật-khẩu-dài-1';

function makeArchiveWithAdmin(dir: string): void {
  const added = vankhoCli(
    ['--archive', dir, 'users', 'add', 'quantri', '--role', 'admin', '--password-stdin'],
    `${PASSWORD}\n`,
  );
  expect(added.code, added.stderr).toBe(0);
}

function openssl(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}-cert.pem`);
  const key = join(dir, `${name}-key.pem`);
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
  return { cert, key };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return String((server.address() as AddressInfo).port);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'ok',
    (e: { appError?: { code?: string } }) => e.appError?.code ?? String(e),
  );
}

describe('parseServerAddress', () => {
  it('keeps the origin, defaults to HTTPS, and allows plain HTTP only to this machine', () => {
    expect(parseServerAddress(' https://kho.ubnd.local:8443/#/search ').href).toBe(
      'https://kho.ubnd.local:8443/',
    );
    expect(parseServerAddress('kho.ubnd.local:8443').href).toBe('https://kho.ubnd.local:8443/');
    expect(parseServerAddress('http://127.0.0.1:8080/').href).toBe('http://127.0.0.1:8080/');
    expect(parseServerAddress('http://localhost:8080').href).toBe('http://localhost:8080/');
    const code = (typed: string): string => {
      try {
        parseServerAddress(typed);
        return 'ok';
      } catch (e) {
        return (e as { appError: { code: string } }).appError.code;
      }
    };
    expect(code('http://192.168.1.10:8080/')).toBe('SHARED_INSECURE');
    expect(code('http://kho.ubnd.local/')).toBe('SHARED_INSECURE');
    expect(code('ftp://kho.ubnd.local/')).toBe('SHARED_ADDRESS_INVALID');
    expect(code('javascript:alert(1)')).toBe('SHARED_ADDRESS_INVALID');
    expect(code('https://a:b@kho.ubnd.local/')).toBe('SHARED_ADDRESS_INVALID');
    expect(code('kho ubnd')).toBe('SHARED_ADDRESS_INVALID');
    expect(code('')).toBe('SHARED_ADDRESS_INVALID');
  });
});

describe('probing a self-signed vankho serve and pinning its certificate', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let child: ChildProcess | undefined;
  let base: string;
  let printed: string;
  let pem: string;
  let impostor: Server | undefined;
  let impostorPem: string;

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-connect-tls-');
    const archive = join(tmp.dir, 'kho');
    makeArchiveWithAdmin(archive);
    const started = await startServe(['--archive', archive, '--listen', '127.0.0.1:0', '--self-signed']);
    child = started.child;
    base = started.url;
    for (let i = 0; i < 50 && !started.stderr().includes('(SHA-256)'); i++)
      await new Promise((r) => setTimeout(r, 100));
    printed = /\(SHA-256\): ([0-9A-F:]+)/.exec(started.stderr())![1]!;
    pem = readFileSync(join(archive, SELF_SIGNED_DIR, 'cert.pem'), 'utf8');
    // Another server answering exactly like VanKho, with a certificate of its own: an impersonation.
    const other = openssl(tmp.dir, 'impostor');
    impostorPem = readFileSync(other.cert, 'utf8');
    impostor = createHttpsServer({ cert: impostorPem, key: readFileSync(other.key) }, (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ product: 'VanKho', mode: 'server', version: '1.0.0', protocol: 1 }));
    });
    await listen(impostor);
  });
  afterAll(async () => {
    await stopServe(child);
    impostor?.close();
    await tmp?.cleanup();
  });

  it('asks the user to compare the fingerprint serve printed at the first connection', async () => {
    expect(new URL(base).protocol).toBe('https:');
    const first = await probeSharedServer(base);
    expect(first.kind).toBe('confirm');
    expect(first.server.url).toBe(base);
    expect(first.server.fingerprint).toBe(printed);
    expect(first.server.fingerprint).toBe(certificateFingerprint(pem));
    expect(first.identity).toMatchObject({ product: 'VanKho', mode: 'server', protocol: 1 });
  });

  it('accepts the pinned certificate at the next connection without asking', async () => {
    const again = await probeSharedServer(base, { pinned: printed });
    expect(again).toMatchObject({ kind: 'ready', server: { url: base, fingerprint: printed } });
    // A fingerprint typed in lower case without colons is the same one.
    expect(sameFingerprint(printed.replace(/:/g, '').toLowerCase(), printed)).toBe(true);
  });

  it('refuses another certificate at a pinned address, even from a server answering like VanKho', async () => {
    const port = String((impostor!.address() as AddressInfo).port);
    const fake = `https://127.0.0.1:${port}/`;
    expect(await codeOf(probeSharedServer(fake, { pinned: printed }))).toBe('SHARED_CERT_CHANGED');
    // Unpinned, it would only be offered for comparison, with its own (different) fingerprint.
    const offered = await probeSharedServer(fake);
    expect(offered.kind).toBe('confirm');
    expect(offered.server.fingerprint).not.toBe(printed);
  });

  it('connects: confirms once, pins in the recent list, reconnects without asking, refuses an impostor', async () => {
    const recentFile = join(tmp.dir, 'recent-archives.json');
    const asked: string[] = [];
    const opened: Array<string | null> = [];
    let answer = false;
    const deps = () => ({
      recent: new RecentArchives(recentFile), // a fresh reader each time, as the next start is
      confirm: (server: { fingerprint: string }) => {
        asked.push(server.fingerprint);
        return Promise.resolve(answer);
      },
      open: (server: { fingerprint: string | null }) => void opened.push(server.fingerprint),
    });
    // Declined: nothing stored, nothing opened.
    expect(await connectShared(base, deps())).toEqual({ connected: false });
    expect(new RecentArchives(recentFile).list()).toEqual([]);
    answer = true;
    expect(await connectShared(base, deps())).toEqual({ connected: true });
    expect(asked).toEqual([printed, printed]);
    expect(opened).toEqual([printed]);
    expect(new RecentArchives(recentFile).lastShared()).toEqual({ url: base, fingerprint: printed });
    // The next time: no question, the pin is checked.
    expect(await connectShared(base, deps())).toEqual({ connected: true });
    expect(asked).toHaveLength(2);
    // An impostor at a pinned address (same URL key, another certificate): refused, pin untouched.
    const port = String((impostor!.address() as AddressInfo).port);
    const fake = `https://127.0.0.1:${port}/`;
    new RecentArchives(recentFile).addShared({ url: fake, fingerprint: printed });
    expect(await codeOf(connectShared(fake, deps()))).toBe('SHARED_CERT_CHANGED');
    expect(opened).toHaveLength(2);
    expect(new RecentArchives(recentFile).shared(fake)?.fingerprint).toBe(printed);
  });

  it("lets the window's certificate check accept exactly the pinned certificate", () => {
    const server = { url: base, fingerprint: printed };
    expect(certificateVerdict(server, '127.0.0.1', pem)).toBe('accept');
    expect(certificateVerdict(server, '127.0.0.1', impostorPem)).toBe('reject');
    expect(certificateVerdict(server, '127.0.0.1', 'not a certificate')).toBe('reject');
    // Hosts other than the server's are the system's to judge; so is an unpinned (CA-trusted) server.
    expect(certificateVerdict(server, 'example.org', impostorPem)).toBe('system');
    expect(certificateVerdict({ url: base, fingerprint: null }, '127.0.0.1', impostorPem)).toBe('system');
  });
});

describe('probing other servers', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  const children: ChildProcess[] = [];
  const servers: Server[] = [];

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-connect-other-');
  });
  afterAll(async () => {
    for (const c of children) await stopServe(c);
    for (const s of servers) s.close();
    await tmp?.cleanup();
  });

  it('connects to plain HTTP on loopback with nothing to pin', async () => {
    const archive = join(tmp.dir, 'plain');
    makeArchiveWithAdmin(archive);
    const started = await startServe(['--archive', archive, '--listen', '127.0.0.1:0']);
    children.push(started.child);
    expect(new URL(started.url).protocol).toBe('http:');
    expect(await probeSharedServer(started.url)).toMatchObject({
      kind: 'ready',
      server: { url: started.url, fingerprint: null },
      identity: { product: 'VanKho', mode: 'server' },
    });
  });

  it('needs no pin for a certificate the client trusts (an office CA)', async () => {
    const archive = join(tmp.dir, 'ca');
    makeArchiveWithAdmin(archive);
    const { cert, key } = openssl(tmp.dir, 'office');
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
    children.push(started.child);
    const ca = readFileSync(cert);
    expect(await probeSharedServer(started.url, { ca })).toMatchObject({
      kind: 'ready',
      server: { url: started.url, fingerprint: null },
    });
    // Without that CA the same server is a first-met certificate to compare.
    expect((await probeSharedServer(started.url)).kind).toBe('confirm');
  });

  it('refuses, with a clear message, what is not a VanKho server or does not answer', async () => {
    const web = createHttpServer((req, res) => {
      if (req.url === SERVER_PATHS.identity) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ product: 'Other', mode: 'server', version: '1', protocol: 1 }));
        return;
      }
      res.setHeader('content-type', 'text/html');
      res.end('<h1>It works</h1>');
    });
    servers.push(web);
    const port = await listen(web);
    expect(await codeOf(probeSharedServer(`http://127.0.0.1:${port}/`))).toBe('SHARED_NOT_VANKHO');
    const notFound = createHttpServer((_req, res) => {
      res.statusCode = 404;
      res.end('Not Found');
    });
    servers.push(notFound);
    const port404 = await listen(notFound);
    const refused = await probeSharedServer(`http://127.0.0.1:${port404}/`).catch(
      (e: { appError: { code: string; message: { vi: string; en: string } } }) => e.appError,
    );
    expect(refused).toMatchObject({ code: 'SHARED_NOT_VANKHO' });
    expect((refused as { message: { vi: string } }).message.vi).toContain('không phải là máy chủ VanKho');
    // Plain HTTP where HTTPS is asked for, and a closed port: unreachable.
    expect(await codeOf(probeSharedServer(`https://127.0.0.1:${port404}/`, { timeoutMs: 5_000 }))).toBe(
      'SHARED_UNREACHABLE',
    );
    notFound.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(await codeOf(probeSharedServer(`http://127.0.0.1:${port404}/`))).toBe('SHARED_UNREACHABLE');
  });
});
