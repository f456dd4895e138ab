import { describe, expect, it } from 'vitest';
import { isSyllableFolded, isValidSyllable, parseSyllable } from '../../../main/core/text/vi-syllable.js';

const valid = (words: string): void => {
  for (const w of words.split(' ')) expect(isValidSyllable(w), w).toBe(true);
};
const invalid = (words: string): void => {
  for (const w of words.split(' ')) expect(isValidSyllable(w), w).toBe(false);
};

describe('Vietnamese syllable grammar', () => {
  it('parses onset, rhyme and tone', () => {
    expect(parseSyllable('Nghiệp')).toEqual({ onset: 'ngh', rhyme: 'iêp', tone: 5 });
    expect(parseSyllable('quyết')).toEqual({ onset: 'qu', rhyme: 'yêt', tone: 2 });
    expect(parseSyllable('ủy')).toEqual({ onset: '', rhyme: 'uy', tone: 3 });
    // gi takes back the i it absorbs: gìn = gi + in, giết = gi + iêt.
    expect(parseSyllable('gìn')).toEqual({ onset: 'gi', rhyme: 'in', tone: 1 });
    expect(parseSyllable('giết')).toEqual({ onset: 'gi', rhyme: 'iêt', tone: 2 });
    expect(parseSyllable('giữa')).toEqual({ onset: 'gi', rhyme: 'ưa', tone: 4 });
  });

  it('accepts the words of official documents, in any case', () => {
    valid('Cộng hòa xã hội chủ nghĩa Việt Nam Độc lập Tự do Hạnh phúc');
    valid('QUYẾT ĐỊNH ỦY BAN NHÂN DÂN TỈNH Điều khoản huyện xã phường thuở khuya khuỷu');
    valid('người giữa giấy già gì gìn quốc quý quy quá quân quen quê quyền quyết');
    valid('kế kiểm kỳ kỹ ghi ghế nghe nghị nghiệp ngoài ngày nguyễn của cũng');
    valid('hoạch hoá hóa khoẻ khỏe thủy thuỷ toán hoàn oái ngoáy yên yêu ý ấy ở ưu');
  });

  it('applies the spelling rules of the onsets', () => {
    invalid('ka kô ce cy ge gê nge ngi gha ghu ngha nghô'); // k, gh, ngh before i/e/ê only; c, g, ng elsewhere
    invalid('qa qe quu'); // q only as qu + a rhyme
    invalid('iên tyên'); // iê after an onset, yê without one
    invalid('fa wa za jo'); // no such onset
  });

  it('knows which codas a nucleus takes', () => {
    invalid('ă â ăch ânh ech onh iê uô ươ iac uac ưat'); // ă, â, iê, uô, ươ need a coda; ia, ua, ưa take none
    invalid('aic aon eu');
  });

  it('lets a stop-final rhyme take only sắc or nặng', () => {
    valid('các cạc học đất tập lịch kịp');
    invalid('cac càc cảc cãc hoc hòc đât tâp lich lìch kip kĩp');
  });

  it('puts the tone mark on a vowel of the rhyme where it is written', () => {
    invalid('qúôc qúa gíư hoaì ngoaì ngừơi aí');
    valid('quốc quá hoài ngoài người hòa hoà ái');
  });

  it('allows at most one tone mark', () => {
    invalid('đìếu nguyễ̃n');
  });

  it('reads a word typed without its marks as the syllables it may stand for', () => {
    for (const w of 'quyet nguoi dieu truong viec hoc cac giet gin quoc nghiep khuya uy yen'.split(' '))
      expect(isSyllableFolded(w), w).toBe(true);
    // Marks or capitals typed are no obstacle; the grammar still applies to what is left.
    for (const w of 'quyết Quyet ĐIỀU đất'.split(' ')) expect(isSyllableFolded(w), w).toBe(true);
    for (const w of 'ubnd ttg bnv byt syt qd ka ce gha nghu qa iên'.split(' '))
      expect(isSyllableFolded(w), w).toBe(false);
  });
});
