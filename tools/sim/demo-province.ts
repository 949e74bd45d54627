// A demo province in the shape of the real registry after the 2025 reorganisation: Bắc Ninh (code 24; Bắc
// Giang merged into it on 1 July 2025) with the communes named in the seed articles and their neighbours.
// Phường Bắc Giang (07210) hangs directly under the province (two tiers); the other named communes are kept
// under their former districts, as history, because the simulator drives their offices. Codes follow the
// national list's style; apart from those marked real below they are demo data, not an authoritative copy
// of the list (sources and what is unconfirmed: docs/domain.md §Administrative units).
export interface DemoUnit {
  code: string;
  name: string;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  parentCode: string | null;
}

/** Code 24 for the merged province: recalled from QĐ 19/2025/QĐ-TTg Annex I, unconfirmed. */
export const PROVINCE: DemoUnit = { code: '24', name: 'Tỉnh Bắc Ninh', level: 'PROVINCE', parentCode: null };

export const DISTRICTS: DemoUnit[] = [
  { code: '213', name: 'Thành phố Bắc Giang', level: 'DISTRICT', parentCode: '24' },
  { code: '218', name: 'Huyện Lục Nam', level: 'DISTRICT', parentCode: '24' },
  { code: '219', name: 'Huyện Lạng Giang', level: 'DISTRICT', parentCode: '24' },
];

const NAMED: [string, string, string][] = [
  ['07210', 'Phường Bắc Giang', '24'], // real code and name (QĐ 19/2025/QĐ-TTg Annex II)
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

/**
 * Seeded by `npm start` only (the simulator leaves them alone). Wards of the new map with their real codes
 * and names (QĐ 19/2025/QĐ-TTg Annex II), directly under the province.
 */
export const NEW_WARDS: DemoUnit[] = [
  { code: '07228', name: 'Phường Đa Mai', level: 'COMMUNE', parentCode: '24' },
  { code: '07696', name: 'Phường Tiền Phong', level: 'COMMUNE', parentCode: '24' },
  { code: '07699', name: 'Phường Tân Tiến', level: 'COMMUNE', parentCode: '24' },
];

/** Former wards of Bắc Giang city (real names; their codes here are demo codes), retired by DEMO_SUCCESSIONS. */
export const FORMER_WARDS: DemoUnit[] = [
  { code: '213-TNH', name: 'Phường Trần Nguyên Hãn', level: 'COMMUNE', parentCode: '213' },
  { code: '213-LL', name: 'Phường Lê Lợi', level: 'COMMUNE', parentCode: '213' },
  { code: '213-TX', name: 'Phường Thọ Xương', level: 'COMMUNE', parentCode: '213' },
  { code: '213-MD', name: 'Phường Mỹ Độ', level: 'COMMUNE', parentCode: '213' },
];

export interface DemoSuccession {
  kind: 'MERGER' | 'SPLIT';
  predecessors: string[];
  successors: string[];
  effectiveDate: string;
}

/**
 * Recorded after the import, through POST /api/v1/units/successions. The first two follow Nghị quyết
 * 1191/NQ-UBTVQH15 (in force 1 January 2025): Trần Nguyên Hãn into Ngô Quyền and Lê Lợi into Trần Phú, the
 * receiving ward keeping its code. The third stands for Nghị quyết 1658/NQ-UBTVQH15 (in force 1 July 2025),
 * which formed phường Bắc Giang from former wards of the city; which wards exactly is unconfirmed, and the
 * wards the simulator drives are left active, so only Thọ Xương and Mỹ Độ are merged in here.
 */
export const DEMO_SUCCESSIONS: DemoSuccession[] = [
  { kind: 'MERGER', predecessors: ['213-TNH', '07216'], successors: ['07216'], effectiveDate: '2025-01-01' },
  { kind: 'MERGER', predecessors: ['213-LL', '07213'], successors: ['07213'], effectiveDate: '2025-01-01' },
  {
    kind: 'MERGER',
    predecessors: ['213-TX', '213-MD', '07210'],
    successors: ['07210'],
    effectiveDate: '2025-07-01',
  },
];
