import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { safeFileName, UploadStore } from '../../main/host/upload-store.js';

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\win.ini', 'win.ini'],
    ['C:\\Users\\a\\Quyết định.pdf', 'Quyết định.pdf'],
    ['..', 'tep'],
    ['', 'tep'],
    ['a\u0000b\nc.pdf', 'a_b_c.pdf'],
    ['Quye\u0302\u0301t.pdf', 'Quyết.pdf'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('keeps the extension of a very long name', () => {
    const n = safeFileName(`${'văn bản '.repeat(60)}.docx`);
    expect(n.length).toBeLessThanOrEqual(200);
    expect(n.endsWith('.docx')).toBe(true);
  });
});

describe('UploadStore', () => {
  const stores: UploadStore[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.dispose();
  });

  it('keeps uploads under its own folder by generated id, whatever the name', async () => {
    const store = new UploadStore();
    stores.push(store);
    const id = await store.putBytes('../../evil.pdf', new Uint8Array([37, 80, 68, 70]));
    const [path] = store.pathsOf([id]);
    expect(dirname(dirname(path!))).toBe(store.root);
    expect(path!.endsWith('evil.pdf')).toBe(true);
    expect(readFileSync(path!).toString('latin1')).toBe('%PDF');
    await store.release([id]);
    expect(() => store.pathsOf([id])).toThrow(/NOT_FOUND/);
    expect(() => store.pathsOf(['../x'])).toThrow(/NOT_FOUND/);
  });

  it('refuses a stream larger than the limit and leaves nothing behind', async () => {
    const store = new UploadStore();
    stores.push(store);
    const body = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(store.putStream('big.pdf', body, 1000)).rejects.toThrow(/FILE_TOO_LARGE/);
    const ok = await store.putStream('small.txt', Readable.from([Buffer.from('xin chào')]), 1000);
    expect(readFileSync(store.pathsOf([ok])[0]!, 'utf8')).toBe('xin chào');
  });
});
