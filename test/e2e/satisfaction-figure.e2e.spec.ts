import type { INestApplication } from '@nestjs/common';
import { sipasIndexPercent, toLocalDate } from '@fg/kernel';
import { bearer, setupTestEnv, TestEnv, waitFor } from '@fg/platform/testing';
import request from 'supertest';
import { SEED_SIPAS_SURVEY_ID, SEED_TABLET_SURVEY_ID } from '../../services/survey/src/domain';
import { sipasAnswers } from '../../services/survey/src/testing/sipas-answers';
import { startService } from '../support/apps';

const UNIT = '09002';
const admin = bearer({ roles: ['admin'] });
const viewer = bearer({ roles: ['viewer'] });
const kiosk = (sub: string) => bearer({ sub, roles: ['kiosk'], units: [UNIT] });
const today = toLocalDate(new Date());
const year = Number(today.slice(0, 4));

/**
 * Issue #15 item 6: one unit, one set of responses, and the survey dashboard and the rating criterion
 * must show the same overall satisfaction. The responses are chosen so that the three figures the services
 * used to show differ: pooled answers 18/27 = 66.67 %, respondents satisfied 1/3 = 33.33 %, SIPAS index
 * (100 + 50 + 600/7 + 50 + 0) / 5 = 400/7 ≈ 57.14 %.
 */
describe('one satisfaction figure across the survey and rating services', () => {
  let env: TestEnv;
  const apps = {} as Record<'rating' | 'survey', INestApplication>;
  const http = (name: keyof typeof apps) => request(apps[name].getHttpServer());

  beforeAll(async () => {
    env = await setupTestEnv('satisfaction_figure');
    apps.rating = await startService('rating');
    apps.survey = await startService('survey');
    await http('rating')
      .post('/api/v1/units/import')
      .set('Authorization', admin)
      .send({
        units: [
          { code: '91', name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE' },
          { code: UNIT, name: 'Xã Hài Lòng', level: 'COMMUNE', parentCode: '91' },
        ],
      })
      .expect(200);
    await waitFor(
      async () =>
        (await http('survey').get(`/api/v1/units/${UNIT}`).set('Authorization', viewer)).status === 200,
      { message: 'survey unit copy' },
    );

    // Kiosk form A: ACCESS 3 satisfied, PROCEDURE 4 neutral, OFFICER 3 very satisfied, RESULT 2 dissatisfied,
    // FEEDBACK skipped; overall "satisfied".
    const formA = {
      ...sipasAnswers('VERY_SATISFIED', 2),
      ACCESS_FACILITIES: 'SATISFIED',
      ACCESS_WAITING: 'SATISFIED',
      ACCESS_SIGNAGE: 'SATISFIED',
      PROCEDURE_POSTED: 'NEUTRAL',
      PROCEDURE_DOCUMENTS: 'NEUTRAL',
      PROCEDURE_FEES: 'NEUTRAL',
      PROCEDURE_TIME: 'NEUTRAL',
      RESULT_ON_TIME: 'DISSATISFIED',
      RESULT_ACCURATE: 'DISSATISFIED',
      OVERALL: 'SATISFIED',
    };
    // Kiosk form B: every element satisfied except FEEDBACK (2 neutral); overall "neutral".
    const formB = {
      ...sipasAnswers('SATISFIED', 1, []),
      FEEDBACK_CHANNELS: 'NEUTRAL',
      FEEDBACK_HANDLING: 'NEUTRAL',
      OVERALL: 'NEUTRAL',
    };
    for (const [device, answers] of [
      ['kiosk-a', formA],
      ['kiosk-b', formB],
    ] as const) {
      await http('survey')
        .post(`/api/v1/public/units/${UNIT}/responses`)
        .set('Authorization', kiosk(device))
        .send({ surveyId: SEED_SIPAS_SURVEY_ID, answers })
        .expect(201);
    }
    // The tablet-stars form answered at a kiosk: 2★, one unsatisfied OFFICER answer. (A kiosk names no officer;
    // the stars still count in the unit's star figure and, as the form tags them, in the OFFICER element.)
    await http('survey')
      .post(`/api/v1/public/units/${UNIT}/responses`)
      .set('Authorization', kiosk('kiosk-c'))
      .send({ surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 2 } })
      .expect(201);
  }, 120_000);

  afterAll(async () => {
    for (const app of Object.values(apps)) await app.close();
    await env.teardown();
  });

  it('shows the same SIPAS index on the survey dashboard and in the rating criterion', async () => {
    const survey = (
      await http('survey')
        .get(`/api/v1/stats/satisfaction?unitCode=${UNIT}&from=${year}-01-01&to=${today}`)
        .set('Authorization', viewer)
        .expect(200)
    ).body.total;
    expect(survey.responses).toBe(3);
    expect(survey.sipasIndexPercent).toBeCloseTo(400 / 7, 10);
    expect(survey.sipasIndex).toBe(survey.sipasIndexPercent / 100); // deprecated share, same figure
    expect(survey.respondentsSatisfied).toEqual({ valid: 3, satisfiedRate: 1 / 3 }); // one vote per person
    expect(survey.overall).toEqual(survey.respondentsSatisfied); // deprecated name
    expect(survey.stars).toMatchObject({ count: 1, mean: 2 }); // the tablet star figure, named apart

    const card = await waitFor(
      async () => {
        const c = (
          await http('rating')
            .get(`/api/v1/units/${UNIT}/scorecard?year=${year}`)
            .set('Authorization', viewer)
        ).body;
        return c.metrics?.SURVEY_RESPONSES === 3 && c;
      },
      { message: 'rating consumed the three responses', timeoutMs: 60_000 },
    );
    const criterion = card.criteria.find(
      (c: { how?: { metric?: string } }) => c.how?.metric === 'SATISFACTION_RATE',
    );
    // The criterion scored the exact figure: the same float the survey service computed.
    expect(criterion.how.value).toBe(survey.sipasIndexPercent);
    expect(card.metrics.SATISFACTION_RATE).toBe(57.14); // the scorecard's metrics are rounded for reading
    expect(card.metrics.OFFICER_STAR_MEAN).toBe(2);
    // And both equal the kernel's function over the per-element counts the dashboard shows.
    const counts = Object.fromEntries(
      Object.entries(survey.byElement as Record<string, { valid: number; satisfiedRate: number | null }>).map(
        ([element, e]) => [
          element,
          { valid: e.valid, satisfied: Math.round((e.satisfiedRate ?? 0) * e.valid) },
        ],
      ),
    );
    expect(sipasIndexPercent(counts)).toBe(survey.sipasIndexPercent);
  }, 120_000);
});
