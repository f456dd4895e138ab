import { extname } from 'node:path';

/** How a file's text is extracted; 'none' = stored as an original without text ("no text yet"). */
export type ExtractorKind = 'pdf' | 'docx' | 'doc' | 'text' | 'html' | 'none';

const BY_EXTENSION: Record<string, { mediaType: string; kind: ExtractorKind }> = {
  '.pdf': { mediaType: 'application/pdf', kind: 'pdf' },
  '.docx': {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    kind: 'docx',
  },
  '.doc': { mediaType: 'application/msword', kind: 'doc' },
  '.txt': { mediaType: 'text/plain', kind: 'text' },
  '.text': { mediaType: 'text/plain', kind: 'text' },
  '.md': { mediaType: 'text/markdown', kind: 'text' },
  '.markdown': { mediaType: 'text/markdown', kind: 'text' },
  '.csv': { mediaType: 'text/csv', kind: 'text' },
  '.html': { mediaType: 'text/html', kind: 'html' },
  '.htm': { mediaType: 'text/html', kind: 'html' },
  '.xhtml': { mediaType: 'application/xhtml+xml', kind: 'html' },
  '.png': { mediaType: 'image/png', kind: 'none' },
  '.jpg': { mediaType: 'image/jpeg', kind: 'none' },
  '.jpeg': { mediaType: 'image/jpeg', kind: 'none' },
  '.gif': { mediaType: 'image/gif', kind: 'none' },
  '.webp': { mediaType: 'image/webp', kind: 'none' },
  '.bmp': { mediaType: 'image/bmp', kind: 'none' },
  '.tif': { mediaType: 'image/tiff', kind: 'none' },
  '.tiff': { mediaType: 'image/tiff', kind: 'none' },
  '.svg': { mediaType: 'image/svg+xml', kind: 'none' },
  '.rtf': { mediaType: 'application/rtf', kind: 'none' },
  '.odt': { mediaType: 'application/vnd.oasis.opendocument.text', kind: 'none' },
  '.xlsx': { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'none' },
  '.xls': { mediaType: 'application/vnd.ms-excel', kind: 'none' },
  '.zip': { mediaType: 'application/zip', kind: 'none' },
};

/**
 * Media type and extractor of a file: by extension first (what the user sees), then by magic bytes
 * for files without a known extension. Unknown files are application/octet-stream, kept without text.
 */
export function detectMediaType(name: string, head: Buffer): { mediaType: string; kind: ExtractorKind } {
  const known = BY_EXTENSION[extname(name).toLowerCase()];
  if (known) return known;
  if (head.subarray(0, 5).toString('latin1') === '%PDF-')
    return { mediaType: 'application/pdf', kind: 'pdf' };
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return { mediaType: 'application/msword', kind: 'doc' };
  }
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { mediaType: 'image/png', kind: 'none' };
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { mediaType: 'image/jpeg', kind: 'none' };
  return { mediaType: 'application/octet-stream', kind: 'none' };
}

/** The usual extension of a media type this module knows ('' for unknown ones). */
export function extensionFor(mediaType: string): string {
  for (const [ext, t] of Object.entries(BY_EXTENSION)) if (t.mediaType === mediaType) return ext;
  return '';
}

/**
 * The extension to give a stored original whose name was lost (recovery), from its bytes: the head
 * (first bytes) and the tail (last bytes, where a ZIP keeps its directory). PDF, Word 97, PNG, JPEG
 * by magic bytes; a ZIP naming word/document.xml is a DOCX; HTML by its opening tag; bytes without
 * NULs (or with a UTF-16 BOM) are text. '' when nothing fits (kept without text).
 */
export function sniffExtension(head: Buffer, tail: Buffer): string {
  const byMagic = detectMediaType('', head);
  if (byMagic.mediaType !== 'application/octet-stream') return extensionFor(byMagic.mediaType);
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    const names = head.toString('latin1') + tail.toString('latin1');
    return names.includes('word/document.xml') ? '.docx' : '.zip';
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return '.txt';
  if (head.includes(0)) return '';
  const start = head.subarray(0, 4096).toString('latin1').trimStart().toLowerCase();
  if (/^(ï»¿)?\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)/.test(start)) return '.html';
  return '.txt';
}
