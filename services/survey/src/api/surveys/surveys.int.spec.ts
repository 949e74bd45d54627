import { Topics } from '@fg/contracts';
import { bearer, readTopic } from '@fg/platform/testing';
import { SEED_SIPAS_SURVEY_ID } from '../../domain';
import { COMMUNE, servedAtCounter, startSurvey, SurveyHarness, tokens } from '../../testing/survey-harness';

const starsQuestion = {
  code: 'STARS',
  text: 'Quý khách chấm sao cho cán bộ',
  type: 'STARS',
  required: true,
  element: 'OFFICER',
};
const tabletSurvey = {
  unitCode: COMMUNE,
  title: 'Chấm sao cán bộ — Phường Lê Lợi',
  kind: 'TABLET_STARS',
  questions: [starsQuestion],
};

describe('questionnaires and their versions', () => {
  let h: SurveyHarness;
  beforeAll(async () => {
    h = await startSurvey('survey_q');
  });
  afterAll(() => h.close());

  const as = (auth: string) => ({
    post: (path: string, body?: object) => h.http().post(path).set('Authorization', auth).send(body),
    put: (path: string, body: object) => h.http().put(path).set('Authorization', auth).send(body),
    get: (path: string) => h.http().get(path).set('Authorization', auth),
  });
  const unitAdmin = as(tokens.unitAdmin);

  describe('a unit admin building a survey for the counter tablets', () => {
    let id: string;

    it('creates version 1 as a draft and says what blocks publishing', async () => {
      const res = await unitAdmin
        .post('/api/v1/surveys', { ...tabletSurvey, questions: [{ ...starsQuestion, required: false }] })
        .expect(201);
      expect(res.body).toMatchObject({
        version: 1,
        status: 'DRAFT',
        unitCode: COMMUNE,
        kind: 'TABLET_STARS',
      });
      expect(res.body.problems.map((p: { code: string }) => p.code)).toEqual([
        'QUESTIONNAIRE.TABLET_NEEDS_STARS',
      ]);
      id = res.body.id;
    });

    it('refuses to publish it while invalid', async () => {
      const res = await unitAdmin.post(`/api/v1/surveys/${id}/publish`).expect(400);
      expect(res.body).toMatchObject({ code: 'QUESTIONNAIRE.INVALID' });
      expect(res.body.message).toMatch(/needs a required STARS question/);
    });

    it('edits the draft in place', async () => {
      const res = await unitAdmin.put(`/api/v1/surveys/${id}`, { questions: [starsQuestion] }).expect(200);
      expect(res.body).toMatchObject({ version: 1, status: 'DRAFT', problems: [] });
    });

    it('publishes it, with survey.published on the bus', async () => {
      const res = await unitAdmin.post(`/api/v1/surveys/${id}/publish`).expect(200);
      expect(res.body).toMatchObject({ version: 1, status: 'PUBLISHED', changed: true });
      const events = await readTopic(h.topic(Topics.SURVEY), (m) =>
        [id, SEED_SIPAS_SURVEY_ID].every((s) => m.some((x) => JSON.parse(x.value!).subject === s)),
      );
      const published = events.map((x) => JSON.parse(x.value!)).filter((e) => e.subject === id);
      expect(published).toEqual([
        expect.objectContaining({
          type: 'survey.published',
          unitcode: COMMUNE,
          data: expect.objectContaining({ surveyId: id, version: 1, kind: 'TABLET_STARS', questionCount: 1 }),
        }),
      ]);
      const seeded = events
        .map((x) => JSON.parse(x.value!))
        .filter((e) => e.subject === SEED_SIPAS_SURVEY_ID);
      expect(seeded).toEqual([expect.objectContaining({ type: 'survey.published', unitcode: 'VN' })]);
      const again = await unitAdmin.post(`/api/v1/surveys/${id}/publish`).expect(200);
      expect(again.body).toMatchObject({ version: 1, changed: false });
    });

    it("is what the unit's tablets ask from now on, before the global questionnaire", async () => {
      const { invitation } = await servedAtCounter(h, { counterNo: '1' });
      expect(invitation).toMatchObject({ surveyId: id, version: 1 });
    });

    it('turns an edit of the published version into a new draft version', async () => {
      const res = await unitAdmin
        .put(`/api/v1/surveys/${id}`, { title: 'Chấm sao cán bộ (mới)' })
        .expect(201);
      expect(res.body).toMatchObject({ version: 2, status: 'DRAFT', title: 'Chấm sao cán bộ (mới)' });
      const v1 = await unitAdmin.get(`/api/v1/surveys/${id}?version=1`).expect(200);
      expect(v1.body).toMatchObject({ version: 1, status: 'PUBLISHED', title: tabletSurvey.title });
      expect((await unitAdmin.post(`/api/v1/surveys/${id}/versions`).expect(409)).body.code).toBe(
        'QUESTIONNAIRE.ALREADY_DRAFT',
      );
    });

    it('does not let anyone answer the draft', async () => {
      const kiosk = bearer({ sub: 'kiosk-9', roles: ['kiosk'], units: [COMMUNE] });
      const res = await h
        .http()
        .post(`/api/v1/public/units/${COMMUNE}/responses`)
        .set('Authorization', kiosk)
        .send({ surveyId: id, version: 2, answers: { STARS: 5 } })
        .expect(409);
      expect(res.body.code).toBe('QUESTIONNAIRE.NOT_PUBLISHED');
    });

    it('publishing version 2 retires version 1; an invitation made before keeps its exact version', async () => {
      const before = await servedAtCounter(h, { counterNo: '2' });
      await unitAdmin.post(`/api/v1/surveys/${id}/publish`).expect(200);
      const all = await unitAdmin.get(`/api/v1/surveys/${id}`).expect(200);
      expect(
        all.body.versions.map((v: { version: number; status: string }) => [v.version, v.status]),
      ).toEqual([
        [1, 'RETIRED'],
        [2, 'PUBLISHED'],
      ]);
      expect((await unitAdmin.get(`/api/v1/surveys/${id}?version=published`).expect(200)).body.version).toBe(
        2,
      );
      const after = await servedAtCounter(h, { counterNo: '3' });
      expect(after.invitation).toMatchObject({ surveyId: id, version: 2 });
      await h
        .http()
        .post(`/api/v1/public/surveys/${before.invitation.token}/responses`)
        .send({ answers: { STARS: 4 } })
        .expect(201);
      const rows = await h.db.query('SELECT version FROM responses WHERE invitation_id = $1', [
        before.invitation.invitationId,
      ]);
      expect(rows).toEqual([{ version: 1 }]);
      expect((await unitAdmin.post(`/api/v1/surveys/${id}/versions`).expect(201)).body).toMatchObject({
        version: 3,
        status: 'DRAFT',
      });
    });

    // Issue #16 follow-up 5: every change, and none of the refused ones (invalid publish, second revise, a
    // publish with nothing to publish), is in the unit's audit log.
    it("keeps the survey's changes in the unit's audit log", async () => {
      const log = await unitAdmin.get(`/api/v1/units/${COMMUNE}/audit-log?action=survey`).expect(200);
      const ofSurvey = log.body.items.filter((e: { subject: string }) => e.subject === id);
      expect(ofSurvey.map((e: any) => [e.action, e.actorId, e.details.version]).reverse()).toEqual([
        ['survey.create', 'ua-1', 1],
        ['survey.edit', 'ua-1', 1],
        ['survey.publish', 'ua-1', 1],
        ['survey.edit', 'ua-1', 2],
        ['survey.publish', 'ua-1', 2],
        ['survey.revise', 'ua-1', 3],
      ]);
    });
  });

  describe('who may manage questionnaires', () => {
    it('requires a token and the unit-admin role', async () => {
      await h.http().post('/api/v1/surveys').send(tabletSurvey).expect(401);
      const res = await as(tokens.officer).post('/api/v1/surveys', tabletSurvey).expect(403);
      expect(res.body.code).toBe('AUTH.ROLE_REQUIRED');
    });
    it("refuses another unit's survey and global ones to a unit admin", async () => {
      await unitAdmin.post('/api/v1/surveys', { ...tabletSurvey, unitCode: '07216' }).expect(403);
      expect(
        (await unitAdmin.post('/api/v1/surveys', { ...tabletSurvey, unitCode: null }).expect(403)).body.code,
      ).toBe('QUESTIONNAIRE.GLOBAL_ADMIN_ONLY');
      await unitAdmin.put(`/api/v1/surveys/${SEED_SIPAS_SURVEY_ID}`, { title: 'Của tôi' }).expect(403);
    });
    it('lets an admin revise a global questionnaire', async () => {
      const res = await as(tokens.admin).post(`/api/v1/surveys/${SEED_SIPAS_SURVEY_ID}/versions`).expect(201);
      expect(res.body).toMatchObject({
        version: 2,
        status: 'DRAFT',
        unitCode: null,
        kind: 'SIPAS',
        problems: [],
      });
      expect(res.body.questions).toHaveLength(25);
    });
    it('lets viewers and kiosks read a questionnaire', async () => {
      const res = await as(tokens.viewer)
        .get(`/api/v1/surveys/${SEED_SIPAS_SURVEY_ID}?version=published`)
        .expect(200);
      expect(res.body).toMatchObject({ version: 1, status: 'PUBLISHED', kind: 'SIPAS' });
      await as(tokens.kiosk).get(`/api/v1/surveys/${SEED_SIPAS_SURVEY_ID}`).expect(200);
    });
  });

  describe('bad requests', () => {
    it('names the bad field of a question', async () => {
      const res = await unitAdmin
        .post('/api/v1/surveys', { ...tabletSurvey, questions: [{ ...starsQuestion, type: 'EMOJI' }] })
        .expect(400);
      expect(res.body.message).toMatch(/questions\.0\.type: type must be one of STARS, LIKERT5/);
    });
    it('answers 404 for an unknown survey or version', async () => {
      await unitAdmin.get('/api/v1/surveys/5b1c0f57-0000-4000-8000-000000000000').expect(404);
      await unitAdmin.get(`/api/v1/surveys/${SEED_SIPAS_SURVEY_ID}?version=7`).expect(404);
      await unitAdmin.get('/api/v1/surveys/not-a-uuid').expect(404);
    });
  });

  it('documents every endpoint in the OpenAPI document', async () => {
    const docs = await h.http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/surveys',
        '/api/v1/surveys/{id}',
        '/api/v1/surveys/{id}/publish',
        '/api/v1/surveys/{id}/versions',
        '/api/v1/units/{unitCode}/counters/{counterNo}/pending-invitation',
        '/api/v1/public/surveys/{token}',
        '/api/v1/public/surveys/{token}/responses',
        '/api/v1/public/units/{unitCode}/responses',
        '/api/v1/units/{unitCode}/responses',
        '/api/v1/stats/satisfaction',
        '/api/v1/units/{unitCode}/comments',
      ]),
    );
  });
});
