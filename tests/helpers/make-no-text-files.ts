// Files that are stored without text, one per reason (issue 16 defect 4), plus one with text.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { makeDocx } from './make-docx.js';
import { makePdf } from './make-pdf.js';

/** A real 1×1 PNG (signature, IHDR, IDAT, IEND with their CRCs). */
export const PNG_1X1 = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6c4e80000000049454e44ae426082',
  'hex',
);

/** A real one-sheet workbook (a format VanKho stores but does not read). */
export async function makeXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Danh sách').addRow(['Số ký hiệu', 'Trích yếu']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** scan.png, scan.pdf (no text layer), bang.xlsx, mat-khau.pdf (encrypted) and qd.docx (with text). */
export async function makeNoTextSources(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'scan.png'), PNG_1X1);
  writeFileSync(join(dir, 'scan.pdf'), await makePdf([[''], ['']]));
  writeFileSync(join(dir, 'bang.xlsx'), await makeXlsx());
  writeFileSync(join(dir, 'mat-khau.pdf'), await makePdf([['Quyết định số 1/QĐ-UBND']], { encrypt: 'x' }));
  writeFileSync(join(dir, 'qd.docx'), await makeDocx(['QUYẾT ĐỊNH', 'Về việc thành lập Tổ công tác']));
}
