// Headers as real office text comes out of Word, web pages and crawls: the two-column header table
// linearised cell by cell (every cell wrapped anywhere), or flattened onto one to three lines, with
// the signature block on one line. State and Party layouts (docs/domain.md), provinces, ministries
// and wrap points other than those of the real-docs set, so the rules are checked beyond it.
import { describe, expect, it } from 'vitest';
import { layoutHeader } from '../../../main/core/text/header-layout.js';
import { extractMetadata } from '../../../main/core/text/extract-metadata.js';
import { canonicalIssuer, joinIssuerLines } from '../../../main/core/text/issuer-name.js';
import { prepareExtractedText } from '../../../main/core/text/prepare-text.js';

const values = (text: string): Record<string, unknown> => {
  const m = extractMetadata([prepareExtractedText(text).text]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) if (k !== 'parsedNumber') out[k] = (v as { value: unknown }).value;
  return out;
};

describe('layoutHeader', () => {
  it('joins a wrapped motto, number and place/date line and isolates them', () => {
    const out = layoutHeader(
      'UBND TỈNH BẮC NINH\nSỞ Y TẾ\n-------\n\nCỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố:\n812/SYT-NVY\n\nBắc Ninh, ngày 22\ntháng 11 năm 2025\n\nKính gửi: Các bệnh viện.',
    );
    const lines = out.split('\n').filter((l) => l);
    expect(lines).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(lines).toContain('Số: 812/SYT-NVY');
    expect(lines).toContain('Bắc Ninh, ngày 22 tháng 11 năm 2025');
    expect(lines[lines.length - 1]).toBe('Kính gửi: Các bệnh viện.');
  });

  it('splits a flattened header at its rules, motto, number, date and the first cue', () => {
    const out = layoutHeader(
      'BỘ Y TẾ ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\nSố: 45/2024/TT-BYT Hà Nội, ngày 02 tháng 8 năm 2024 THÔNG TƯ QUY ĐỊNH VỀ KHÁM BỆNH Căn cứ Luật Khám bệnh, chữa bệnh;',
    );
    expect(out.split('\n').filter((l) => l && l !== '-----')).toEqual([
      'BỘ Y TẾ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 45/2024/TT-BYT',
      'Hà Nội, ngày 02 tháng 8 năm 2024',
      'THÔNG TƯ QUY ĐỊNH VỀ KHÁM BỆNH',
      'Căn cứ Luật Khám bệnh, chữa bệnh;',
    ]);
  });

  it('reads "ngày 28 / tháng 11", a place wrapped after its first word, and leaves a blank day blank', () => {
    expect(layoutHeader('Số: 1/UBND-VP\nThanh\nHóa, ngày 28 / tháng 11 năm 2025\n')).toContain(
      'Thanh Hóa, ngày 28 tháng 11 năm 2025',
    );
    const v = values(
      'ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố:      /QĐ-UBND\nQuảng Nam, ngày    tháng 11 năm 2025\nQUYẾT ĐỊNH\nVề việc ban hành Quy chế làm việc\nCăn cứ Luật Tổ chức chính quyền địa phương;',
    );
    expect(v.place).toBe('Quảng Nam');
    expect(v.issuedDate).toBeUndefined();
  });
});

describe('issuer blocks', () => {
  it.each([
    [['ỦY BAN NHÂN', 'DÂN', 'TỈNH QUẢNG NAM'], 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM', null],
    [['THỦ TƯỚNG CHÍNH', 'PHỦ'], 'THỦ TƯỚNG CHÍNH PHỦ', null],
    [['BỘ', 'GIAO THÔNG VẬN TẢI'], 'BỘ GIAO THÔNG VẬN TẢI', null],
    [['BỘ NỘI', 'VỤ'], 'BỘ NỘI VỤ', null],
    [['BỘ QUỐC PHÒNG'], 'BỘ QUỐC PHÒNG', null],
    [['BỘ TÀI NGUYÊN VÀ', 'MÔI TRƯỜNG'], 'BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG', null],
    [['BỘ Y TẾ', 'VỤ PHÁP CHẾ'], 'VỤ PHÁP CHẾ', 'BỘ Y TẾ'],
    [['BỘ CÔNG', 'THƯƠNG CỤC XUẤT NHẬP KHẨU'], 'CỤC XUẤT NHẬP KHẨU', 'BỘ CÔNG THƯƠNG'],
    [['UBND TỈNH QUẢNG NAM', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO'], 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'UBND TỈNH QUẢNG NAM'],
    [
      ['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ ĐÀ NẴNG', 'SỞ XÂY DỰNG'],
      'SỞ XÂY DỰNG',
      'ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG',
    ],
    [['ĐẢNG BỘ TỈNH THÁI', 'BÌNH', 'HUYỆN ỦY VŨ THƯ'], 'HUYỆN ỦY VŨ THƯ', 'ĐẢNG BỘ TỈNH THÁI BÌNH'],
    [['ĐẢNG BỘ TỈNH HÀ NAM HUYỆN ỦY KIM BẢNG'], 'HUYỆN ỦY KIM BẢNG', 'ĐẢNG BỘ TỈNH HÀ NAM'],
    [['TỈNH ỦY NGHỆ AN', 'BAN TUYÊN GIÁO'], 'BAN TUYÊN GIÁO', 'TỈNH ỦY NGHỆ AN'],
    [['TỈNH ỦY', 'KHÁNH HÒA'], 'TỈNH ỦY KHÁNH HÒA', null],
  ])('%j → %s under %s', (lines, issuer, superior) => {
    expect(joinIssuerLines(lines)).toEqual({ issuer, superior });
  });

  it('gives one canonical spelling for the short, old-tone and full forms of a body', () => {
    const forms = ['UBND tỉnh Bắc Ninh', 'UỶ BAN NHÂN DÂN TỈNH BẮC NINH', 'Ủy ban nhân dân  tỉnh Bắc Ninh'];
    expect(new Set(forms.map(canonicalIssuer))).toEqual(new Set(['ỦY BAN NHÂN DÂN TỈNH BẮC NINH']));
    expect(canonicalIssuer('UBND TP. Hồ Chí Minh')).toBe('ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH');
    expect(canonicalIssuer('HĐND huyện Gia Bình')).toBe('HỘI ĐỒNG NHÂN DÂN HUYỆN GIA BÌNH');
  });
});

describe('state documents as Word and web pages lay them out', () => {
  it('reads a linearised decision with the motto block first and an all-capitals title over three lines', () => {
    const v = values(`CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
ỦY BAN NHÂN DÂN
TỈNH KHÁNH
HÒA
-------
Số: 2210/QĐ-UBND
Khánh Hòa, ngày 03
tháng 12 năm 2025
QUYẾT
ĐỊNH
VỀ VIỆC PHÊ DUYỆT DANH MỤC DỰ ÁN KÊU GỌI ĐẦU TƯ TRÊN ĐỊA
BÀN TỈNH KHÁNH HÒA
NĂM 2026
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;
Căn cứ Quyết định số 1180/QĐ-UBND ngày 05 tháng 5 năm 2025 của Ủy ban nhân dân tỉnh;
Điều 1. Phê duyệt danh mục.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Hữu
Hoàng`);
    expect(v).toMatchObject({
      number: '2210/QĐ-UBND',
      docType: 'Quyết định',
      issuer: 'ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA',
      place: 'Khánh Hòa',
      issuedDate: '2025-12-03',
      title: 'VỀ VIỆC PHÊ DUYỆT DANH MỤC DỰ ÁN KÊU GỌI ĐẦU TƯ TRÊN ĐỊA BÀN TỈNH KHÁNH HÒA NĂM 2026',
      signer: 'Lê Hữu Hoàng',
    });
    expect(v.issuerSuperior).toBeUndefined();
  });

  it('reads a công văn whose V/v wraps and whose place/date follows it, never the date of a cited letter', () => {
    const v = values(`BỘ NÔNG NGHIỆP VÀ
MÔI TRƯỜNG
CỤC THỦY LỢI
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1204/TL-QLCT
V/v
góp ý dự thảo Thông tư về quản lý
an toàn đập, hồ chứa nước
Hà
Nội, ngày 26 tháng 11 năm 2025
Kính gửi: Sở Nông nghiệp và Môi trường các tỉnh.
Phúc đáp văn bản số 88/SNNMT-TL ngày 20/11/2025 của Sở Nông nghiệp và Môi trường tỉnh Sơn La, ngày 20 tháng 11 năm 2025, Cục Thủy lợi có ý kiến như sau.
Nơi nhận:
- Như trên;
- Lưu: VT, QLCT. KT. CỤC TRƯỞNG PHÓ CỤC TRƯỞNG Nguyễn Văn Tỉnh`);
    expect(v).toMatchObject({
      number: '1204/TL-QLCT',
      docType: 'Công văn',
      issuer: 'CỤC THỦY LỢI',
      issuerSuperior: 'BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG',
      place: 'Hà Nội',
      issuedDate: '2025-11-26',
      title: 'góp ý dự thảo Thông tư về quản lý an toàn đập, hồ chứa nước',
      signer: 'Nguyễn Văn Tỉnh',
    });
  });

  it('reads a flattened decree with its one-line signature block', () => {
    const v = values(`CHÍNH PHỦ -------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
Số: 15/2026/NĐ-CP
Hà Nội, ngày 09 tháng 01 năm 2026 NGHỊ ĐỊNH QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT ĐƯỜNG BỘ CHÍNH PHỦ Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15; Căn cứ Luật Đường bộ số 35/2024/QH15;
Điều 1. Phạm vi điều chỉnh
Nơi nhận:
- Ban Bí thư Trung ương Đảng;
- Lưu: VT, CN (2b).
TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Trần Hồng Hà`);
    expect(v).toMatchObject({
      number: '15/2026/NĐ-CP',
      docType: 'Nghị định',
      issuer: 'CHÍNH PHỦ',
      place: 'Hà Nội',
      issuedDate: '2026-01-09',
      title: 'QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT ĐƯỜNG BỘ',
      signer: 'Trần Hồng Hà',
      signerTitle: 'PHÓ THỦ TƯỚNG',
    });
  });

  it('keeps a whole office number and drops a military rank from the signer', () => {
    const v = values(`VĂN PHÒNG CHÍNH PHỦ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 11554/VPCP-V.I
V/v xử lý kiến nghị của cử tri
Hà Nội, ngày 27 tháng 11 năm 2025
Kính gửi: Bộ Quốc phòng.
Văn phòng Chính phủ truyền đạt ý kiến.
Nơi nhận:
- Như trên;
- Lưu: VT, V.I.
KT. BỘ TRƯỞNG, CHỦ NHIỆM
PHÓ CHỦ NHIỆM
Thiếu tướng Nguyễn Văn Sơn`);
    expect(v).toMatchObject({ number: '11554/VPCP-V.I', signer: 'Nguyễn Văn Sơn', docType: 'Công văn' });
  });
});

describe('more state layouts (provinces, ministries, wrap points not in the real-docs set)', () => {
  it('reads the right column first, with the place/date before the issuer block', () => {
    const v = values(`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đà Nẵng, ngày 15 tháng 10 năm 2025
ỦY BAN NHÂN DÂN
THÀNH PHỐ ĐÀ NẴNG
Số: 55/QĐ-UBND
QUYẾT ĐỊNH
Về việc thành lập Tổ công tác
rà soát thủ tục hành chính
CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG
Căn cứ Luật Tổ chức chính quyền địa phương;`);
    expect(v).toMatchObject({
      issuer: 'ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG',
      place: 'Đà Nẵng',
      issuedDate: '2025-10-15',
      docType: 'Quyết định',
      title: 'Về việc thành lập Tổ công tác rà soát thủ tục hành chính',
    });
  });

  it('reads a flattened decision whose sentence-case title runs into the body', () => {
    const v = values(`ỦY BAN NHÂN DÂN TỈNH AN GIANG -------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
Số: 12/2025/QĐ-UBND TP. Long Xuyên, ngày 5 tháng 12 năm 2025 QUYẾT ĐỊNH Về việc ban hành Quy chế tổ chức và hoạt động của Sở Tư pháp Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;`);
    expect(v).toMatchObject({
      number: '12/2025/QĐ-UBND',
      issuer: 'ỦY BAN NHÂN DÂN TỈNH AN GIANG',
      place: 'TP. Long Xuyên',
      issuedDate: '2025-12-05',
      title: 'Về việc ban hành Quy chế tổ chức và hoạt động của Sở Tư pháp',
    });
  });

  it('stops a council resolution title at "HỘI ĐỒNG NHÂN DÂN … KHÓA …, KỲ HỌP …"', () => {
    const v = values(`HỘI ĐỒNG NHÂN DÂN
TỈNH NINH BÌNH
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 40/2025/NQ-HĐND
Ninh Bình, ngày 10 tháng 12 năm 2025
NGHỊ QUYẾT
QUY ĐỊNH MỨC HỖ TRỢ ĐÓNG BẢO HIỂM Y TẾ CHO NGƯỜI CAO TUỔI
TRÊN ĐỊA BÀN TỈNH NINH BÌNH
HỘI ĐỒNG NHÂN DÂN TỈNH NINH BÌNH
KHÓA XV, KỲ HỌP THỨ 12
Căn cứ Luật Tổ chức chính quyền địa phương;`);
    expect(v).toMatchObject({
      docType: 'Nghị quyết',
      issuer: 'HỘI ĐỒNG NHÂN DÂN TỈNH NINH BÌNH',
      title: 'QUY ĐỊNH MỨC HỖ TRỢ ĐÓNG BẢO HIỂM Y TẾ CHO NGƯỜI CAO TUỔI TRÊN ĐỊA BÀN TỈNH NINH BÌNH',
    });
  });

  it('stops a ministry circular title at a wrapped "BỘ / TRƯỞNG BỘ …" authority line', () => {
    const v = values(`BỘ GIÁO DỤC VÀ
ĐÀO TẠO
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 28/2025/TT-BGDĐT
Hà Nội, ngày 1 tháng 12 năm 2025
THÔNG
TƯ
QUY ĐỊNH VỀ TUYỂN SINH TRUNG HỌC CƠ SỞ CỦA
BỘ GIÁO DỤC VÀ ĐÀO TẠO
BỘ
TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO
Căn cứ Luật Giáo dục;`);
    expect(v).toMatchObject({
      docType: 'Thông tư',
      issuer: 'BỘ GIÁO DỤC VÀ ĐÀO TẠO',
      title: 'QUY ĐỊNH VỀ TUYỂN SINH TRUNG HỌC CƠ SỞ CỦA BỘ GIÁO DỤC VÀ ĐÀO TẠO',
    });
    expect(v.issuerSuperior).toBeUndefined();
  });

  it('reads a slash date and a name alone closing a resolution', () => {
    const v = values(`QUỐC HỘI
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Nghị quyết số: 12/2024/QH15
Hà Nội, ngày 5/12/2024
NGHỊ QUYẾT
VỀ KẾ HOẠCH TÀI CHÍNH QUỐC GIA
QUỐC HỘI
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Nghị quyết này được Quốc hội khóa XV, kỳ họp thứ 8 thông qua ngày 5 tháng 12 năm 2024.
Trần Thanh Mẫn`);
    expect(v).toMatchObject({
      number: '12/2024/QH15',
      issuer: 'QUỐC HỘI',
      issuedDate: '2024-12-05',
      title: 'VỀ KẾ HOẠCH TÀI CHÍNH QUỐC GIA',
      signer: 'Trần Thanh Mẫn',
    });
  });
});

describe('Party documents', () => {
  const partyCases: Array<[string, string, Record<string, unknown>]> = [
    [
      'a Báo cáo of a Huyện ủy, linearised with the wrapped issuer and date',
      `ĐẢNG BỘ TỈNH BẮC
NINH
HUYỆN ỦY GIA BÌNH
*
Số 87-BC/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Gia Bình, ngày 22
tháng 11 năm 2025
BÁO CÁO
KẾT QUẢ THỰC HIỆN NHIỆM VỤ CHÍNH TRỊ NĂM 2025,
PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2026
-----
Thực hiện Chương trình công tác năm 2025 của Ban Chấp hành Đảng bộ huyện, Ban Thường vụ Huyện ủy báo cáo như sau:
Nơi nhận:
- Ban Thường vụ Tỉnh ủy (để báo cáo),
- Lưu Văn phòng Huyện ủy.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Nguyễn Thị Hằng`,
      {
        number: '87-BC/HU',
        system: 'party',
        docType: 'Báo cáo',
        issuer: 'HUYỆN ỦY GIA BÌNH',
        issuerSuperior: 'ĐẢNG BỘ TỈNH BẮC NINH',
        place: 'Gia Bình',
        issuedDate: '2025-11-22',
        title: 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ CHÍNH TRỊ NĂM 2025, PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2026',
        signer: 'Nguyễn Thị Hằng',
        signerTitle: 'BÍ THƯ',
      },
    ],
    [
      'a Kết luận of a Tỉnh ủy, flattened with a one-line signature',
      `TỈNH ỦY THANH HÓA * ĐẢNG CỘNG SẢN VIỆT NAM
Số 245-KL/TU Thanh Hóa, ngày 05 tháng 12 năm 2025 KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY VỀ TÌNH HÌNH KINH TẾ - XÃ HỘI NĂM 2025 Tại phiên họp ngày 02/12/2025, Ban Thường vụ Tỉnh ủy kết luận như sau:
Nơi nhận:
- Các huyện ủy, thị ủy, thành ủy,
- Lưu Văn phòng Tỉnh ủy.
T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ THƯỜNG TRỰC Lại Thế Nguyên`,
      {
        number: '245-KL/TU',
        system: 'party',
        docType: 'Kết luận',
        issuer: 'TỈNH ỦY THANH HÓA',
        place: 'Thanh Hóa',
        issuedDate: '2025-12-05',
        title: 'CỦA BAN THƯỜNG VỤ TỈNH ỦY VỀ TÌNH HÌNH KINH TẾ - XÃ HỘI NĂM 2025',
        signer: 'Lại Thế Nguyên',
      },
    ],
    [
      'a Hướng dẫn of a Tỉnh ủy commission, the motto column first',
      `ĐẢNG CỘNG SẢN VIỆT NAM
Quảng Ninh, ngày 14 tháng 10 năm 2025
TỈNH ỦY QUẢNG NINH
BAN TỔ CHỨC
*
Số 09-HD/BTCTU
HƯỚNG DẪN
một số nội dung về công tác đảng viên
-----
Căn cứ Điều lệ Đảng; Quy định số 232-QĐ/TW ngày 20/01/2025 của Ban Chấp hành Trung ương,
Ban Tổ chức Tỉnh ủy hướng dẫn như sau:
Nơi nhận:
- Các đảng bộ trực thuộc,
- Lưu BTC.
K/T TRƯỞNG BAN
PHÓ TRƯỞNG BAN
Vũ Minh Đức`,
      {
        number: '09-HD/BTCTU',
        system: 'party',
        docType: 'Hướng dẫn',
        issuer: 'BAN TỔ CHỨC',
        issuerSuperior: 'TỈNH ỦY QUẢNG NINH',
        place: 'Quảng Ninh',
        issuedDate: '2025-10-14',
        title: 'một số nội dung về công tác đảng viên',
        signer: 'Vũ Minh Đức',
      },
    ],
    [
      'a Chương trình of a Đảng ủy xã, linearised, with a blank-line wrapped title',
      `ĐẢNG BỘ TỈNH LÀO CAI
ĐẢNG ỦY XÃ BẢO
THẮNG
*
Số 21-CTr/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Bảo Thắng, ngày 30 tháng 9 năm 2025
CHƯƠNG TRÌNH
HÀNH ĐỘNG THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẠI BIỂU
ĐẢNG BỘ XÃ LẦN THỨ I, NHIỆM KỲ 2025 - 2030
Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ban Chấp hành Đảng bộ xã xây dựng Chương trình hành động như sau:
Nơi nhận:
- Ban Thường vụ Tỉnh ủy,
- Lưu Văn phòng.
T/M ĐẢNG ỦY
BÍ THƯ
Hoàng Văn Tú`,
      {
        number: '21-CTr/ĐU',
        docType: 'Chương trình',
        issuer: 'ĐẢNG ỦY XÃ BẢO THẮNG',
        issuerSuperior: 'ĐẢNG BỘ TỈNH LÀO CAI',
        place: 'Bảo Thắng',
        issuedDate: '2025-09-30',
        title: 'HÀNH ĐỘNG THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ LẦN THỨ I, NHIỆM KỲ 2025 - 2030',
        signer: 'Hoàng Văn Tú',
      },
    ],
    [
      'a Tờ trình of a Thành ủy, flattened header on two lines',
      `ĐẢNG BỘ THÀNH PHỐ HÀ NỘI THÀNH ỦY ---- ĐẢNG CỘNG SẢN VIỆT NAM
Số 112-TTr/TU Hà Nội, ngày 18 tháng 11 năm 2025 TỜ TRÌNH VỀ DỰ THẢO QUY ĐỊNH PHÂN CẤP QUẢN LÝ CÁN BỘ Thực hiện Quy định số 80-QĐ/TW ngày 18/8/2022 của Bộ Chính trị, Ban Thường vụ Thành ủy trình như sau:
Nơi nhận:
- Ban Chấp hành Đảng bộ Thành phố,
- Lưu Văn phòng Thành ủy. T/M BAN THƯỜNG VỤ BÍ THƯ Bùi Thị Minh Hoài`,
      {
        number: '112-TTr/TU',
        docType: 'Tờ trình',
        issuer: 'THÀNH ỦY',
        issuerSuperior: 'ĐẢNG BỘ THÀNH PHỐ HÀ NỘI',
        place: 'Hà Nội',
        issuedDate: '2025-11-18',
        title: 'VỀ DỰ THẢO QUY ĐỊNH PHÂN CẤP QUẢN LÝ CÁN BỘ',
        signer: 'Bùi Thị Minh Hoài',
      },
    ],
    [
      'a Quy định of a Huyện ủy with the superior under the issuer wrap',
      `ĐẢNG BỘ TỈNH ĐỒNG NAI
HUYỆN ỦY
LONG THÀNH
*
Số 05-QĐi/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Long Thành, ngày 12 tháng 3 năm 2024
QUY ĐỊNH
VỀ CHẾ ĐỘ HỌC TẬP LÝ LUẬN CHÍNH TRỊ
-----
Căn cứ Điều lệ Đảng Cộng sản Việt Nam;
Nơi nhận:
- Các chi, đảng bộ cơ sở,
- Lưu Văn phòng Huyện ủy.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Đinh Quốc Thái`,
      {
        number: '05-QĐi/HU',
        docType: 'Quy định',
        issuer: 'HUYỆN ỦY LONG THÀNH',
        issuerSuperior: 'ĐẢNG BỘ TỈNH ĐỒNG NAI',
        place: 'Long Thành',
        issuedDate: '2024-03-12',
        title: 'VỀ CHẾ ĐỘ HỌC TẬP LÝ LUẬN CHÍNH TRỊ',
        signer: 'Đinh Quốc Thái',
      },
    ],
    [
      'a Party công văn whose V/v sits under the number, before the motto',
      `HUYỆN ỦY CAN LỘC
*
Số 318-CV/HU
V/v tổ chức hội nghị học tập, quán triệt
Nghị quyết Trung ương
ĐẢNG CỘNG SẢN VIỆT NAM
Can Lộc, ngày 07 tháng 11 năm 2025
Kính gửi: Các tổ chức cơ sở đảng.
Thực hiện Hướng dẫn số 12-HD/BTGTU ngày 01/11/2025 của Ban Tuyên giáo Tỉnh ủy, Ban Thường vụ Huyện ủy đề nghị như sau.
Nơi nhận:
- Như trên,
- Lưu Văn phòng Huyện ủy. T/L BAN THƯỜNG VỤ CHÁNH VĂN PHÒNG Phạm Đình Lộc`,
      {
        number: '318-CV/HU',
        system: 'party',
        docType: 'Công văn',
        issuer: 'HUYỆN ỦY CAN LỘC',
        place: 'Can Lộc',
        issuedDate: '2025-11-07',
        title: 'tổ chức hội nghị học tập, quán triệt Nghị quyết Trung ương',
        signer: 'Phạm Đình Lộc',
      },
    ],
  ];
  it.each(partyCases)('reads %s', (_name, text, expected) => {
    const v = values(text);
    expect(v).toMatchObject(expected);
    // "ĐẢNG CỘNG SẢN VIỆT NAM" is the motto, never the issuer.
    expect(`${String(v.issuer)} ${String(v.issuerSuperior ?? '')}`).not.toMatch(/CỘNG SẢN/u);
  });
});

describe('text that is not an official document', () => {
  it('proposes no issuer, type or trích yếu for a news article, and only weak place/date', () => {
    const m = extractMetadata([
      prepareExtractedText(`CHÍNH PHỦ THÚC ĐẨY CHUYỂN ĐỔI SỐ
Hà Nội, ngày 20 tháng 11 năm 2025 - Sáng nay, Thủ tướng Chính phủ chủ trì hội nghị về chuyển đổi số.
QUYẾT ĐỊNH MỚI VỀ DỮ LIỆU
Theo Quyết định số 1131/QĐ-TTg ngày 12/6/2025 của Thủ tướng Chính phủ, các bộ phải hoàn thành cơ sở dữ liệu.
Phóng viên: Nguyễn Văn Bình`).text,
    ]);
    expect(m.issuer).toBeUndefined();
    expect(m.docType).toBeUndefined();
    expect(m.title).toBeUndefined();
    expect(m.number).toBeUndefined();
    for (const f of [m.place, m.issuedDate]) if (f) expect(f.confidence).toBeLessThan(0.5);
  });

  it('gives a web-page report with a capitals headline no type', () => {
    const m = extractMetadata([
      prepareExtractedText(`BÁO CÁO NHANH TÌNH HÌNH MƯA LŨ
Cập nhật lúc 08:00 ngày 21/11/2025
Theo Ban Chỉ huy phòng chống thiên tai tỉnh, mực nước các sông đang lên.
Tác giả: Trần Minh`).text,
    ]);
    expect(m.docType).toBeUndefined();
    expect(m.issuer).toBeUndefined();
    expect(m.title).toBeUndefined();
  });
});
