import { describe, expect, it } from 'vitest';
import { detectMediaType } from '../../../main/core/ingest/media-type.js';

describe('detectMediaType', () => {
  it('goes by extension, case-insensitively', () => {
    expect(detectMediaType('QĐ 08.PDF', Buffer.alloc(0))).toEqual({
      mediaType: 'application/pdf',
      kind: 'pdf',
    });
    expect(detectMediaType('a.docx', Buffer.alloc(0)).kind).toBe('docx');
    expect(detectMediaType('a.doc', Buffer.alloc(0)).kind).toBe('doc');
    expect(detectMediaType('a.md', Buffer.alloc(0)).kind).toBe('text');
    expect(detectMediaType('a.htm', Buffer.alloc(0)).kind).toBe('html');
    expect(detectMediaType('scan.JPG', Buffer.alloc(0))).toEqual({ mediaType: 'image/jpeg', kind: 'none' });
  });

  it('sniffs files without a known extension, and keeps the rest as opaque originals', () => {
    expect(detectMediaType('tai-lieu', Buffer.from('%PDF-1.7\n')).kind).toBe('pdf');
    expect(detectMediaType('cu', Buffer.from('d0cf11e0a1b11ae1', 'hex')).kind).toBe('doc');
    expect(detectMediaType('anh', Buffer.from('89504e470d0a1a0a', 'hex')).mediaType).toBe('image/png');
    expect(detectMediaType('data.bin', Buffer.from([1, 2, 3]))).toEqual({
      mediaType: 'application/octet-stream',
      kind: 'none',
    });
  });
});
