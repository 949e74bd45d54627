import { Topics } from '@fg/contracts';
import { bearer, waitFor } from '@fg/platform/testing';
import { randomUUID } from 'node:crypto';
import {
  aCompletedTicket,
  aReturnedResult,
  COMMUNE,
  count,
  produce,
  servedAtCounter,
  startSurvey,
  SurveyHarness,
  tokenOf,
  tokens,
} from '../testing/survey-harness';
import { SEED_SIPAS_SURVEY_ID, SEED_TABLET_SURVEY_ID } from '../domain';

describe('invitations created from queue and dossier events', () => {
  let h: SurveyHarness;
  beforeAll(async () => {
    h = await startSurvey('survey_inv');
  });
  afterAll(() => h.close());

  const invitationsOfTicket = (ticketId: string) =>
    count(h, 'SELECT count(*)::int AS n FROM invitations WHERE ticket_id = $1', [ticketId]);

  describe('when a ticket is completed', () => {
    it('gives the counter tablet one invitation for the officer, counter and seeded star questionnaire', async () => {
      const { event, invitation } = await servedAtCounter(h, { counterNo: '3', officerId: 'officer-7' });
      expect(invitation).toMatchObject({
        kind: 'TABLET',
        unitCode: COMMUNE,
        counterNo: '3',
        officerId: 'officer-7',
        ticketId: (event.data as { ticketId: string }).ticketId,
        surveyId: SEED_TABLET_SURVEY_ID,
        version: 1,
        usedAt: null,
      });
      expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const q = await h.http().get(`/api/v1/public/surveys/${invitation.token}`).expect(200);
      expect(q.body).toMatchObject({
        kind: 'TABLET',
        surveyId: SEED_TABLET_SURVEY_ID,
        version: 1,
        counterNo: '3',
      });
      expect(q.body.questions.map((x: { code: string }) => x.code)).toEqual(['STARS', 'REASONS']);
      expect(q.body).not.toHaveProperty('officerId');
    });

    it('stores only a hash of the token', async () => {
      const { invitation } = await servedAtCounter(h, { counterNo: '4' });
      const rows = await h.db.query('SELECT token_hash FROM invitations WHERE id = $1', [
        invitation.invitationId,
      ]);
      expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(await h.db.query('SELECT * FROM invitations'))).not.toContain(invitation.token);
    });

    it('creates exactly one invitation when the event is delivered twice or a second event names the same ticket', async () => {
      const ticketId = randomUUID();
      const event = aCompletedTicket({ ticketId, counterNo: '6' });
      const sameTicketAgain = aCompletedTicket({ ticketId, counterNo: '6' });
      await produce(h, Topics.QUEUE, [event, event, sameTicketAgain]);
      await produce(h, Topics.QUEUE, [event]);
      // A later event on the same partition (same unit key) proves the duplicates were consumed before it.
      await servedAtCounter(h, { counterNo: '7' });
      expect(await invitationsOfTicket(ticketId)).toBe(1);
      expect(await count(h, 'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [event.id])).toBe(1);
    });

    it('shows the tablet only the newest invitation of its counter', async () => {
      await servedAtCounter(h, { counterNo: '8', officerId: 'officer-1' });
      const second = await servedAtCounter(h, { counterNo: '8', officerId: 'officer-2' });
      const res = await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/counters/8/pending-invitation`)
        .set('Authorization', tokens.kiosk)
        .expect(200);
      expect(res.body.invitationId).toBe(second.invitation.invitationId);
    });

    it('hides an answered invitation from the tablet', async () => {
      const { invitation } = await servedAtCounter(h, { counterNo: '9' });
      await h
        .http()
        .post(`/api/v1/public/surveys/${invitation.token}/responses`)
        .send({ answers: { STARS: 4 } })
        .expect(201);
      const res = await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/counters/9/pending-invitation`)
        .set('Authorization', tokens.kiosk)
        .expect(404);
      expect(res.body.code).toBe('SURVEY.NO_PENDING_INVITATION');
    });

    it('makes an already expired invitation from a late event: 404 for the tablet and for the link', async () => {
      const ticketId = randomUUID();
      await produce(h, Topics.QUEUE, [
        aCompletedTicket({ ticketId, counterNo: '10', completedAt: new Date(Date.now() - 11 * 60_000) }),
      ]);
      const rows = await waitFor(
        async () => {
          const r = await h.db.query('SELECT id FROM invitations WHERE ticket_id = $1', [ticketId]);
          return r.length === 1 && r;
        },
        { message: 'the late invitation' },
      );
      await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/counters/10/pending-invitation`)
        .set('Authorization', tokens.kiosk)
        .expect(404);
      const token = tokenOf(h, rows[0].id);
      expect((await h.http().get(`/api/v1/public/surveys/${token}`).expect(404)).body.code).toBe(
        'SURVEY.TOKEN_EXPIRED',
      );
      const post = await h
        .http()
        .post(`/api/v1/public/surveys/${token}/responses`)
        .send({ answers: { STARS: 5 } })
        .expect(404);
      expect(post.body.code).toBe('SURVEY.TOKEN_EXPIRED');
      expect(
        await count(h, 'SELECT count(*)::int AS n FROM responses WHERE invitation_id = $1', [rows[0].id]),
      ).toBe(0);
    });

    it('answers 404 for an unknown or malformed token', async () => {
      expect(
        (
          await h
            .http()
            .get(`/api/v1/public/surveys/${'x'.repeat(43)}`)
            .expect(404)
        ).body.code,
      ).toBe('SURVEY.UNKNOWN_TOKEN');
      await h.http().get('/api/v1/public/surveys/short').expect(404);
      await h
        .http()
        .post('/api/v1/public/surveys/short/responses')
        .send({ answers: { STARS: 5 } })
        .expect(404);
    });
  });

  describe('who may fetch a counter invitation', () => {
    const path = `/api/v1/units/${COMMUNE}/counters/3/pending-invitation`;
    it('requires a token', () => h.http().get(path).expect(401));
    it('refuses a viewer', () => h.http().get(path).set('Authorization', tokens.viewer).expect(403));
    it("refuses another unit's tablet", async () => {
      const res = await h
        .http()
        .get(path)
        .set('Authorization', bearer({ sub: 't2', roles: ['kiosk'], units: ['07216'] }))
        .expect(403);
      expect(res.body.code).toBe('AUTH.UNIT_OUT_OF_SCOPE');
    });
    it('refuses the officer of the unit, whom the answer rates (issue #16 row 3)', () =>
      h.http().get(path).set('Authorization', tokens.officer).expect(403));
  });

  describe('when a dossier result is returned', () => {
    it('creates one SIPAS invitation for the dossier, even when told twice', async () => {
      const dossierId = randomUUID();
      const event = aReturnedResult({ dossierId, actorId: 'officer-7' });
      await produce(h, Topics.DOSSIER, [event, aReturnedResult({ dossierId })]);
      const res = await waitFor(
        async () => {
          const r = await h
            .http()
            .get(`/api/v1/units/${COMMUNE}/dossiers/${dossierId}/invitation`)
            .set('Authorization', tokens.officer);
          return r.status === 200 && r;
        },
        { message: 'the SIPAS invitation' },
      );
      expect(res.body).toMatchObject({
        kind: 'SIPAS',
        dossierId,
        officerId: 'officer-7',
        surveyId: SEED_SIPAS_SURVEY_ID,
        version: 1,
        counterNo: null,
      });
      const days =
        (new Date(res.body.expiresAt).getTime() - new Date(res.body.createdAt).getTime()) / 86_400_000;
      expect(days).toBe(30);
      // The token is the credential to answer: who was handed it is in the unit's audit log (issue #16).
      const log = await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/audit-log?action=invitation.fetch`)
        .set('Authorization', tokens.unitAdmin)
        .expect(200);
      expect(
        log.body.items.filter((e: { details: { dossierId?: string } }) => e.details.dossierId === dossierId),
      ).toEqual([expect.objectContaining({ actorId: 'officer-7', details: { dossierId } })]);
      await produce(h, Topics.DOSSIER, [event]);
      const marker = aReturnedResult();
      await produce(h, Topics.DOSSIER, [marker]);
      await waitFor(
        async () =>
          (await count(h, 'SELECT count(*)::int AS n FROM invitations WHERE dossier_id = $1', [
            marker.subject,
          ])) === 1,
        { message: 'marker' },
      );
      expect(
        await count(h, 'SELECT count(*)::int AS n FROM invitations WHERE dossier_id = $1', [dossierId]),
      ).toBe(1);
      const q = await h.http().get(`/api/v1/public/surveys/${res.body.token}`).expect(200);
      expect(q.body.questions).toHaveLength(25);
    });

    it("does not show a dossier's invitation to another unit", async () => {
      const dossierId = randomUUID();
      await produce(h, Topics.DOSSIER, [aReturnedResult({ dossierId })]);
      await waitFor(
        async () =>
          (await count(h, 'SELECT count(*)::int AS n FROM invitations WHERE dossier_id = $1', [
            dossierId,
          ])) === 1,
        { message: 'invitation' },
      );
      await h
        .http()
        .get(`/api/v1/units/07216/dossiers/${dossierId}/invitation`)
        .set('Authorization', tokens.otherOfficer)
        .expect(404);
      await h
        .http()
        .get(`/api/v1/units/${COMMUNE}/dossiers/${dossierId}/invitation`)
        .set('Authorization', tokens.otherOfficer)
        .expect(403);
    });
  });
});
