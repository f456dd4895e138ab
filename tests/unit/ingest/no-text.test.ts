// The contract's rule for why a document has no text agrees with what ingest actually reads.
import { describe, expect, it } from 'vitest';
import { isReadMediaType, noTextReason } from '../../../main/contract/no-text.js';
import { detectMediaType } from '../../../main/core/ingest/media-type.js';

const EXTENSIONS = [
  'pdf',
  'docx',
  'doc',
  'txt',
  'text',
  'md',
  'markdown',
  'csv',
  'html',
  'htm',
  'xhtml',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'bmp',
  'tif',
  'tiff',
  'svg',
  'rtf',
  'odt',
  'xlsx',
  'xls',
  'zip',
  'bin',
];

describe('noTextReason', () => {
  it('calls a media type read exactly when ingest has an extractor for it', () => {
    for (const ext of EXTENSIONS) {
      const { mediaType, kind } = detectMediaType(`x.${ext}`, Buffer.alloc(0));
      expect(isReadMediaType(mediaType), `${ext} ${mediaType}`).toBe(kind !== 'none');
    }
  });

  it('names scans, unread formats, empty files, encrypted and damaged ones', () => {
    const r = (
      textStatus: 'ok' | 'partial' | 'none' | 'failed' | 'pending',
      mediaType: string,
      errorCode: string | null = null,
    ) => noTextReason({ textStatus, errorCode, mediaType });
    expect(r('none', 'image/png')).toBe('scan');
    expect(r('none', 'image/tiff')).toBe('scan');
    expect(r('none', 'application/pdf')).toBe('scan');
    expect(r('none', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe(
      'unsupported',
    );
    expect(r('none', 'application/octet-stream')).toBe('unsupported');
    expect(r('none', 'text/plain')).toBe('empty');
    expect(r('failed', 'application/pdf', 'PDF_ENCRYPTED')).toBe('encrypted');
    expect(r('failed', 'application/pdf', 'PDF_CORRUPT')).toBe('unreadable');
    expect(r('ok', 'application/pdf')).toBeNull();
    expect(r('partial', 'application/pdf', 'PDF_CORRUPT')).toBeNull();
    expect(r('pending', 'image/png')).toBeNull();
    expect(noTextReason({ textStatus: 'none', errorCode: null, mediaType: null })).toBeNull();
  });
});
