import type { INestApplication } from '@nestjs/common';
import { createEvent, DossierResultReturned, Topics } from '@fg/contracts';
import { createTestDatabase, type TestDatabase, waitFor } from '@fg/platform/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startService } from '../../../../test/support/apps';
import { sipasAnswers } from '../../../survey/src/testing/sipas-answers';
import { aReceivedDossier, COMMUNE, NotifyHarness, startNotify } from '../testing/notify-harness';

/**
 * The SIPAS link end to end (issue #18 item 3): dossier returns the result → survey invites (its consumer) and
 * notify e-mails the link (its own) from the same event on the broker; the link caught by the SMTP server opens
 * that dossier's questionnaire at the survey service, which answers it once. Nothing but the event crosses the
 * bus: the link is signed with the key both services read from config (SURVEY_LINK_KEY).
 */
describe('the SIPAS link in the survey e-mail', () => {
  let h: NotifyHarness;
  let survey: INestApplication;
  let surveyDb: TestDatabase;
  const LINK_KEY = 'survey-link-key-of-this-test-0123456789';
  const PATH = '/api/v1/public/surveys/by-dossier-link/{link}';

  beforeAll(async () => {
    h = await startNotify('notify_survey_link', {
      SURVEY_LINK_KEY: LINK_KEY,
      NOTIFY_SURVEY_URL: `http://survey.test${PATH}`,
    });
    // The survey service in this process on its own database, on the same broker and topic prefix.
    surveyDb = await createTestDatabase('notify_survey_link_s');
    process.env.DATABASE_URL = surveyDb.url;
    survey = await startService('survey');
    await waitFor(
      async () => (await survey.get(DataSource).query('SELECT count(*)::int AS n FROM units'))[0].n >= 2,
      { message: "survey's unit copies" },
    );
  });
  afterAll(async () => {
    await survey?.close();
    await surveyDb?.drop();
    await h?.close();
  });

  it('opens the returned dossier’s SIPAS questionnaire at the survey service, answerable once', async () => {
    const { dossierId, code, event } = await aReceivedDossier(h, { email: 'sipas@example.vn' });
    const returned = createEvent(
      DossierResultReturned,
      {
        dossierId,
        code,
        procedureCode: 'HT-KHAI-SINH',
        status: 'RESULT_RETURNED',
        statusCode: 10,
        at: new Date().toISOString(),
        channel: 'COUNTER',
      },
      { source: 'dossier', subject: dossierId, unitcode: COMMUNE },
    );
    await h.produce(Topics.DOSSIER, [event, returned]);
    const [mail] = await h.caught((m) => m.channel === 'EMAIL' && m.to === 'sipas@example.vn');
    const url = /http:\/\/survey\.test(\S+)/.exec(mail.text)![1];
    expect(url).toMatch(new RegExp(`/by-dossier-link/${dossierId}\\.[A-Za-z0-9_-]{22}$`));
    expect(url).not.toContain(encodeURIComponent(code));

    // Survey creates the invitation from the same event; until then the link is unknown (404).
    const opened = await waitFor(
      async () => {
        const r = await request(survey.getHttpServer()).get(url);
        return r.status === 200 && r;
      },
      { message: 'the survey link opens' },
    );
    expect(opened.body).toMatchObject({ kind: 'SIPAS' });
    expect(opened.body.questions.length).toBeGreaterThan(0);
    expect(opened.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(opened.body)).not.toContain(dossierId);
    const answer = () =>
      request(survey.getHttpServer())
        .post(`/api/v1/public/surveys/${opened.body.token}/responses`)
        .send({ answers: sipasAnswers('SATISFIED', 2) });
    await answer().expect(201);
    await answer().expect(409);
    await request(survey.getHttpServer()).get(url).expect(409);
  });

  it('refuses a forged or altered link (404) without naming a dossier', async () => {
    const { dossierId, event } = await aReceivedDossier(h, { email: 'forged@example.vn' });
    await h.produce(Topics.DOSSIER, [event]);
    for (const link of [`${dossierId}.AAAAAAAAAAAAAAAAAAAAAA`, 'not-a-link', `${dossierId}`]) {
      const r = await request(survey.getHttpServer())
        .get(PATH.replace('{link}', encodeURIComponent(link)))
        .expect(404);
      expect(r.body.code).toBe('SURVEY.NO_INVITATION');
      expect(JSON.stringify(r.body)).not.toContain(dossierId);
    }
  });
});
