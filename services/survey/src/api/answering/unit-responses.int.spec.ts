import { Topics } from '@fg/contracts';
import { bearer, readTopic } from '@fg/platform/testing';
import { SEED_SIPAS_SURVEY_ID, SEED_TABLET_SURVEY_ID } from '../../domain';
import {
  COMMUNE,
  count,
  OTHER_COMMUNE,
  servedAtCounter,
  startSurvey,
  SurveyHarness,
  tokens,
} from '../../testing/survey-harness';
import { sipasAnswers } from '../../testing/sipas-answers';

describe('responses without an invitation', () => {
  let h: SurveyHarness;
  beforeAll(async () => {
    process.env.SURVEY_KIOSK_LIMIT = '3';
    process.env.SURVEY_PAPER_LIMIT = '3';
    h = await startSurvey('survey_unit_resp');
    delete process.env.SURVEY_KIOSK_LIMIT;
    delete process.env.SURVEY_PAPER_LIMIT;
  });
  afterAll(() => h.close());

  const stored = async () => ({
    responses: await count(h, 'SELECT count(*)::int AS n FROM responses'),
    comments: await count(h, 'SELECT count(*)::int AS n FROM response_comments'),
    buckets: await count(
      h,
      "SELECT coalesce(sum((counts->>'responses')::int), 0)::int AS n FROM satisfaction_buckets",
    ),
    used: await count(h, 'SELECT count(*)::int AS n FROM invitations WHERE used_at IS NOT NULL'),
  });

  describe('a SIPAS questionnaire answered at a kiosk', () => {
    const kiosk = (body: object, auth = tokens.kiosk) =>
      h.http().post(`/api/v1/public/units/${COMMUNE}/responses`).set('Authorization', auth).send(body);

    it('stores the comment apart and never on the bus', async () => {
      const comment = 'Cán bộ nhiệt tình, nhưng phòng chờ hơi nóng';
      const res = await kiosk({
        surveyId: SEED_SIPAS_SURVEY_ID,
        answers: { ...sipasAnswers('SATISFIED', 2), COMMENT: comment },
      }).expect(201);
      expect(res.body).toMatchObject({ surveyId: SEED_SIPAS_SURVEY_ID, version: 1 });
      const row = (
        await h.db.query(
          'SELECT channel, device_id, officer_id, answers, decree61_total FROM responses WHERE id = $1',
          [res.body.responseId],
        )
      )[0];
      expect(row).toMatchObject({
        channel: 'KIOSK',
        device_id: 'kiosk-1',
        officer_id: null,
        decree61_total: 18,
      });
      expect(row.answers).not.toHaveProperty('COMMENT');
      const events = await readTopic(h.topic(Topics.SURVEY), (m) =>
        m.some((x) => JSON.parse(x.value!).data.responseId === res.body.responseId),
      );
      const mine = events.filter((x) => JSON.parse(x.value!).data.responseId === res.body.responseId);
      expect(mine).toHaveLength(1);
      expect(mine[0].value).not.toContain('nhiệt tình');
      expect(JSON.parse(mine[0].value!).data).toMatchObject({
        channel: 'KIOSK',
        satisfied: true,
        decree61Total: 18,
      });
      expect(JSON.parse(mine[0].value!).data).not.toHaveProperty('officerId');
      const list = await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/comments`)
        .set('Authorization', tokens.officer)
        .expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          responseId: res.body.responseId,
          questionCode: 'COMMENT',
          text: comment,
          channel: 'KIOSK',
        }),
      ]);
    });

    it('refuses other roles and other units', async () => {
      await kiosk(
        { surveyId: SEED_SIPAS_SURVEY_ID, answers: sipasAnswers('SATISFIED', 2) },
        tokens.officer,
      ).expect(403);
      await h
        .http()
        .post('/api/v1/public/units/07216/responses')
        .set('Authorization', tokens.kiosk)
        .send({ surveyId: SEED_SIPAS_SURVEY_ID, answers: sipasAnswers('SATISFIED', 2) })
        .expect(403);
      await h.http().get(`/api/v1/units/${COMMUNE}/comments`).set('Authorization', tokens.kiosk).expect(403);
    });

    it('limits responses per kiosk device', async () => {
      // Limit 3 per minute in this file; stored responses count, refused requests write nothing.
      const device = bearer({ sub: 'kiosk-3', roles: ['kiosk'], units: [COMMUNE] });
      await kiosk({ surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 'many' } }, device).expect(400);
      for (let i = 0; i < 3; i++)
        await kiosk({ surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 4 } }, device).expect(201);
      const limited = await kiosk({ surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 4 } }, device).expect(
        429,
      );
      expect(limited.body.code).toBe('SURVEY.KIOSK_RATE_LIMITED');
      expect(limited.body.details.retryAfterSeconds).toBeGreaterThan(0);
      const hits = await h.db.query(`SELECT hits FROM rate_limit_windows WHERE key = 'device:kiosk-3'`);
      expect(hits.map((r: { hits: number }) => r.hits)).toEqual([3]); // neither the 400 nor the 429 counted
      // another device of the same unit is not affected
      await kiosk(
        { surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 4 } },
        bearer({ sub: 'kiosk-2', roles: ['kiosk'], units: [COMMUNE] }),
      ).expect(201);
    });
  });

  it('writes nothing, not even a rate-limit counter, for a refused kiosk request with a well-formed unit code', async () => {
    const windows = () => count(h, 'SELECT count(*)::int AS n FROM rate_limit_windows');
    const before = await windows();
    const device = bearer({ sub: 'kiosk-refused', roles: ['kiosk'], units: [COMMUNE] });
    await h
      .http()
      .post(`/api/v1/public/units/${COMMUNE}/responses`)
      .set('Authorization', device)
      .send({ answers: 'not an object' })
      .expect(400);
    await h
      .http()
      .post(`/api/v1/public/units/${COMMUNE}/responses`)
      .set('Authorization', device)
      .send({ surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 9 } })
      .expect(400);
    const unknown = await h
      .http()
      .post('/api/v1/public/units/99999/responses')
      .set('Authorization', device)
      .send({ surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 4 } })
      .expect(404);
    expect(unknown.body).toMatchObject({ code: 'UNIT.NOT_FOUND', message: 'Unit 99999 not found' });
    const outOfScope = await h
      .http()
      .post(`/api/v1/public/units/${OTHER_COMMUNE}/responses`)
      .set('Authorization', device)
      .send({ surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 4 } })
      .expect(403);
    expect(outOfScope.body.code).toBe('AUTH.UNIT_OUT_OF_SCOPE');
    expect(await windows()).toBe(before);
  });

  it('writes nothing, not even a rate-limit counter, for a malformed unit code', async () => {
    const windows = () => count(h, 'SELECT count(*)::int AS n FROM rate_limit_windows');
    const before = await windows();
    const device = bearer({ sub: 'kiosk-malformed', roles: ['kiosk'], units: ['*'] });
    await h
      .http()
      .post('/api/v1/public/units/bad%20code!/responses')
      .set('Authorization', device)
      .send({ surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 4 } })
      .expect(400);
    expect(await windows()).toBe(before);
  });

  describe('a paper form typed in by staff', () => {
    const paper = (body: object, auth = tokens.officer) =>
      h.http().post(`/api/v1/units/${COMMUNE}/responses`).set('Authorization', auth).send(body);

    const clerk = bearer({ sub: 'clerk-1', roles: ['officer'], units: [COMMUNE] });

    it('is stored as channel PAPER with who entered it', async () => {
      await servedAtCounter(h, { officerId: 'officer-7' }); // officer-7 has served in the unit
      const res = await paper(
        {
          surveyId: SEED_SIPAS_SURVEY_ID,
          version: 1,
          officerId: 'officer-7',
          answers: sipasAnswers('VERY_SATISFIED', 1),
        },
        clerk,
      ).expect(201);
      const row = (
        await h.db.query('SELECT channel, entered_by, officer_id, satisfied FROM responses WHERE id = $1', [
          res.body.responseId,
        ])
      )[0];
      expect(row).toEqual({
        channel: 'PAPER',
        entered_by: 'clerk-1',
        officer_id: 'officer-7',
        satisfied: true,
      });
      // Issue #16 follow-up 5: typing a form in is a staff action in the unit's audit log.
      const log = await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/audit-log?action=response.paper&actorId=clerk-1`)
        .set('Authorization', tokens.unitAdmin)
        .expect(200);
      expect(log.body.items).toEqual([
        expect.objectContaining({
          action: 'response.paper',
          actorId: 'clerk-1',
          subject: res.body.responseId,
          details: { surveyId: SEED_SIPAS_SURVEY_ID, version: 1, officerId: 'officer-7' },
        }),
      ]);
    });

    it('refuses a kiosk, an unknown version, a date in the future and a bad form, storing nothing', async () => {
      const before = await stored();
      await paper(
        { surveyId: SEED_SIPAS_SURVEY_ID, answers: sipasAnswers('SATISFIED', 2) },
        tokens.kiosk,
      ).expect(403);
      await paper({
        surveyId: SEED_SIPAS_SURVEY_ID,
        version: 9,
        answers: sipasAnswers('SATISFIED', 2),
      }).expect(404);
      await paper({
        surveyId: SEED_SIPAS_SURVEY_ID,
        answeredAt: '2099-01-01T00:00:00Z',
        answers: sipasAnswers('SATISFIED', 2),
      }).expect(400);
      const bad = await paper({
        surveyId: SEED_SIPAS_SURVEY_ID,
        answers: { ...sipasAnswers('SATISFIED', 2), D61_4: 3, OVERALL: null },
      }).expect(400);
      expect(bad.body.details.problems.map((p: { question: string }) => p.question).sort()).toEqual([
        'D61_4',
        'OVERALL',
      ]);
      expect(await stored()).toEqual(before);
    });

    describe('when staff try to steer an officer ranking (issue #16 row 3)', () => {
      const stars = (officerId: string, over: object = {}) => ({
        surveyId: SEED_TABLET_SURVEY_ID,
        officerId,
        answers: { STARS: 5 },
        ...over,
      });

      it('refuses a form about oneself, about an officer of another commune, or from 1900, storing nothing', async () => {
        await servedAtCounter(h, { unitCode: OTHER_COMMUNE, officerId: 'officer-9', counterNo: '5' });
        const before = await stored();
        const self = await paper(stars('officer-7')).expect(403);
        expect(self.body.code).toBe('SURVEY.PAPER_SELF_RATING');
        const other = await paper(stars('officer-9', { answers: { STARS: 1 } }), clerk).expect(403);
        expect(other.body).toMatchObject({
          code: 'SURVEY.OFFICER_NOT_OF_UNIT',
          details: { field: 'officerId' },
        });
        const old = await paper(stars('officer-7', { answeredAt: '1900-01-01T00:00:00Z' }), clerk).expect(
          400,
        );
        expect(old.body).toMatchObject({ code: 'SURVEY.PAPER_TOO_OLD', details: { field: 'answeredAt' } });
        expect(await stored()).toEqual(before);
      });

      it('limits the forms one account types in, with Retry-After, counting no refused form', async () => {
        const typist = bearer({ sub: 'clerk-2', roles: ['unit-admin'], units: [COMMUNE] });
        const windows = () =>
          count(
            h,
            "SELECT coalesce(sum(hits), 0)::int AS n FROM rate_limit_windows WHERE key = 'paper:clerk-2'",
          );
        await paper(stars('nobody-here'), typist).expect(403);
        expect(await windows()).toBe(0);
        for (let i = 0; i < 3; i++) await paper(stars('officer-7'), typist).expect(201);
        const before = await stored();
        const limited = await paper(stars('officer-7'), typist).expect(429);
        expect(limited.body.code).toBe('SURVEY.PAPER_RATE_LIMITED');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        expect(await stored()).toEqual(before);
      });
    });
  });
});
