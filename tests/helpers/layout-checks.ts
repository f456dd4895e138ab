// Checks that extracted text has the "linearised" form of an office document that the metadata
// reader reads: issuer lines, "Số …" (and "V/v …"), the motto lines, the place/date line, the type
// heading and the trích yếu lines; at the end "Nơi nhận" and its recipients, then the sign block
// lines in order and the signer's name. Each check returns what is wrong (empty when all is right).

/** What a document's header and end block say (the fields of real-docs/truth.jsonl). */
export interface LayoutTruth {
  type: string;
  issuer_header: string;
  place: string;
  summary: string;
  sign_block: string[];
  signer: string;
  /** The right column's lines above the place/date line (default: the national motto). */
  motto?: string[];
}

const MOTTO = ['cộng hòa xã hội chủ nghĩa việt nam', 'độc lập - tự do - hạnh phúc'];

function norm(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Non-empty lines, without printed rules ("-------", "_____"). */
export function textLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^[-_=*.…\s]+$/.test(l));
}

/** Count of lines from `from` whose joined text is exactly `expected` (0 when there is none). */
function linesSpelling(lines: readonly string[], from: number, expected: string): number {
  const want = norm(expected);
  let got = '';
  for (let k = from; k < lines.length; k++) {
    got = got === '' ? norm(lines[k]!) : `${got} ${norm(lines[k]!)}`;
    if (got === want) return k - from + 1;
    if (!want.startsWith(got)) return 0;
  }
  return 0;
}

/** The first page's text against the header fields. */
export function headerProblems(firstPage: string, t: LayoutTruth): string[] {
  const lines = textLines(firstPage);
  const problems: string[] = [];
  const show = (i: number): string => JSON.stringify(lines.slice(Math.max(0, i - 2), i + 3));
  const so = lines.findIndex((l) => /^Số(?![\p{L}\p{N}])/u.test(l));
  if (so < 0) return [`no line starts with "Số": ${JSON.stringify(lines.slice(0, 8))}`];
  if (linesSpelling(lines, 0, t.issuer_header) !== so)
    problems.push(`issuer lines before "Số" are not ${JSON.stringify(t.issuer_header)}: ${show(so)}`);
  let next = so + 1;
  const vv = t.summary.startsWith('V/v');
  if (vv) {
    const n = linesSpelling(lines, next, t.summary);
    if (n === 0) problems.push(`"V/v" lines do not follow "Số": ${show(next)}`);
    next += n;
  }
  const motto = (t.motto ?? MOTTO).map(norm);
  if (motto.some((m, i) => norm(lines[next + i] ?? '') !== m))
    problems.push(`motto lines are not whole and together after the left column: ${show(next)}`);
  next += motto.length;
  const date = lines[next] ?? '';
  if (
    !/^,? ?ngày /u.test(norm(date).slice(norm(t.place).length)) ||
    !norm(date).startsWith(norm(t.place)) ||
    !/năm \d{4}\.?$/u.test(date)
  )
    problems.push(`place/date line is not whole after the motto: ${show(next)}`);
  next++;
  if (!vv) {
    if (norm(lines[next] ?? '') !== norm(t.type))
      problems.push(`type heading does not follow the date: ${show(next)}`);
    else if (linesSpelling(lines, next + 1, t.summary) === 0)
      problems.push(`trích yếu lines do not follow the heading: ${show(next + 1)}`);
  }
  return problems;
}

/** The document's pages against the end block: sign block lines in order, then the name, on one page. */
export function signProblems(pages: readonly string[], t: LayoutTruth): string[] {
  const block = [...t.sign_block, t.signer].join(' ');
  for (const page of pages) {
    const lines = textLines(page);
    for (let k = 0; k < lines.length; k++) {
      const n = linesSpelling(lines, k, block);
      if (n === 0 || norm(lines[k + n - 1]!) !== norm(t.signer)) continue;
      const recipients = lines.findIndex((l) => /^Nơi nhận(?![\p{L}\p{N}])/iu.test(l));
      if (recipients > k) return [`"Nơi nhận" comes after the sign block: ${JSON.stringify(lines.slice(k))}`];
      return [];
    }
  }
  const last = textLines(pages[pages.length - 1] ?? '');
  return [`sign block ${JSON.stringify(block)} not found as whole lines: ${JSON.stringify(last.slice(-14))}`];
}
