import chardet from 'chardet';
import iconv from 'iconv-lite';
import { detectLegacyEncoding } from '../../text/legacy-encoding.js';

export interface DecodedText {
  text: string;
  /** Canonical name of the charset used: utf-8, utf-16le, utf-16be, windows-1258, windows-1252, … */
  encoding: string;
}

// Letters that only Vietnamese (among Latin-script languages) uses often: precomposed toned vowels
// of the Latin Extended Additional block, and ă â đ ê ô ơ ư.
const VIETNAMESE_LETTER = /[\u1ea0-\u1ef9ăâđêôơưĂÂĐÊÔƠƯ]/gu;
const LETTER = /\p{L}/gu;

/** Share of letters that are distinctly Vietnamese (0..1). */
export function vietnameseLetterRatio(s: string): number {
  const letters = s.match(LETTER)?.length ?? 0;
  if (letters === 0) return 0;
  return (s.match(VIETNAMESE_LETTER)?.length ?? 0) / letters;
}

function isValidUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without a BOM: text in Latin scripts has a zero in every other byte. */
function utf16WithoutBom(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length - (buf.length % 2), 4096);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Decodes a text file whose charset is unknown: BOM first (UTF-8, UTF-16 LE/BE), then strict UTF-8,
 * UTF-16 without BOM, then Windows-1258 when decoding with it yields Vietnamese (its combining tone
 * bytes compose onto the letters; cp1252 would show Ì ì Ò Þ ò instead), then chardet's guess for
 * other scripts, else Windows-1252. Legacy font encodings (TCVN3, VNI) look like Windows-1252 at this
 * stage and are repaired afterwards by prepareExtractedText. The result is NFC.
 */
export function decodeText(buf: Buffer, declared?: string | null): DecodedText {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8').normalize('NFC'), encoding: 'utf-8' };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: iconv.decode(buf.subarray(2), 'utf-16le').normalize('NFC'), encoding: 'utf-16le' };
  }
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: iconv.decode(buf.subarray(2), 'utf-16be').normalize('NFC'), encoding: 'utf-16be' };
  }
  if (declared && iconv.encodingExists(declared) && !/^utf-?8$/i.test(declared)) {
    const name = declared.toLowerCase();
    if (!/^(iso-8859-1|latin1|us-ascii|windows-1252)$/.test(name)) {
      return { text: iconv.decode(buf, declared).normalize('NFC'), encoding: name };
    }
  }
  if (isValidUtf8(buf)) return { text: buf.toString('utf8').normalize('NFC'), encoding: 'utf-8' };
  const utf16 = utf16WithoutBom(buf);
  if (utf16) return { text: iconv.decode(buf, utf16).normalize('NFC'), encoding: utf16 };

  const as1258 = iconv.decode(buf, 'windows-1258').normalize('NFC');
  const as1252 = iconv.decode(buf, 'windows-1252').normalize('NFC');
  const r1258 = vietnameseLetterRatio(as1258);
  // TCVN3/VNI bytes also compose into "Vietnamese" under cp1258 (0xEC, 0xD2 … are tone marks there),
  // irreversibly; keep the cp1252 view for prepareExtractedText to repair.
  if (detectLegacyEncoding(as1252) !== null) return { text: as1252, encoding: 'windows-1252' };
  if (r1258 >= 0.08 && r1258 > 2 * vietnameseLetterRatio(as1252))
    return { text: as1258, encoding: 'windows-1258' };

  const guess = chardet.analyse(buf).find((m) => m.confidence >= 50 && iconv.encodingExists(m.name));
  if (guess && !/^(ISO-8859-1|windows-1252|ISO-8859-15|UTF-8)$/i.test(guess.name)) {
    return { text: iconv.decode(buf, guess.name).normalize('NFC'), encoding: guess.name.toLowerCase() };
  }
  return { text: as1252, encoding: 'windows-1252' };
}
