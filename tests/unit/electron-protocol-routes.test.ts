import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appError } from '../../main/contract/errors.js';
import { desktopFileUrl, webFileUrl } from '../../main/contract/transport.js';
import { VanKhoError } from '../../main/core/errors/vankho-error.js';
import {
  answerAppRequest,
  answerFileRequest,
  type FileProtocolBackend,
} from '../../main/electron/protocol-routes.js';

describe('custom protocol routes', () => {
  let root: string;
  let dist: string;
  const asked: Array<number | string> = [];
  const pagesAsked: Array<number | undefined> = [];
  const backend: FileProtocolBackend = {
    storedFile(id, page) {
      asked.push(id);
      pagesAsked.push(page);
      if (id !== 7) throw new VanKhoError(appError('NOT_FOUND'));
      return {
        path: join(root, 'stored.pdf'),
        size: 4,
        mediaType: 'application/pdf',
        name: 'Quyết định 08.pdf',
      };
    },
    exportFile(jobId) {
      asked.push(jobId);
      throw new VanKhoError(appError('NOT_FOUND'));
    },
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'vankho-proto-'));
    dist = join(root, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), '<!doctype html>');
    await writeFile(join(dist, 'assets', 'pdf.worker.min.mjs'), '//');
    await writeFile(join(root, 'secret.txt'), 'x');
    await writeFile(join(root, 'stored.pdf'), '%PDF');
    await symlink(join(root, 'secret.txt'), join(dist, 'assets', 'link.txt'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('serves the renderer build with the app CSP on the page', () => {
    const page = answerAppRequest('vankho-app://app/index.html', 'GET', dist);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    // pdf.js in the page fetches originals from the file scheme; nothing else is allowed to connect.
    expect(page.headers['content-security-policy']).toContain("connect-src 'self' blob: vankho-file:");
    expect(page.headers['content-security-policy']).not.toMatch(/'unsafe-eval'/);
    const worker = answerAppRequest('vankho-app://app/assets/pdf.worker.min.mjs', 'GET', dist);
    expect(worker.status === 200 && worker.headers['content-type']).toContain('javascript');
    // Client-side routes fall back to the page.
    expect(answerAppRequest('vankho-app://app/document/12', 'GET', dist).status).toBe(200);
  });

  it.each([
    'vankho-app://app/../secret.txt',
    'vankho-app://app/%2e%2e/secret.txt',
    'vankho-app://app/assets/..%2f..%2fsecret.txt',
    'vankho-app://app/assets/%2e%2e%5c%2e%2e%5csecret.txt',
    'vankho-app://app/assets/link.txt',
    'vankho-app://other/index.html',
    'vankho-app://app/.hidden',
    'vankho-app://app/missing.js',
  ])('never answers %s with a file outside the build', (url) => {
    const a = answerAppRequest(url, 'GET', dist);
    // Either refused, or (a client-side route) the app page itself — never another file.
    expect(a.status === 404 || (a.status === 200 && a.path === join(dist, 'index.html')), url).toBe(true);
  });

  it('refuses writes on both schemes', async () => {
    expect(answerAppRequest('vankho-app://app/index.html', 'POST', dist).status).toBe(405);
    expect((await answerFileRequest('vankho-file://file/7', 'PUT', backend)).status).toBe(405);
  });

  it('serves an original only by numeric id, with safe headers', async () => {
    const a = await answerFileRequest('vankho-file://file/7', 'GET', backend);
    expect(a.status).toBe(200);
    if (a.status !== 200) return;
    expect(a.path).toBe(join(root, 'stored.pdf'));
    expect(a.headers['content-security-policy']).toMatch(/^sandbox/);
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(a.headers['access-control-allow-origin']).toBe('vankho-app://app');
    expect(a.headers['content-disposition']).toContain("filename*=UTF-8''Quy%E1%BA%BFt");
    const dl = await answerFileRequest('vankho-file://file/7?download=1', 'GET', backend);
    expect(dl.headers['content-disposition']).toMatch(/^attachment/);
  });

  it("passes a page number only (a TIFF page's preview), anything else as no page", async () => {
    pagesAsked.length = 0;
    for (const q of ['?page=2', '?page=0', '?page=2.5', '?page=-1', '?page=123456', '?page=%32', ''])
      expect((await answerFileRequest(`vankho-file://file/7${q}`, 'GET', backend)).status).toBe(200);
    expect(pagesAsked).toEqual([2, undefined, undefined, undefined, undefined, 2, undefined]);
    expect(desktopFileUrl(7, { page: 2 })).toBe('vankho-file://file/7?page=2');
    expect(desktopFileUrl(7, { download: true })).toBe('vankho-file://file/7?download=1');
    expect(desktopFileUrl(7)).toBe('vankho-file://file/7');
    expect(webFileUrl('t', 7, { page: 3 })).toBe('/files/7?token=t&page=3');
  });

  it.each([
    'vankho-file://file/..%2f..%2fetc%2fpasswd',
    'vankho-file://file/%2Fetc%2Fpasswd',
    'vankho-file://file/7/../8',
    'vankho-file://file/07',
    'vankho-file://file/-7',
    'vankho-file://file/archive.sqlite',
    'vankho-file://etc/passwd',
    'vankho-file://file/8',
    'vankho-file://export/..',
  ])('refuses %s', async (url) => {
    const before = asked.length;
    const a = await answerFileRequest(url, 'GET', backend);
    expect(a.status).toBe(404);
    // Only well-formed ids ever reach the store lookup.
    for (const v of asked.slice(before)) expect(String(v)).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
