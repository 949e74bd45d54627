// A demo province in the shape of the real registry: Bắc Giang (code 24) with the communes named in the seed
// articles and their neighbours. Codes follow the national list's style; they are demo data, not an
// authoritative copy of the list.
export interface DemoUnit {
  code: string;
  name: string;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  parentCode: string | null;
}

export const PROVINCE: DemoUnit = { code: '24', name: 'Tỉnh Bắc Giang', level: 'PROVINCE', parentCode: null };

export const DISTRICTS: DemoUnit[] = [
  { code: '213', name: 'Thành phố Bắc Giang', level: 'DISTRICT', parentCode: '24' },
  { code: '218', name: 'Huyện Lục Nam', level: 'DISTRICT', parentCode: '24' },
  { code: '219', name: 'Huyện Lạng Giang', level: 'DISTRICT', parentCode: '24' },
];

const NAMED: [string, string, string][] = [
  ['07210', 'Phường Lê Lợi', '213'],
  ['07213', 'Phường Trần Phú', '213'],
  ['07216', 'Phường Ngô Quyền', '213'],
  ['07219', 'Phường Hoàng Văn Thụ', '213'],
  ['07222', 'Xã Song Khê', '213'],
  ['07480', 'Thị trấn Đồi Ngô', '218'],
  ['07483', 'Xã Tam Dị', '218'],
  ['07486', 'Xã Bảo Đài', '218'],
  ['07489', 'Xã Chu Điện', '218'],
  ['07540', 'Thị trấn Vôi', '219'],
  ['07543', 'Xã Tân Thịnh', '219'],
  ['07546', 'Xã Quang Thịnh', '219'],
];

/** The first `n` communes; past the named dozen, numbered communes spread over the districts. */
export function demoCommunes(n = NAMED.length): DemoUnit[] {
  return Array.from({ length: n }, (_, i) => {
    if (i < NAMED.length) {
      const [code, name, parentCode] = NAMED[i];
      return { code, name, level: 'COMMUNE', parentCode };
    }
    const code = String(7600 + i * 3).padStart(5, '0');
    return {
      code,
      name: `Xã Thân Thiện ${i + 1}`,
      level: 'COMMUNE',
      parentCode: DISTRICTS[i % DISTRICTS.length].code,
    };
  });
}
