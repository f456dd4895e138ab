import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { makeDocx } from '../helpers/make-docx.js';
import { makePdf } from '../helpers/make-pdf.js';
import { repoRoot, testdata } from '../helpers/repo-root.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const VI = 'Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập - Tự do - Hạnh phúc';
const VI2 = 'Quyết định số 123/QĐ-UBND ngày 28 tháng 3 năm 2022 của Ủy ban nhân dân huyện Đông Yên';

/** Text of each page as pdf.js gives it, one line per text item ending a line. */
async function pdfPages(data: Buffer, password?: string): Promise<string[]> {
  const pdf = await getDocument({
    data: new Uint8Array(data),
    password,
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const out: string[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? '\n' : '');
    }
    out.push(text);
  }
  await pdf.destroy();
  return out;
}

describe('test helpers', () => {
  it('finds the repo root and the test data copied into it', () => {
    expect(existsSync(join(repoRoot, 'package.json'))).toBe(true);
    expect(existsSync(testdata('doc-numbers.json'))).toBe(true);
  });

  it('makes and removes a temp dir', async () => {
    const t = await makeTempDir('vankho-helpers-');
    await writeFile(join(t.dir, 'a.txt'), 'x');
    expect((await stat(t.dir)).isDirectory()).toBe(true);
    await t.cleanup();
    expect(existsSync(t.dir)).toBe(false);
  });

  it('makes a multi-page PDF whose Vietnamese text pdf.js reads back exactly', async () => {
    const pdf = await makePdf([[VI, VI2], 'Trang hai: Đảng bộ xã Tân Phước\nNơi nhận: Lưu VT.']);
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(2);
    // Long lines wrap at the page width, so compare with line breaks made plain spaces.
    const flat = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
    expect(flat(pages[0])).toBe(`${VI} ${VI2}`);
    expect(pages[1]?.split('\n').filter(Boolean)).toEqual([
      'Trang hai: Đảng bộ xã Tân Phước',
      'Nơi nhận: Lưu VT.',
    ]);
  });

  it('encrypts a PDF with a user password', async () => {
    const pdf = await makePdf(['Bí mật'], { encrypt: 'mk123' });
    expect(pdf.includes(Buffer.from('/Encrypt'))).toBe(true);
    await expect(pdfPages(pdf)).rejects.toMatchObject({ name: 'PasswordException' });
    const pages = await pdfPages(pdf, 'mk123');
    expect(pages[0]?.trim()).toBe('Bí mật');
  });

  it('makes a DOCX that mammoth reads back paragraph by paragraph', async () => {
    const docx = await makeDocx([VI, VI2, 'V/v triển khai công tác chuyển đổi số năm 2024']);
    const t = await makeTempDir('vankho-docx-');
    try {
      const file = join(t.dir, 'a.docx');
      await writeFile(file, docx);
      const { value } = await mammoth.extractRawText({ buffer: await readFile(file) });
      expect(value.split('\n').filter(Boolean)).toEqual([
        VI,
        VI2,
        'V/v triển khai công tác chuyển đổi số năm 2024',
      ]);
    } finally {
      await t.cleanup();
    }
  });
});
