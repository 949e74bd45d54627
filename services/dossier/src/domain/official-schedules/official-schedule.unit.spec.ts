import { weekdayOf } from '@fg/kernel';
import { computeStatutoryDaysOff } from '../vietnam-holidays';
import { buildYearCalendar } from '../working-calendar';
import {
  datesOf,
  type OfficialSchedule,
  type OfficialScheduleEntry,
  SHIPPED_OFFICIAL_SCHEDULES,
  scheduleBasis,
  validateOfficialSchedule,
} from '.';

const entry = (over: Partial<OfficialScheduleEntry> = {}): OfficialScheduleEntry => ({
  occasions: ['NEW_YEAR'],
  reason: 'Nghỉ Tết Dương lịch',
  daysOff: { from: '2027-01-01', to: '2027-01-03' },
  workingDays: [],
  source: {
    document: '1/VPCP-KGVX',
    issuedOn: '2026-11-01',
    issuer: 'Văn phòng Chính phủ',
    url: 'https://example.gov.vn/1',
    readFrom: 'DOCUMENT',
  },
  ...over,
});
const schedule = (...entries: OfficialScheduleEntry[]): OfficialSchedule => ({ year: 2027, entries });
const refusal = (s: OfficialSchedule) => {
  try {
    validateOfficialSchedule(s);
  } catch (e) {
    return e as { code: string; details: Record<string, unknown> };
  }
  throw new Error('accepted');
};

describe('the shipped official schedules', () => {
  describe.each(Object.values(SHIPPED_OFFICIAL_SCHEDULES).map((s) => [s.year, s] as const))(
    '%i',
    (year, s) => {
      it('pass validation unchanged in content', () => {
        expect(validateOfficialSchedule(s).entries).toHaveLength(s.entries.length);
      });

      it('cite for every entry a document, its date, issuer and the URL it was read at', () => {
        for (const e of s.entries) {
          expect(e.source).toMatchObject({
            document: expect.stringMatching(/^\d+\/[A-ZĐ-]+$/),
            issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
            issuer: expect.stringContaining('Văn phòng Chính phủ'),
            url: expect.stringMatching(/^https?:\/\//),
          });
          // None of the documents was read itself (see docs/domain.md); the data must say so.
          expect(e.source.readFrom).toBe('REPORT');
        }
      });

      it('swap weekdays one for one: weekdays off = statutory weekdays off + make-up days', () => {
        const statutory = computeStatutoryDaysOff(year);
        for (const e of s.entries) {
          const weekdaysOff = datesOf(e.daysOff).filter((d) => ![0, 6].includes(weekdayOf(d))).length;
          const statutoryWeekdays = statutory.filter(
            (d) => e.occasions.includes(d.occasion) && ![0, 6].includes(weekdayOf(d.date)),
          ).length;
          expect(weekdaysOff).toBe(statutoryWeekdays + e.workingDays.length);
        }
      });
    },
  );
});

describe('validateOfficialSchedule', () => {
  it('accepts a well-formed decision and sorts it', () => {
    const tet = entry({
      occasions: ['LUNAR_NEW_YEAR'],
      reason: ' Nghỉ Tết ',
      daysOff: { from: '2027-02-05', to: '2027-02-14' },
    });
    const out = validateOfficialSchedule(schedule(tet, entry()));
    expect(out.entries.map((e) => e.occasions[0])).toEqual(['NEW_YEAR', 'LUNAR_NEW_YEAR']);
    expect(out.entries[1].reason).toBe('Nghỉ Tết');
  });

  const noSource = { ...entry(), source: undefined } as unknown as OfficialScheduleEntry;
  it.each<[string, OfficialSchedule, string]>([
    ['an entry without a source', schedule(noSource), 'SOURCE_REQUIRED'],
    [
      'a source without a URL',
      schedule(entry({ source: { ...entry().source, url: 'vpcp' } })),
      'SOURCE_REQUIRED',
    ],
    [
      'a blank document number',
      schedule(entry({ source: { ...entry().source, document: ' ' } })),
      'SOURCE_REQUIRED',
    ],
    ['no entries', schedule(), 'ENTRIES_REQUIRED'],
    [
      'a day off in another year',
      schedule(entry({ daysOff: { from: '2026-12-31', to: '2027-01-03' } })),
      'DATE_OUTSIDE_YEAR',
    ],
    ['a run backwards', schedule(entry({ daysOff: { from: '2027-01-03', to: '2027-01-01' } })), 'RUN'],
    [
      'a run that misses its holiday',
      schedule(entry({ daysOff: { from: '2027-01-02', to: '2027-01-03' } })),
      'OCCASION_NOT_COVERED',
    ],
    ['an unknown occasion', schedule(entry({ occasions: ['XMAS' as never] })), 'OCCASION'],
    [
      'one holiday decided twice',
      schedule(entry(), entry({ daysOff: { from: '2027-01-01', to: '2027-01-01' } })),
      'OCCASION_TWICE',
    ],
    [
      'overlapping runs',
      schedule(
        entry({ occasions: ['REUNIFICATION_DAY'], daysOff: { from: '2027-04-30', to: '2027-05-02' } }),
        entry({ occasions: ['LABOUR_DAY'], daysOff: { from: '2027-05-01', to: '2027-05-02' } }),
      ),
      'OVERLAP',
    ],
    [
      'a make-up day on a weekday',
      schedule(entry({ workingDays: [{ date: '2027-01-07', reason: 'Làm bù' }] })),
      'WORKING_DAY_NOT_REST_DAY',
    ],
    [
      'a make-up day inside the days off',
      schedule(entry({ workingDays: [{ date: '2027-01-02', reason: 'Làm bù' }] })),
      'CONTRADICTION',
    ],
    [
      'more make-up days than weekdays off',
      schedule(
        entry({
          workingDays: [
            { date: '2027-01-09', reason: 'Làm bù' },
            { date: '2027-01-16', reason: 'Làm bù' },
          ],
          daysOff: { from: '2027-01-01', to: '2027-01-01' },
        }),
      ),
      'UNBALANCED_SWAP',
    ],
    [
      'a make-up day without a reason',
      schedule(entry({ workingDays: [{ date: '2027-01-09', reason: '' }] })),
      'REASON_REQUIRED',
    ],
  ])('refuses %s, naming the entry and the rule', (_label, input, rule) => {
    const e = refusal(input);
    expect(e.code).toBe('CALENDAR.INVALID_OFFICIAL_SCHEDULE');
    expect(e.details.rule).toBe(rule);
  });

  it('names the later entry of an overlap', () => {
    const e = refusal(
      schedule(
        entry(),
        entry({ occasions: ['LABOUR_DAY'], daysOff: { from: '2027-05-01', to: '2027-05-03' } }),
        entry({ occasions: ['REUNIFICATION_DAY'], daysOff: { from: '2027-04-30', to: '2027-05-01' } }),
      ),
    );
    expect(e.details).toMatchObject({ rule: 'OVERLAP', entry: 1, other: 2 });
  });

  it('refuses a schedule given for another year', () => {
    expect(() => buildYearCalendar(2026, undefined, undefined, schedule(entry()))).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_OFFICIAL_SCHEDULE' }),
    );
  });
});

describe('scheduleBasis', () => {
  it('names the documents of a year with a decision, once each', () => {
    expect(scheduleBasis(SHIPPED_OFFICIAL_SCHEDULES[2026])).toBe(
      'official: 12729/VPCP-KGVX (Văn phòng Chính phủ (ý kiến của Phó Thủ tướng Chính phủ Phạm Thị Thanh Trà), 2025-12-25); ' +
        '9859/VPCP-KGVX (Văn phòng Chính phủ (ý kiến của Thủ tướng Chính phủ), 2025-10-13)',
    );
  });
  it("says 'statutory only' for a year without one", () => {
    expect(scheduleBasis(undefined)).toBe('statutory only');
  });
});
