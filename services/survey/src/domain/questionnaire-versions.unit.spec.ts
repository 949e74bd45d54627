import { refOf } from './questionnaire';
import { latestPublished, publish, retire, reviseFrom, updateDraft } from './questionnaire-versions';
import { SurveyRuleError } from './survey.errors';
import { aQuestion, aQuestionnaire, SURVEY_ID } from './testing/builders';

const now = new Date('2026-03-02T03:00:00.000Z');
const later = new Date('2026-04-01T03:00:00.000Z');

const ruleError = (fn: () => unknown): SurveyRuleError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SurveyRuleError) return e;
    throw e;
  }
  throw new Error('expected a SurveyRuleError');
};

describe('questionnaire versions', () => {
  describe('when a valid draft is published', () => {
    it('freezes it with the publication time', () => {
      const published = publish(aQuestionnaire(), now);
      expect(published).toMatchObject({ status: 'PUBLISHED', publishedAt: now, version: 1, id: SURVEY_ID });
    });
    it('does nothing the second time', () => {
      const published = publish(aQuestionnaire(), now);
      expect(publish(published, later)).toBe(published);
    });
  });

  describe('when the draft is invalid', () => {
    it('refuses to publish and carries the problems', () => {
      const e = ruleError(() => publish(aQuestionnaire({ questions: [] }), now));
      expect(e.code).toBe('QUESTIONNAIRE.INVALID');
      expect(e.details.problems).toEqual([expect.objectContaining({ code: 'QUESTIONNAIRE.NO_QUESTIONS' })]);
    });
  });

  describe('when the version is published', () => {
    const published = publish(aQuestionnaire(), now);

    it('refuses edits', () => {
      expect(ruleError(() => updateDraft(published, { title: 'Mới' })).code).toBe('QUESTIONNAIRE.FROZEN');
    });
    it('revises into a new draft: same survey id, next version, same questions', () => {
      const draft = reviseFrom(published);
      expect(draft).toEqual({ ...aQuestionnaire(), version: 2, status: 'DRAFT' });
      expect(draft).not.toHaveProperty('publishedAt');
      expect(refOf(draft)).toEqual({ surveyId: SURVEY_ID, version: 2 });
    });
    it('lets the revision be edited and published without touching version 1', () => {
      const v2 = publish(
        updateDraft(reviseFrom(published), { questions: [aQuestion(), aQuestion({ code: 'Q2' })] }),
        later,
      );
      expect(v2).toMatchObject({ version: 2, status: 'PUBLISHED', publishedAt: later });
      expect(published.questions).toHaveLength(1);
    });
    it('retires it once', () => {
      const retired = retire(published, later);
      expect(retired).toMatchObject({ status: 'RETIRED', retiredAt: later });
      expect(retire(retired, new Date())).toBe(retired);
      expect(ruleError(() => publish(retired, later)).code).toBe('QUESTIONNAIRE.RETIRED');
    });
  });

  describe('when the version is a draft', () => {
    it('is edited in place rather than revised', () => {
      expect(ruleError(() => reviseFrom(aQuestionnaire())).code).toBe('QUESTIONNAIRE.ALREADY_DRAFT');
      expect(updateDraft(aQuestionnaire(), { title: 'Mới' }).title).toBe('Mới');
    });
    it('cannot be retired', () => {
      expect(ruleError(() => retire(aQuestionnaire(), now)).code).toBe('QUESTIONNAIRE.NOT_PUBLISHED');
    });
  });

  it('new invitations use the highest published version', () => {
    const v1 = retire(publish(aQuestionnaire(), now), later);
    const v2 = publish(aQuestionnaire({ version: 2 }), later);
    const v3 = aQuestionnaire({ version: 3 });
    expect(latestPublished([v2, v3, v1])).toBe(v2);
    expect(latestPublished([v1, v3])).toBeNull();
  });
});
