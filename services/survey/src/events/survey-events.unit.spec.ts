import { SurveyResponseSubmittedV1 } from '@fg/contracts';
import { SEED_SIPAS, SEED_TABLET_STARS, summarizeResponse, validateAnswers } from '../domain';
import { NATIONAL_UNIT_CODE, responseSubmittedEvent, surveyPublishedEvent } from './survey-events';

const summaryOf = (q: typeof SEED_SIPAS, answers: Record<string, unknown>) => {
  const r = validateAnswers(q, answers);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return summarizeResponse(q, r.normalized);
};
const response = {
  id: '6f1c2a8e-0c1d-4a51-9d7e-2f4b1c3d5e6f',
  surveyId: SEED_TABLET_STARS.id,
  version: 1,
  channel: 'TABLET' as const,
  unitCode: '07210',
  officerId: 'officer-7',
  counterNo: '3',
  submittedAt: new Date('2026-03-02T02:05:00.000Z'),
};

describe('survey events', () => {
  it('carries stars, the satisfied flag and element counts of a tablet rating', () => {
    const e = responseSubmittedEvent(
      response,
      summaryOf(SEED_TABLET_STARS, { STARS: 3, REASONS: ['LONG_WAIT'] }),
    );
    expect(e).toMatchObject({ type: 'survey.response-submitted', subject: response.id, unitcode: '07210' });
    const data = e.data as SurveyResponseSubmittedV1;
    expect(data).toMatchObject({
      stars: 3,
      satisfied: false,
      officerId: 'officer-7',
      counterNo: '3',
      channel: 'TABLET',
    });
    expect(data.elementScores).toEqual([
      {
        element: 'OFFICER',
        valid: 1,
        satisfied: 0,
        verySatisfied: 0,
        neutral: 1,
        dissatisfied: 0,
        veryDissatisfied: 0,
      },
    ]);
    expect(data).not.toHaveProperty('decree61Total');
  });

  it('leaves out free text and what nothing decided', () => {
    const answers = Object.fromEntries(
      SEED_SIPAS.questions.map((q) => [
        q.code,
        q.type === 'LIKERT5' ? 'SATISFIED' : q.type === 'TEXT' ? 'Rất tốt, cảm ơn' : 2,
      ]),
    );
    const e = responseSubmittedEvent(
      { ...response, channel: 'WEB', officerId: undefined, counterNo: undefined },
      summaryOf(SEED_SIPAS, answers),
    );
    expect(JSON.stringify(e)).not.toContain('cảm ơn');
    expect(e.data).toMatchObject({ satisfied: true, decree61Total: 18 });
    expect(e.data).not.toHaveProperty('stars');
    expect(e.data).not.toHaveProperty('officerId');
    expect((e.data as SurveyResponseSubmittedV1).elementScores.map((s) => s.element)).toEqual([
      'ACCESS',
      'PROCEDURE',
      'OFFICER',
      'RESULT',
      'FEEDBACK',
    ]);
  });

  it('publishes a global questionnaire under the national unit code', () => {
    expect(surveyPublishedEvent(SEED_SIPAS)).toMatchObject({
      unitcode: NATIONAL_UNIT_CODE,
      data: { questionCount: 25, kind: 'SIPAS' },
    });
  });
});
