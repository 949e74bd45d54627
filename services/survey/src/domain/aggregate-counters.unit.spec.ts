import fc from 'fast-check';
import { addCounters, fromCounters, toCounters } from './aggregate-counters';
import { addResponse, emptyAggregate, merge } from './aggregates';
import { LIKERT5_VALUES, validateAnswers } from './answers';
import { summarizeResponse } from './satisfaction';
import { SEED_SIPAS, SEED_TABLET_STARS } from './seed-questionnaires';

const sipasAnswers = fc.record(
  Object.fromEntries(
    SEED_SIPAS.questions.map((q) => {
      if (q.type === 'LIKERT5')
        return [
          q.code,
          q.required
            ? fc.constantFrom(...LIKERT5_VALUES)
            : fc.option(fc.constantFrom(...LIKERT5_VALUES), { nil: undefined }),
        ];
      if (q.type === 'SCORE_0_2') return [q.code, fc.constantFrom(0, 1, 2)];
      return [q.code, fc.constant(undefined)];
    }),
  ),
);
const summaryArb = fc
  .oneof(
    fc.integer({ min: 1, max: 5 }).map((stars) => ({ v: SEED_TABLET_STARS, answers: { STARS: stars } })),
    sipasAnswers.map((answers) => ({ v: SEED_SIPAS, answers })),
  )
  .map(({ v, answers }) => {
    const r = validateAnswers(v, answers);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return summarizeResponse(v, r.normalized);
  });
const aggregateArb = fc
  .array(summaryArb, { maxLength: 10 })
  .map((ss) => ss.reduce(addResponse, emptyAggregate()));

describe('aggregate counters', () => {
  it('round-trips an aggregate', () => {
    fc.assert(fc.property(aggregateArb, (a) => expect(fromCounters(toCounters(a))).toEqual(a)));
  });

  it('adding counters key by key is merging aggregates', () => {
    fc.assert(
      fc.property(aggregateArb, aggregateArb, (a, b) => {
        expect(fromCounters(addCounters(toCounters(a), toCounters(b)))).toEqual(merge(a, b));
      }),
    );
  });

  it('leaves zeros out, so an empty aggregate is an empty object', () => {
    expect(toCounters(emptyAggregate())).toEqual({});
    expect(fromCounters({})).toEqual(emptyAggregate());
  });

  it('ignores keys it does not know and reads a missing key as 0', () => {
    expect(fromCounters({ responses: 2, 'future.key': 9 })).toEqual({ ...emptyAggregate(), responses: 2 });
  });
});
