import { SIPAS_ELEMENTS } from '@fg/kernel';
import { validateAnswers } from './answers';
import { DECREE61_INDICATORS } from './decree61';
import { summarizeResponse } from './satisfaction';
import { SEED_QUESTIONNAIRES, SEED_SIPAS, SEED_TABLET_STARS } from './seed-questionnaires';
import { validateQuestionnaire } from './validate-questionnaire';

describe('seed questionnaires', () => {
  it.each(SEED_QUESTIONNAIRES.map((q) => [q.kind, q] as const))(
    '%s is valid, published, global, version 1',
    (_k, q) => {
      expect(validateQuestionnaire(q)).toEqual([]);
      expect(q).toMatchObject({ status: 'PUBLISHED', unitCode: null, version: 1 });
    },
  );

  it('have distinct fixed ids', () => {
    expect(new Set(SEED_QUESTIONNAIRES.map((q) => q.id)).size).toBe(2);
  });

  describe('the counter tablet questionnaire', () => {
    it('asks one required officer star rating, with optional quick reasons', () => {
      const [stars, reasons] = SEED_TABLET_STARS.questions;
      expect(stars).toMatchObject({
        type: 'STARS',
        required: true,
        element: 'OFFICER',
        text: 'Quý khách đánh giá mức độ hài lòng',
      });
      expect(reasons).toMatchObject({ type: 'MULTI_CHOICE', required: false });
      expect(reasons.options?.map((o) => o.label)).toEqual([
        'Nhiệt tình',
        'Hướng dẫn rõ ràng',
        'Nhanh chóng',
        'Chờ lâu',
        'Thái độ chưa tốt',
      ]);
    });
    it('turns a tap into stars and a satisfied flag', () => {
      const r = validateAnswers(SEED_TABLET_STARS, { STARS: 4, REASONS: ['FAST'] });
      expect(r.ok && summarizeResponse(SEED_TABLET_STARS, r.normalized)).toMatchObject({
        stars: 4,
        satisfied: true,
      });
    });
  });

  describe('the SIPAS questionnaire', () => {
    const qs = SEED_SIPAS.questions;
    it('has at least two LIKERT5 questions per element', () => {
      for (const e of SIPAS_ELEMENTS) {
        const n = qs.filter((q) => q.element === e && q.type === 'LIKERT5').length;
        expect(n).toBeGreaterThanOrEqual(2);
      }
    });
    it('has one overall question, the nine Decree 61 indicators with labels, and an optional comment', () => {
      expect(qs.filter((q) => q.overall)).toHaveLength(1);
      const indicators = qs.filter((q) => q.type === 'SCORE_0_2');
      expect(indicators.map((q) => q.indicator)).toEqual([...DECREE61_INDICATORS]);
      expect(indicators.every((q) => q.scoreLabels?.length === 3)).toBe(true);
      expect(qs.filter((q) => q.type === 'TEXT')).toEqual([
        expect.objectContaining({ code: 'COMMENT', required: false }),
      ]);
    });
    it('summarizes a complete paper form', () => {
      const answers: Record<string, unknown> = { OVERALL: 'VERY_SATISFIED', COMMENT: 'Cảm ơn cán bộ.' };
      for (const q of qs) {
        if (q.type === 'LIKERT5' && q.element)
          answers[q.code] = q.element === 'ACCESS' ? 'NEUTRAL' : 'SATISFIED';
        if (q.type === 'SCORE_0_2') answers[q.code] = q.indicator === 9 ? 1 : 2;
      }
      const r = validateAnswers(SEED_SIPAS, answers);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const s = summarizeResponse(SEED_SIPAS, r.normalized);
      expect(s).toMatchObject({
        stars: null,
        satisfied: true,
        decree61: { total: 17 },
        decree61Class: 'VERY_GOOD',
      });
      expect(s.elementScores.ACCESS).toMatchObject({ valid: 3, satisfied: 0, neutral: 3 });
      expect(s.elementScores.FEEDBACK).toMatchObject({ valid: 2, satisfied: 2 });
    });
    it('refuses a form missing the required answers, naming each', () => {
      const r = validateAnswers(SEED_SIPAS, { FEEDBACK_HANDLING: 'SATISFIED' });
      const required = qs.filter((q) => q.required).map((q) => q.code);
      expect(r.ok ? [] : r.problems.map((p) => p.question)).toEqual(required);
    });
  });
});
