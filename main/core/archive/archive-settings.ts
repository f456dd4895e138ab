// Per-archive preferences (not per computer): kept in the archive's meta table under "setting.<name>",
// so they travel with a backup and hold for everyone who opens the archive (desktop, web, server).
// An unset preference reads as null: its owner decides the default (which may depend on the machine,
// as OCR's does on the engine being installed).
import type { Db } from './database.js';
import { readMeta, writeMeta } from './meta-store.js';

/** auto_ocr: OCR after each import; ocr_paused: the OCR queue starts no page (ocr-queue.ts). */
export type ArchiveSettingName = 'auto_ocr' | 'ocr_paused';

const keyOf = (name: ArchiveSettingName): string => `setting.${name}`;

export function readBooleanSetting(db: Db, name: ArchiveSettingName): boolean | null {
  const v = readMeta(db, keyOf(name));
  return v === null ? null : v === '1';
}

/** Inside the caller's transaction (archive.write). */
export function writeBooleanSetting(db: Db, name: ArchiveSettingName, value: boolean): void {
  writeMeta(db, keyOf(name), value ? '1' : '0');
}
