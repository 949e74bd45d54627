import fc from 'fast-check';
import { SIPAS_ELEMENTS } from '@fg/kernel';
import { addResponse, aggregateOf, emptyAggregate, merge, SatisfactionAggregate } from './aggregates';
import { LIKERT5_VALUES, validateAnswers } from './answers';
import { Question, Questionnaire } from './questionnaire';
import { rates } from './satisfaction-rates';
import { ResponseSummary, summarizeResponse } from './satisfaction';
import { SEED_SIPAS, SEED_TABLET_STARS } from './seed-questionnaires';

const valueOf = (q: Question): fc.Arbitrary<unknown> => {
  const codes = (q.options ?? []).map((o) => o.code);
  switch (q.type) {
    case 'STARS':
      return fc.integer({ min: 1, max: 5 });
    case 'LIKERT5':
      return fc.constantFrom(...LIKERT5_VALUES);
    case 'SCORE_0_2':
      return fc.constantFrom(0, 1, 2);
    case 'SINGLE_CHOICE':
      return fc.constantFrom(...codes);
    case 'MULTI_CHOICE':
      return fc.subarray(codes);
    case 'TEXT':
      return fc.string({ maxLength: 40 });
  }
};

/** Valid answers to a version: required questions always answered, optional ones sometimes skipped. */
const answersTo = (v: Questionnaire) =>
  fc.record(
    Object.fromEntries(
      v.questions.map((q) => [q.code, q.required ? valueOf(q) : fc.option(valueOf(q), { nil: undefined })]),
    ),
  );

const summaryArb: fc.Arbitrary<ResponseSummary> = fc
  .constantFrom(SEED_SIPAS, SEED_TABLET_STARS)
  .chain((v) => answersTo(v).map((answers) => ({ v, answers })))
  .map(({ v, answers }) => {
    const r = validateAnswers(v, answers);
    if (!r.ok) throw new Error(`generator produced invalid answers: ${JSON.stringify(r.problems)}`);
    return summarizeResponse(v, r.normalized);
  });

const aggregateArb: fc.Arbitrary<SatisfactionAggregate> = fc
  .array(summaryArb, { maxLength: 12 })
  .map((ss) => ss.reduce(addResponse, emptyAggregate()));

const inUnit = (x: number | null) => x === null || (x >= 0 && x <= 1);
const sumsToOne = (xs: readonly number[] | null) =>
  xs === null || Math.abs(xs.reduce((a, b) => a + b, 0) - 1) < 1e-9;

describe('satisfaction aggregate laws', () => {
  it('merge is associative', () => {
    fc.assert(
      fc.property(aggregateArb, aggregateArb, aggregateArb, (a, b, c) => {
        expect(merge(merge(a, b), c)).toEqual(merge(a, merge(b, c)));
      }),
    );
  });

  it('merge is commutative and the empty aggregate is its identity', () => {
    fc.assert(
      fc.property(aggregateArb, aggregateArb, (a, b) => {
        expect(merge(a, b)).toEqual(merge(b, a));
        expect(merge(a, emptyAggregate())).toEqual(a);
      }),
    );
  });

  it('the order responses arrive in does not matter', () => {
    const arrivals = fc
      .array(summaryArb, { maxLength: 15 })
      .chain((ss) =>
        fc.shuffledSubarray(ss, { minLength: ss.length, maxLength: ss.length }).map((sh) => [ss, sh]),
      );
    fc.assert(
      fc.property(arrivals, ([inOrder, shuffled]) => {
        expect(shuffled.reduce(addResponse, emptyAggregate())).toEqual(
          inOrder.reduce(addResponse, emptyAggregate()),
        );
        expect(inOrder.map(aggregateOf).reduce(merge, emptyAggregate())).toEqual(
          inOrder.reduce(addResponse, emptyAggregate()),
        );
      }),
    );
  });

  it('rates and shares stay between 0 and 1, means within their scales', () => {
    fc.assert(
      fc.property(aggregateArb, (agg) => {
        const r = rates(agg);
        for (const e of SIPAS_ELEMENTS) {
          const x = r.byElement[e];
          expect(inUnit(x.satisfiedRate)).toBe(true);
          expect(x.levelShares === null || x.levelShares.every(inUnit)).toBe(true);
          expect(sumsToOne(x.levelShares)).toBe(true);
          expect(x.meanLevel === null || (x.meanLevel >= 1 && x.meanLevel <= 5)).toBe(true);
        }
        expect(inUnit(r.overall.satisfiedRate)).toBe(true);
        expect(inUnit(r.sipasIndex)).toBe(true);
        expect(r.sipasIndexPercent === null || (r.sipasIndexPercent >= 0 && r.sipasIndexPercent <= 100)).toBe(
          true,
        );
        expect(r.overall.valid).toBeLessThanOrEqual(r.responses);
        expect(sumsToOne(r.stars.shares)).toBe(true);
        expect(r.stars.mean === null || (r.stars.mean >= 1 && r.stars.mean <= 5)).toBe(true);
        expect(r.decree61.mean === null || (r.decree61.mean >= 0 && r.decree61.mean <= 18)).toBe(true);
        expect(sumsToOne(r.decree61.classShares && Object.values(r.decree61.classShares))).toBe(true);
      }),
    );
  });
});

describe('answer validation on arbitrary input', () => {
  const codes = SEED_SIPAS.questions.map((q) => q.code);
  it('never throws and names only questions of the version or of the input', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.oneof(fc.constantFrom(...codes), fc.string()), fc.jsonValue()),
        (answers) => {
          const r = validateAnswers(SEED_SIPAS, answers);
          if (r.ok) return;
          for (const p of r.problems) {
            expect(codes.includes(p.question) || Object.hasOwn(answers, p.question)).toBe(true);
            expect(p.message.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});
