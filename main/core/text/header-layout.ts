// Re-lays a document header out one element per line, whatever the extraction did to the two-column
// header table: Word/web text linearises it cell by cell and wraps every cell ("CỘNG HÒA XÃ⏎HỘI CHỦ
// NGHĨA VIỆT NAM", "Số:⏎7360/KH-UBND", "Hà Nội, ngày 20⏎tháng 11 năm 2025"), crawled text flattens it
// onto one to three lines ("CHÍNH PHỦ ------- CỘNG HÒA … Hạnh phúc -----", "Số: 12/QĐ-UBND Tây Ninh,
// ngày … QUYẾT ĐỊNH VỀ … Căn cứ …"). Afterwards the mottos, rules, the number line, each V/v line,
// the place/date line and the body's first cue each start a line, and the elements that had wrapped
// are whole again. Only the header part (up to the body) is touched; the rest is returned as is.

import { fold } from './normalize.js';

/** Folded motto phrases, any whitespace (line breaks included) between the words. */
const STATE_MOTTO_RE = /cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam/g;
const PARTY_MOTTO_RE = /dang\s+cong\s+san\s+viet\s+nam/g;
const MOTTO_LINE_RE = /doc\s+lap\s*[-–—]*\s*tu\s+do\s*[-–—]*\s*hanh\s+phuc/g;

/** Words (capitalised, or the lower-case parts of "Thành phố Huế", "Thị xã …") of a place name. */
const PLACE_WORD = String.raw`(?:\p{Lu}[\p{Ll}\p{M}]*\.?|phố|xã|trấn)(?![\p{L}\d])`;
/**
 * "Hà Nội, ngày 20 tháng 11 năm 2025", wrapped anywhere, with odd spacing, "ngày 28 / tháng 11",
 * slashes ("ngày 12/5/2022") or blanks for a draft ("ngày   tháng 11 năm 2025").
 */
const PLACE_DATE_RE = new RegExp(
  String.raw`(?<![\p{L}\d])((?:T[PX]\.|Tp\.|\p{Lu}[\p{Ll}\p{M}]*\.?)(?:(?:[ \t]+|[ \t]*\n[ \t]*)${PLACE_WORD}){0,5})[ \t]*(,?)[ \t\n]*` +
    String.raw`(ngày|Ngày)[ \t\n]*(\d{1,2}|[._…]*)[ \t\n]*(?:[/.-][ \t\n]*)?(tháng|Tháng|[/.-])[ \t\n]*` +
    String.raw`(\d{1,2}|[._…]*)[ \t\n]*(?:[/.-][ \t\n]*)?(năm|Năm|[/.-])[ \t\n]*(\d{4}|[._…]*)`,
  'gu',
);

/** Types whose number line may name them: "Nghị quyết số: 96/2023/QH15". */
const NUMBERED_TYPES = 'Nghị quyết|Nghị định|Quyết định|Thông tư|Chỉ thị|Luật|Pháp lệnh|Lệnh';

/** The first body cue ("Căn cứ", "Kính gửi", "Điều 1.") at a line start, or right after a capitals title. */
const BODY_CUE_RE = /(?:^|(?<=\p{Lu})[ \t]+)(?=(?:Căn cứ|Kính gửi|K\/g|Điều 1\.)(?!\p{L}))/mu;

/** Replace line breaks by spaces inside the spans of `re` (matched on the folded copy). */
function joinSpans(text: string, re: RegExp, limit: number): string {
  const folded = fold(text);
  let out = text;
  let n = 0;
  for (const m of folded.matchAll(re)) {
    if (n++ >= limit) break;
    // One space for a whole run of breaks: a blank line inside the span ("XÃ HỘI⏎⏎CHỦ NGHĨA", Word
    // and web text put one after each paragraph) must not leave two spaces the motto test misses.
    const span = out.slice(m.index, m.index + m[0].length).replace(/[ \t]*\n[ \t\n]*/g, ' ');
    // Length changes: redo on a fresh fold next time (few matches, short header).
    out = out.slice(0, m.index) + span.padEnd(m[0].length, ' ') + out.slice(m.index + m[0].length);
  }
  return out;
}

/** Put each span of `re` (folded match, upper-case in the text when `caps`) on a line of its own. */
function isolateSpans(text: string, re: RegExp, limit: number, caps: boolean): string {
  const folded = fold(text);
  const cuts: Array<[number, number]> = [];
  for (const m of folded.matchAll(re)) {
    const span = text.slice(m.index, m.index + m[0].length);
    if (caps && span !== span.toUpperCase()) continue;
    cuts.push([m.index, m.index + m[0].length]);
    if (cuts.length >= limit) break;
  }
  let out = text;
  for (const [a, b] of cuts.reverse())
    out = `${out.slice(0, a).trimEnd()}\n${out.slice(a, b).trim()}\n${out.slice(b).trimStart()}`;
  return out;
}

/** Where the header ends: the first body cue after the start, at most `max` characters in. */
function headerEnd(text: string, max: number): number {
  const m = BODY_CUE_RE.exec(text.slice(0, max));
  if (!m || m.index === 0) return Math.min(text.length, max);
  return m.index;
}

/**
 * The text with its header re-laid out (see the file comment). Idempotent; text without a header
 * comes back with at most a few line breaks added around the phrases named above.
 */
export function layoutHeader(input: string): string {
  const end = headerEnd(input, 4000);
  let head = input.slice(0, end);
  const rest = input.slice(end);

  head = joinSpans(head, STATE_MOTTO_RE, 1);
  head = joinSpans(head, PARTY_MOTTO_RE, 1);
  head = joinSpans(head, MOTTO_LINE_RE, 1);
  head = isolateSpans(head, STATE_MOTTO_RE, 1, true);
  head = isolateSpans(head, PARTY_MOTTO_RE, 1, true);
  head = isolateSpans(head, MOTTO_LINE_RE, 1, false);
  // Rules between the cells: "CHÍNH PHỦ -------", "Hạnh phúc ---------------", "-----" alone.
  head = head.replace(/(^|[ \t]+)(?:[-–—_=*~]{3,}|\*{1,2})(?=[ \t]|$)/gmu, '\n-----');
  // The number line starts a line and holds its number: "… Số: 12/…", "Số:⏎7360/KH-UBND".
  head = head.replace(/[ \t]+(?=(?:Số|SỐ)(?: ký hiệu)?[ \t]*:)/gu, '\n');
  head = head.replace(/[ \t]+(?=Số[ \t]+\d{1,5}[ \t]?-[ \t]?\p{Lu})/gu, '\n');
  head = head.replace(new RegExp(String.raw`[ \t]+(?=(?:${NUMBERED_TYPES}) số[ \t]*:)`, 'gu'), '\n');
  head = head.replace(
    new RegExp(
      String.raw`^((?:(?:${NUMBERED_TYPES}) số|Số|SỐ)(?: ký hiệu)?[ \t]*:?)[ \t]*\n[ \t\n]*(?=\d|[._…]{2,}|\/)`,
      'gmu',
    ),
    '$1 ',
  );
  // A công văn's "V/v …" starts a line.
  head = head.replace(/[ \t]+(?=V\/[vV][ \t:])/gu, '\n');
  // The place/date line: one line, normal spacing; a slash written before "tháng" dropped.
  let dates = 0;
  head = head.replace(
    PLACE_DATE_RE,
    (
      m: string,
      placeIn: string,
      comma: string,
      ngay: string,
      d: string,
      thang: string,
      mo: string,
      nam: string,
      y: string,
      at: number,
      all: string,
    ) => {
      if (dates > 0) return m;
      // A place wraps at most once, after a lone first word ("Hà⏎Nội,") or inside "Thành phố …"
      // ("Thành phố Hồ⏎Chí Minh,"); other words on an earlier line belong to something else
      // ("… tại Việt Nam⏎Hà Nội,").
      let place = placeIn;
      let keep = '';
      const lines = place.split('\n');
      const atLineStart = at === 0 || all[at - 1] === '\n';
      if (
        lines.length > 1 &&
        !(
          lines.length === 2 &&
          atLineStart &&
          /^(?:\S+|(?:Thành phố|Thị xã|TP\.)\s.*)$/u.test(lines[0]!.trim())
        )
      ) {
        const last = lines[lines.length - 1]!;
        keep = place.slice(0, place.length - last.length);
        place = last;
      }
      // Without its comma ("Hà Nội ngày 01 …") only a place that starts its line is moved; one
      // after the number ("Số: 87/2025/NĐ-CP Hà Nội ngày 11 tháng 4⏎năm 2025") still gets its
      // date made whole, so the line-by-line reading finds it.
      if (!comma && !keep && !atLineStart) return m.replace(/[ \t]*\n[ \t\n]*/g, ' ');
      dates++;
      const slash = thang.length === 1;
      const date = slash
        ? `${ngay} ${d}${thang}${mo}${nam}${y}`
        : `${ngay} ${d || '   '} ${thang} ${mo || '   '} ${nam} ${y}`;
      return `${keep}\n${place.trim().replace(/\s+/g, ' ')}, ${date}\n`;
    },
  );
  head = head
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
  if (rest === '') return head;
  return `${head.replace(/\n+$/, '')}\n${rest.replace(/^[ \t]+/, '')}`;
}
