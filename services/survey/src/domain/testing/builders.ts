import { Invitation } from '../invitation';
import { Question, Questionnaire } from '../questionnaire';

export const SURVEY_ID = '11111111-2222-4333-8444-555555555555';

export const aQuestion = (overrides: Partial<Question> = {}): Question => ({
  code: 'Q1',
  text: 'Ông/Bà hài lòng thế nào?',
  type: 'LIKERT5',
  required: true,
  ...overrides,
});

export const aQuestionnaire = (overrides: Partial<Questionnaire> = {}): Questionnaire => ({
  id: SURVEY_ID,
  unitCode: null,
  title: 'Khảo sát thử',
  kind: 'CUSTOM',
  version: 1,
  status: 'DRAFT',
  questions: [aQuestion()],
  ...overrides,
});

/** The nine Decree 61 questions, codes D1..D9. */
export const decree61Questions = (): Question[] =>
  ([1, 2, 3, 4, 5, 6, 7, 8, 9] as const).map((i) =>
    aQuestion({ code: `D${i}`, type: 'SCORE_0_2', indicator: i, required: false }),
  );

export const anInvitation = (overrides: Partial<Invitation> = {}): Invitation => ({
  id: 'inv-1',
  token: 'tok-1',
  kind: 'TABLET',
  unitCode: '000.00.20.H56',
  counterNo: '3',
  officerId: 'officer-7',
  surveyId: SURVEY_ID,
  version: 1,
  createdAt: new Date('2026-03-02T02:00:00.000Z'),
  expiresAt: new Date('2026-03-02T02:10:00.000Z'),
  ...overrides,
});
