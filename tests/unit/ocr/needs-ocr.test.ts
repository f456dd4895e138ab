import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isUnreadableText, pageNeedsOcr, pagesToOcr } from '../../../main/core/ocr/needs-ocr.js';
import { prepareExtractedText } from '../../../main/core/text/prepare-text.js';
import { testdata } from '../../helpers/repo-root.js';

const BODY =
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; theo đề nghị của Giám đốc Sở Nội vụ, ' +
  'Ủy ban nhân dân tỉnh quyết định ban hành kèm theo Quyết định này Quy chế quản lý tài liệu lưu trữ điện tử.';

describe('which pages need OCR', () => {
  it('a page with no or only a few characters has no text layer', () => {
    expect(pageNeedsOcr('')).toBe('scan');
    expect(pageNeedsOcr('  12  ')).toBe('scan');
    expect(pageNeedsOcr('Scanned by CamScanner 3')).toBe('scan');
    expect(pageNeedsOcr(BODY)).toBeNull();
  });
  it('a text layer of glyph codes the legacy repair left is mojibake', () => {
    // Private-use glyph codes (a symbolic font without ToUnicode).
    const pua = Array.from({ length: 200 }, (_, i) => String.fromCharCode(0xe000 + (i % 90))).join('');
    expect(isUnreadableText(pua)).toBe(true);
    // Latin-1 letters that form no Vietnamese syllable.
    const latin = 'Ëß¾ÐÞ Ýæ×Ç ÂÒ¿ ÌÊ¹Ï ¼ÈÉÕ '.repeat(10);
    expect(pageNeedsOcr(latin)).toBe('mojibake');
    expect(isUnreadableText(BODY)).toBe(false);
    // English and numbers are readable text, not mojibake.
    expect(
      pageNeedsOcr('Report on the implementation of Decision 12/2024 in the province, 2023–2024.'),
    ).toBeNull();
  });
  it('a mixed PDF OCRs only its scanned pages; an image is page 1', () => {
    expect(pagesToOcr('application/pdf', [BODY, '', BODY, '3'], 4)).toEqual([
      { page: 2, reason: 'scan' },
      { page: 4, reason: 'scan' },
    ]);
    expect(pagesToOcr('application/pdf', [], 3).map((p) => p.page)).toEqual([1, 2, 3]);
    expect(pagesToOcr('image/jpeg', [], null)).toEqual([{ page: 1, reason: 'image' }]);
    expect(
      pagesToOcr('application/vnd.openxmlformats-officedocument.wordprocessingml.document', [''], 1),
    ).toEqual([]);
  });
});

describe('a legacy text layer is repaired or OCRed, not kept as garbage', () => {
  // The real documents typed in VPS (byte table of the shared test data), as a PDF without font
  // names gives them. VPS keeps the Latin-1 letters (à á â è é ê …) where Latin-1 has them, so many
  // words read alike in both and the repair often cannot decide; such a page must then go to OCR. Mojibake words such as "chÙc" (chức) or "thåc" have the shape of a
  // syllable but break its spelling rules (ư before a stop with no tone, a coda after y…).
  const dir = testdata('real-docs', 'docs');
  // Each document's first page or so: the whole line up to 3,000 characters.
  const docs = readdirSync(dir).map((f) => {
    const text = readFileSync(`${dir}/${f}`, 'utf8');
    const end = text.lastIndexOf('\n', 3000);
    return text.length <= 3000 || end < 0 ? text : text.slice(0, end);
  });
  it(`VPS: at least 85 % of ${docs.length} real documents' first pages`, () => {
    const table = (
      JSON.parse(readFileSync(testdata('legacy-encodings', 'vps.json'), 'utf8')) as {
        byteToUnicode: Record<string, string>;
      }
    ).byteToUnicode;
    const byChar = new Map(Object.entries(table).map(([b, u]) => [u, String.fromCharCode(Number(b))]));
    let handled = 0;
    for (const doc of docs) {
      const legacy = [...doc].map((c) => byChar.get(c) ?? c).join('');
      const prepared = prepareExtractedText(legacy);
      if (prepared.legacyEncoding === 'vps' || pageNeedsOcr(prepared.text) === 'mojibake') handled++;
      // Never the other way: the Unicode original is kept as text.
      expect(pageNeedsOcr(doc)).toBeNull();
    }
    expect(handled / docs.length).toBeGreaterThanOrEqual(0.85);
  });
});
