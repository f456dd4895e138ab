// Where an issuing body sits (issuerBody) and when two cannot be one (bodiesContradict), as citation
// resolution uses them; which numbers every locality uses alike (sharedAcrossLocalities). Names as
// headers print them and as the citations of the real-docs set give them.
import { describe, expect, it } from 'vitest';
import { parseDocNumbers, sharedAcrossLocalities } from '../../../main/core/text/doc-number.js';
import { bodiesContradict, documentBody, issuerBody } from '../../../main/core/text/issuer-name.js';

describe('issuerBody', () => {
  it.each([
    ['ỦY BAN NHÂN DÂN TỈNH BẮC NINH', { kind: 'ubnd', level: 'province', places: { province: 'bac ninh' } }],
    ['UỶ BAN NHÂN DÂN TỈNH HÀ TĨNH', { kind: 'ubnd', level: 'province', places: { province: 'ha tinh' } }],
    ['Ủy ban nhân dân tỉnh', { kind: 'ubnd', level: 'province', places: { province: null } }],
    ['HĐND tỉnh', { kind: 'hdnd', level: 'province', places: { province: null } }],
    ['Ban Thường vụ Tỉnh ủy', { kind: 'party', level: 'province', places: { province: null } }],
    ['Tỉnh ủy Nghệ An', { kind: 'party', level: 'province', places: { province: 'nghe an' } }],
    ['UBND huyện', { kind: 'ubnd', level: 'district', places: { district: null } }],
    ['HUYỆN ỦY ĐÔNG YÊN', { kind: 'party', level: 'district', places: { district: 'dong yen' } }],
    [
      'Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long',
      { kind: 'ubnd', level: 'province', places: { province: 'vinh long' } },
    ],
    [
      'Hội đồng nhân dân tỉnh Nghệ An khóa XVIII',
      { kind: 'hdnd', level: 'province', places: { province: 'nghe an' } },
    ],
    // The six cities under the central government are provinces; another "thành phố" is not.
    [
      'ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ',
      { kind: 'ubnd', level: 'province', places: { province: 'can tho' } },
    ],
    ['UBND thành phố Bắc Ninh', { kind: 'ubnd', level: 'district', places: { district: 'bac ninh' } }],
    // "TP" spelled with or without its dot, and "HCM" for the city's name.
    ['UBND TP Hà Nội', { kind: 'ubnd', level: 'province', places: { province: 'ha noi' } }],
    ['UBND TP.HCM', { kind: 'ubnd', level: 'province', places: { province: 'ho chi minh' } }],
    [
      'Ủy ban nhân dân TP Hồ Chí Minh',
      { kind: 'ubnd', level: 'province', places: { province: 'ho chi minh' } },
    ],
    ['UBND TP Bắc Ninh', { kind: 'ubnd', level: 'district', places: { district: 'bac ninh' } }],
    ['Ủy ban nhân dân Thành phố', { kind: 'ubnd', level: null, places: {} }],
    // "xã hội" is society; a ministry or a Sở names no place.
    ['BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', { kind: null, level: null, places: {} }],
    ['SỞ NỘI VỤ', { kind: null, level: null, places: {} }],
    ['Thủ tướng Chính phủ', { kind: null, level: null, places: {} }],
  ])('%s', (name, want) => {
    expect(issuerBody(name)).toEqual(want);
  });

  it('a body under its superior takes the superior’s places', () => {
    expect(documentBody('SỞ NỘI VỤ', 'UBND TỈNH BẮC NINH')).toEqual({
      kind: null,
      level: null,
      places: { province: 'bac ninh' },
    });
    expect(documentBody('HUYỆN ỦY ĐÔNG YÊN', 'ĐẢNG BỘ TỈNH LAM GIANG').places).toEqual({
      province: 'lam giang',
      district: 'dong yen',
    });
  });
});

describe('bodiesContradict', () => {
  const b = issuerBody;
  it('another place, kind or level contradicts; a name cut or run on does not', () => {
    expect(bodiesContradict(b('Ủy ban nhân dân tỉnh Hà Tĩnh'), b('ỦY BAN NHÂN DÂN TỈNH BẮC NINH'))).toBe(
      true,
    );
    expect(bodiesContradict(b('Hội đồng nhân dân tỉnh Bắc Ninh'), b('ỦY BAN NHÂN DÂN TỈNH BẮC NINH'))).toBe(
      true,
    );
    expect(bodiesContradict(b('UBND huyện Đông Yên'), b('ỦY BAN NHÂN DÂN TỈNH LAM GIANG'))).toBe(true);
    expect(bodiesContradict(b('UBND tỉnh Bắc Ninh'), b('UỶ BAN NHÂN DÂN TỈNH BẮC NINH'))).toBe(false);
    // "tỉnh Thừa" ⏎ "Thiên Huế" (a wrapped line), "HÀ NỘI TRUNG TÂM …" (two header bodies run together).
    expect(bodiesContradict(b('Ủy ban nhân dân tỉnh Thừa'), b('ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ'))).toBe(
      false,
    );
    expect(bodiesContradict(b('UBND thành phố Hà Nội'), b('UBND THÀNH PHỐ HÀ NỘI TRUNG TÂM PHỤC VỤ'))).toBe(
      false,
    );
    // Nothing said is nothing contradicted: a ministry, a name typed without diacritics.
    expect(bodiesContradict(b('Chính phủ'), b('ỦY BAN NHÂN DÂN TỈNH BẮC NINH'))).toBe(false);
    expect(bodiesContradict(b('UBND TINH HA TINH'), b('ỦY BAN NHÂN DÂN TỈNH BẮC NINH'))).toBe(false);
  });
});

describe('sharedAcrossLocalities', () => {
  const shared = (n: string): boolean => sharedAcrossLocalities(parseDocNumbers(n)[0]!);
  it.each([
    '15/2025/QĐ-UBND',
    '12/NQ-HĐND',
    '123/UBND-VP',
    '70/TTr-SNV',
    '1056/QĐ-CT',
    '10-CTr/TU',
    '04-CTr/ĐU',
    '12-KH/HU',
    '05-HD/BTGTU',
  ])('%s is every locality’s', (n) => expect(shared(n)).toBe(true));
  it.each([
    '30/2020/NĐ-CP',
    '749/QĐ-TTg',
    '31/2022/TT-BTC',
    '72/2025/QH15',
    '57-NQ/TW',
    '36-HD/VPTW',
    '627/TB-VPCP',
  ])('%s is unique by number', (n) => expect(shared(n)).toBe(false));
});
