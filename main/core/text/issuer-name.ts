// Issuing bodies in a header's left column (docs/domain.md): the issuing body under its superior
// ("BỘ TÀI CHÍNH / CỤC THUẾ", "ĐẢNG BỘ TỈNH … / HUYỆN ỦY …", "UBND TỈNH … / SỞ …"), each possibly
// wrapped over lines ("ỦY BAN NHÂN / DÂN / TỈNH LAI CHÂU", "THỦ TƯỚNG CHÍNH / PHỦ"). A line break is
// a wrap unless the next line starts a new body; a body named inside one line after its superior
// ("BỘ TÀI CHÍNH CỤC THUẾ", flattened text) is split at the subordinate's head word.

import { canonicalize, fold } from './normalize.js';

/** Head words (folded) that start an organisation's name; matched as whole words at a line start. */
const HEADS = [
  'bo',
  'cuc',
  'tong cuc',
  'chi cuc',
  'so',
  'vu',
  'vien',
  'ban',
  'uy ban',
  'ubnd',
  'hdnd',
  'hoi dong',
  'van phong',
  'trung tam',
  'phong',
  'truong',
  'cong an',
  'toa an',
  'kiem toan',
  'thanh tra',
  'kho bac',
  'chi nhanh',
  'dang bo',
  'dang uy',
  'chi bo',
  'tinh uy',
  'thanh uy',
  'huyen uy',
  'quan uy',
  'thi uy',
  'doan',
  'hoi',
  'mat tran',
  'ngan hang',
  'bao hiem',
  'benh vien',
  'hoc vien',
  'dai hoc',
  'cong ty',
  'tong cong ty',
  'tap doan',
];
/** Heads that start a subordinate body even inside a line ("BỘ TÀI CHÍNH CỤC THUẾ"). */
const STRONG_HEADS = [
  'tong cuc',
  'chi cuc',
  'cuc',
  'so',
  'vu',
  'trung tam',
  'van phong',
  'huyen uy',
  'quan uy',
  'thi uy',
  'thanh uy',
  'dang uy',
  'chi bo',
  'uy ban kiem tra',
  'ban tuyen giao',
  'ban to chuc',
  'ban dan van',
  'ban noi chinh',
  'thue tinh',
  'thue thanh pho',
  'thue co so',
];
/** Superiors a subordinate is named after inside one line. */
const SUPERIOR_START_RE =
  /^(?:bo|uy ban nhan dan|ubnd|dang bo|tinh uy|thanh uy|huyen uy|quan uy|thi uy|tong cuc|cuc)\s/;
/** Words that glue the next word to a head, so the head is not a new body ("TỔNG CỤC", "ỦY BAN"). */
const GLUE_BEFORE = new Set(['TỔNG', 'CHI', 'ỦY', 'VĂN', 'CỦA', 'VÀ', 'VỀ', 'THƯỜNG', 'QUỐC', 'MÔI', 'NHÀ']);
/** Party committees may stand alone under their Đảng bộ: "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI THÀNH ỦY". */
const COMMITTEE_RE = /^(?:tinh|thanh|huyen|quan|thi|dang) uy$/;
/** A line that is only a head (nothing named yet) never ends a body: "VĂN PHÒNG", "BAN CHẤP HÀNH". */
const BARE_HEAD_RE =
  /^(?:bo|cuc|so|vu|ban|uy ban(?: nhan(?: dan)?)?|hoi(?: dong(?: nhan(?: dan)?)?)?|van phong|thu tuong|trung tam|tong cuc|chi cuc|dang bo|dang uy|chi bo|ban chap hanh|ban thuong vu|kiem toan(?: nha)?|chu tich(?: uy ban(?: nhan(?: dan)?)?)?)$/;
/** Words a name cannot end with: the line wrapped inside a phrase. */
const UNFINISHED_END_RE = /(?:^|\s)(?:va|cua|ve|tai|nhan|nha|the|-|,|&)$|[,&-]$/;

function startsWithHead(folded: string, heads: readonly string[]): boolean {
  return heads.some((h) => folded === h || folded.startsWith(h + ' '));
}

/** Split one line-joined unit after its superior at a strong head word: "BỘ TÀI CHÍNH CỤC THUẾ". */
function splitInside(unit: string): string[] {
  const words = unit.split(' ');
  const folded = words.map((w) => fold(w).replace(/[^a-z0-9]/g, ''));
  if (!SUPERIOR_START_RE.test(folded.join(' ') + ' ')) return [unit];
  for (let i = 2; i < words.length; i++) {
    if (GLUE_BEFORE.has(canonicalize(words[i - 1]!.toUpperCase()))) continue;
    const rest = folded.slice(i).join(' ');
    if (STRONG_HEADS.some((h) => rest.startsWith(h + ' ')) || COMMITTEE_RE.test(rest)) {
      // Continue splitting the subordinate part: "UBND TỈNH … SỞ … PHÒNG …" stays two bodies.
      return [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    }
  }
  return [unit];
}

/**
 * The issuing body and its superior from the issuer lines of a header's left column (in order,
 * rules and mottos already removed).
 */
export function joinIssuerLines(lines: readonly string[]): { issuer: string; superior: string | null } {
  const units: string[] = [];
  for (const raw of lines) {
    const l = raw.replace(/\s+/g, ' ').trim();
    if (!l) continue;
    const prev = units[units.length - 1];
    if (prev === undefined) {
      units.push(l);
      continue;
    }
    const pf = fold(prev).replace(/\s+/g, ' ');
    const lf = fold(l);
    const wraps =
      UNFINISHED_END_RE.test(pf) ||
      /^(?:va|-|,)\s/.test(lf) ||
      BARE_HEAD_RE.test(pf) ||
      (!lf.includes(' ') && BARE_HEAD_RE.test(lf)) ||
      !startsWithHead(lf.replace(/[^a-z0-9 ]/g, ''), HEADS);
    if (wraps) units[units.length - 1] = `${prev} ${l}`;
    else units.push(l);
  }
  const bodies = units.flatMap(splitInside);
  if (bodies.length === 0) return { issuer: '', superior: null };
  if (bodies.length === 1) return { issuer: bodies[0]!, superior: null };
  if (bodies.length === 2) return { issuer: bodies[1]!, superior: bodies[0]! };
  // Three levels ("BỘ … / TỔNG CỤC … / CỤC …"): the last issues, the others are its superiors.
  return { issuer: bodies[bodies.length - 1]!, superior: bodies.slice(0, -1).join(' ') };
}

/** Body abbreviations of headers spelled out in the canonical name. */
const HEADER_ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?<![\p{L}\d])UBND(?![\p{L}\d])/gu, 'ỦY BAN NHÂN DÂN'],
  [/(?<![\p{L}\d])HĐND(?![\p{L}\d])/gu, 'HỘI ĐỒNG NHÂN DÂN'],
  [/(?<![\p{L}\d])UBMTTQ(?![\p{L}\d])/gu, 'ỦY BAN MẶT TRẬN TỔ QUỐC'],
  [/(?<![\p{L}\d])MTTQ(?![\p{L}\d])/gu, 'MẶT TRẬN TỔ QUỐC'],
  [/(?<![\p{L}\d])UBKT(?![\p{L}\d])/gu, 'ỦY BAN KIỂM TRA'],
  [/(?<![\p{L}\d])BCH(?![\p{L}\d])/gu, 'BAN CHẤP HÀNH'],
  [/(?<![\p{L}\d])BTV(?![\p{L}\d])/gu, 'BAN THƯỜNG VỤ'],
  [/(?<![\p{L}\d])BCĐ(?![\p{L}\d])/gu, 'BAN CHỈ ĐẠO'],
  [/(?<![\p{L}\d])TP\.\s*/gu, 'THÀNH PHỐ '],
  // Without its dot when a name follows ("UBND TP Hà Nội", "TP HCM"): a capital after it is the city.
  [/(?<![\p{L}\d])TP\s+(?=\p{Lu})/gu, 'THÀNH PHỐ '],
  [/(?<![\p{L}\d])HCM(?![\p{L}\d])/gu, 'HỒ CHÍ MINH'],
  [/(?<![\p{L}\d])TX\.\s*/gu, 'THỊ XÃ '],
  [/(?<![\p{L}\d])TT\.\s*/gu, 'THỊ TRẤN '],
];

/**
 * The one spelling an issuing body is stored and shown in (facets, catalogue): the full name in
 * capitals as a header prints it, abbreviations spelled out, tone marks in their canonical place,
 * one spaced hyphen for any dash between words, single spaces — "UBND tỉnh Bắc Ninh", "UỶ BAN NHÂN DÂN TỈNH BẮC NINH" and the two-line form all
 * become "ỦY BAN NHÂN DÂN TỈNH BẮC NINH".
 */
export function canonicalIssuer(name: string): string {
  let s = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  for (const [re, full] of HEADER_ABBREVIATIONS) s = s.replace(re, full);
  return (
    canonicalize(s.toUpperCase())
      // One dash, spaced, between parts of a name: "SÀI GÒN – BẾN TRE", "Bà Rịa-Vũng Tàu".
      .replace(/(?<=\p{L})\s*[-\u2010-\u2015\u2212]\s*(?=\p{L})/gu, ' - ')
      .replace(/\s+/g, ' ')
      .replace(/[\s,;:.]+$/u, '')
      .trim()
  );
}

/** Levels of local government (Luật Tổ chức chính quyền địa phương; the district level until 2025). */
export type LocalLevel = 'province' | 'district' | 'commune';
/** The bodies every locality has alike: Ủy ban nhân dân, Hội đồng nhân dân, the Party committee. */
export type LocalBodyKind = 'ubnd' | 'hdnd' | 'party';

/** What an issuer's name says of where it sits: its kind, its own level and the places it names. */
export interface IssuerBody {
  /** Null for any other body (a Sở, a ministry, a Văn phòng) or when the name does not say. */
  kind: LocalBodyKind | null;
  /** The body's own level ("UBND huyện …" → district; "Sở Nội vụ" → null). */
  level: LocalLevel | null;
  /** Folded place names by level; null when the level is named without its place ("của UBND tỉnh"). */
  places: Partial<Record<LocalLevel, string | null>>;
}

/** Cities under the central government since 2025 (a "thành phố" elsewhere is of a province). */
const CENTRAL_CITIES = new Set(['ha noi', 'ho chi minh', 'hai phong', 'da nang', 'can tho', 'hue']);

/** Level words, canonical lower case, longest first; `party` marks a Party committee ("tỉnh ủy"). */
interface LevelWord {
  words: readonly string[];
  level: LocalLevel | 'city';
  party?: true;
}
const LEVEL_WORDS: readonly LevelWord[] = (
  [
    { words: ['tỉnh', 'ủy'], level: 'province', party: true },
    { words: ['thành', 'ủy'], level: 'city', party: true },
    { words: ['huyện', 'ủy'], level: 'district', party: true },
    { words: ['quận', 'ủy'], level: 'district', party: true },
    { words: ['thị', 'ủy'], level: 'district', party: true },
    { words: ['thành', 'phố'], level: 'city' },
    { words: ['thị', 'xã'], level: 'district' },
    { words: ['thị', 'trấn'], level: 'commune' },
    { words: ['đặc', 'khu'], level: 'commune' },
    { words: ['tỉnh'], level: 'province' },
    { words: ['huyện'], level: 'district' },
    { words: ['quận'], level: 'district' },
    { words: ['xã'], level: 'commune' },
    { words: ['phường'], level: 'commune' },
  ] satisfies LevelWord[]
).map((w) => ({ ...w, words: w.words.map((x) => canonicalize(x)) }));

/** Words that end a place name: a term, a session, a clause ("tỉnh Nghệ An khóa XVIII"). */
const PLACE_STOP = new Set(
  ['khóa', 'khoá', 'nhiệm', 'kỳ', 'lần', 'về', 'và', 'của', 'tại', 'thuộc', 'trực', 'ban', 'hành'].map((w) =>
    canonicalize(w),
  ),
);

const KIND_PHRASES: ReadonlyArray<readonly [readonly string[], LocalBodyKind]> = (
  [
    [['ủy', 'ban', 'nhân', 'dân'], 'ubnd'],
    [['hội', 'đồng', 'nhân', 'dân'], 'hdnd'],
    [['đảng'], 'party'],
  ] as const
).map(([w, k]) => [w.map((x) => canonicalize(x)), k] as const);

function wordsAt(words: readonly string[], i: number, phrase: readonly string[]): boolean {
  return phrase.every((p, k) => words[i + k] === p);
}

/** The level word starting at words[i], if any ("xã hội" is society, not a commune). */
function levelAt(words: readonly string[], i: number): LevelWord | undefined {
  if (words[i] === XA && words[i + 1] === HOI) return undefined;
  return LEVEL_WORDS.find((l) => wordsAt(words, i, l.words));
}
const XA = canonicalize('xã');
const HOI = canonicalize('hội');

/**
 * Where an issuing body sits, from its name as a header or a citation gives it ("ỦY BAN NHÂN DÂN TỈNH
 * BẮC NINH", "Ban Thường vụ Tỉnh ủy", "HĐND tỉnh", "UBND huyện Đông Yên"). Read with diacritics (a
 * folded "quan" is also quân/quản), so a name typed without them tells nothing, which is never a
 * contradiction. Places are compared folded.
 */
export function issuerBody(name: string): IssuerBody {
  const words = canonicalIssuer(name)
    .toLowerCase()
    .replace(/[,;:()]/g, ' , ')
    .split(' ')
    .filter((w) => w !== '');
  const body: IssuerBody = { kind: null, level: null, places: {} };
  for (let i = 0; i < words.length; i++) {
    if (body.kind === null) {
      const kind = KIND_PHRASES.find(([p]) => wordsAt(words, i, p));
      if (kind) body.kind = kind[1];
    }
    const lw = levelAt(words, i);
    if (!lw) continue;
    if (lw.party && body.kind === null) body.kind = 'party';
    let j = i + lw.words.length;
    const place: string[] = [];
    while (j < words.length && words[j] !== ',' && !PLACE_STOP.has(words[j]!)) {
      if (levelAt(words, j)) break;
      place.push(words[j]!);
      j++;
    }
    const folded = place.length > 0 ? fold(place.join(' ')) : null;
    // A "thành phố" without its name says no level: left to the reader's own locality.
    const level: LocalLevel | null =
      lw.level !== 'city'
        ? lw.level
        : folded === null
          ? null
          : [...CENTRAL_CITIES].some((c) => samePlace(c, folded))
            ? 'province'
            : 'district';
    if (level !== null) {
      body.level ??= level;
      if (body.places[level] == null) body.places[level] = folded;
    }
    i = j - 1;
  }
  return body;
}

/** The body of a stored document: its issuer, with the places its superior line adds. */
export function documentBody(issuer: string | null, superior: string | null): IssuerBody {
  const own = issuerBody(issuer ?? '');
  const above = superior ? issuerBody(superior) : null;
  const places: IssuerBody['places'] = {};
  for (const b of [above, own])
    for (const [level, place] of Object.entries(b?.places ?? {}) as [LocalLevel, string | null][])
      if (place !== null) places[level] = place;
  return { kind: own.kind, level: own.level, places };
}

/**
 * Two place names of one place: equal, or one the other's first words. A wrapped or cut name
 * ("tỉnh Thừa" ⏎ "Thiên Huế") and one run on into the next words ("HÀ NỘI TRUNG TÂM …", "Cần Thơ
 * Thực hiện") still agree; "bac ninh" and "ha tinh" do not.
 */
function samePlace(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b} `) || b.startsWith(`${a} `);
}

/**
 * Whether two bodies cannot be one: both say their kind and differ, both say their own level and
 * differ, or both name a place at one level and the places are not one (samePlace).
 */
export function bodiesContradict(a: IssuerBody, b: IssuerBody): boolean {
  if (a.kind !== null && b.kind !== null && a.kind !== b.kind) return true;
  if (a.level !== null && b.level !== null && a.level !== b.level) return true;
  for (const level of ['province', 'district', 'commune'] as const) {
    const pa = a.places[level];
    const pb = b.places[level];
    if (pa && pb && !samePlace(pa, pb)) return true;
  }
  return false;
}
