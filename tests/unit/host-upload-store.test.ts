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

  it('caps each account on bytes and files held, apart from the others and from the local person', async () => {
    const store = new UploadStore(undefined, 10_000, { bytes: 1000, files: 2 });
    stores.push(store);
    const a1 = await store.putBytes('a1.txt', new Uint8Array(600), 'acc-a');
    await expect(store.putBytes('a2.txt', new Uint8Array(600), 'acc-a')).rejects.toThrow(
      /ACCOUNT_UPLOAD_LIMIT/,
    );
    await expect(
      store.putStream('a2.txt', Readable.from([Buffer.alloc(600)]), 5000, undefined, 'acc-a'),
    ).rejects.toThrow(/ACCOUNT_UPLOAD_LIMIT/);
    expect(store.room('acc-a')).toEqual({ bytes: 400, files: 1, bound: 'account' });
    // Another account and the local person are not blocked by it.
    await store.putBytes('b1.txt', new Uint8Array(900), 'acc-b');
    await store.putBytes('local.txt', new Uint8Array(3000));
    await store.putBytes('a2.txt', new Uint8Array(10), 'acc-a');
    await expect(store.putBytes('a3.txt', new Uint8Array(1), 'acc-a')).rejects.toThrow(
      /ACCOUNT_UPLOAD_LIMIT/,
    );
    expect(store.room('acc-a').files).toBe(0);
    // Releasing gives the room back.
    await store.release([a1]);
    expect(store.room('acc-a')).toEqual({ bytes: 990, files: 1, bound: 'account' });
    await store.putBytes('a3.txt', new Uint8Array(900), 'acc-a');
  });

  it("a staging store counts an account's bodies in flight against the room it was given", async () => {
    const staging = new UploadStore(undefined, 10_000, { bytes: Infinity, files: Infinity });
    stores.push(staging);
    const room = { bytes: 1000, files: 2, bound: 'account' as const };
    // Two bodies of the same account at once: together they may not pass the room.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = Readable.from(
      (async function* () {
        yield Buffer.alloc(600);
        await gate;
        yield Buffer.alloc(10);
      })(),
    );
    const first = staging.putStream('x.txt', slow, 5000, room, 'acc-a');
    await new Promise((r) => setTimeout(r, 20));
    await expect(
      staging.putStream('y.txt', Readable.from([Buffer.alloc(600)]), 5000, room, 'acc-a'),
    ).rejects.toThrow(/ACCOUNT_UPLOAD_LIMIT/);
    // Another account's body in flight is not counted against it.
    await staging.putStream('z.txt', Readable.from([Buffer.alloc(900)]), 5000, room, 'acc-b');
    release();
    await first;
    await expect(
      staging.putStream('w.txt', Readable.from([Buffer.alloc(1)]), 5000, { ...room, files: 1 }, 'acc-a'),
    ).rejects.toThrow(/ACCOUNT_UPLOAD_LIMIT/);
  });
});
