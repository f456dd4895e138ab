const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  bull: '•',
  copy: '©',
  reg: '®',
  deg: '°',
  middot: '·',
  sect: '§',
  para: '¶',
  times: '×',
  divide: '÷',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : m;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? m;
  });
}

const BLOCK_TAGS =
  /<\/?(p|div|br|hr|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|blockquote|pre|dt|dd|title)\b[^>]*>/gi;

/**
 * Visible text of an HTML page for indexing: drops head/script/style/comments, turns block elements
 * into line breaks and table cells into tabs, strips the remaining tags, decodes entities. Never
 * executes or renders anything.
 */
export function htmlToText(html: string): string {
  let s = html.replace(/<!--[\s\S]*?-->/g, ' ');
  s = s.replace(/<(script|style|noscript|template|svg|head)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  s = s.replace(/<(td|th)\b[^>]*>/gi, '\t');
  s = s.replace(BLOCK_TAGS, '\n');
  s = s.replace(/<[^>]*>/g, '');
  s = decodeEntities(s);
  return s
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The charset an HTML file declares in a <meta> tag, if any (first 2 KB). */
export function declaredHtmlCharset(head: Buffer): string | null {
  const s = head.subarray(0, 2048).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(s);
  return m?.[1] ?? null;
}
