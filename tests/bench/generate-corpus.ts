// Deterministic generator of realistic Vietnamese administrative documents (party and state): số ký
// hiệu, loại, cơ quan, ngày, người ký, trích yếu, căn cứ, body paragraphs on a topic, nơi nhận; text
// 2–30 KB (median ≈ 5 KB), split into pages of ≈ 3,000 characters. Same seed → same corpus.

export interface GeneratedDoc {
  number: string;
  docType: string;
  system: 'state' | 'party';
  issuer: string;
  issuedDate: string;
  signer: string;
  title: string;
  tags: string[];
  pages: string[];
}

/** mulberry32: small, fast, deterministic. */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATE_TYPES: [string, string][] = [
  ['Quyết định', 'QĐ'],
  ['Kế hoạch', 'KH'],
  ['Chỉ thị', 'CT'],
  ['Thông báo', 'TB'],
  ['Báo cáo', 'BC'],
  ['Hướng dẫn', 'HD'],
  ['Tờ trình', 'TTr'],
  ['Nghị quyết', 'NQ'],
];
const PARTY_TYPES: [string, string][] = [
  ['Nghị quyết', 'NQ'],
  ['Chương trình', 'CTr'],
  ['Kế hoạch', 'KH'],
  ['Chỉ thị', 'CT'],
  ['Kết luận', 'KL'],
  ['Báo cáo', 'BC'],
  ['Hướng dẫn', 'HD'],
  ['Thông báo', 'TB'],
];
const PROVINCES = [
  'Hà Nam',
  'Nam Định',
  'Thái Bình',
  'Ninh Bình',
  'Quảng Ninh',
  'Bắc Giang',
  'Lạng Sơn',
  'Cao Bằng',
  'Hà Giang',
  'Tuyên Quang',
  'Yên Bái',
  'Lào Cai',
  'Điện Biên',
  'Sơn La',
  'Hòa Bình',
  'Thanh Hóa',
  'Nghệ An',
  'Hà Tĩnh',
  'Quảng Bình',
  'Quảng Trị',
  'Thừa Thiên Huế',
  'Quảng Nam',
  'Quảng Ngãi',
  'Bình Định',
  'Phú Yên',
  'Khánh Hòa',
  'Ninh Thuận',
  'Bình Thuận',
  'Kon Tum',
  'Gia Lai',
  'Đắk Lắk',
  'Đắk Nông',
  'Lâm Đồng',
  'Bình Phước',
  'Tây Ninh',
  'Bình Dương',
  'Đồng Nai',
  'Long An',
  'Tiền Giang',
  'Bến Tre',
  'Trà Vinh',
  'Vĩnh Long',
  'Đồng Tháp',
  'An Giang',
  'Kiên Giang',
  'Cà Mau',
  'Bạc Liêu',
  'Sóc Trăng',
  'Hậu Giang',
];
const DISTRICTS = [
  'Kim Bảng',
  'Duy Tiên',
  'Thanh Liêm',
  'Bình Lục',
  'Lý Nhân',
  'Ý Yên',
  'Hải Hậu',
  'Giao Thủy',
  'Xuân Trường',
  'Tiền Hải',
  'Kiến Xương',
  'Hoa Lư',
  'Gia Viễn',
  'Yên Mô',
  'Đông Triều',
  'Vân Đồn',
  'Hiệp Hòa',
  'Lục Nam',
  'Tĩnh Gia',
  'Quỳnh Lưu',
  'Diễn Châu',
  'Can Lộc',
  'Bố Trạch',
  'Hải Lăng',
  'Phong Điền',
  'Điện Bàn',
  'Tư Nghĩa',
  'Tuy Phước',
  'Ninh Hòa',
  'Đức Trọng',
  'Chơn Thành',
  'Trảng Bàng',
  'Dĩ An',
  'Long Thành',
  'Cần Giuộc',
  'Cái Bè',
];
const SURNAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLES = ['Văn', 'Thị', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Hữu', 'Ngọc', 'Xuân', 'Công', 'Hồng', 'Thu'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thắng',
  'Thảo',
  'Thành',
  'Trung',
  'Tuấn',
  'Việt',
  'Yến',
];
const TOPICS: { name: string; tag: string; terms: string[] }[] = [
  {
    name: 'chuyển đổi số',
    tag: 'Chuyển đổi số',
    terms: [
      'chính quyền số',
      'kinh tế số',
      'xã hội số',
      'dữ liệu dùng chung',
      'dịch vụ công trực tuyến',
      'hạ tầng số',
      'chữ ký số',
      'nền tảng số',
      'an toàn thông tin mạng',
      'cơ sở dữ liệu quốc gia về dân cư',
    ],
  },
  {
    name: 'cải cách hành chính',
    tag: 'Cải cách hành chính',
    terms: [
      'thủ tục hành chính',
      'bộ phận một cửa',
      'chỉ số hài lòng',
      'kiểm soát thủ tục',
      'tinh giản biên chế',
      'vị trí việc làm',
      'kỷ luật kỷ cương hành chính',
      'chỉ số PAR INDEX',
    ],
  },
  {
    name: 'xây dựng nông thôn mới',
    tag: 'Nông thôn mới',
    terms: [
      'tiêu chí nông thôn mới',
      'xã đạt chuẩn',
      'nông thôn mới nâng cao',
      'chương trình OCOP',
      'giao thông nông thôn',
      'thủy lợi nội đồng',
      'thu nhập bình quân đầu người',
      'vệ sinh môi trường nông thôn',
    ],
  },
  {
    name: 'phòng, chống dịch bệnh',
    tag: 'Y tế',
    terms: [
      'tiêm chủng',
      'giám sát dịch tễ',
      'cách ly y tế',
      'trạm y tế xã',
      'bảo hiểm y tế',
      'khám chữa bệnh',
      'sốt xuất huyết',
      'vắc xin',
    ],
  },
  {
    name: 'công tác xây dựng Đảng',
    tag: 'Xây dựng Đảng',
    terms: [
      'tổ chức cơ sở đảng',
      'đảng viên',
      'sinh hoạt chi bộ',
      'kiểm tra, giám sát',
      'phát triển đảng viên',
      'tự phê bình và phê bình',
      'nêu gương',
      'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
    ],
  },
  {
    name: 'quản lý đất đai',
    tag: 'Đất đai',
    terms: [
      'giấy chứng nhận quyền sử dụng đất',
      'giải phóng mặt bằng',
      'bồi thường, hỗ trợ, tái định cư',
      'quy hoạch sử dụng đất',
      'thu hồi đất',
      'giá đất',
      'đo đạc địa chính',
      'tranh chấp đất đai',
    ],
  },
  {
    name: 'bảo vệ môi trường',
    tag: 'Môi trường',
    terms: [
      'chất thải rắn sinh hoạt',
      'nước thải công nghiệp',
      'quan trắc môi trường',
      'đánh giá tác động môi trường',
      'rác thải nhựa',
      'trồng cây xanh',
      'biến đổi khí hậu',
      'ô nhiễm không khí',
    ],
  },
  {
    name: 'giáo dục và đào tạo',
    tag: 'Giáo dục',
    terms: [
      'trường chuẩn quốc gia',
      'đổi mới chương trình giáo dục phổ thông',
      'phổ cập giáo dục',
      'đội ngũ giáo viên',
      'cơ sở vật chất trường học',
      'kỳ thi tốt nghiệp trung học phổ thông',
      'học sinh giỏi',
      'giáo dục mầm non',
    ],
  },
  {
    name: 'bảo đảm an ninh trật tự',
    tag: 'An ninh trật tự',
    terms: [
      'phòng, chống tội phạm',
      'an toàn giao thông',
      'phòng cháy, chữa cháy',
      'ma túy',
      'tín dụng đen',
      'tuần tra kiểm soát',
      'phong trào toàn dân bảo vệ an ninh Tổ quốc',
      'công an xã chính quy',
    ],
  },
  {
    name: 'phát triển kinh tế - xã hội',
    tag: 'Kinh tế - xã hội',
    terms: [
      'tăng trưởng kinh tế',
      'thu ngân sách nhà nước',
      'giải ngân vốn đầu tư công',
      'thu hút đầu tư',
      'doanh nghiệp nhỏ và vừa',
      'cụm công nghiệp',
      'du lịch',
      'xuất khẩu',
    ],
  },
  {
    name: 'công tác dân vận',
    tag: 'Dân vận',
    terms: [
      'dân vận khéo',
      'quy chế dân chủ ở cơ sở',
      'Mặt trận Tổ quốc',
      'đoàn thể chính trị - xã hội',
      'đối thoại với nhân dân',
      'tiếp công dân',
      'khiếu nại, tố cáo',
      'đồng bào dân tộc thiểu số',
    ],
  },
  {
    name: 'phòng, chống tham nhũng, tiêu cực',
    tag: 'Phòng chống tham nhũng',
    terms: [
      'kê khai tài sản, thu nhập',
      'thanh tra',
      'kiểm toán',
      'lãng phí',
      'thu hồi tài sản',
      'xung đột lợi ích',
      'trách nhiệm người đứng đầu',
      'công khai, minh bạch',
    ],
  },
  {
    name: 'an sinh xã hội',
    tag: 'An sinh xã hội',
    terms: [
      'hộ nghèo',
      'người có công với cách mạng',
      'bảo hiểm xã hội',
      'nhà ở xã hội',
      'trợ giúp xã hội',
      'giải quyết việc làm',
      'đào tạo nghề',
      'xóa nhà tạm, nhà dột nát',
    ],
  },
  {
    name: 'quốc phòng địa phương',
    tag: 'Quốc phòng',
    terms: [
      'tuyển quân',
      'dân quân tự vệ',
      'diễn tập khu vực phòng thủ',
      'giáo dục quốc phòng và an ninh',
      'lực lượng dự bị động viên',
      'thế trận lòng dân',
      'nghĩa vụ quân sự',
    ],
  },
];
const VERBS = [
  'triển khai thực hiện',
  'tăng cường',
  'đẩy mạnh',
  'nâng cao chất lượng',
  'tổ chức thực hiện',
  'kiểm tra, đôn đốc',
  'rà soát, đánh giá',
  'tập trung lãnh đạo, chỉ đạo',
  'quán triệt',
  'phối hợp chặt chẽ',
  'tham mưu',
  'bố trí kinh phí',
];
const CONNECTORS = [
  'Trên cơ sở đó,',
  'Đồng thời,',
  'Bên cạnh đó,',
  'Ngoài ra,',
  'Theo đó,',
  'Trong năm,',
  'Định kỳ hằng quý,',
  'Đối với các đơn vị chưa hoàn thành,',
  'Để bảo đảm tiến độ,',
  'Căn cứ tình hình thực tế,',
];
const ACTORS = [
  'các sở, ban, ngành',
  'Ủy ban nhân dân các huyện, thị xã, thành phố',
  'các chi bộ trực thuộc',
  'cấp ủy, chính quyền các cấp',
  'Mặt trận Tổ quốc và các đoàn thể',
  'Văn phòng Ủy ban nhân dân tỉnh',
  'Sở Nội vụ',
  'Sở Tài chính',
  'Sở Kế hoạch và Đầu tư',
  'Sở Thông tin và Truyền thông',
  'Công an tỉnh',
  'Ban Tuyên giáo',
  'Ban Tổ chức',
  'Ủy ban Kiểm tra',
  'UBND cấp xã',
];

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

function isoDate(rng: () => number): string {
  const y = 2015 + Math.floor(rng() * 11);
  const m = 1 + Math.floor(rng() * 12);
  const d = 1 + Math.floor(rng() * 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Target text length: skewed towards short documents, 2–30 KB (median ≈ 5 KB, mean ≈ 8 KB). */
function targetLength(rng: () => number): number {
  const kb = 2 * Math.pow(15, Math.pow(rng(), 1.6));
  return Math.round(Math.min(30, Math.max(2, kb)) * 1024);
}

export function generateDoc(rng: () => number, index: number): GeneratedDoc {
  const party = rng() < 0.45;
  const province = pick(rng, PROVINCES);
  const district = pick(rng, DISTRICTS);
  const [docType, code] = pick(rng, party ? PARTY_TYPES : STATE_TYPES);
  const levelDistrict = rng() < 0.5;
  const issuer = party
    ? levelDistrict
      ? `Huyện ủy ${district}`
      : `Tỉnh ủy ${province}`
    : levelDistrict
      ? `Ủy ban nhân dân huyện ${district}`
      : `Ủy ban nhân dân tỉnh ${province}`;
  const issuerCode = party ? (levelDistrict ? 'HU' : 'TU') : 'UBND';
  const date = isoDate(rng);
  const year = date.slice(0, 4);
  const seq = 1 + ((index * 7919 + Math.floor(rng() * 997)) % 2999);
  const number = party
    ? `${String(seq).padStart(2, '0')}-${code}/${issuerCode}`
    : `${seq}/${code}-${issuerCode}`;
  const topic = pick(rng, TOPICS);
  const topic2 = pick(rng, TOPICS);
  const signer = `${pick(rng, SURNAMES)} ${pick(rng, MIDDLES)} ${pick(rng, GIVEN)}`;
  const place = levelDistrict ? district : province;
  const title = `${pick(rng, ['Về việc', 'Về', 'Triển khai', 'Tăng cường', 'Thực hiện'])} ${pick(rng, VERBS)} ${topic.name} ${pick(rng, ['trên địa bàn', 'tại', 'năm ' + year + ' trên địa bàn'])} ${levelDistrict ? 'huyện' : 'tỉnh'} ${place}`;
  const cited = `${1 + Math.floor(rng() * 300)}/${year}/${pick(rng, ['QĐ-TTg', 'NĐ-CP', 'TT-BTC', 'NQ-CP'])}`;
  const head = [
    party ? 'ĐẢNG CỘNG SẢN VIỆT NAM' : 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc',
    issuer.toUpperCase(),
    `Số: ${number}`,
    `${place}, ngày ${Number(date.slice(8))} tháng ${Number(date.slice(5, 7))} năm ${year}`,
    docType.toUpperCase(),
    title,
    `Căn cứ Quyết định số ${cited} của Thủ tướng Chính phủ về ${topic.name};`,
    `Căn cứ tình hình thực tế tại địa phương, ${issuer} ban hành ${docType.toLowerCase()} như sau:`,
  ].join('\n');
  const target = targetLength(rng);
  const parts: string[] = [head];
  let len = head.length;
  let section = 1;
  while (len < target) {
    const t = rng() < 0.8 ? topic : topic2;
    const sentences: string[] = [];
    const n = 3 + Math.floor(rng() * 4);
    for (let s = 0; s < n; s++) {
      sentences.push(
        `${pick(rng, CONNECTORS)} ${pick(rng, ACTORS)} ${pick(rng, VERBS)} ${pick(rng, t.terms)}, ${pick(rng, t.terms)} gắn với ${pick(rng, VERBS)} ${t.name}; phấn đấu đến năm ${2025 + Math.floor(rng() * 6)} đạt ${Math.floor(rng() * 100)}% chỉ tiêu ${pick(rng, t.terms)}.`,
      );
    }
    const para = `${section}. ${sentences.join(' ')}`;
    parts.push(para);
    len += para.length + 1;
    section++;
  }
  parts.push(
    `Nơi nhận:\n- Như trên;\n- Lưu: VT.\n${party ? 'T/M BAN THƯỜNG VỤ\nBÍ THƯ' : 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH'}\n${signer}`,
  );
  const text = parts.join('\n');
  const pages: string[] = [];
  for (let i = 0; i < text.length;) {
    let end = Math.min(text.length, i + 3000);
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end);
      if (nl > i + 1000) end = nl;
    }
    pages.push(text.slice(i, end));
    i = end;
  }
  const tags = [topic.tag, ...(rng() < 0.3 ? [String(year)] : [])];
  return {
    number,
    docType,
    system: party ? 'party' : 'state',
    issuer,
    issuedDate: date,
    signer,
    title,
    tags,
    pages,
  };
}

/** The first `count` documents of the corpus for `seed` (a prefix of the larger tiers). */
export function* generateCorpus(count: number, seed = 20250401): Generator<GeneratedDoc> {
  const rng = makeRng(seed);
  for (let i = 0; i < count; i++) yield generateDoc(rng, i);
}
