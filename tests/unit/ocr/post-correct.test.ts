import { describe, expect, it } from 'vitest';
import {
  ALL_OCR_RULES,
  correctOcrText,
  correctOcrWord,
  OCR_RULES,
} from '../../../main/core/ocr/post-correct.js';
import { parseDocNumbers } from '../../../main/core/text/doc-number.js';

describe('OCR post-correction', () => {
  describe('clean rule', () => {
    it('composes decomposed letters to NFC', () => {
      const decomposed = 'Quye\u0302\u0301t đi\u0323nh';
      expect(correctOcrText(decomposed)).toBe('Quyết định');
      expect(correctOcrText(decomposed, [])).toBe('Quyết định'.normalize('NFC'));
    });
    it('maps the Đ look-alikes (Eth, African D, eth) to Đ/đ', () => {
      expect(correctOcrText('\u00d0iều 1. \u0189ộc lập, \u00f0ồng')).toBe('Điều 1. Độc lập, đồng');
      // Without the rule the look-alike stays, and the word would not match "điều" in search.
      expect(correctOcrText('\u00d0iều', ['docNumber'])).toBe('\u00d0iều');
    });
    it('drops a tone mark doubled or stacked on a toned vowel', () => {
      expect(correctOcrText('quyết\u0301 định')).toBe('quyết định');
      expect(correctOcrText('hoà\u0300 bình')).toBe('hoà bình');
    });
    it('applies to the words of the box layer too, one word each', () => {
      expect(correctOcrWord('\u00d0ộc ')).toBe('Độc');
    });
  });

  describe('docNumber rule (measured, not applied by default)', () => {
    it('is not among the rules applied', () => {
      expect(OCR_RULES).not.toContain('docNumber');
      expect(correctOcrText('Số: l2/2O24/QĐ-UBND')).toBe('Số: l2/2O24/QĐ-UBND');
    });
    it('reads O/o as 0, l/I as 1, S as 5 in the number and year', () => {
      expect(correctOcrText('Số: l2/2O24/QĐ-UBND', ALL_OCR_RULES)).toBe('Số: 12/2024/QĐ-UBND');
      expect(correctOcrText('Số: I5/2o23/NĐ-CP', ALL_OCR_RULES)).toBe('Số: 15/2023/NĐ-CP');
      expect(correctOcrText('Số: S/2024/QĐ-TTg', ALL_OCR_RULES)).toBe('Số: 5/2024/QĐ-TTg');
    });
    it('closes spaces around the separators of a number', () => {
      const fixed = correctOcrText('Số: 12 / 2024 / QĐ - UBND ngày 15', ALL_OCR_RULES);
      expect(fixed).toBe('Số: 12/2024/QĐ-UBND ngày 15');
      expect(parseDocNumbers(fixed).map((d) => d.raw)).toEqual(['12/2024/QĐ-UBND']);
      expect(parseDocNumbers('Số: 12 / 2024 / QĐ - UBND ngày 15').map((d) => d.raw)).not.toContain(
        '12/2024/QĐ-UBND',
      );
      expect(correctOcrText('Nghị định số 3O/2020/NĐ - CP ngày', ALL_OCR_RULES)).toBe(
        'Nghị định số 30/2020/NĐ-CP ngày',
      );
    });
    it('joins a công văn symbol but never turns letters into a number there', () => {
      expect(correctOcrText('Số: 123/UBND - VP', ALL_OCR_RULES)).toBe('Số: 123/UBND-VP');
      expect(correctOcrText('mã lO/SX', ALL_OCR_RULES)).toBe('mã lO/SX');
    });
    it('leaves what the grammar does not accept', () => {
      for (const s of ['tỷ lệ 1/2 số', 'ngày 15/3/2024', 'Số: 04-CTr/QU', 'Số: 12/2O24/XYZ-ABC', 'COVID-19'])
        expect(correctOcrText(s, ALL_OCR_RULES)).toBe(s);
    });
  });
});

describe('OCR post-correction: gluedNumber rule', () => {
  it('puts back the space Tesseract drops between a word and its number', () => {
    expect(correctOcrText('Trang1\nĐiều1. Phạm vi\nKhoản 2')).toBe('Trang 1\nĐiều 1. Phạm vi\nKhoản 2');
    expect(correctOcrText('Trang1', ['clean'])).toBe('Trang1');
  });
  it('keeps codes and non-syllables whole', () => {
    for (const s of ['80/2015/QH13', 'mã H41', 'COVID19', 'ngày 15', 'xyz12', 'Số: 12/2024/QĐ-UBND'])
      expect(correctOcrText(s)).toBe(s);
  });
});
