import { sipasIndexPercent } from '@fg/kernel';
import { addResponse, emptyAggregate, merge, SatisfactionAggregate } from './aggregates';
import { validateAnswers } from './answers';
import { Questionnaire } from './questionnaire';
import { rates } from './satisfaction-rates';
import { summarizeResponse } from './satisfaction';
import { aQuestion, aQuestionnaire, decree61Questions } from './testing/builders';

const v1 = aQuestionnaire({
  version: 1,
  status: 'PUBLISHED',
  questions: [
    aQuestion({ code: 'A1', element: 'ACCESS', required: false }),
    aQuestion({ code: 'O1', element: 'OFFICER' }),
    aQuestion({ code: 'ALL', overall: true, required: false }),
    ...decree61Questions(),
  ],
});
// Version 2 of the same survey: one more ACCESS question, a PROCEDURE question, officer stars, no overall.
const v2 = aQuestionnaire({
  version: 2,
  status: 'PUBLISHED',
  questions: [
    aQuestion({ code: 'A1', element: 'ACCESS', required: false }),
    aQuestion({ code: 'A2', element: 'ACCESS', required: false }),
    aQuestion({ code: 'P1', element: 'PROCEDURE', required: false }),
    aQuestion({ code: 'OS', type: 'STARS', element: 'OFFICER', required: false }),
  ],
});
const tablet = aQuestionnaire({
  id: '99999999-2222-4333-8444-555555555555',
  kind: 'TABLET_STARS',
  status: 'PUBLISHED',
  questions: [aQuestion({ code: 'STARS', type: 'STARS', element: 'OFFICER' })],
});

const nine = (score: number) => Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`D${i}`, score]));
const summaryOf = (version: Questionnaire, answers: Record<string, unknown>) => {
  const r = validateAnswers(version, answers);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return summarizeResponse(version, r.normalized);
};

const responses = [
  summaryOf(v1, { A1: 'VERY_SATISFIED', O1: 'NEUTRAL', ALL: 'SATISFIED', ...nine(2) }), // overall decides: yes; 18
  summaryOf(v1, { O1: 'DISSATISFIED', ...nine(1) }), // A1 and ALL skipped: elements decide, 0/1: no; 9
  summaryOf(v2, { A1: 'SATISFIED', A2: 'NEUTRAL', P1: 'VERY_DISSATISFIED', OS: 4 }), // 2 of 4: tie, no
  summaryOf(tablet, { STARS: 5 }),
  summaryOf(tablet, { STARS: 3 }),
  summaryOf(v2, { P1: 'SATISFIED' }),
];
const total = responses.reduce(addResponse, emptyAggregate());

describe('satisfaction aggregates', () => {
  describe('when responses of two versions and the tablet are added', () => {
    it('counts each element across versions, skips out of the denominators', () => {
      expect(total.responses).toBe(6);
      expect(total.byElement.ACCESS).toEqual({
        valid: 3,
        satisfied: 2,
        verySatisfied: 1,
        neutral: 1,
        dissatisfied: 0,
        veryDissatisfied: 0,
        sum: 12,
      });
      expect(total.byElement.PROCEDURE).toMatchObject({
        valid: 2,
        satisfied: 1,
        veryDissatisfied: 1,
        sum: 5,
      });
      expect(total.byElement.OFFICER).toEqual({
        valid: 5,
        satisfied: 2,
        verySatisfied: 1,
        neutral: 2,
        dissatisfied: 1,
        veryDissatisfied: 0,
        sum: 17,
      });
      expect(total.byElement.RESULT.valid).toBe(0);
    });

    it('gives the hand-computed rates', () => {
      const r = rates(total);
      expect(r.byElement.ACCESS.satisfiedRate).toBeCloseTo(2 / 3, 12);
      expect(r.byElement.PROCEDURE.satisfiedRate).toBe(0.5);
      expect(r.byElement.OFFICER).toEqual({
        valid: 5,
        satisfiedRate: 0.4, // neutral answers stay in the denominator
        meanLevel: 3.4,
        levelShares: [0, 0.2, 0.4, 0.2, 0.2],
      });
      expect(r.byElement.RESULT).toEqual({
        valid: 0,
        satisfiedRate: null,
        meanLevel: null,
        levelShares: null,
      });
      expect(r.respondentsSatisfied).toEqual({ valid: 6, satisfiedRate: 0.5 });
      expect(r.overall).toBe(r.respondentsSatisfied); // the deprecated name of the same figure
      expect(r.sipasIndexPercent).toBeCloseTo(4700 / 90, 12); // mean of 2/3, 1/2 and 2/5, unanswered RESULT left out
      expect(r.sipasIndexPercent).toBe(sipasIndexPercent(total.byElement)); // the kernel's, as rating computes it
      expect(r.sipasIndex).toBe(r.sipasIndexPercent! / 100); // the deprecated share
      expect(r.stars).toEqual({
        count: 3,
        mean: 4,
        counts: [0, 0, 1, 1, 1],
        shares: [0, 0, 1 / 3, 1 / 3, 1 / 3],
      });
    });

    it('gives the Decree 61 distribution of complete evaluations only', () => {
      const d = rates(total).decree61;
      expect(d.count).toBe(2);
      expect(d.mean).toBe(13.5);
      expect(d.byClass).toEqual({ VERY_GOOD: 1, GOOD: 0, FAIR: 0, POOR: 1 });
      expect(d.classShares).toEqual({ VERY_GOOD: 0.5, GOOD: 0, FAIR: 0, POOR: 0.5 });
      expect(d.byTotal.length).toBe(19);
      expect(d.byTotal[18]).toBe(1);
      expect(d.byTotal[9]).toBe(1);
      expect(d.byTotal.reduce((a, b) => a + b, 0)).toBe(2);
    });
  });

  describe('when buckets are merged', () => {
    it('equals adding every response to one bucket', () => {
      const morning = responses.slice(0, 2).reduce(addResponse, emptyAggregate());
      const afternoon = responses.slice(2).reduce(addResponse, emptyAggregate());
      expect(merge(afternoon, morning)).toEqual(total);
    });
    it('leaves the inputs untouched', () => {
      const copy: SatisfactionAggregate = JSON.parse(JSON.stringify(total));
      merge(total, total);
      addResponse(total, responses[0]);
      expect(total).toEqual(copy);
    });
  });

  describe('when nothing was counted', () => {
    it('has no rates rather than zero', () => {
      const r = rates(emptyAggregate());
      expect(r).toMatchObject({
        responses: 0,
        respondentsSatisfied: { valid: 0, satisfiedRate: null },
        overall: { valid: 0, satisfiedRate: null },
        sipasIndexPercent: null,
        sipasIndex: null,
        stars: { count: 0, mean: null, shares: null },
        decree61: { count: 0, mean: null, classShares: null },
      });
    });
  });

  it('counts a response that decides nothing only in responses', () => {
    const agg = addResponse(emptyAggregate(), summaryOf(v2, {}));
    expect(agg).toEqual({ ...emptyAggregate(), responses: 1 });
  });
});
