import { Topics } from '@fg/contracts';
import { bearer, readTopic } from '@fg/platform/testing';
import { SEED_SIPAS_SURVEY_ID, SEED_TABLET_SURVEY_ID } from '../../domain';
import { COMMUNE, count, servedAtCounter, startSurvey, SurveyHarness, tokens } from '../../testing/survey-harness';
import { sipasAnswers } from '../../testing/sipas-answers';

describe('answering a survey', () => {
  let h: SurveyHarness;
  beforeAll(async () => {
    process.env.SURVEY_KIOSK_LIMIT = '3';
    h = await startSurvey('survey_ans');
    delete process.env.SURVEY_KIOSK_LIMIT;
  });
  afterAll(() => h.close());

  const submit = (token: string, answers: unknown) => h.http().post(`/api/v1/public/surveys/${token}/responses`).send({ answers });
  const stored = async () => ({
    responses: await count(h, 'SELECT count(*)::int AS n FROM responses'),
    comments: await count(h, 'SELECT count(*)::int AS n FROM response_comments'),
    buckets: await count(h, 'SELECT coalesce(sum((counts->>\'responses\')::int), 0)::int AS n FROM satisfaction_buckets'),
    used: await count(h, 'SELECT count(*)::int AS n FROM invitations WHERE used_at IS NOT NULL'),
  });

  describe('with a tablet invitation', () => {
    it('stores the response and publishes one survey.response-submitted with no free text', async () => {
      const { event, invitation } = await servedAtCounter(h, { counterNo: '1', officerId: 'officer-7' });
      const res = await submit(invitation.token, { STARS: 5, REASONS: ['FAST', 'ENTHUSIASTIC'] }).expect(201);
      const messages = await readTopic(h.topic(Topics.SURVEY), (m) => m.some((x) => JSON.parse(x.value!).data.responseId === res.body.responseId));
      const mine = messages.filter((x) => JSON.parse(x.value!).data.responseId === res.body.responseId);
      expect(mine).toHaveLength(1);
      expect(mine[0].key).toBe(COMMUNE);
      expect(JSON.parse(mine[0].value!)).toMatchObject({
        type: 'survey.response-submitted', unitcode: COMMUNE,
        data: {
          surveyId: SEED_TABLET_SURVEY_ID, version: 1, channel: 'TABLET', officerId: 'officer-7', counterNo: '1',
          ticketId: (event.data as { ticketId: string }).ticketId, stars: 5, satisfied: true,
          elementScores: [{ element: 'OFFICER', valid: 1, satisfied: 1, verySatisfied: 1, neutral: 0, dissatisfied: 0, veryDissatisfied: 0 }],
        },
      });
      const row = (await h.db.query('SELECT channel, officer_id, answers, stars FROM responses WHERE id = $1', [res.body.responseId]))[0];
      expect(row).toEqual({ channel: 'TABLET', officer_id: 'officer-7', answers: { STARS: 5, REASONS: ['ENTHUSIASTIC', 'FAST'] }, stars: 5 });
    });

    it('answers 409 to a second submission and keeps the first', async () => {
      const { invitation } = await servedAtCounter(h, { counterNo: '2' });
      await submit(invitation.token, { STARS: 2 }).expect(201);
      const again = await submit(invitation.token, { STARS: 5 }).expect(409);
      expect(again.body.code).toBe('SURVEY.ALREADY_ANSWERED');
      expect((await h.http().get(`/api/v1/public/surveys/${invitation.token}`).expect(409)).body.code).toBe('SURVEY.ALREADY_ANSWERED');
      expect(await h.db.query('SELECT stars FROM responses WHERE invitation_id = $1', [invitation.invitationId])).toEqual([{ stars: 2 }]);
    });

    it('stores one response when the same token is submitted concurrently', async () => {
      const { invitation } = await servedAtCounter(h, { counterNo: '3' });
      const results = await Promise.all([1, 2, 3, 4].map((i) => submit(invitation.token, { STARS: i })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      expect(await count(h, 'SELECT count(*)::int AS n FROM responses WHERE invitation_id = $1', [invitation.invitationId])).toBe(1);
      const winner = results.find((r) => r.status === 201)!.body.responseId;
      const events = await readTopic(h.topic(Topics.SURVEY), (m) => m.some((x) => JSON.parse(x.value!).data.responseId === winner));
      expect(events.filter((x) => JSON.parse(x.value!).data.ticketId === invitation.ticketId)).toHaveLength(1);
    });
  });

  describe('when the answers are wrong', () => {
    let token: string;
    beforeAll(async () => {
      token = (await servedAtCounter(h, { counterNo: '5' })).invitation.token;
    });

    it.each([
      ['out of range', { STARS: 6 }, 'STARS', 'ANSWER.OUT_OF_RANGE'],
      ['of the wrong type', { STARS: '5' }, 'STARS', 'ANSWER.WRONG_TYPE'],
      ['missing a required question', { REASONS: ['FAST'] }, 'STARS', 'ANSWER.REQUIRED'],
      ['naming an unknown question', { STARS: 5, MOOD: 'ok' }, 'MOOD', 'ANSWER.UNKNOWN_QUESTION'],
      ['naming an unknown option', { STARS: 5, REASONS: ['RUDE'] }, 'REASONS', 'ANSWER.UNKNOWN_OPTION'],
    ])('answers 400 for answers %s, naming the question, and stores nothing', async (_, answers, question, code) => {
      const before = await stored();
      const res = await submit(token, answers).expect(400);
      expect(res.body.code).toBe('ANSWER.INVALID');
      expect(res.body.message).toContain(`${question}:`);
      expect(res.body.details.problems).toEqual(expect.arrayContaining([expect.objectContaining({ question, code })]));
      expect(await stored()).toEqual(before);
    });

    it('refuses a body without an answers object', async () => {
      await h.http().post(`/api/v1/public/surveys/${token}/responses`).send({ answers: [5] }).expect(400);
      await h.http().post(`/api/v1/public/surveys/${token}/responses`).send({ STARS: 5 }).expect(400);
    });

    it('still accepts a valid answer on the same token afterwards', () => submit(token, { STARS: 4 }).expect(201));
  });

  describe('a SIPAS questionnaire answered at a kiosk', () => {
    const kiosk = (body: object, auth = tokens.kiosk) => h.http().post(`/api/v1/public/units/${COMMUNE}/responses`).set('Authorization', auth).send(body);

    it('stores the comment apart and never on the bus', async () => {
      const comment = 'Cán bộ nhiệt tình, nhưng phòng chờ hơi nóng';
      const res = await kiosk({ surveyId: SEED_SIPAS_SURVEY_ID, answers: { ...sipasAnswers('SATISFIED', 2), COMMENT: comment } }).expect(201);
      expect(res.body).toMatchObject({ surveyId: SEED_SIPAS_SURVEY_ID, version: 1 });
      const row = (await h.db.query('SELECT channel, device_id, officer_id, answers, decree61_total FROM responses WHERE id = $1', [res.body.responseId]))[0];
      expect(row).toMatchObject({ channel: 'KIOSK', device_id: 'kiosk-1', officer_id: null, decree61_total: 18 });
      expect(row.answers).not.toHaveProperty('COMMENT');
      const events = await readTopic(h.topic(Topics.SURVEY), (m) => m.some((x) => JSON.parse(x.value!).data.responseId === res.body.responseId));
      const mine = events.filter((x) => JSON.parse(x.value!).data.responseId === res.body.responseId);
      expect(mine).toHaveLength(1);
      expect(mine[0].value).not.toContain('nhiệt tình');
      expect(JSON.parse(mine[0].value!).data).toMatchObject({ channel: 'KIOSK', satisfied: true, decree61Total: 18 });
      expect(JSON.parse(mine[0].value!).data).not.toHaveProperty('officerId');
      const list = await h.http().get(`/api/v1/units/${COMMUNE}/comments`).set('Authorization', tokens.officer).expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ responseId: res.body.responseId, questionCode: 'COMMENT', text: comment, channel: 'KIOSK' })]);
    });

    it('refuses other roles and other units', async () => {
      await kiosk({ surveyId: SEED_SIPAS_SURVEY_ID, answers: sipasAnswers('SATISFIED', 2) }, tokens.officer).expect(403);
      await h.http().post('/api/v1/public/units/07216/responses').set('Authorization', tokens.kiosk)
        .send({ surveyId: SEED_SIPAS_SURVEY_ID, answers: sipasAnswers('SATISFIED', 2) }).expect(403);
      await h.http().get(`/api/v1/units/${COMMUNE}/comments`).set('Authorization', tokens.kiosk).expect(403);
    });

    it('limits responses per kiosk device', async () => {
      // Limit 3 per minute in this file; every request of the device counts, refused ones too.
      const device = bearer({ sub: 'kiosk-3', roles: ['kiosk'], units: [COMMUNE] });
      for (let i = 0; i < 3; i++) await kiosk({ surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 4 } }, device).expect(201);
      const limited = await kiosk({ surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 4 } }, device).expect(429);
      expect(limited.body.code).toBe('SURVEY.KIOSK_RATE_LIMITED');
      expect(limited.headers['retry-after-kiosk']).toBeDefined();
      // another device of the same unit is not affected
      await kiosk({ surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 4 } }, bearer({ sub: 'kiosk-2', roles: ['kiosk'], units: [COMMUNE] })).expect(201);
    });
  });

  describe('a paper form typed in by staff', () => {
    const paper = (body: object, auth = tokens.officer) => h.http().post(`/api/v1/units/${COMMUNE}/responses`).set('Authorization', auth).send(body);

    it('is stored as channel PAPER with who entered it', async () => {
      const res = await paper({ surveyId: SEED_SIPAS_SURVEY_ID, version: 1, officerId: 'officer-7', answers: sipasAnswers('VERY_SATISFIED', 1) }).expect(201);
      const row = (await h.db.query('SELECT channel, entered_by, officer_id, satisfied FROM responses WHERE id = $1', [res.body.responseId]))[0];
      expect(row).toEqual({ channel: 'PAPER', entered_by: 'officer-7', officer_id: 'officer-7', satisfied: true });
    });

    it('refuses a kiosk, an unknown version, a date in the future and a bad form, storing nothing', async () => {
      const before = await stored();
      await paper({ surveyId: SEED_SIPAS_SURVEY_ID, answers: sipasAnswers('SATISFIED', 2) }, tokens.kiosk).expect(403);
      await paper({ surveyId: SEED_SIPAS_SURVEY_ID, version: 9, answers: sipasAnswers('SATISFIED', 2) }).expect(404);
      await paper({ surveyId: SEED_SIPAS_SURVEY_ID, answeredAt: '2099-01-01T00:00:00Z', answers: sipasAnswers('SATISFIED', 2) }).expect(400);
      const bad = await paper({ surveyId: SEED_SIPAS_SURVEY_ID, answers: { ...sipasAnswers('SATISFIED', 2), D61_4: 3, OVERALL: null } }).expect(400);
      expect(bad.body.details.problems.map((p: { question: string }) => p.question).sort()).toEqual(['D61_4', 'OVERALL']);
      expect(await stored()).toEqual(before);
    });
  });

  describe('after all of the above', () => {
   it('published exactly one event for every stored response', async () => {
    const ids: string[] = (await h.db.query('SELECT id FROM responses')).map((r: { id: string }) => r.id);
    const submitted = (m: { value: string | null }[]) => m.map((x) => JSON.parse(x.value!)).filter((e) => e.type === 'survey.response-submitted');
    const events = submitted(await readTopic(h.topic(Topics.SURVEY), (m) => submitted(m).length >= ids.length));
    expect(events.map((e) => e.data.responseId).sort()).toEqual(ids.sort());
   });
  });
});
