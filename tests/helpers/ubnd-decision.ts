// A decision of the UBND tỉnh Bắc Ninh as the paragraphs of a real DOCX (header, số, ngày, body,
// signature), as an office writes it; and the DOCX files written from such paragraphs. Shared by the
// validity, records and identity tests so the fixture reads one way everywhere.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDocx } from './make-docx.js';

export interface UbndDecision {
  number: string;
  /** "ngày 10 tháng 3 năm 2020", after "Bắc Ninh, ". */
  dateLine: string;
  title: string;
  /** Paragraphs of the body after "QUYẾT ĐỊNH:" (Điều 1. …). */
  body: string[];
  /** Legal basis lines (Căn cứ …) before "QUYẾT ĐỊNH:". */
  basis?: string[];
  /** Articles after the body; default the usual Điều 2 on who carries it out. */
  closing?: string[];
}

export function ubndDecision(d: UbndDecision): string[] {
  return [
    'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
    `Số: ${d.number}`,
    `Bắc Ninh, ${d.dateLine}`,
    'QUYẾT ĐỊNH',
    d.title,
    'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
    ...(d.basis ?? []),
    'QUYẾT ĐỊNH:',
    ...d.body,
    ...(d.closing ?? [
      'Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này.',
    ]),
    'TM. ỦY BAN NHÂN DÂN',
    'CHỦ TỊCH',
    'Nguyễn Văn An',
  ];
}

/** Writes each [file name, paragraphs] as a DOCX in dir; returns the paths in the same order. */
export async function writeDocxFiles(
  dir: string,
  files: ReadonlyArray<readonly [string, readonly string[]]>,
): Promise<string[]> {
  const paths: string[] = [];
  for (const [name, paragraphs] of files) {
    const p = join(dir, name);
    writeFileSync(p, await makeDocx([...paragraphs]));
    paths.push(p);
  }
  return paths;
}
