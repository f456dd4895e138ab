import { describe, expect, it } from 'vitest';
import { API, API_METHODS, isApiMethod } from '../../main/contract/api.js';
import { HTTP_PATHS, ipcChannelOf } from '../../main/contract/transport.js';

describe('the request map', () => {
  it('gives every method an input schema and a distinct IPC channel and HTTP path', () => {
    expect(API_METHODS.length).toBeGreaterThan(30);
    const channels = new Set(API_METHODS.map(ipcChannelOf));
    expect(channels.size).toBe(API_METHODS.length);
    for (const m of API_METHODS) {
      expect(typeof API[m].input.safeParse, m).toBe('function');
      expect(m, m).toMatch(/^[a-zA-Z]+$/); // safe as a URL path segment and a channel suffix
      expect(`${HTTP_PATHS.apiPrefix}${m}`).toBe(`/api/${m}`);
    }
  });

  it('recognises only its own method names (no prototype keys)', () => {
    expect(isApiMethod('search')).toBe(true);
    expect(isApiMethod('toString')).toBe(false);
    expect(isApiMethod('__proto__')).toBe(false);
  });

  it('refuses unknown keys, wrong types and oversized strings', () => {
    expect(API.documentGet.input.safeParse({ documentId: 3 }).success).toBe(true);
    expect(API.documentGet.input.safeParse({ documentId: '3' }).success).toBe(false);
    expect(API.documentGet.input.safeParse({ documentId: 3, path: '/etc/passwd' }).success).toBe(false);
    expect(API.documentGet.input.safeParse({ documentId: -1 }).success).toBe(false);
    expect(API.search.input.safeParse({ query: 'x'.repeat(5000) }).success).toBe(false);
    expect(API.search.input.safeParse({ query: 'quyet dinh', sort: 'date-desc' }).success).toBe(true);
  });

  it('normalizes tag names to NFC and trims them', () => {
    const decomposed = ' Kinh te\u0302\u0301 '; // "Kinh tế" with combining marks
    const r = API.tagCreate.input.parse({ name: decomposed });
    expect(r.name).toBe('Kinh tế');
    expect(API.tagCreate.input.safeParse({ name: '   ' }).success).toBe(false);
  });

  it('checks a metadata patch field by field', () => {
    const ok = API.documentUpdate.input.safeParse({
      documentId: 1,
      fields: { issuedDate: '2022-03-15', system: null },
    });
    expect(ok.success).toBe(true);
    expect(
      API.documentUpdate.input.safeParse({ documentId: 1, fields: { issuedDate: '15/03/2022' } }).success,
    ).toBe(false);
    expect(API.documentUpdate.input.safeParse({ documentId: 1, fields: { sha256: 'x' } }).success).toBe(
      false,
    );
  });

  it('requires exactly one of tagId and name when tagging a document', () => {
    expect(API.documentAddTag.input.safeParse({ documentId: 1, name: 'Đảng' }).success).toBe(true);
    expect(API.documentAddTag.input.safeParse({ documentId: 1, tagId: 2 }).success).toBe(true);
    expect(API.documentAddTag.input.safeParse({ documentId: 1 }).success).toBe(false);
    expect(API.documentAddTag.input.safeParse({ documentId: 1, tagId: 2, name: 'x' }).success).toBe(false);
  });

  it('accepts bytes for an upload and job ids of a safe shape only', () => {
    expect(API.importUpload.input.safeParse({ name: 'a.pdf', bytes: new Uint8Array([1, 2]) }).success).toBe(
      true,
    );
    expect(API.importUpload.input.safeParse({ name: 'a.pdf', bytes: [1, 2] }).success).toBe(false);
    expect(API.importCancel.input.safeParse({ jobId: '../x' }).success).toBe(false);
  });
});
