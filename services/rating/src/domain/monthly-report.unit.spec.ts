import {
  emptyReportCounters,
  monthlyReportFigures,
  type ReportCounters,
  type ReportScorecard,
} from './monthly-report';

const card: ReportScorecard = {
  score: 78.5,
  totalPoints: 100,
  stars: 0,
  provisional: false,
  provisionalStars: 0,
  missingAssessments: [],
  nextStar: { stars: 1, minScore: 80, pointsNeeded: 1.5, opportunities: [] },
};

const month = (over: Partial<ReportCounters>): ReportCounters => ({ ...emptyReportCounters(), ...over });

describe('monthlyReportFigures', () => {
  const november = month({
    dossiersReceived: 7,
    receivedCounter: 3,
    receivedOnline: 2,
    receivedPostal: 1,
    homeServiceCount: 1,
    dossiersFinished: 3,
    early: 1,
    onTime: 1,
    late: 1,
    lateWithApology: 1,
    apologiesIssued: 1,
    thankYouLetters: 2,
    openOverdue: 4,
    sameDayFinished: 3,
    sameDayOnTime: 2,
    surveyResponses: 3,
    satisfiedByElement: {
      ACCESS: { satisfied: 2, valid: 3 },
      PROCEDURE: { satisfied: 3, valid: 3 },
      OFFICER: { satisfied: 0, valid: 0 },
      RESULT: { satisfied: 0, valid: 0 },
      FEEDBACK: { satisfied: 0, valid: 0 },
    },
    starCounts: [0, 0, 1, 0, 2],
    ticketsServed: 4,
    waitSecondsSum: 4 * 300,
    serviceSecondsSum: 4 * 90,
    waitHistogram: [0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  });
  const f = monthlyReportFigures(2026, [month({}), month({ dossiersReceived: 1 }), november], card);

  it('reports the last month: dossiers by channel and timeliness, letters, overdue at its end', () => {
    expect(f.month).toBe('2026-03');
    expect(f.dossiers).toEqual({
      received: 7,
      byChannel: { counter: 3, online: 2, postal: 1, home: 1 },
      finished: 3,
      early: 1,
      onTime: 1,
      late: 1,
      lateWithApology: 1,
      lateWithoutApology: 0,
      onTimeRate: 66.7,
      sameDayRate: 66.7,
      openOverdue: 4,
      repeatedSupplements: 0,
    });
    expect(f.letters).toEqual({ apologies: 1, thanks: 2 });
  });

  it('gives the SIPAS index over the answered elements only, and the tablet stars', () => {
    expect(f.satisfaction.sipasIndexPercent).toBe(83.3); // (66.67 + 100) / 2
    expect(f.satisfaction.byElement.map((e) => e.satisfiedPercent)).toEqual([66.7, 100, null, null, null]);
    expect(f.satisfaction.byElement[0].label).toBe('Tiếp cận dịch vụ');
    expect(f.satisfaction).toMatchObject({
      responses: 3,
      ratings: 3,
      starMean: 4.33,
      starCounts: [0, 0, 1, 0, 2],
    });
  });

  it('gives the mean and P90 wait and the mean service time in minutes', () => {
    // P90 inside the 120–300 s bucket: 120 + 0.9 × 180 = 282 s.
    expect(f.queue).toEqual({ served: 4, meanWaitMinutes: 5, p90WaitMinutes: 4.7, meanServiceMinutes: 1.5 });
  });

  it('keeps the year trend from January and the scorecard as given', () => {
    expect(f.trend.map((t) => [t.month, t.received, t.onTimeRate])).toEqual([
      ['2026-01', 0, null],
      ['2026-02', 1, null],
      ['2026-03', 7, 66.7],
    ]);
    expect(f.stars).toBe(card);
  });

  it('has no rates for an empty month and refuses an empty year', () => {
    const empty = monthlyReportFigures(2026, [month({})], card);
    expect(empty.dossiers.onTimeRate).toBeNull();
    expect(empty.satisfaction.sipasIndexPercent).toBeNull();
    expect(empty.queue).toEqual({
      served: 0,
      meanWaitMinutes: null,
      p90WaitMinutes: null,
      meanServiceMinutes: null,
    });
    expect(() => monthlyReportFigures(2026, [], card)).toThrow(RangeError);
  });
});
