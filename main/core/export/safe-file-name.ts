// Readable file names for bundle entries that are valid on Windows, macOS and Linux (T-N2): NFC, no
// path separators or characters Windows refuses, no control or bidi-override characters, no reserved
// device names, no leading/trailing dots or spaces, bounded length in UTF-8 bytes, unique without
// regard to case (Windows and macOS file systems are case-insensitive).

/** Maximum length of one name in UTF-8 bytes, extension included. Leaves room for the folder a user
 * extracts into under Windows' 260-character path limit and for a " (NN)" uniqueness suffix. */
export const MAX_NAME_BYTES = 120;

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// Windows-forbidden characters, ASCII controls, DEL/C1 controls, bidi overrides/isolates, zero-width
// characters and the BOM: none is ever wanted in a name someone reads.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Cuts s to at most maxBytes UTF-8 bytes on a code-point boundary, preferring a word boundary. */
export function truncateUtf8(s: string, maxBytes: number, ellipsis = '…'): string {
  if (utf8Length(s) <= maxBytes) return s;
  const budget = maxBytes - utf8Length(ellipsis);
  if (budget <= 0) return '';
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = utf8Length(ch);
    if (bytes + n > budget) break;
    out += ch;
    bytes += n;
  }
  // Back off to the last space when it does not throw away most of the text.
  const space = out.lastIndexOf(' ');
  if (space > out.length * 0.6) out = out.slice(0, space);
  // A cut can leave a combining mark without its base only in non-NFC input; normalise anyway.
  return `${out.normalize('NFC').replace(/[ .]+$/u, '')}${ellipsis}`;
}

/** Makes one path component from arbitrary text: never empty, never "." or "..", never reserved. */
export function sanitizeNamePart(raw: string): string {
  const s = raw
    // Lone surrogates cannot be encoded in a UTF-8 ZIP name.
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .normalize('NFC')
    .replace(/[/\\]/g, '-')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[. ]+/u, '')
    .replace(/[. ]+$/u, '');
  return s;
}

/** A sanitised extension ("pdf"), lowercase ASCII letters/digits only, or '' when none fits. */
export function sanitizeExtension(ext: string): string {
  const e = ext.replace(/^\./, '').toLowerCase();
  return /^[a-z0-9]{1,8}$/.test(e) ? e : '';
}

/** Joins a base and an extension into a safe name within MAX_NAME_BYTES. */
export function safeFileName(base: string, ext = '', maxBytes = MAX_NAME_BYTES): string {
  const e = sanitizeExtension(ext);
  const suffix = e ? `.${e}` : '';
  let b = sanitizeNamePart(base);
  if (b === '') b = 'van-ban';
  b = truncateUtf8(b, maxBytes - utf8Length(suffix));
  b = b.replace(/[. ]+$/u, '');
  if (b === '' || b === '…') b = 'van-ban';
  // "CON.pdf", "nul.txt", "COM1" are device names on Windows whatever the extension.
  const stem = b.split('.')[0]?.trim() ?? '';
  if (RESERVED.test(stem)) b = `_${b}`;
  return `${b}${suffix}`;
}

/**
 * Hands out unique names inside one folder: the second "x.pdf" (or "X.PDF") becomes "x (2).pdf".
 * Comparison is case-insensitive on NFC text, as on Windows and macOS.
 */
export class UniqueNamer {
  private readonly used = new Set<string>();

  constructor(private readonly maxBytes = MAX_NAME_BYTES) {}

  take(base: string, ext = ''): string {
    const first = safeFileName(base, ext, this.maxBytes);
    if (this.claim(first)) return first;
    for (let n = 2; ; n++) {
      const tag = ` (${n})`;
      const name = safeFileName(
        `${truncateUtf8(sanitizeNamePart(base) || 'van-ban', this.maxBytes - 12 - utf8Length(tag))}${tag}`,
        ext,
        this.maxBytes,
      );
      if (this.claim(name)) return name;
    }
  }

  private claim(name: string): boolean {
    const key = name.normalize('NFC').toLowerCase();
    if (this.used.has(key)) return false;
    this.used.add(key);
    return true;
  }
}
