// How the sổ đăng ký văn bản names its books and độ khẩn and writes its numbers: one place for the
// core (error texts, printed registers) and every caller that shows register rows (the CLI).
import { REGISTER_URGENCIES, type RegisterBookDto, type RegisterUrgency } from './dto.js';
import { fold } from './fold-text.js';

export const BOOK_LABELS: Record<RegisterBookDto, { vi: string; en: string }> = {
  in: { vi: 'Sổ đăng ký văn bản đến', en: 'incoming documents register' },
  out: { vi: 'Sổ đăng ký văn bản đi', en: 'outgoing documents register' },
};

/** Độ khẩn (Nghị định 30 Điều 8): khẩn, thượng khẩn, hỏa tốc; none for ordinary documents. */
export const URGENCY_LABELS: Record<RegisterUrgency, string> = {
  khan: 'Khẩn',
  'thuong-khan': 'Thượng khẩn',
  'hoa-toc': 'Hỏa tốc',
};

/** "01", "02", … "123": how số đến / số đi are written. */
export function formatSeq(seq: number): string {
  return String(seq).padStart(2, '0');
}

/** The urgency a person typed, as its key (khan) or its label (Thượng khẩn); undefined if none. */
export function urgencyOf(value: string): RegisterUrgency | undefined {
  const v = value.normalize('NFC').trim().toLocaleLowerCase('vi');
  return REGISTER_URGENCIES.find((u) => u === v || URGENCY_LABELS[u].toLocaleLowerCase('vi') === v);
}

/**
 * The sổ among `existing` that a new one named `name` would be taken for: the same letters, case and
 * accents aside ("qđ" is QĐ, "Mật" the mật sổ), so one office's sổ never splits in two by a typing
 * slip; null when the name is new. The form starting a sổ and the core registering in it both ask.
 */
export function seriesClash(name: string, existing: readonly string[]): string | null {
  const folded = fold(name.normalize('NFC').trim());
  return existing.find((s) => fold(s) === folded) ?? null;
}
