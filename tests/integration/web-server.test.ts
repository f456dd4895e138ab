import { request as httpRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DocumentDetail, ImportReportDto } from '../../main/contract/dto.js';
import type { AppEvent } from '../../main/contract/events.js';
import type { Result } from '../../main/contract/errors.js';
import type { SearchResponse } from '../../main/contract/search-types.js';
import { startWebMode, type WebMode } from '../../main/web/web-mode.js';
import { makePdf } from '../helpers/make-pdf.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

const TOKEN = 'test-token-0123456789abcdef';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Raw HTTP with full control over Host/Origin (fetch would not let a test forge Host). */
function raw(
  port: number,
  path: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    localAddress?: string;
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: opts.method ?? 'GET',
        headers: opts.headers ?? {},
        setHost: false,
        ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('web mode over real HTTP on 127.0.0.1', () => {
  let tmp: TempDir;
  let web: WebMode;
  let port: number;
  let host: string;

  const call = async <T>(method: string, input: unknown, token = TOKEN): Promise<Result<T>> => {
    const r = await raw(port, `/api/${method}`, {
      method: 'POST',
      headers: { host, 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ input }),
    });
    expect(r.status).toBe(200);
    return JSON.parse(r.body.toString('utf8')) as Result<T>;
  };
  const value = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await call<T>(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.detail ?? ''}`);
    return r.value;
  };

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-web-');
    const rendererDir = join(tmp.dir, 'dist');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>VanKho</title>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(tmp.dir, 'secret.txt'), 'outside the renderer');
    web = await startWebMode({
      archiveDir: join(tmp.dir, 'archive'),
      port: 0,
      token: TOKEN,
      rendererDir,
      samplesDir: null,
    });
    port = web.server.port;
    host = `127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await web?.stop();
    await tmp?.cleanup();
  });

  it('prints a loopback URL carrying the token in the fragment', () => {
    expect(web.server.url).toBe(`http://127.0.0.1:${port}/#token=${TOKEN}`);
  });

  it('refuses API requests without the token or with a wrong one (401), accepts the right one', async () => {
    const none = await raw(port, '/api/archiveInfo', {
      method: 'POST',
      headers: { host, 'content-type': 'application/json' },
      body: '{"input":{}}',
    });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body.toString()).error.code).toBe('UNAUTHORIZED');
    const wrong = await raw(port, '/api/archiveInfo', {
      method: 'POST',
      headers: { host, 'content-type': 'application/json', authorization: `Bearer ${TOKEN}x` },
      body: '{"input":{}}',
    });
    expect(wrong.status).toBe(401);
    // A token in the query string is not accepted for POST requests.
    const query = await raw(port, `/api/archiveInfo?token=${TOKEN}`, {
      method: 'POST',
      headers: { host, 'content-type': 'application/json' },
      body: '{"input":{}}',
    });
    expect(query.status).toBe(401);
    const events = await raw(port, '/events', { headers: { host } });
    expect(events.status).toBe(401);
    const ok = await value<{ dir: string; documentCount: number }>('archiveInfo', {});
    expect(ok.dir).toBe(join(tmp.dir, 'archive'));
    expect(ok.documentCount).toBe(0);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign or null Origin with 403', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
    for (const badHost of [
      'attacker.example:' + port,
      '127.0.0.1.nip.io:' + port,
      `localhost:${port + 1}`,
      '',
    ]) {
      const r = await raw(port, '/api/archiveInfo', {
        method: 'POST',
        headers: { ...headers, ...(badHost ? { host: badHost } : {}) },
        body: '{"input":{}}',
      });
      // Node itself answers 400 to an HTTP/1.1 request without Host; either way it is refused before routing.
      expect(badHost === '' ? [400, 403] : [403], badHost).toContain(r.status);
    }
    for (const origin of [
      'http://attacker.example',
      'null',
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
    ]) {
      const r = await raw(port, '/api/archiveInfo', {
        method: 'POST',
        headers: { ...headers, host, origin },
        body: '{"input":{}}',
      });
      expect(r.status, origin).toBe(403);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
    }
    const same = await raw(port, '/api/archiveInfo', {
      method: 'POST',
      headers: { ...headers, host: `localhost:${port}`, origin: `http://localhost:${port}` },
      body: '{"input":{}}',
    });
    expect(same.status).toBe(200);
  });

  it('serves the app page without the token, with a strict CSP, and nothing outside the build', async () => {
    const page = await raw(port, '/', { headers: { host } });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>VanKho</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw(port, '/assets/app.js', { headers: { host } })).status).toBe(200);
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/.env',
      '/assets/x.js',
    ]) {
      const r = await raw(port, p, { headers: { host } });
      expect(r.status, p).toBe(404);
      expect(r.body.toString()).not.toContain('outside the renderer');
    }
  });

  it('answers bad input and unknown methods as typed errors, never stack traces', async () => {
    const bad = await call('documentGet', { documentId: 'x' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('INVALID_INPUT');
      expect(bad.error.message.vi).toContain('không hợp lệ');
    }
    const saveAs = await call('fileSaveAs', { fileId: 1 });
    expect(saveAs.ok === false && saveAs.error.code).toBe('UNSUPPORTED');
    const unknown = await call('constructor', {});
    expect(unknown.ok === false && unknown.error.code).toBe('INVALID_INPUT');
    const missing = await call('documentGet', { documentId: 424242 });
    expect(missing.ok === false && missing.error.code).toBe('NOT_FOUND');
    expect(JSON.stringify(missing)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a JSON body nested 100,000 deep with 400 and a vi/en message, and keeps serving', async () => {
    for (const body of [
      `{"input":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      `{"input":{"documentId":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}`,
    ]) {
      const r = await raw(port, '/api/documentGet', {
        method: 'POST',
        headers: { host, 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body,
      });
      expect(r.status).toBe(400);
      const res = JSON.parse(r.body.toString()) as Result<never>;
      expect(res.ok === false && res.error.code).toBe('INPUT_TOO_DEEP');
      expect(res.ok === false && res.error.message.vi).toContain('lồng nhau quá sâu');
    }
    // Brackets inside strings are text, not nesting.
    const inString = await call('documentGet', { documentId: '['.repeat(1000) });
    expect(inString.ok === false && inString.error.code).toBe('INVALID_INPUT');
    expect((await value<{ dir: string }>('archiveInfo', {})).dir).toBe(join(tmp.dir, 'archive'));
  });

  it('logs one line, not a stack trace per request, for request bodies the client aborts', async () => {
    const lines: unknown[][] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(args);
    });
    try {
      const abortOne = (path: string, headers: Record<string, string>): Promise<void> =>
        new Promise((resolve) => {
          const req = httpRequest({
            host: '127.0.0.1',
            port,
            path,
            method: 'POST',
            headers: { host, authorization: `Bearer ${TOKEN}`, 'content-length': '100000', ...headers },
          });
          req.on('error', () => undefined);
          req.on('close', () => resolve());
          req.write(path === '/upload' ? 'abc' : '{"input":');
          setTimeout(() => req.destroy(), 50);
        });
      for (let i = 0; i < 10; i++) {
        await abortOne('/upload', { 'x-vankho-file-name': `a${i}.txt` });
        await abortOne('/api/archiveInfo', { 'content-type': 'application/json' });
      }
      await expect.poll(() => lines.length).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 300)); // the server has seen every abort by now
      expect(lines).toHaveLength(1);
      expect(lines[0]).toHaveLength(1);
      const line = String(lines[0]![0]);
      expect(line).toMatch(
        /^VanKho web: client closed the connection during POST \/(upload|api\/archiveInfo)$/,
      );
      expect(line).not.toContain('\n');
    } finally {
      spy.mockRestore();
    }
    expect((await value<{ dir: string }>('archiveInfo', {})).dir).toBe(join(tmp.dir, 'archive'));
  });

  it('refuses path traversal and non-ids on /files with 404, never a file outside the archive', async () => {
    const q = `?token=${TOKEN}`;
    for (const p of [
      '/files/..%2f..%2fetc%2fpasswd',
      '/files/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/files/..%252f..%252fetc%252fpasswd',
      '/files/1%00',
      '/files/archive.sqlite',
      '/files/-1',
      '/files/0x1',
      '/files/1.0',
      '/files/999999',
    ]) {
      const r = await raw(port, p + q, { headers: { host } });
      expect(r.status, p).toBe(404);
      expect(r.body.toString()).not.toContain('SQLite format');
    }
  });

  it('imports an uploaded PDF with progress events, finds it unaccented, and streams the original by id', async () => {
    const pdf = await makePdf([
      [
        'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
        'Số: 15/2023/QĐ-UBND',
        'QUYẾT ĐỊNH',
        'Về việc ban hành quy chế quản lý văn bản điện tử',
        'Căn cứ Luật Tổ chức chính quyền địa phương;',
      ],
      ['Trang hai: lưu trữ hồ sơ điện tử tại kho văn thư.'],
    ]);
    // Listen to events before starting the job.
    const received: AppEvent[] = [];
    let connected!: () => void;
    const isConnected = new Promise<void>((r) => (connected = r));
    const finished = new Promise<AppEvent>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: `/events?token=${TOKEN}`, headers: { host } },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toContain('text/event-stream');
          connected(); // the server subscribed before it sent these headers
          let buf = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buf += chunk;
            let i: number;
            while ((i = buf.indexOf('\n\n')) >= 0) {
              const block = buf.slice(0, i);
              buf = buf.slice(i + 2);
              const data = block.split('\n').find((l) => l.startsWith('data: '));
              if (!data) continue;
              const ev = JSON.parse(data.slice(6)) as AppEvent;
              received.push(ev);
              if (ev.type === 'jobFinished') {
                req.destroy();
                resolve(ev);
              }
            }
          });
        },
      );
      req.on('error', (e) => {
        if (received.every((ev) => ev.type !== 'jobFinished')) reject(e);
      });
      req.end();
    });
    await isConnected;

    const name = 'Quyết định 15-2023 (bản gốc).pdf';
    const up = await raw(port, '/upload', {
      method: 'POST',
      headers: {
        host,
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/octet-stream',
        'x-vankho-file-name': encodeURIComponent(name),
      },
      body: pdf,
    });
    expect(up.status).toBe(200);
    const upload = JSON.parse(up.body.toString()) as Result<{ uploadId: string }>;
    if (!upload.ok) throw new Error(upload.error.code);
    const { jobId } = await value<{ jobId: string }>('importStart', { uploadIds: [upload.value.uploadId] });

    const end = await finished;
    expect(end.type === 'jobFinished' && end.jobId).toBe(jobId);
    if (end.type !== 'jobFinished') throw new Error('unreachable');
    expect(end.state).toBe('done');
    const report = end.result as ImportReportDto;
    expect(report.imported).toBe(1);
    expect(report.outcomes[0]?.name).toBe(name);
    const progress = received.filter(
      (e) => e.type === 'jobProgress' && e.kind === 'import' && e.jobId === jobId,
    );
    expect(progress.length).toBeGreaterThan(0);

    const found = await value<SearchResponse>('search', { query: 'quy che quan ly van ban dien tu' });
    expect(found.total).toBe(1);
    const hit = found.hits[0];
    expect(hit?.snippets.length).toBeGreaterThan(0);

    const doc = await value<DocumentDetail>('documentGet', { documentId: hit?.id });
    const file = doc.files[0];
    expect(file?.originalName).toBe(name);
    const bytes = await raw(port, `/files/${file?.id}?token=${TOKEN}`, { headers: { host } });
    expect(bytes.status).toBe(200);
    expect(bytes.body.equals(pdf)).toBe(true);
    expect(bytes.headers['content-type']).toBe('application/pdf');
    expect(bytes.headers['x-content-type-options']).toBe('nosniff');
    expect(String(bytes.headers['content-security-policy'])).toMatch(/^sandbox/);
    const cd = String(bytes.headers['content-disposition']);
    expect(cd).toMatch(/^inline; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("''")[1] ?? '')).toBe(name);
    const dl = await raw(port, `/files/${file?.id}?token=${TOKEN}&download=1`, { headers: { host } });
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment;/);
    // Without the token the bytes are refused.
    expect((await raw(port, `/files/${file?.id}`, { headers: { host } })).status).toBe(401);

    // The upload's temporary copy is gone once the job ended; starting it again is NOT_FOUND.
    const again = await call('importStart', { uploadIds: [upload.value.uploadId] });
    expect(again.ok === false && again.error.code).toBe('NOT_FOUND');
  });

  it('exports a bundle and a catalogue as jobs, downloadable by job id only with the token', async () => {
    for (const kind of ['bundle', 'catalogue'] as const) {
      const ended = new Promise<AppEvent>((resolve) => {
        const off = web.client.subscribe((e) => {
          if (e.type === 'jobFinished' && e.kind === 'export') {
            off();
            resolve(e);
          }
        });
      });
      const started = await value<{ jobId: string }>('exportStart', { kind });
      const end = await ended;
      expect(end.type === 'jobFinished' && end.jobId).toBe(started.jobId);
      if (end.type !== 'jobFinished') throw new Error('unreachable');
      expect(end.state).toBe('done');
      const result = end.result as { documentCount: number; size: number; fileName: string };
      expect(result.documentCount).toBe(1);
      const file = await raw(port, `/exports/${started.jobId}?token=${TOKEN}`, { headers: { host } });
      expect(file.status).toBe(200);
      expect(file.body.length).toBe(result.size);
      expect(file.body.subarray(0, 2).toString('latin1')).toBe('PK'); // ZIP and XLSX are both ZIP containers
      expect(String(file.headers['content-disposition'])).toMatch(/^attachment;/);
      expect((await raw(port, `/exports/${started.jobId}`, { headers: { host } })).status).toBe(401);
    }
    expect((await raw(port, `/exports/..%2f..%2fetc?token=${TOKEN}`, { headers: { host } })).status).toBe(
      404,
    );
    expect((await raw(port, `/exports/export-unknown?token=${TOKEN}`, { headers: { host } })).status).toBe(
      404,
    );
  });

  it('imports an exported bundle into a new archive, and refuses a file that is not a bundle', async () => {
    const waitJob = (): Promise<AppEvent> =>
      new Promise((resolve) => {
        const off = web.client.subscribe((e) => {
          if (e.type === 'jobFinished') {
            off();
            resolve(e);
          }
        });
      });
    const exported = waitJob();
    const { jobId } = await value<{ jobId: string }>('exportStart', { kind: 'bundle' });
    await exported;
    const zip = (await raw(port, `/exports/${jobId}?token=${TOKEN}`, { headers: { host } })).body;
    const upload = async (name: string, body: Buffer): Promise<string> => {
      const r = await raw(port, '/upload', {
        method: 'POST',
        headers: { host, authorization: `Bearer ${TOKEN}`, 'x-vankho-file-name': encodeURIComponent(name) },
        body,
      });
      const res = JSON.parse(r.body.toString()) as Result<{ uploadId: string }>;
      if (!res.ok) throw new Error(res.error.code);
      return res.value.uploadId;
    };
    const second = join(tmp.dir, 'kho-thu-hai');
    await value('archiveCreate', { dir: second });
    const imported = waitJob();
    const started = await value<{ jobId: string }>('bundleImportStart', {
      uploadId: await upload('goi.zip', zip),
    });
    const end = await imported;
    expect(end.type === 'jobFinished' && end.jobId).toBe(started.jobId);
    if (end.type !== 'jobFinished') throw new Error('unreachable');
    expect(end.state).toBe('done');
    expect((end.result as { added: number }).added).toBe(1);
    const found = await value<SearchResponse>('search', { query: 'quy che quan ly van ban dien tu' });
    expect(found.total).toBe(1);

    const refused = waitJob();
    await value('bundleImportStart', {
      uploadId: await upload('khong-phai-goi.zip', Buffer.from('not a zip at all')),
    });
    const bad = await refused;
    expect(bad.type === 'jobFinished' && bad.state).toBe('failed');
    expect(bad.type === 'jobFinished' && bad.error?.code).toMatch(/^BUNDLE_/);
    expect((await value<{ documentCount: number }>('archiveInfo', {})).documentCount).toBe(1);
  });
});

describe('web mode token guessing', () => {
  // 127.0.0.2 is loopback too on Linux: a second local client with its own source address.
  const post = (port: number, authorization: string | null, localAddress = '127.0.0.1'): Promise<Answer> =>
    raw(port, '/api/archiveInfo', {
      method: 'POST',
      headers: {
        host: `127.0.0.1:${port}`,
        'content-type': 'application/json',
        ...(authorization ? { authorization } : {}),
      },
      body: '{"input":{}}',
      localAddress,
    });

  it('answers 401 the same way for any wrong token, then 429 to that client once guessing is too fast', async () => {
    const tmp = await makeTempDir('vankho-web-rate-');
    const web = await startWebMode({ port: 0, token: TOKEN, rendererDir: tmp.dir, samplesDir: null });
    try {
      const port = web.server.port;
      const bodies = new Set<string>();
      let limited = 0;
      for (let i = 0; i < 80; i++) {
        const wrong = i % 2 === 0 ? `Bearer ${TOKEN.slice(0, -1)}${i % 10}` : `Bearer guess-${i}`;
        const r = await post(port, wrong, '127.0.0.2');
        if (r.status === 429) limited++;
        else {
          expect(r.status).toBe(401);
          bodies.add(r.body.toString());
        }
      }
      expect(bodies.size).toBe(1); // nothing tells which part of a guess was wrong
      expect(limited).toBeGreaterThan(0);
      expect((await post(port, 'Bearer still-guessing', '127.0.0.2')).status).toBe(429);
      // Another client address is judged on its own failures.
      expect((await post(port, 'Bearer other-client', '127.0.0.1')).status).toBe(401);
      // The valid token is never limited, not even from the address that flooded.
      expect((await post(port, `Bearer ${TOKEN}`, '127.0.0.2')).status).toBe(200);
    } finally {
      await web.stop();
      await tmp.cleanup();
    }
  });

  it('a flood of tokenless <img> loads and wrong tokens from the same address never locks out the valid token', async () => {
    const tmp = await makeTempDir('vankho-web-flood-');
    const web = await startWebMode({ port: 0, token: TOKEN, rendererDir: tmp.dir, samplesDir: null });
    try {
      const port = web.server.port;
      const host = `127.0.0.1:${port}`;
      // What a page on another local site can cause: image loads (no token, no Origin) and guesses.
      const flood = Array.from({ length: 150 }, (_, i) =>
        i % 2 === 0
          ? raw(port, `/files/${i + 1}`, { headers: { host, accept: 'image/*' } })
          : post(port, `Bearer wrong-${i}`),
      );
      // The user's own requests, sent while the flood is in flight and after it.
      const mine = Array.from({ length: 10 }, () => post(port, `Bearer ${TOKEN}`));
      const floodAnswers = await Promise.all(flood);
      const myAnswers = await Promise.all(mine);
      expect(floodAnswers.filter((r) => r.status === 429).length).toBeGreaterThan(0);
      expect(floodAnswers.every((r) => r.status === 401 || r.status === 429)).toBe(true);
      expect(myAnswers.map((r) => r.status)).toEqual(Array(10).fill(200));
      const after = await post(port, `Bearer ${TOKEN}`);
      expect(after.status).toBe(200);
      expect((JSON.parse(after.body.toString()) as Result<unknown>).ok).toBe(true);
      const events = await raw(port, `/files/1?token=${TOKEN}`, { headers: { host } });
      expect(events.status).toBe(404); // authenticated (no archive open), not 429
    } finally {
      await web.stop();
      await tmp.cleanup();
    }
  });
  it('caps the bytes a session holds uploaded (UPLOAD_LIMIT, vi+en) and frees them when the import ends', async () => {
    const tmp = await makeTempDir('vankho-web-cap-');
    const web = await startWebMode({
      archiveDir: join(tmp.dir, 'archive'),
      port: 0,
      token: TOKEN,
      rendererDir: tmp.dir,
      samplesDir: null,
      maxSessionUploadBytes: 1024 * 1024,
    });
    try {
      const port = web.server.port;
      const host = `127.0.0.1:${port}`;
      const upload = async (name: string, body: Buffer): Promise<Result<{ uploadId: string }>> => {
        const r = await raw(port, '/upload', {
          method: 'POST',
          headers: {
            host,
            authorization: `Bearer ${TOKEN}`,
            'content-type': 'application/octet-stream',
            'x-vankho-file-name': encodeURIComponent(name),
            'content-length': String(body.length), // as a browser sends a File
          },
          body,
        });
        expect(r.status).toBe(200);
        return JSON.parse(r.body.toString()) as Result<{ uploadId: string }>;
      };
      const text = (i: number): Buffer => Buffer.from(`Văn bản số ${i}\n${'nội dung '.repeat(70_000)}`);
      const first = await upload('mot.txt', text(1)); // ~700 KB of the 1 MiB
      if (!first.ok) throw new Error(first.error.code);
      const second = await upload('hai.txt', text(2));
      expect(second.ok).toBe(false);
      if (second.ok) return;
      expect(second.error.code).toBe('UPLOAD_LIMIT');
      expect(second.error.message.vi).toMatch(/giới hạn/);
      expect(second.error.message.en).toMatch(/limit/i);

      // Importing the held upload releases it; the same file then fits.
      const ended = new Promise<void>((resolve) => {
        const off = web.client.subscribe((ev) => {
          if (ev.type === 'jobFinished') {
            off();
            resolve();
          }
        });
      });
      const post = await raw(port, '/api/importStart', {
        method: 'POST',
        headers: { host, 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ input: { uploadIds: [first.value.uploadId] } }),
      });
      expect((JSON.parse(post.body.toString()) as Result<unknown>).ok).toBe(true);
      await ended;
      await vi.waitFor(async () => expect((await upload('hai.txt', text(2))).ok).toBe(true), {
        timeout: 10_000,
      });
    } finally {
      await web.stop();
      await tmp.cleanup();
    }
  });
});
