import type { LegalSource, OfficialSchedule } from './official-schedule';

/*
 * 2025: the Prime Minister's decision conveyed by Office of the Government letter 8726/VPCP-KGVX
 * (26 Nov 2024), announced to agencies by Thông báo 6150/TB-LĐTBXH of the Ministry of Labour,
 * Invalids and Social Affairs. Neither document was read itself: the dates below are as quoted by
 * the reports in `url`. Tết Dương lịch (Wed 1 Jan) and Giỗ Tổ Hùng Vương (Mon 7 Apr) had no
 * decision of their own and keep the Labour Code defaults.
 */
const decision2025 = (url: string, quoted: string): LegalSource => ({
  document: '8726/VPCP-KGVX',
  issuedOn: '2024-11-26',
  issuer: 'Văn phòng Chính phủ (ý kiến chỉ đạo của Thủ tướng Chính phủ)',
  url,
  readFrom: 'REPORT',
  note:
    `Announced by Thông báo 6150/TB-LĐTBXH (Bộ Lao động – Thương binh và Xã hội; its date not confirmed). ` +
    `Dates as quoted by ${quoted}; number and date of 8726/VPCP-KGVX from https://pld.net.vn/tag/nghi-tet-nguyen-dan.html.`,
});

export const OFFICIAL_SCHEDULE_2025: OfficialSchedule = {
  year: 2025,
  entries: [
    {
      occasions: ['LUNAR_NEW_YEAR'],
      reason: 'Nghỉ Tết Nguyên đán Ất Tỵ (25/1–2/2/2025)',
      daysOff: { from: '2025-01-25', to: '2025-02-02' },
      workingDays: [],
      source: decision2025(
        'https://www.tet-amlich.com/2024/11/cac-ngay-nghi-le-2025.html',
        'tet-amlich.com (Sat 25 Jan – Sun 2 Feb, 26 tháng Chạp Giáp Thìn – mùng 5 Ất Tỵ)',
      ),
    },
    {
      occasions: ['REUNIFICATION_DAY', 'LABOUR_DAY'],
      reason: 'Nghỉ lễ 30/4 và 1/5 (30/4–4/5/2025, hoán đổi thứ Sáu 2/5 sang thứ Bảy 26/4)',
      daysOff: { from: '2025-04-30', to: '2025-05-04' },
      workingDays: [{ date: '2025-04-26', reason: 'Làm bù cho thứ Sáu 2/5/2025 (hoán đổi ngày làm việc)' }],
      source: decision2025(
        'http://kntb.vn/lich-nghi-le-304-15-cong-chuc-vien-chuc-nguoi-lao-dong-di-lam-bu-vao-ngay-nao-n81956.html',
        'kntb.vn, which quotes Thông báo 6150 (swap of Fri 2 May to Sat 26 Apr; off Wed 30 Apr – Sun 4 May)',
      ),
    },
    {
      occasions: ['NATIONAL_DAY'],
      reason: 'Nghỉ lễ Quốc khánh (30/8–2/9/2025)',
      daysOff: { from: '2025-08-30', to: '2025-09-02' },
      workingDays: [],
      source: decision2025(
        'https://baodanang.vn/chi-tiet-lich-nghi-le-quoc-khanh-2-9-nam-nay-cho-cong-chuc-vien-chuc-va-nguoi-lao-dong-3299118.html',
        'baodanang.vn, which quotes point 2 of Thông báo 6150 (Sat 30 Aug – Tue 2 Sep)',
      ),
    },
  ],
};
