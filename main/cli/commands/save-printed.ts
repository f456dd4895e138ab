// Saves what a contract print method answered (recordsDuePrint, registerPrint) to the file a person
// named: .html/.htm printable, anything else a spreadsheet. An existing file only with --force.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { usageError } from '../cli-context.js';

export type Printed = { format: 'html'; html: string } | { format: 'xlsx'; base64: string };

export const printFormatOfPath = (out: string): 'html' | 'xlsx' => (/\.html?$/i.test(out) ? 'html' : 'xlsx');

/** Writes the printed file; its absolute path. */
export function savePrinted(target: string, printed: Printed, force: boolean): string {
  const bytes =
    printed.format === 'html' ? Buffer.from(printed.html, 'utf8') : Buffer.from(printed.base64, 'base64');
  const out = resolve(target);
  try {
    writeFileSync(out, bytes, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw usageError(`${out} exists (--force)`);
    throw e;
  }
  return out;
}
