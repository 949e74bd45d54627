import { Topics } from '@fg/contracts';
import { bearer, readTopic, waitFor } from '@fg/platform/testing';
import request from 'supertest';
import { RunningSystem, startSystem } from '../support/system';

const UNIT = '09001';
const OFFICER = 'can-bo-ho-tich-1';
const admin = bearer({ roles: ['admin'] });
const kiosk = bearer({ roles: ['kiosk'], units: [UNIT], sub: 'kiosk-1' });
const officer = bearer({ roles: ['officer'], units: [UNIT], sub: OFFICER });
const assessor = bearer({ roles: ['assessor'], units: ['*'] });
const viewer = bearer({ roles: ['viewer'] });
const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

describe('a citizen at a commune office, across all four services', () => {
  let s: RunningSystem;
  const http = (name: keyof RunningSystem['apps']) => request(s.apps[name].getHttpServer());

  beforeAll(async () => {
    s = await startSystem('journey');
    await http('rating')
      .post('/api/v1/units/import')
      .set('Authorization', admin)
      .send({
        units: [
          { code: '90', name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE' },
          { code: UNIT, name: 'Xã Thân Thiện', level: 'COMMUNE', parentCode: '90' },
        ],
      })
      .expect(200);
    for (const name of ['queue', 'dossier', 'survey'] as const) {
      await waitFor(
        async () =>
          (await http(name).get(`/api/v1/units/${UNIT}`).set('Authorization', viewer)).status === 200,
        { message: `${name} unit copy` },
      );
    }
    await http('queue')
      .put(`/api/v1/units/${UNIT}/services/HT`)
      .set('Authorization', admin)
      .send({ name: 'Hộ tịch', prefix: 'A', active: true })
      .expect(200);
    await http('queue')
      .put(`/api/v1/units/${UNIT}/counters/1`)
      .set('Authorization', admin)
      .send({ name: 'Quầy 1', serviceCodes: ['HT'] })
      .expect(200);
  });
  afterAll(async () => {
    await s.stop();
  });

  it('takes a ticket, hands in a dossier that goes late, gets an apology, rates the officer, answers SIPAS, and the dashboards show it', async () => {
    // 1. The citizen takes a ticket at the kiosk and is called to counter 1.
    const ticket = (
      await http('queue')
        .post(`/api/v1/units/${UNIT}/tickets`)
        .set('Authorization', kiosk)
        .send({ serviceCode: 'HT', priority: 'ELDERLY' })
        .expect(201)
    ).body;
    expect(ticket.number).toBe('A001');
    await http('queue')
      .post(`/api/v1/units/${UNIT}/counters/1/open`)
      .set('Authorization', officer)
      .send({})
      .expect(200);
    const call = (
      await http('queue')
        .post(`/api/v1/units/${UNIT}/counters/1/call-next`)
        .set('Authorization', officer)
        .send({})
        .expect(200)
    ).body;
    expect(call.ticket.id).toBe(ticket.id);
    expect(call.reason).toMatch(/ELDERLY/);
    await http('queue')
      .post(`/api/v1/tickets/${ticket.id}/start`)
      .set('Authorization', officer)
      .send({})
      .expect(200);

    // 2. The dossier handed in is linked to the ticket; it was received weeks ago (e.g. by post) so it is already late.
    const receivedAt = new Date(Date.now() - 40 * 86400_000).toISOString();
    const dossier = (
      await http('dossier')
        .post('/api/v1/dossiers')
        .set('Authorization', officer)
        .send({
          procedureCode: 'HT-KHAI-SINH',
          unitCode: UNIT,
          channel: 'COUNTER',
          receivedAt,
          ticketId: ticket.id,
          applicant: { fullName: 'Nguyễn Thị Hương', phone: '0912345678' },
        })
        .expect(201)
    ).body;
    await http('queue')
      .post(`/api/v1/tickets/${ticket.id}/complete`)
      .set('Authorization', officer)
      .send({ dossierId: dossier.id })
      .expect(200);

    // 3. The tablet at counter 1 offers the rating for this ticket; the citizen gives 5 stars.
    const invitation = await waitFor(
      async () => {
        const r = await http('survey')
          .get(`/api/v1/units/${UNIT}/counters/1/pending-invitation`)
          .set('Authorization', kiosk);
        return r.status === 200 && r.body.ticketId === ticket.id && r.body;
      },
      { message: 'tablet invitation' },
    );
    const tablet = (await http('survey').get(`/api/v1/public/surveys/${invitation.token}`).expect(200)).body;
    const starQuestion = tablet.questions.find((q: { type: string }) => q.type === 'STARS');
    await http('survey')
      .post(`/api/v1/public/surveys/${invitation.token}/responses`)
      .send({ answers: { [starQuestion.code]: 5 } })
      .expect(201);

    // 4. The dossier goes overdue, the office apologises with a new appointment, resolves it late and returns it.
    const act = (action: string, body: object = {}) =>
      http('dossier')
        .post(`/api/v1/dossiers/${dossier.id}/${action}`)
        .set('Authorization', officer)
        .send(body);
    await act('start').expect(200);
    const appointment = (
      await http('dossier')
        .post('/api/v1/calendar/due-date')
        .set('Authorization', officer)
        .send({ unitCode: UNIT, receivedAt: new Date().toISOString(), amount: 2, unit: 'WORKING_DAYS' })
        .expect(200)
    ).body.dueAt;
    await act('apology', {
      reason: 'Cần xác minh thông tin hộ tịch với nơi cư trú trước đây',
      newDueAt: appointment,
      signer: 'Chủ tịch UBND xã',
    }).expect(201);
    const pdf = await http('dossier')
      .get(`/api/v1/dossiers/${dossier.id}/apology.pdf`)
      .set('Authorization', officer)
      .expect(200);
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    const resolved = (await act('resolve', { outcome: 'APPROVED' }).expect(200)).body;
    expect(resolved.timeliness).toBe('LATE');
    await act('return-result').expect(200);

    // 5. The result receipt carries the SIPAS link; the citizen answers every question "very satisfied".
    const sipasInvite = await waitFor(
      async () => {
        const r = await http('survey')
          .get(`/api/v1/units/${UNIT}/dossiers/${dossier.id}/invitation`)
          .set('Authorization', officer);
        return r.status === 200 && r.body;
      },
      { message: 'SIPAS invitation' },
    );
    const sipas = (await http('survey').get(`/api/v1/public/surveys/${sipasInvite.token}`).expect(200)).body;
    const answers: Record<string, unknown> = {};
    for (const q of sipas.questions) {
      if (q.type === 'LIKERT5') answers[q.code] = 'VERY_SATISFIED';
      if (q.type === 'SCORE_0_2') answers[q.code] = 2;
      if (q.type === 'STARS') answers[q.code] = 5;
    }
    await http('survey')
      .post(`/api/v1/public/surveys/${sipasInvite.token}/responses`)
      .send({ answers })
      .expect(201);

    // 6. An assessor enters the assessed criteria; the commune gets a final star level.
    const scheme = (
      await http('rating').get('/api/v1/schemes/BAC_GIANG_2023').set('Authorization', viewer).expect(200)
    ).body;
    for (const k of scheme.criteria.filter((c: { kind: string }) => c.kind === 'ASSESSED')) {
      await http('rating')
        .put(`/api/v1/units/${UNIT}/assessments/${year}/criteria/${k.code}`)
        .set('Authorization', assessor)
        .send({ points: k.maxPoints, evidence: 'Biên bản kiểm tra' })
        .expect(200);
    }

    // The dashboards reflect all of it.
    const card = await waitFor(
      async () => {
        const c = (
          await http('rating')
            .get(`/api/v1/units/${UNIT}/scorecard?year=${year}`)
            .set('Authorization', viewer)
        ).body;
        const metric = (m: string) => c.criteria?.find((k: any) => k.how?.metric === m)?.how.value;
        return (
          metric('SURVEY_RESPONSES') === 2 &&
          metric('TICKETS_SERVED') === 1 &&
          metric('ON_TIME_RATE') === 0 &&
          c.provisional === false &&
          c
        );
      },
      { message: 'scorecard with the journey', timeoutMs: 60000 },
    );
    const metric = (m: string) => card.criteria.find((k: any) => k.how?.metric === m).how.value;
    expect(metric('LATE_WITHOUT_APOLOGY_COUNT')).toBe(0); // late, but apologised
    expect(metric('OFFICER_STAR_MEAN')).toBe(5);
    expect(card.stars).toBeGreaterThanOrEqual(1);

    const stats = (
      await http('dossier')
        .get(`/api/v1/stats/timeliness?unitCode=${UNIT}&groupBy=unit`)
        .set('Authorization', viewer)
        .expect(200)
    ).body.total;
    expect(stats).toMatchObject({ received: 1, finished: 1, late: 1, lateWithoutApology: 0, onTimeRate: 0 });
    const satisfaction = (
      await http('survey')
        .get(`/api/v1/stats/satisfaction?unitCode=${UNIT}`)
        .set('Authorization', viewer)
        .expect(200)
    ).body.total;
    expect(satisfaction.responses).toBe(2);
    expect(satisfaction.byElement.OFFICER.satisfiedRate).toBe(1);
    const ranking = await waitFor(
      async () => {
        const r = (
          await http('rating').get(`/api/v1/units/${UNIT}/officers/ranking`).set('Authorization', viewer)
        ).body;
        return r.officers?.find(
          (o: { officerId: string; count: number }) => o.officerId === OFFICER && o.count === 1,
        );
      },
      { message: 'officer in the ranking' },
    );
    expect(ranking.rawMean).toBe(5);

    // Crossing the certification threshold published a star-level change whose final level matches the scorecard.
    const changes = await readTopic(`${s.env.topicPrefix}${Topics.RATING}`, (ms) =>
      ms.some(
        (m) =>
          JSON.parse(m.value!).type === 'unit.star-level-changed' &&
          JSON.parse(m.value!).data.to === card.stars,
      ),
    );
    const mine = changes
      .map((m) => JSON.parse(m.value!))
      .filter((e) => e.type === 'unit.star-level-changed' && e.data.code === UNIT);
    expect(mine[mine.length - 1].data).toMatchObject({ from: 0, to: card.stars, year });
  }, 240_000);
});
