import fc from 'fast-check';
import { WAIT_BUCKET_BOUNDS_SECONDS } from '@fg/kernel';
import { metricValues } from './metrics';
import { someAggregates } from './testing/builders';
import { addAggregates, emptyAggregates, sumAggregates, UnitAggregates } from './unit-aggregates';

const count = fc.nat({ max: 1000 });
const satisfaction = fc.record({ satisfied: count, valid: count });
const aggregatesArb: fc.Arbitrary<UnitAggregates> = fc.record({
  dossiersFinished: count,
  early: count,
  onTime: count,
  late: count,
  lateWithApology: count,
  lateWithoutApology: count,
  openOverdue: count,
  sameDayFinished: count,
  sameDayOnTime: count,
  homeServiceCount: count,
  repeatedSupplements: count,
  thankYouLetters: count,
  surveyResponses: count,
  satisfiedByElement: fc.record({
    ACCESS: satisfaction,
    PROCEDURE: satisfaction,
    OFFICER: satisfaction,
    RESULT: satisfaction,
    FEEDBACK: satisfaction,
  }),
  starCounts: fc.tuple(count, count, count, count, count),
  ticketsServed: count,
  waitSecondsSum: count,
  waitHistogram: fc.array(count, {
    minLength: WAIT_BUCKET_BOUNDS_SECONDS.length,
    maxLength: WAIT_BUCKET_BOUNDS_SECONDS.length,
  }),
  appointmentsBooked: count,
  appointmentsCheckedIn: count,
  appointmentsNoShows: count,
});

describe('unit aggregates', () => {
  it('adds with emptyAggregates as the neutral element', () => {
    fc.assert(fc.property(aggregatesArb, (a) => expect(addAggregates(a, emptyAggregates())).toEqual(a)));
  });

  it('adds commutatively and associatively, so rollups do not depend on the order of children', () => {
    fc.assert(
      fc.property(aggregatesArb, aggregatesArb, aggregatesArb, (a, b, c) => {
        expect(addAggregates(a, b)).toEqual(addAggregates(b, a));
        expect(addAggregates(addAggregates(a, b), c)).toEqual(addAggregates(a, addAggregates(b, c)));
      }),
    );
  });

  describe('when two communes roll up to their district', () => {
    const communeA = someAggregates({
      dossiersFinished: 100,
      early: 90,
      onTime: 8,
      late: 2,
      lateWithApology: 2,
    });
    const communeB = someAggregates({
      dossiersFinished: 50,
      early: 40,
      onTime: 0,
      late: 10,
      lateWithApology: 4,
      lateWithoutApology: 6,
      openOverdue: 3,
    });
    const district = sumAggregates([communeA, communeB]);

    it('recomputes rates from summed counters instead of averaging the rates', () => {
      expect(metricValues(communeA).ON_TIME_RATE).toBe(98);
      expect(metricValues(communeB).ON_TIME_RATE).toBe(80);
      expect(metricValues(district).ON_TIME_RATE).toBe(92); // 138 / 150, not (98 + 80) / 2 = 89
    });

    it('adds the failure counts', () => {
      expect(metricValues(district).LATE_WITHOUT_APOLOGY_COUNT).toBe(6);
      expect(metricValues(district).OPEN_OVERDUE_COUNT).toBe(3);
      expect(metricValues(district).APOLOGY_COVERAGE).toBe(50); // 6 of 12 late with an apology
    });

    it('adds star counts and wait histograms bucket by bucket', () => {
      const a = someAggregates({ starCounts: [1, 0, 0, 2, 3] });
      const b = someAggregates({ starCounts: [0, 1, 0, 0, 4] });
      expect(addAggregates(a, b).starCounts).toEqual([1, 1, 0, 2, 7]);
    });
  });
});
