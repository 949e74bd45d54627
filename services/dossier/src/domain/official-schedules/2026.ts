import type { OfficialSchedule } from './official-schedule';

/*
 * 2026: two letters of the Office of the Government, on proposals of the Ministry of Home Affairs:
 * 9859/VPCP-KGVX (13 Oct 2025, the Prime Minister) for Tết and Quốc khánh, and 12729/VPCP-KGVX
 * (25 Dec 2025, Deputy Prime Minister Phạm Thị Thanh Trà) for Tết Dương lịch. Neither letter was
 * read itself: the dates are as quoted by the reports in `url`. Giỗ Tổ Hùng Vương (Sun 26 Apr, made
 * up on Mon 27 Apr) and 30/4–1/5 (Thu–Fri) had no decision found and keep the Labour Code defaults.
 * Ngày Văn hóa Việt Nam (24/11) is not a day off here: Nghị quyết 80-NQ/TW (7 Jan 2026) and
 * Nghị quyết 30/NQ-CP (Feb 2026) ask for an amendment of Labour Code Art. 112, not found enacted.
 */
const DECISION_9859 = {
  document: '9859/VPCP-KGVX',
  issuedOn: '2025-10-13',
  issuer: 'Văn phòng Chính phủ (ý kiến của Thủ tướng Chính phủ)',
} as const;

export const OFFICIAL_SCHEDULE_2026: OfficialSchedule = {
  year: 2026,
  entries: [
    {
      occasions: ['NEW_YEAR'],
      reason: 'Nghỉ Tết Dương lịch (1/1–4/1/2026, hoán đổi thứ Sáu 2/1 sang thứ Bảy 10/1)',
      daysOff: { from: '2026-01-01', to: '2026-01-04' },
      workingDays: [{ date: '2026-01-10', reason: 'Làm bù cho thứ Sáu 2/1/2026 (hoán đổi ngày làm việc)' }],
      source: {
        document: '12729/VPCP-KGVX',
        issuedOn: '2025-12-25',
        issuer: 'Văn phòng Chính phủ (ý kiến của Phó Thủ tướng Chính phủ Phạm Thị Thanh Trà)',
        url: 'https://baohiemxahoi.gov.vn/tintuc/audio/Pages/default.aspx?CateID=0&ItemID=25908&OtItem=date',
        readFrom: 'REPORT',
        note: 'Approves the proposal of Bộ Nội vụ; the implementing notice of Bộ Nội vụ, if any, was not found.',
      },
    },
    {
      occasions: ['LUNAR_NEW_YEAR'],
      reason: 'Nghỉ Tết Nguyên đán Bính Ngọ (14/2–22/2/2026)',
      daysOff: { from: '2026-02-14', to: '2026-02-22' },
      workingDays: [],
      source: {
        ...DECISION_9859,
        url: 'https://phapluatmedia.vn/thu-tuong-chot-phuong-an-nghi-tet-am-lich-va-quoc-khanh-nam-2026-30543.html',
        readFrom: 'REPORT',
        note:
          'Approves proposal 8764/BNV-CVL of Bộ Nội vụ (1 Oct 2025): Sat 14 Feb (27 tháng Chạp Ất Tỵ) – ' +
          'Sun 22 Feb (mùng 6 Bính Ngọ). The notice of Bộ Nội vụ announcing it was not found.',
      },
    },
    {
      occasions: ['NATIONAL_DAY'],
      reason: 'Nghỉ lễ Quốc khánh (29/8–2/9/2026, hoán đổi thứ Hai 31/8 sang thứ Bảy 22/8)',
      daysOff: { from: '2026-08-29', to: '2026-09-02' },
      workingDays: [{ date: '2026-08-22', reason: 'Làm bù cho thứ Hai 31/8/2026 (hoán đổi ngày làm việc)' }],
      source: {
        ...DECISION_9859,
        url: 'https://kienthuc.net.vn/chot-phuong-an-nghi-tet-am-lich-binh-ngo-va-quoc-khanh-nam-2026-post1576857.html',
        readFrom: 'REPORT',
        note:
          'Off Sat 29 Aug – Wed 2 Sep: 2 holidays (1 and 2 Sep), 2 weekend days and Mon 31 Aug swapped ' +
          'to Sat 22 Aug. The notice of Bộ Nội vụ announcing it was not found.',
      },
    },
  ],
};
