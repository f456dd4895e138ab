import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractCitations, uniqueCitations } from '../../../main/core/text/extract-citations.js';
import { testdata } from '../../helpers/repo-root.js';

const brief = (text: string) =>
  extractCitations(text).map((c) => [c.number, c.kind, c.type, c.date, c.issuer]);

describe('extractCitations', () => {
  it('reads number, type, date, issuer and the stated relation', () => {
    expect(
      brief('căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;'),
    ).toEqual([['30/2020/NĐ-CP', 'can_cu', 'Nghị định', '2020-03-05', 'Chính phủ']]);
    expect(brief('thực hiện Chương trình số 04-CTr/QU')).toEqual([
      ['04-CTr/QU', 'thuc_hien', 'Chương trình', null, null],
    ]);
    expect(
      brief('theo Quyết định số 08/2022/QĐ-TTg ngày 28 tháng 3 năm 2022 của Thủ tướng Chính phủ'),
    ).toEqual([['08/2022/QĐ-TTg', 'theo', 'Quyết định', '2022-03-28', 'Thủ tướng Chính phủ']]);
  });

  it('knows every relation kind', () => {
    const kind = (t: string) => extractCitations(t)[0]?.kind;
    expect(kind('Hướng dẫn thi hành Nghị định số 30/2020/NĐ-CP')).toBe('huong_dan');
    expect(kind('sửa đổi, bổ sung Quyết định số 12/2015/QĐ-UBND')).toBe('sua_doi');
    expect(kind('Sửa đổi Điều 3 Quyết định số 12/2015/QĐ-UBND')).toBe('sua_doi');
    expect(kind('bổ sung Quyết định số 12/2015/QĐ-UBND')).toBe('bo_sung');
    expect(kind('Quyết định này thay thế Quyết định số 12/2015/QĐ-UBND')).toBe('thay_the');
    expect(kind('Bãi bỏ Quyết định số 12/2015/QĐ-UBND')).toBe('bai_bo');
    expect(kind('Triển khai Kế hoạch số 10-KH/TU')).toBe('thuc_hien');
    expect(kind('Quán triệt Nghị quyết số 18-NQ/TW')).toBe('thuc_hien');
    expect(kind('Xét đề nghị của Sở Nội vụ tại Tờ trình số 21/TTr-SNV')).toBe('theo');
    expect(kind('Ban Thường vụ đã ban hành Kế hoạch số 10-KH/TU')).toBe('lien_quan');
    // "theo dõi" (to monitor) is not "theo".
    expect(kind('Văn phòng theo dõi việc thực hiện Kế hoạch số 10-KH/TU')).toBe('thuc_hien');
  });

  it('shares the type word and the cue along a list', () => {
    expect(
      brief('theo các Chỉ thị số 15/CT-TTg, số 16/CT-TTg và số 19/CT-TTg của Thủ tướng Chính phủ').map((c) =>
        c.slice(0, 3),
      ),
    ).toEqual([
      ['15/CT-TTg', 'theo', 'Chỉ thị'],
      ['16/CT-TTg', 'theo', 'Chỉ thị'],
      ['19/CT-TTg', 'theo', 'Chỉ thị'],
    ]);
    expect(
      brief(
        'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư; Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ, Sở Nội vụ hướng dẫn như sau:',
      ).map((c) => c.slice(0, 3)),
    ).toEqual([
      ['30/2020/NĐ-CP', 'can_cu', 'Nghị định'],
      ['01/2011/TT-BNV', 'can_cu', 'Thông tư'],
    ]);
    // A later citation in the same sentence but not in the list is only mentioned.
    expect(
      brief(
        'Thực hiện Nghị quyết số 12-NQ/HU, Ban Thường vụ Huyện ủy đã có Công văn số 210-CV/HU ngày 10/6/2024.',
      ).map((c) => c.slice(0, 2)),
    ).toEqual([
      ['12-NQ/HU', 'thuc_hien'],
      ['210-CV/HU', 'lien_quan'],
    ]);
  });

  it('joins a number and a type name wrapped over two lines', () => {
    expect(
      brief('Theo đề nghị của Trưởng phòng tại Tờ\ntrình số 35/TTr-\nVHTT ngày 05/3/2024.').map((c) =>
        c.slice(0, 3),
      ),
    ).toEqual([['35/TTr-VHTT', 'theo', 'Tờ trình']]);
  });

  it('skips the document own number and keeps one citation per number', () => {
    const text =
      'Số: 45/KH-UBND\nThực hiện Kế hoạch số 10-KH/TU ngày 12/01/2021; Kế hoạch số 10-KH/TU yêu cầu…';
    expect(extractCitations(text, '45-kh-ubnd').map((c) => c.number)).toEqual(['10-KH/TU', '10-KH/TU']);
    expect(uniqueCitations(extractCitations(text, '45-kh-ubnd')).map((c) => [c.number, c.date])).toEqual([
      ['10-KH/TU', '2021-01-12'],
    ]);
  });

  it('never takes dates, ratios, amounts, phone numbers or V/v for documents (doc-numbers.json negatives)', () => {
    const cases = (
      JSON.parse(readFileSync(testdata('doc-numbers.json'), 'utf8')) as {
        cases: { text: string; expected: unknown[] }[];
      }
    ).cases.filter((c) => c.expected.length === 0);
    expect(cases.length).toBeGreaterThanOrEqual(13);
    for (const c of cases) expect(extractCitations(`Căn cứ ${c.text}`), c.text).toEqual([]);
    expect(
      extractCitations(
        'Theo báo cáo, 8/8 phường và 3.471/6.000 người; 17,8 tỷ đồng; ĐT: 0912-345-678; ngày 28/3/2022.',
      ),
    ).toEqual([]);
  });
  it('reads an issuer wrapped over a line break, but not into the next heading or sentence', () => {
    // Sample 06: the PDF text breaks "của Thủ⏎tướng Chính phủ".
    expect(
      brief(
        'Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ\ntướng Chính phủ phê duyệt Chương trình;',
      ),
    ).toEqual([['749/QĐ-TTg', 'can_cu', 'Quyết định', '2020-06-03', 'Thủ tướng Chính phủ']]);
    expect(
      brief('Căn cứ Nghị quyết số 12-NQ/HU ngày 05/01/2024 của Ban Chấp\nhành Đảng bộ huyện về phát triển;'),
    ).toEqual([['12-NQ/HU', 'can_cu', 'Nghị quyết', '2024-01-05', 'Ban Chấp hành Đảng bộ huyện']]);
    expect(brief('Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ\nQUYẾT ĐỊNH:')).toEqual([
      ['30/2020/NĐ-CP', 'can_cu', 'Nghị định', '2020-03-05', 'Chính phủ'],
    ]);
    expect(
      brief('Thực hiện Kế hoạch số 10-KH/TU ngày 12/01/2021 của Tỉnh ủy\nđã được triển khai kịp thời.'),
    ).toEqual([['10-KH/TU', 'thuc_hien', 'Kế hoạch', '2021-01-12', 'Tỉnh ủy']]);
  });
  it('leaves rule lines ("-----") under a heading out of the evidence', () => {
    const [c] = extractCitations('QUYẾT ĐỊNH\n-----\n\nCăn cứ Luật số 77/2015/QH13 của Quốc hội;\n_____\n');
    expect(c?.number).toBe('77/2015/QH13');
    expect(c?.evidence).toBe('Căn cứ Luật số 77/2015/QH13 của Quốc hội');
  });

  it('a law named "… văn bản quy phạm pháp luật" keeps its type word, so "số …" at a line start is cited (real 80/2025/QĐ-UBND)', () => {
    expect(
      brief(
        'Căn cứ Luật Ban hành văn bản quy phạm pháp luật\nsố 64/2025/QH15; Luật Tổ chức chính quyền địa phương số 72/2025/QH15;',
      ),
    ).toEqual([
      ['64/2025/QH15', 'can_cu', 'Luật', null, null],
      ['72/2025/QH15', 'can_cu', 'Luật', null, null],
    ]);
  });

  it('"và" before the next document ends an issuer, and that document is the next item of the list (real 552/KH-UBND)', () => {
    expect(
      brief(
        'Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025\ncủa Chính phủ và Chương trình hành động số 10- CTr/TU ngày 13/8/2025 của Ban\nThường vụ Tỉnh ủy về thực hiện Nghị quyết; Kế hoạch của Bộ Thông tin và Truyền thông',
      ),
    ).toEqual([
      ['71/NQ-CP', 'can_cu', 'Nghị quyết', '2025-04-01', 'Chính phủ'],
      ['10- CTr/TU', 'can_cu', 'Chương trình hành động', '2025-08-13', 'Ban Thường vụ Tỉnh ủy'],
    ]);
    // "và" inside a body's name stays in it.
    expect(
      brief(
        'theo Kế hoạch liên tịch số 12/KHLT-UBND-MTTQ của Ủy ban nhân dân tỉnh và Ủy ban Mặt trận Tổ quốc tỉnh',
      )[0]?.[4],
    ).toBe('Ủy ban nhân dân tỉnh và Ủy ban Mặt trận Tổ quốc tỉnh');
  });

  it('keeps a body name whose second syllable is lower case whole: "Bộ Chính trị", "Bộ Tài chính" (real 141/KH-UBND)', () => {
    // As it stands in 141/KH-UBND: the name ends before "về".
    expect(
      brief(
        'Quy định số 178-QĐ/TW ngày 27/6/2024 của Bộ Chính trị về kiểm soát quyền lực, phòng, chống tham nhũng;',
      ),
    ).toEqual([['178-QĐ/TW', 'lien_quan', 'Quy định', '2024-06-27', 'Bộ Chính trị']]);
    expect(
      brief('Căn cứ Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị khóa XIII về tiếp tục;')[0]?.[4],
    ).toBe('Bộ Chính trị khóa XIII');
    expect(brief('Căn cứ Thông tư số 39/2015/TT-BTC của Bộ Tài chính quy định;')[0]?.[4]).toBe(
      'Bộ Tài chính',
    );
    expect(brief('theo Thông báo số 196-TB/TW của Ban Bí thư về việc;')[0]?.[4]).toBe('Ban Bí thư');
    // Wrapped after "Bộ" or "Bộ trưởng" (real 110/2025/TT-BTC, 70/2025/QĐ-UBND).
    expect(
      brief(
        'thay thế Thông tư số 01/2021/TT-BTC ngày 07 tháng 01 năm 2021 của Bộ trưởng\nBộ Tài chính quy định mức thu',
      )[0]?.[4],
    ).toBe('Bộ trưởng Bộ Tài chính');
    expect(
      brief(
        'Căn cứ Thông tư số 45/2024/TT-BTC ngày 01 tháng 7 năm 2024 của Bộ\nTài chính Ban hành phương pháp định giá',
      )[0]?.[4],
    ).toBe('Bộ Tài chính');
    // A lower-case word that is not the second syllable of a body's name still ends it.
    expect(brief('Thực hiện Kế hoạch số 10-KH/ĐU của Đảng ủy xã Tân Phước đầy đủ.')[0]?.[4]).toBe(
      'Đảng ủy xã Tân Phước',
    );
  });

  it('takes the relation from the citing verb, not from words of the cited title (real 37/2025/NQ-HĐND, 44/2025/QĐ-TTg)', () => {
    expect(
      brief(
        'Căn cứ Luật sửa đổi, bổ sung\nmột số điều của Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15;',
      ).map((c) => c[1]),
    ).toEqual(['can_cu']);
    // As a later item of the list (real 80/2025/QĐ-UBND).
    expect(
      brief(
        'Căn cứ Luật Ban hành văn bản quy phạm pháp luật\nsố 64/2025/QH15; Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản\nquy phạm pháp luật số 87/2025/QH15;',
      ).map((c) => c[1]),
    ).toEqual(['can_cu', 'can_cu']);
    // The passive names the amender of the previous item, under the same verb.
    expect(
      brief(
        'Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15\nđược sửa đổi, bổ sung một số điều bởi Luật số 87/2025/QH15;',
      ).map((c) => c[1]),
    ).toEqual(['can_cu', 'can_cu']);
    // With no verb before it, a title's cue is the relation (a document's own name).
    expect(
      brief('NGHỊ QUYẾT\nSửa đổi, bổ sung một số điều của Nghị quyết số 20/2023/NQ-HĐND ngày 10/7/2023').map(
        (c) => c[1],
      ),
    ).toEqual(['sua_doi']);
    expect(
      brief('sửa đổi Quyết định số 12/2015/QĐ-UBND; bãi bỏ Quyết định số 13/2016/QĐ-UBND').map((c) => c[1]),
    ).toEqual(['sua_doi', 'bai_bo']);
  });

  it('after ";" a list item goes with the verb opening the list, not with a verb inside a cited title (real 552/KH-UBND)', () => {
    expect(
      brief(
        'Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ về thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ\nChính trị về đột phá phát triển khoa học, công nghệ; Thông báo số 30-TB/TGV ngày 13/6/2025 của Tổ giúp việc',
      ).map((c) => [c[0], c[1]]),
    ).toEqual([
      ['71/NQ-CP', 'can_cu'],
      ['57-NQ/TW', 'can_cu'],
      ['30-TB/TGV', 'can_cu'],
    ]);
  });

  it('a verb governs only the clause it opens; inside a sentence "theo", "sửa đổi", "hướng dẫn" only mention (real-docs truth)', () => {
    const kinds = (t: string, ownType: string | null = null) =>
      extractCitations(t, null, ownType).map((c) => [c.number, c.kind]);
    expect(kinds('Theo Quyết định số 12/2024/QĐ-UBND, các xã báo cáo.')).toEqual([
      ['12/2024/QĐ-UBND', 'theo'],
    ]);
    expect(
      kinds('Các xã giải quyết thủ tục theo quy định tại Nghị định số 118/2025/NĐ-CP ngày 09/6/2025.'),
    ).toEqual([['118/2025/NĐ-CP', 'lien_quan']]);
    expect(
      kinds(
        'Ngày 30/6/2025, Chính phủ ban hành Nghị định số 175/2025/NĐ-CP sửa đổi, bổ sung Nghị định số 10/2022/NĐ-CP.',
      ),
    ).toEqual([
      ['175/2025/NĐ-CP', 'lien_quan'],
      ['10/2022/NĐ-CP', 'lien_quan'],
    ]);
    // Under "Căn cứ" an amender named in passive is căn cứ too, also after a ";" in lower case.
    expect(
      kinds(
        'Căn cứ Luật Viên chức số 58/2010/QH12; được sửa đổi, bổ sung bởi Luật số 52/2019/QH14;\nCăn cứ Nghị định',
      ),
    ).toEqual([
      ['58/2010/QH12', 'can_cu'],
      ['52/2019/QH14', 'can_cu'],
    ]);
    // A list after ":" of numbers, and ";"-items in lower case, stay under the opening verb.
    expect(
      kinds(
        'Căn cứ các Thông tư của Bộ trưởng: số 02/2017/TT-VPCP ngày 31/10/2017; số 03/2025/TT-VPCP;\nTheo đề nghị của Sở Tài chính tại Tờ trình số:\n421/TTr-STC ngày 29/10/2025; ý kiến thẩm định của Sở Tư pháp tại Báo cáo số 22/BC-STP;',
      ),
    ).toEqual([
      ['02/2017/TT-VPCP', 'can_cu'],
      ['03/2025/TT-VPCP', 'can_cu'],
      ['421/TTr-STC', 'theo'],
      ['22/BC-STP', 'theo'],
    ]);
    // After a comma a new subject ends the opening verb's reach.
    expect(
      kinds('Thực hiện Nghị quyết số 12-NQ/HU, Ủy ban nhân dân huyện ban hành Kế hoạch số 45/KH-UBND.'),
    ).toEqual([
      ['12-NQ/HU', 'thuc_hien'],
      ['45/KH-UBND', 'lien_quan'],
    ]);
    // "thực hiện" right before a citation governs it anywhere, also with a manner word between.
    expect(kinds('Các xã tiếp tục thực hiện nghiêm Chỉ thị số 03/CT-UBND ngày 20/3/2024.')).toEqual([
      ['03/CT-UBND', 'thuc_hien'],
    ]);
  });

  it('an act is the document acting: its title, an article, "<its type> này … thay thế …"', () => {
    const kinds = (t: string, ownType: string | null = null) =>
      extractCitations(t, null, ownType).map((c) => [c.number, c.kind]);
    expect(kinds('QUYẾT ĐỊNH\nBãi bỏ Quyết định số 15/2021/QĐ-UBND ngày 08/7/2021')).toEqual([
      ['15/2021/QĐ-UBND', 'bai_bo'],
    ]);
    expect(kinds('QUYẾT ĐỊNH:\nĐiều 1. Bãi bỏ Điều 3 của Quyết định số 15/2021/QĐ-UBND.')).toEqual([
      ['15/2021/QĐ-UBND', 'bai_bo'],
    ]);
    const clause =
      'Điều 5. Hiệu lực\nThông tư này có hiệu lực từ ngày 01/01/2026 và thay thế Thông tư số 65/2017/TT-BTC.';
    expect(kinds(clause, 'Thông tư')).toEqual([['65/2017/TT-BTC', 'thay_the']]);
    // After the preamble's "Căn cứ …;" and the "QUYẾT ĐỊNH:" heading, "Điều 1. Quyết định này …" is the
    // document speaking, not one more item of the Căn cứ list.
    const decision =
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nQUYẾT ĐỊNH:\n' +
      'Điều 1. Quyết định này có hiệu lực từ ngày 01/6/2024 và thay thế Quyết định số 12/2020/QĐ-UBND ngày 10/3/2020.';
    expect(kinds(decision, 'Quyết định')).toEqual([['12/2020/QĐ-UBND', 'thay_the']]);
    // In a letter, "Luật này" is the law it speaks of, not the letter.
    expect(kinds('Luật này thay thế Luật Hải quan số 29/2001/QH10.', 'Công văn')).toEqual([
      ['29/2001/QH10', 'lien_quan'],
    ]);
    // "hết hiệu lực khi Luật … đã được sửa đổi …": passive, not this document's act.
    expect(
      kinds(
        'Nghị quyết này hết hiệu lực khi Luật Đất đai đã được sửa đổi, bổ sung theo Luật số 35/2018/QH14.',
        'Nghị quyết',
      ),
    ).toEqual([['35/2018/QH14', 'lien_quan']]);
    // Tasks of a plan are not acts on what they cite.
    expect(
      kinds('Giao Sở Tài chính tham mưu sửa đổi, bổ sung hoặc thay thế Quyết định số 15/2021/QĐ-UBND.'),
    ).toEqual([['15/2021/QĐ-UBND', 'lien_quan']]);
  });

  it('reads an issuer across a wrap before a capital, a comma inside the name, a dash, and in a title in capitals (real-docs)', () => {
    const issuer = (t: string) => extractCitations(t)[0]?.issuer;
    expect(
      issuer(
        'Cục Thuế nhận được công văn số 324/QTR-KTr2 ngày 22/7/2025 của Thuế tỉnh Quảng\nTrị về việc góp vốn.',
      ),
    ).toBe('Thuế tỉnh Quảng Trị');
    expect(
      issuer(
        'Thực hiện Kế hoạch số 14-KH/TU\nngày 29/7/2025 của Ban Thường vụ\nTỉnh ủy và Kế hoạch số 24/KH-UBND',
      ),
    ).toBe('Ban Thường vụ Tỉnh ủy');
    expect(
      issuer(
        'Căn cứ Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Bộ trưởng,\nChủ nhiệm Văn phòng Chính phủ hướng dẫn về nghiệp vụ;',
      ),
    ).toBe('Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ');
    expect(
      issuer('Căn cứ Quyết định số 4347/QĐ-BVHTTDL của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch về việc;'),
    ).toBe('Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch');
    expect(
      issuer('Căn cứ Quyết định số 650/QĐ-LĐTBXH của Bộ trưởng Bộ Lao động - Thương binh\nvà Xã hội;'),
    ).toBe('Bộ trưởng Bộ Lao động - Thương binh và Xã hội');
    expect(
      issuer(
        'BÃI BỎ QUYẾT ĐỊNH SỐ 07/2022/QĐ-UBND NGÀY 17 THÁNG 02 NĂM 2022 CỦA CỦA ỦY BAN NHÂN DÂN TỈNH\nTHỪA THIÊN HUẾ SỬA ĐỔI,\nBỔ SUNG',
      ),
    ).toBe('ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ');
    // A comma before another body, another document, or a heading in capitals still ends the name.
    expect(
      issuer(
        'theo Quyết định số 1500/QĐ-TCHQ của Tổng cục trưởng Tổng cục Hải quan, Tổng cục Hải quan đề nghị',
      ),
    ).toBe('Tổng cục trưởng Tổng cục Hải quan');
    expect(
      issuer('thực hiện Chỉ thị số 41-CT/TW ngày 26/12/2024 của Bộ Chính trị, Kế hoạch số 319-KH/TU'),
    ).toBe('Bộ Chính trị');
    expect(issuer('Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ\nQuyết định:')).toBe(
      'Chính phủ',
    );
    expect(
      issuer(
        'Bãi bỏ Quyết định số 12/2020/QĐ-UBND của Ủy ban nhân dân tỉnh Hà Tĩnh\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH',
      ),
    ).toBe('Ủy ban nhân dân tỉnh Hà Tĩnh');
    expect(
      issuer('Căn cứ Nghị quyết số 12-NQ/HU của Huyện ủy\nCăn cứ Luật Tổ chức chính quyền địa phương'),
    ).toBe('Huyện ủy');
  });

  it('one citation per number takes its strongest mention: an act over căn cứ over thực hiện over theo over a mention', () => {
    const text =
      'Tại khoản 3 Điều 7 Nghị định số 126/2020/NĐ-CP quy định như sau.\nCăn cứ Nghị định số 126/2020/NĐ-CP và Quyết định số 12/2020/QĐ-UBND;\nQUYẾT ĐỊNH:\nĐiều 1. Bãi bỏ Quyết định số 12/2020/QĐ-UBND.';
    expect(uniqueCitations(extractCitations(text)).map((c) => [c.number, c.kind, c.evidence])).toEqual([
      ['126/2020/NĐ-CP', 'can_cu', 'Căn cứ Nghị định số 126/2020/NĐ-CP và Quyết định số 12/2020/QĐ-UBND'],
      ['12/2020/QĐ-UBND', 'bai_bo', 'Điều 1. Bãi bỏ Quyết định số 12/2020/QĐ-UBND.'],
    ]);
  });
});
