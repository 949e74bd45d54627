import { WAIT_BUCKET_BOUNDS_SECONDS, waitBucketIndex } from '@fg/kernel';
import { isMetricName, METRIC_NAMES, METRICS, metricValues } from './metrics';
import { someAggregates } from './testing/builders';
import { emptyAggregates } from './unit-aggregates';

const histogramOf = (waitsSeconds: number[]): number[] => {
  const histogram = WAIT_BUCKET_BOUNDS_SECONDS.map(() => 0);
  waitsSeconds.forEach((s) => histogram[waitBucketIndex(s)]++);
  return histogram;
};

describe('metrics', () => {
  it('describes every metric in Vietnamese with a unit', () => {
    for (const name of METRIC_NAMES) {
      expect(METRICS[name].description.length).toBeGreaterThan(0);
      expect(['PERCENT', 'COUNT', 'STARS', 'MINUTES']).toContain(METRICS[name].unit);
    }
    expect(isMetricName('ON_TIME_RATE')).toBe(true);
    expect(isMetricName('foo')).toBe(false);
    expect(isMetricName('toString')).toBe(false);
  });

  describe('when the unit has no data at all', () => {
    const values = metricValues(emptyAggregates());

    it('gives null for rates, means and dossier failure counts', () => {
      expect(values.ON_TIME_RATE).toBeNull();
      expect(values.APOLOGY_COVERAGE).toBeNull();
      expect(values.SAME_DAY_RATE).toBeNull();
      expect(values.SATISFACTION_RATE).toBeNull();
      expect(values.SATISFACTION_OFFICER).toBeNull();
      expect(values.OFFICER_STAR_MEAN).toBeNull();
      expect(values.AVG_WAIT_MINUTES).toBeNull();
      expect(values.P90_WAIT_MINUTES).toBeNull();
      expect(values.OPEN_OVERDUE_COUNT).toBeNull();
      expect(values.LATE_WITHOUT_APOLOGY_COUNT).toBeNull();
      expect(values.REPEATED_SUPPLEMENT_COUNT).toBeNull();
    });

    it('gives 0 for usage counts, where 0 means "not in use"', () => {
      expect(values.TICKETS_SERVED).toBe(0);
      expect(values.HOME_SERVICE_COUNT).toBe(0);
      expect(values.SURVEY_RESPONSES).toBe(0);
      expect(values.OFFICER_RATINGS_COUNT).toBe(0);
    });
  });

  it('computes the on-time rate of Trường Long A (2,530 early + 165 on time of 2,695) as 100%', () => {
    expect(
      metricValues(someAggregates({ dossiersFinished: 2695, early: 2530, onTime: 165 })).ON_TIME_RATE,
    ).toBe(100);
  });

  it('keeps exact ratios exact', () => {
    expect(metricValues(someAggregates({ dossiersFinished: 100, early: 7 })).ON_TIME_RATE).toBe(7);
  });

  it('counts repeated supplement requests: 0 for a unit with dossiers, the count even with nothing finished', () => {
    expect(metricValues(someAggregates({ dossiersFinished: 3, early: 3 })).REPEATED_SUPPLEMENT_COUNT).toBe(0);
    expect(metricValues(someAggregates({ repeatedSupplements: 2 })).REPEATED_SUPPLEMENT_COUNT).toBe(2);
  });

  it('computes same-day rate, apology coverage and home service', () => {
    const values = metricValues(
      someAggregates({
        dossiersFinished: 10,
        early: 10,
        sameDayFinished: 40,
        sameDayOnTime: 38,
        homeServiceCount: 750,
      }),
    );
    expect(values.SAME_DAY_RATE).toBe(95);
    expect(values.APOLOGY_COVERAGE).toBeNull(); // nothing late
    expect(values.LATE_WITHOUT_APOLOGY_COUNT).toBe(0);
    expect(values.OPEN_OVERDUE_COUNT).toBe(0);
    expect(values.HOME_SERVICE_COUNT).toBe(750);
  });

  it('computes satisfaction per SIPAS element, and overall as the SIPAS index (mean of the element rates)', () => {
    const values = metricValues(
      someAggregates({
        satisfiedByElement: {
          ACCESS: { satisfied: 90, valid: 100 },
          PROCEDURE: { satisfied: 80, valid: 100 },
          OFFICER: { satisfied: 50, valid: 50 },
          RESULT: { satisfied: 0, valid: 0 },
          FEEDBACK: { satisfied: 8, valid: 50 },
        },
      }),
    );
    expect(values.SATISFACTION_ACCESS).toBe(90);
    expect(values.SATISFACTION_PROCEDURE).toBe(80);
    expect(values.SATISFACTION_OFFICER).toBe(100);
    expect(values.SATISFACTION_RESULT).toBeNull();
    expect(values.SATISFACTION_FEEDBACK).toBe(16);
    // (90 + 80 + 100 + 16) / 4 answered elements; pooling the answers (228 of 300) would give 76.
    expect(values.SATISFACTION_RATE).toBe(71.5);
  });

  it('computes the officers’ star mean', () => {
    const values = metricValues(someAggregates({ starCounts: [25, 20, 75, 80, 60] }));
    expect(values.OFFICER_RATINGS_COUNT).toBe(260);
    expect(values.OFFICER_STAR_MEAN).toBeCloseTo(3.5, 10); // 910 / 260
  });

  describe('waits', () => {
    it('averages the waits in minutes', () => {
      const waits = [60, 600, 1200];
      const values = metricValues(
        someAggregates({ waitSecondsSum: 1860, waitHistogram: histogramOf(waits) }),
      );
      expect(values.AVG_WAIT_MINUTES).toBeCloseTo(1860 / 3 / 60, 10);
    });

    it('interpolates the 90th percentile inside its bucket', () => {
      // 10 waits: 9 within 30 s, 1 between 600 and 900 s. Rank 9 falls at the top of the first bucket.
      const nineShort = histogramOf([...Array(9).fill(20), 700]);
      expect(metricValues(someAggregates({ waitHistogram: nineShort })).P90_WAIT_MINUTES).toBeCloseTo(
        0.5,
        10,
      );
      // 10 waits all in (600, 900]: rank 9 is 9/10 of the way from 600 to 900 → 870 s = 14.5 min.
      const allMid = histogramOf(Array(10).fill(800));
      expect(metricValues(someAggregates({ waitHistogram: allMid })).P90_WAIT_MINUTES).toBeCloseTo(14.5, 10);
    });

    it('reports a percentile in the open last bucket as its lower bound (2 hours)', () => {
      const values = metricValues(someAggregates({ waitHistogram: histogramOf([9000, 9000]) }));
      expect(values.P90_WAIT_MINUTES).toBe(120);
    });
  });
});

describe('appointment metrics (issue #19)', () => {
  it('counts bookings and the share of appointments kept among those kept or missed', () => {
    const v = metricValues({
      ...emptyAggregates(),
      appointmentsBooked: 9,
      appointmentsCheckedIn: 6,
      appointmentsNoShows: 2,
    });
    expect(v.APPOINTMENTS_BOOKED).toBe(9);
    expect(v.APPOINTMENT_SHOW_RATE).toBe(75);
    expect(metricValues(emptyAggregates()).APPOINTMENT_SHOW_RATE).toBeNull();
  });
});
