import { describe, expect, it } from 'vitest';
import { docNumberKey } from '../../../main/core/text/doc-number.js';
import { extractCitations } from '../../../main/core/text/extract-citations.js';
import { extractMetadata } from '../../../main/core/text/extract-metadata.js';
import { prepareExtractedText } from '../../../main/core/text/prepare-text.js';

const values = (text: string) => {
  const m = extractMetadata([prepareExtractedText(text).text]);
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, (v as { value?: unknown }).value]));
};

describe('extractMetadata', () => {
  it('reads a state công văn with V/v over two lines and a TUQ. signature', () => {
    const v = values(`UBND TỈNH LAM GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc
Số: 562/SNV-VP Lam Giang, ngày 28/3/2022
V/v triển khai Nghị quyết số 18-NQ/TW
của Ban Chấp hành Trung ương
Kính gửi: Các phòng, ban.
Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII, Sở Nội vụ đề nghị như sau.
Nơi nhận:
- Như trên;
- Lưu: VT, VP.
TUQ. GIÁM ĐỐC
CHÁNH VĂN PHÒNG
Lê Văn Nam`);
    expect(v).toMatchObject({
      number: '562/SNV-VP',
      system: 'state',
      docType: 'Công văn',
      issuer: 'SỞ NỘI VỤ',
      issuerSuperior: 'UBND TỈNH LAM GIANG',
      place: 'Lam Giang',
      issuedDate: '2022-03-28',
      title: 'triển khai Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương',
      signer: 'Lê Văn Nam',
      signerTitle: 'CHÁNH VĂN PHÒNG',
      recipients: ['Như trên', 'Lưu: VT, VP'],
    });
  });

  it('reads a party header with "Số" without colon and a K/T signature', () => {
    const v = values(`ĐẢNG BỘ TỈNH LAM GIANG
HUYỆN ỦY ĐÔNG YÊN
*
Số 04-CTr/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Đông Yên, ngày 05 tháng 01 năm 2021
CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX
Thực hiện Nghị quyết Đại hội, Ban Chấp hành Đảng bộ huyện xây dựng Chương trình hành động như sau:
Nơi nhận:
- Ban Thường vụ Tỉnh ủy,
- Lưu Văn phòng Huyện ủy.
T/M HUYỆN ỦY
K/T BÍ THƯ
PHÓ BÍ THƯ
Nguyễn Thị Hoa`);
    expect(v).toMatchObject({
      number: '04-CTr/HU',
      system: 'party',
      docType: 'Chương trình',
      issuer: 'HUYỆN ỦY ĐÔNG YÊN',
      issuerSuperior: 'ĐẢNG BỘ TỈNH LAM GIANG',
      issuedDate: '2021-01-05',
      title: 'thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX',
      signer: 'Nguyễn Thị Hoa',
      signerTitle: 'PHÓ BÍ THƯ',
    });
  });

  it('reads a number line typed with spaces around "/" and "-" (a blank left for the number)', () => {
    const header = (numberLine: string) => `ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN ĐÔNG ANH Độc lập - Tự do - Hạnh phúc
${numberLine} Đông Anh, ngày 12 tháng 3 năm 2021
QUYẾT ĐỊNH
Về việc thành lập tổ công tác`;
    expect(values(header('Số: 15 /QĐ-UBND')).number).toBe('15/QĐ-UBND');
    expect(values(header('Số:   15  /  QĐ - UBND')).number).toBe('15/QĐ-UBND');
    expect(values(header('Số: 15/ 2021 /QĐ-UBND')).number).toBe('15/2021/QĐ-UBND');
    expect(values(header('Số: 123 /UBND-VP')).number).toBe('123/UBND-VP');
    // The date on the same line is not taken for a number, spaced or not.
    expect(values(header('Số:     /QĐ-UBND')).number).toBeUndefined();
  });

  it('reads a date wrapped after the number line of a flattened header, and mottos with blank lines', () => {
    const v = values(`CHÍNH PHỦ -------
CỘNG HÒA XÃ HỘI

CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
Số: 87/2025/NĐ-CP Hà Nội ngày 11 tháng 4
năm 2025
NGHỊ ĐỊNH QUY ĐỊNH VIỆC GIẢM TIỀN THUÊ ĐẤT NĂM 2024
Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;`);
    expect(v).toMatchObject({ place: 'Hà Nội', issuedDate: '2025-04-11', issuer: 'CHÍNH PHỦ' });
  });

  it('leaves number and date empty in a draft, keeps the rest', () => {
    const v = values(`ỦY BAN NHÂN DÂN
HUYỆN ĐÔNG YÊN
Số:       /QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đông Yên, ngày     tháng     năm 2024
DỰ THẢO
QUYẾT ĐỊNH
Ban hành Quy chế làm việc
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;`);
    expect(v.number).toBeUndefined();
    expect(v.issuedDate).toBeUndefined();
    expect(v).toMatchObject({
      docType: 'Quyết định',
      issuer: 'ỦY BAN NHÂN DÂN HUYỆN ĐÔNG YÊN',
      place: 'Đông Yên',
      title: 'Ban hành Quy chế làm việc',
    });
  });

  it.each([
    [
      'a Party block over two lines',
      ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ THƯỜNG TRỰC'],
      'PHÓ BÍ THƯ THƯỜNG TRỰC',
    ],
    ['three roles', ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], 'PHÓ CHỦ TỊCH'],
    ['a flattened block', ['KT. BỘ TRƯỞNG THỨ TRƯỞNG'], 'THỨ TRƯỞNG'],
    ['a flattened Party block', ['T/M HUYỆN ỦY K/T BÍ THƯ PHÓ BÍ THƯ'], 'PHÓ BÍ THƯ'],
    [
      'a marker on its own line',
      ['TL. GIÁM ĐỐC', 'KT.', 'TRƯỞNG PHÒNG HÀNH CHÍNH', 'PHÓ', 'TRƯỞNG PHÒNG'],
      'PHÓ TRƯỞNG PHÒNG',
    ],
    [
      'a wrapped authority joined to the position',
      ['KT. TRƯỞNG BAN TUYÊN GIÁO', 'VÀ DÂN VẬN PHÓ TRƯỞNG BAN'],
      'PHÓ TRƯỞNG BAN',
    ],
    ['a position inside a longer one', ['KT. TỔNG CỤC TRƯỞNG', 'PHÓ TỔNG CỤC TRƯỞNG'], 'PHÓ TỔNG CỤC TRƯỞNG'],
    ['two names of one position', ['KT. BỘ TRƯỞNG, CHỦ NHIỆM', 'PHÓ CHỦ NHIỆM'], 'PHÓ CHỦ NHIỆM'],
    ['an acting head', ['Q. CHỦ TỊCH'], 'Q. CHỦ TỊCH'],
  ])('takes the signer’s own position from %s', (_name, block, position) => {
    const v = values(`ỦY BAN NHÂN DÂN TỈNH LAM GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/QĐ-UBND Lam Giang, ngày 05 tháng 3 năm 2024
QUYẾT ĐỊNH
Về việc ban hành quy chế làm việc
Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;
Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.
Nơi nhận:
- Như Điều 1;
- Lưu: VT.
${block.join('\n')}
Trần Thị Hoa`);
    expect(v['signerTitle']).toBe(position);
    expect(v['signer']).toBe('Trần Thị Hoa');
  });

  it('names no position when the block ends in an authority line', () => {
    const v = values(`BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 5680/CT-CS Hà Nội, ngày 05 tháng 3 năm 2024
V/v chính sách thuế
Kính gửi: Các đơn vị.
Cục Thuế hướng dẫn như sau.
Nơi nhận:
- Như trên;
- Lưu: VT.
TL. CỤC TRƯỞNG
KT. TRƯỞNG BAN CHÍNH SÁCH
Trần Thị Hoa`);
    expect(v['signerTitle']).toBeUndefined();
    expect(v['signer']).toBe('Trần Thị Hoa');
  });

  it('keeps a signer name printed in capitals as printed', () => {
    const v = values(
      'SỞ NỘI VỤ\nSố: 1/QĐ-SNV\nQUYẾT ĐỊNH\nVề việc A\nNơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\nTRẦN VĂN BÌNH',
    );
    expect(v).toMatchObject({ signerTitle: 'GIÁM ĐỐC', signer: 'TRẦN VĂN BÌNH' });
  });

  it('gives every suggestion a confidence between 0 and 1', () => {
    const m = extractMetadata([
      'SỞ NỘI VỤ\nSố: 1/QĐ-SNV\nHà Nội, ngày 1 tháng 2 năm 2023\nQUYẾT ĐỊNH\nVề việc A',
    ]);
    const entries = Object.entries(m).filter(([k]) => k !== 'parsedNumber');
    expect(entries.length).toBeGreaterThan(4);
    for (const [, s] of entries) {
      const c = (s as { confidence: number }).confidence;
      expect(c).toBeGreaterThan(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });
  it('proposes values with canonical tone placement (one spelling per body in facets)', () => {
    const v = values(`UỶ BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN THUỶ NGUYÊN Độc lập - Tự do - Hạnh phúc
Số: 15/QĐ-UBND Thuỷ Nguyên, ngày 05 tháng 3 năm 2024
QUYẾT ĐỊNH
Về việc kiện toàn Ban Chỉ đạo phòng chống thiên tai huyện Thuỷ Nguyên
CHỦ TỊCH UỶ BAN NHÂN DÂN HUYỆN
Căn cứ Luật Tổ chức chính quyền địa phương;
QUYẾT ĐỊNH:
Điều 1. Kiện toàn Ban Chỉ đạo.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn Thuý`);
    expect(v).toMatchObject({
      number: '15/QĐ-UBND',
      issuer: 'ỦY BAN NHÂN DÂN HUYỆN THỦY NGUYÊN',
      place: 'Thủy Nguyên',
      title: 'Về việc kiện toàn Ban Chỉ đạo phòng chống thiên tai huyện Thủy Nguyên',
      signer: 'Nguyễn Văn Thúy',
    });
  });
  it('takes "CÔNG VĂN số …" on the first line as the own number, so it is not a citation of itself', () => {
    const text = prepareExtractedText(`CÔNG VĂN số 12/UBND-VP ngày 05/3/2024 của Ủy ban nhân dân xã Tân Phước
V/v tăng cường phòng chống dịch
Kính gửi: Các thôn.
Thực hiện Kế hoạch số 10-KH/UBND ngày 01/02/2024 của UBND huyện, UBND xã đề nghị các thôn.
CHỦ TỊCH
Nguyễn Văn A`).text;
    const m = extractMetadata([text]);
    expect(m.number?.value).toBe('12/UBND-VP');
    expect(m.docType?.value).toBe('Công văn');
    const own = docNumberKey(m.number!.value);
    expect(extractCitations(text, own).map((c) => c.number)).toEqual(['10-KH/UBND']);
    // Prose naming another document the same way is not a heading.
    expect(extractMetadata(['Thực hiện Công văn số 9/UBND-VP của huyện.']).number).toBeUndefined();
  });
});
