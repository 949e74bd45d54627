import { Topics } from '@fg/contracts';
import { readTopic } from '@fg/platform/testing';
import { SEED_TABLET_SURVEY_ID } from '../../domain';
import { COMMUNE, count, servedAtCounter, startSurvey, SurveyHarness } from '../../testing/survey-harness';

describe('answering a survey', () => {
  let h: SurveyHarness;
  beforeAll(async () => {
    h = await startSurvey('survey_ans');
  });
  afterAll(() => h.close());

  const submit = (token: string, answers: unknown) =>
    h.http().post(`/api/v1/public/surveys/${token}/responses`).send({ answers });
  const stored = async () => ({
    responses: await count(h, 'SELECT count(*)::int AS n FROM responses'),
    comments: await count(h, 'SELECT count(*)::int AS n FROM response_comments'),
    buckets: await count(
      h,
      "SELECT coalesce(sum((counts->>'responses')::int), 0)::int AS n FROM satisfaction_buckets",
    ),
    used: await count(h, 'SELECT count(*)::int AS n FROM invitations WHERE used_at IS NOT NULL'),
  });

  describe('with a tablet invitation', () => {
    it('stores the response and publishes one survey.response-submitted with no free text', async () => {
      const { event, invitation } = await servedAtCounter(h, { counterNo: '1', officerId: 'officer-7' });
      const res = await submit(invitation.token, { STARS: 5, REASONS: ['FAST', 'ENTHUSIASTIC'] }).expect(201);
      const messages = await readTopic(h.topic(Topics.SURVEY), (m) =>
        m.some((x) => JSON.parse(x.value!).data.responseId === res.body.responseId),
      );
      const mine = messages.filter((x) => JSON.parse(x.value!).data.responseId === res.body.responseId);
      expect(mine).toHaveLength(1);
      expect(mine[0].key).toBe(COMMUNE);
      expect(JSON.parse(mine[0].value!)).toMatchObject({
        type: 'survey.response-submitted',
        unitcode: COMMUNE,
        data: {
          surveyId: SEED_TABLET_SURVEY_ID,
          version: 1,
          channel: 'TABLET',
          officerId: 'officer-7',
          counterNo: '1',
          ticketId: (event.data as { ticketId: string }).ticketId,
          stars: 5,
          satisfied: true,
          elementScores: [
            {
              element: 'OFFICER',
              valid: 1,
              satisfied: 1,
              verySatisfied: 1,
              neutral: 0,
              dissatisfied: 0,
              veryDissatisfied: 0,
            },
          ],
        },
      });
      const row = (
        await h.db.query('SELECT channel, officer_id, answers, stars FROM responses WHERE id = $1', [
          res.body.responseId,
        ])
      )[0];
      expect(row).toEqual({
        channel: 'TABLET',
        officer_id: 'officer-7',
        answers: { STARS: 5, REASONS: ['ENTHUSIASTIC', 'FAST'] },
        stars: 5,
      });
    });

    it('answers 409 to a second submission and keeps the first', async () => {
      const { invitation } = await servedAtCounter(h, { counterNo: '2' });
      await submit(invitation.token, { STARS: 2 }).expect(201);
      const again = await submit(invitation.token, { STARS: 5 }).expect(409);
      expect(again.body.code).toBe('SURVEY.ALREADY_ANSWERED');
      expect((await h.http().get(`/api/v1/public/surveys/${invitation.token}`).expect(409)).body.code).toBe(
        'SURVEY.ALREADY_ANSWERED',
      );
      expect(
        await h.db.query('SELECT stars FROM responses WHERE invitation_id = $1', [invitation.invitationId]),
      ).toEqual([{ stars: 2 }]);
    });

    it('stores one response when the same token is submitted concurrently', async () => {
      const { invitation } = await servedAtCounter(h, { counterNo: '3' });
      const results = await Promise.all([1, 2, 3, 4].map((i) => submit(invitation.token, { STARS: i })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      expect(
        await count(h, 'SELECT count(*)::int AS n FROM responses WHERE invitation_id = $1', [
          invitation.invitationId,
        ]),
      ).toBe(1);
      const winner = results.find((r) => r.status === 201)!.body.responseId;
      const events = await readTopic(h.topic(Topics.SURVEY), (m) =>
        m.some((x) => JSON.parse(x.value!).data.responseId === winner),
      );
      expect(events.filter((x) => JSON.parse(x.value!).data.ticketId === invitation.ticketId)).toHaveLength(
        1,
      );
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
    ])(
      'answers 400 for answers %s, naming the question, and stores nothing',
      async (_, answers, question, code) => {
        const before = await stored();
        const res = await submit(token, answers).expect(400);
        expect(res.body.code).toBe('ANSWER.INVALID');
        expect(res.body.message).toContain(`${question}:`);
        expect(res.body.details.problems).toEqual(
          expect.arrayContaining([expect.objectContaining({ question, code })]),
        );
        expect(await stored()).toEqual(before);
      },
    );

    it('refuses a body without an answers object', async () => {
      await h
        .http()
        .post(`/api/v1/public/surveys/${token}/responses`)
        .send({ answers: [5] })
        .expect(400);
      await h.http().post(`/api/v1/public/surveys/${token}/responses`).send({ STARS: 5 }).expect(400);
    });

    it('still accepts a valid answer on the same token afterwards', () =>
      submit(token, { STARS: 4 }).expect(201));
  });

  describe('after all of the above', () => {
    it('published exactly one event for every stored response', async () => {
      const ids: string[] = (await h.db.query('SELECT id FROM responses')).map((r: { id: string }) => r.id);
      const submitted = (m: { value: string | null }[]) =>
        m.map((x) => JSON.parse(x.value!)).filter((e) => e.type === 'survey.response-submitted');
      const events = submitted(
        await readTopic(h.topic(Topics.SURVEY), (m) => submitted(m).length >= ids.length),
      );
      expect(events.map((e) => e.data.responseId).sort()).toEqual(ids.sort());
    });
  });
});
