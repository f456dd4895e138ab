// Content cues of the two-column blocks of an office document (layout of Nghị định 30/2020/NĐ-CP):
// the header table (issuer | national or party motto) and the end table (Nơi nhận | sign block).
// The PDF and DOCX extractors read such a block column by column instead of row by row.

import { fold } from '../../../contract/fold-text.js';

const HEADER_CUE = /^(?:cong hoa xa hoi chu nghia viet nam|dang cong san viet nam|doc lap\s*[-–—]\s*tu do)/;
// "Q. GIÁM ĐỐC" yes, "Q.3" (a district) no: the authority prefix is followed by a capital letter.
const AUTHORITY_CUE = /^(?:T\/M|K\/T|T\/L|(?:TM|KT|TL|TUQ|Q)\.)\s*\p{Lu}/u;

/** A cell text that starts the right column of a header: the national or party motto. */
export function isHeaderCue(text: string): boolean {
  return HEADER_CUE.test(fold(text.trim().normalize('NFC')));
}

/** A cell text that starts the end block: "Nơi nhận" or an authority line (TM., KT., TL., TUQ., Q.). */
export function isSignCue(text: string): boolean {
  const t = text.trim().normalize('NFC');
  return /^noi nhan\b/.test(fold(t)) || AUTHORITY_CUE.test(t);
}
