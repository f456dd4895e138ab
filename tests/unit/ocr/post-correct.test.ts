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

  describe('docNumber rule', () => {
    it('is applied', () => {
      expect(OCR_RULES).toContain('docNumber');
      expect(correctOcrText('Số: l2/2O24/QĐ-UBND')).toBe('Số: 12/2024/QĐ-UBND');
      expect(correctOcrText('Số: l2/2O24/QĐ-UBND', ['clean'])).toBe('Số: l2/2O24/QĐ-UBND');
    });
    it('joins a number wrapped at the dash, but never a sentence after a number', () => {
      expect(correctOcrText('Thông tư số 39/2018/TT-\nBTC ngày')).toBe('Thông tư số 39/2018/TT-BTC ngày');
      expect(correctOcrText('Nghị quyết số 71/NQ-\nCP ngày')).toBe('Nghị quyết số 71/NQ-CP ngày');
      for (const s of [
        'số 12/2024/QĐ-UBND - Ban hành quy chế',
        'số 12/KH-UBND -\nTriển khai',
        'số 12/QĐ-UBND - UBND tỉnh giao',
        'Kế hoạch số 12/KH-UBND\n- UBND các huyện;',
      ])
        expect(correctOcrText(s), s).toBe(s);
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

describe('OCR post-correction: docSymbol rule', () => {
  it('is applied', () => {
    expect(OCR_RULES).toContain('docSymbol');
  });
  it('repairs the type segment of a number to the one known type a confusion away', () => {
    expect(correctOcrText('Số: 1528/QĐĐ-BTC ngày')).toBe('Số: 1528/QĐ-BTC ngày');
    expect(correctOcrText('Tờ trình số 4943/TIT-STC')).toBe('Tờ trình số 4943/TTr-STC');
    expect(correctOcrText('Số: 45/TTT-UBND')).toBe('Số: 45/TTr-UBND');
    expect(correctOcrText('Số: 12/2024/TTT-BTC')).toBe('Số: 12/2024/TT-BTC');
    expect(correctOcrText('Số: 12/2024/T1-BTC')).toBe('Số: 12/2024/TT-BTC');
    expect(correctOcrText('Số: 2/2024/0Đ-TTg')).toBe('Số: 2/2024/QĐ-TTg');
    expect(correctOcrText('Nghị quyết số 12/NO-CP')).toBe('Nghị quyết số 12/NQ-CP');
    expect(correctOcrText('Số: 1528/QĐĐ-BTC', ['clean'])).toBe('Số: 1528/QĐĐ-BTC');
  });
  it('reads digits in a type segment back as letters (a dark copy reads TT as 77 or T7)', () => {
    expect(correctOcrText('Thông tư số 23/2023/77-BTC ngày')).toBe('Thông tư số 23/2023/TT-BTC ngày');
    expect(correctOcrText('Thông tư số 10/2025/T7T-BNV ngày')).toBe('Thông tư số 10/2025/TT-BNV ngày');
    for (const s of ['ngày 12/10/2024-2025', 'số 12/70-BTC', 'số 12/11-KH', 'tỷ lệ 1/10-A', 'số 70/77Y-SNV'])
      expect(correctOcrText(s), s).toBe(s);
  });
  it('drops a letter echoed in a known body code of the issuer', () => {
    expect(correctOcrText('Kế hoạch số 24/KH-UBNDĐ ngày')).toBe('Kế hoạch số 24/KH-UBND ngày');
    expect(correctOcrText('NGHỊ QUYẾT SỐ 11/2022/NQ-HĐNDĐ NGÀY')).toBe('NGHỊ QUYẾT SỐ 11/2022/NQ-HĐND NGÀY');
    expect(correctOcrText('Số: 12/UBNDĐ-VP')).toBe('Số: 12/UBND-VP');
    // Unknown issuer codes and a doubled first letter stay as read.
    for (const s of ['Số: 12/QĐ-UBNDX', 'Số: 12/QĐ-SKHĐT', 'Số: 12/KH-CCB', 'Số: 12/KH-TTB'])
      expect(correctOcrText(s), s).toBe(s);
  });
  it('writes the Thủ tướng issuer TTg as it is spelled', () => {
    expect(correctOcrText('CHỈ THỊ SỐ 32/CT-TTG NGÀY')).toBe('CHỈ THỊ SỐ 32/CT-TTg NGÀY');
    expect(correctOcrText('Số: 299/TTG')).toBe('Số: 299/TTg');
  });
  it('leaves ambiguous or impossible repairs and công văn symbols as read', () => {
    for (const s of [
      'Số: 45/CTT-UBND', // CT or CTr
      'Số: 12/T1-BTC', // TT needs a year; "T1" may be the issuer of a công văn
      'Số: 123/UBND-VP',
      'Số: 38162/CHQ-GSQL',
      'Số: 1234/CCT-KK', // Chi cục Thuế, not a chỉ thị
      'số 12/2010/TTLT-BKHĐT-BTC',
      'Số: 5348/CT-CS',
      'Số: 45/QĐĐ', // one segment: an issuer, not a type
      'ngày 01/01/2024',
      'tỷ lệ 1/2 số',
    ])
      expect(correctOcrText(s), s).toBe(s);
  });
  it('leaves digits and spacing to the docNumber rule', () => {
    const symbolOnly = ['clean', 'docSymbol'] as const;
    expect(correctOcrText('Số: 1O/2024/QĐĐ-UBND', symbolOnly)).toBe('Số: 1O/2024/QĐĐ-UBND');
    expect(correctOcrText('Số: 12 / 2024 / QĐĐ - UBND', symbolOnly)).toBe('Số: 12 / 2024 / QĐĐ - UBND');
    expect(correctOcrText('Số: 1O/2024/QĐĐ - UBND')).toBe('Số: 10/2024/QĐ-UBND');
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

describe('OCR post-correction: syllable rule', () => {
  const without = OCR_RULES.filter((r) => r !== 'syllable');
  it('is applied, and replaces an invalid syllable by its valid neighbour', () => {
    expect(OCR_RULES).toContain('syllable');
    // Diacritics: a stop-final rhyme without sắc/nặng, é for ế, a lost modifier and tone.
    expect(correctOcrText('CHỦ TICH UBND tỉnh')).toBe('CHỦ TỊCH UBND tỉnh');
    expect(correctOcrText('Độc lâp - Tự do, đât đai')).toBe('Độc lập - Tự do, đất đai');
    expect(correctOcrText('QUYÉT ĐỊNH của Quôc hội')).toBe('QUYẾT ĐỊNH của Quốc hội');
    expect(correctOcrText('thủ tuc cho nguòi dân')).toBe('thủ tục cho người dân');
    // Letter merges: rn → m, cl → d, li → h, I → l.
    expect(correctOcrText('rnột số Iuật về clân chủ, liọc tập')).toBe('một số luật về dân chủ, học tập');
    expect(correctOcrText('CHỦ TICH', without)).toBe('CHỦ TICH');
  });
  it('keeps the case of the word as read', () => {
    expect(correctOcrText('Đât đai, ĐÂT ĐAI, đât')).toBe('Đất đai, ĐẤT ĐAI, đất');
  });
  it('leaves codes, numbers, names in mixed case, loanwords and unaccented lines alone', () => {
    for (const s of [
      'số 12/QĐ-UBND ngày 5, mã H41, v.v.',
      'hệ thống IoT của tỉnh Đắk Lắk', // mixed case; a place name spelled outside the orthography
      'thư điện tử email, Internet, website',
      'Nguyen Van An, so cac co quan', // no accented letter: not Vietnamese as printed
      'Điêu 1. Phạm ví', // valid syllables, though misread, are not this rule's
    ])
      expect(correctOcrText(s), s).toBe(s);
  });
  it('corrects a word of the box layer as its line in the page text', () => {
    expect(correctOcrWord('TICH', 'CHỦ TICH')).toBe('TỊCH');
    expect(correctOcrWord('tuc', 'thu tuc')).toBe('tuc');
    expect(correctOcrWord('lâp,', 'Độc lâp,')).toBe('lập,');
    expect(correctOcrWord('TICH', 'CHỦ TICH', without)).toBe('TICH');
  });
});
