import { randomUUID } from 'node:crypto';
import { createEvent, TicketCompleted, Topics } from '@fg/contracts';
import { produceRaw, waitFor } from '@fg/platform/testing';
import {
  aProvince,
  anIntake,
  daysAgo,
  DossierTestKit,
  seedUnits,
  startDossierKit,
  tokens,
} from '../../testing/dossier-test-kit';

const [province, communeA, communeB] = aProvince('IN');

describe('dossier intake over HTTP', () => {
  let kit: DossierTestKit;
  beforeAll(async () => {
    kit = await startDossierKit('dossier_intake', [province, communeA, communeB]);
  });
  afterAll(() => kit.close());

  const post = (body: object, auth = tokens.portal()) =>
    kit.http().post('/api/v1/dossiers').set('Authorization', auth).send(body);
  const count = async (sql: string, params: unknown[] = []) =>
    (await kit.db.query(sql, params))[0].n as number;

  describe('when a counter dossier is received', () => {
    it('answers 201 with its code, status 2, due date and a look-up key, and publishes dossier.received keyed by its id', async () => {
      const res = await post(anIntake(communeA.code, { receivedAt: '2025-07-07T09:00:00+07:00' })).expect(
        201,
      );
      expect(res.body).toMatchObject({
        code: `${communeA.code}-250707-0001`,
        status: 'RECEIVED',
        statusCode: 2,
        receivedAt: '2025-07-07T02:00:00.000Z',
        // HT-XAC-NHAN-TTHN: 3 working days; Mon 7 Jul 09:00 → Thu 10 Jul 17:00 (local, §Due dates)
        dueAt: '2025-07-10T10:00:00.000Z',
      });
      expect(res.body.lookupKey).toMatch(/^[2-9A-Z]{10}$/);
      expect(res.body.calendarVersion).toMatch(/^2025-[0-9a-f]{12}$/);

      const events = await kit.dossierEvents((es) => es.some((e) => e.subject === res.body.id));
      const received = events.find((e) => e.subject === res.body.id)!;
      expect(received).toMatchObject({ key: res.body.id, type: 'dossier.received' });
      expect(received.data).toMatchObject({
        code: res.body.code,
        status: 'RECEIVED',
        statusCode: 2,
        dueAt: res.body.dueAt,
        sameDay: false,
        channel: 'COUNTER',
      });
      expect(received.raw).not.toMatch(/Nguyễn Thị Hương|024190000123|0912345678|huong@example/);
    });
  });

  describe('when the portal sends the same externalId again', () => {
    it('returns the same dossier and look-up key, never a second one', async () => {
      const body = anIntake(communeA.code, { externalId: 'portal-001', receivedAt: daysAgo(1) });
      const first = await post(body).expect(201);
      const again = await post(body).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(
        await count('SELECT count(*)::int AS n FROM dossiers WHERE external_id = $1', ['portal-001']),
      ).toBe(1);
    });

    it('returns one dossier to ten concurrent calls', async () => {
      const body = anIntake(communeB.code, {
        externalId: 'portal-concurrent',
        receivedAt: '2025-08-04T08:00:00+07:00',
      });
      const answers = await Promise.all(Array.from({ length: 10 }, () => post(body)));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(
        await count('SELECT count(*)::int AS n FROM dossiers WHERE external_id = $1', ['portal-concurrent']),
      ).toBe(1);
      // the losers gave their code number back: the next dossier of that day is 0002
      const next = await post(anIntake(communeB.code, { receivedAt: '2025-08-04T10:00:00+07:00' })).expect(
        201,
      );
      expect(next.body.code).toBe(`${communeB.code}-250804-0002`);
    });

    it('refuses the externalId reused for a different dossier', async () => {
      const res = await post(
        anIntake(communeA.code, { externalId: 'portal-001', procedureCode: 'HT-KHAI-SINH' }),
      ).expect(409);
      expect(res.body).toMatchObject({ code: 'DOSSIER.EXTERNAL_ID_REUSED' });
    });
  });

  it('numbers 50 concurrent intakes of one agency and day 0001…0050 without gaps or duplicates', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(
          anIntake(province.code, {
            receivedAt: `2025-09-10T0${i % 9}:${String(i).padStart(2, '0')}:00+07:00`,
          }),
        ),
      ),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const codes = answers.map((a) => a.body.code).sort();
    expect(codes).toEqual(
      Array.from({ length: 50 }, (_, i) => `${province.code}-250910-${String(i + 1).padStart(4, '0')}`),
    );
  });

  describe('when an online dossier is registered', () => {
    it('has status 1 and no due date until an officer accepts it; then dossier.accepted and dossier.received follow', async () => {
      const reg = await post(
        anIntake(communeA.code, { channel: 'ONLINE', procedureCode: 'HT-KHAI-SINH' }),
      ).expect(201);
      expect(reg.body).toMatchObject({ status: 'REGISTERED', statusCode: 1, dueAt: null, receivedAt: null });
      const accepted = await kit
        .http()
        .post(`/api/v1/dossiers/${reg.body.id}/accept`)
        .set('Authorization', tokens.officer(communeA.code))
        .expect(200);
      expect(accepted.body).toMatchObject({ status: 'RECEIVED', statusCode: 2 });
      expect(accepted.body.dueAt).not.toBeNull();
      const events = await kit.dossierEvents((es) => es.filter((e) => e.subject === reg.body.id).length >= 3);
      expect(events.filter((e) => e.subject === reg.body.id).map((e) => e.type)).toEqual([
        'dossier.registered',
        'dossier.accepted',
        'dossier.received',
      ]);
    });
  });

  describe('when the input is bad', () => {
    const before = { dossiers: 0, outbox: 0, counters: 0 };
    beforeAll(async () => {
      before.dossiers = await count('SELECT count(*)::int AS n FROM dossiers');
      before.counters = await count('SELECT coalesce(sum(seq), 0)::int AS n FROM dossier_code_counters');
    });

    it.each([
      [
        'an unknown procedure',
        anIntake(communeA.code, { procedureCode: 'NO-SUCH' }),
        /Procedure NO-SUCH is not in the procedure catalog/,
      ],
      [
        'a bad channel',
        anIntake(communeA.code, { channel: 'FAX' }),
        /channel must be one of COUNTER, ONLINE, POSTAL, HOME/,
      ],
      [
        'a receipt time without zone',
        anIntake(communeA.code, { receivedAt: '2025-07-07T09:00:00' }),
        /receivedAt must be an ISO-8601 date-time with a time zone/,
      ],
      [
        'a receipt time in the future',
        anIntake(communeA.code, { receivedAt: daysAgo(-2) }),
        /receivedAt .* is in the future/,
      ],
      [
        'no applicant name',
        anIntake(communeA.code, { applicant: { phone: '0912345678' } }),
        /applicant.fullName/,
      ],
      [
        'a bad e-mail',
        anIntake(communeA.code, { applicant: { fullName: 'Lê Văn Tám', email: 'not-mail' } }),
        /applicant.email: email must be an e-mail address/,
      ],
      [
        'an unknown field',
        { ...anIntake(communeA.code), priority: 'HIGH' },
        /property priority should not exist/,
      ],
      ['a bad ticket id', anIntake(communeA.code, { ticketId: 'T-1' }), /ticketId must be a UUID/],
    ])('answers 400 for %s, with a clear message', async (_, body, message) => {
      const res = await post(body).expect(400);
      expect(res.body.statusCode).toBe(400);
      expect(res.body.message).toMatch(message);
    });

    it('answers 404 UNIT.NOT_FOUND for a unit not in its copy of the registry, as every service does', async () => {
      const res = await post(anIntake('99999')).expect(404);
      expect(res.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'Unit 99999 not found',
        code: 'UNIT.NOT_FOUND',
      });
    });

    it('stored nothing and used no code number', async () => {
      expect(await count('SELECT count(*)::int AS n FROM dossiers')).toBe(before.dossiers);
      expect(await count('SELECT coalesce(sum(seq), 0)::int AS n FROM dossier_code_counters')).toBe(
        before.counters,
      );
    });
  });

  it('refuses new dossiers for a unit the registry has deactivated (e.g. merged)', async () => {
    const merged = { code: 'CINM', name: 'Xã Cũ', level: 'COMMUNE' as const, parentCode: province.code };
    await seedUnits(kit.env, kit.db, [merged]);
    await post(anIntake(merged.code)).expect(201);
    await seedUnits(kit.env, kit.db, [{ ...merged, active: false, revision: 2 }]);
    const res = await post(anIntake(merged.code)).expect(400);
    expect(res.body).toMatchObject({ code: 'DOSSIER.UNIT_INACTIVE' });
  });

  it("fixes the due date with the unit's own working hours, else its nearest configured ancestor's", async () => {
    const [prov, inheriting, ownHours] = aProvince('INH');
    await seedUnits(kit.env, kit.db, [prov, inheriting, ownHours]);
    const weekly = (
      await kit
        .http()
        .get(`/api/v1/calendar/working-hours/${prov.code}`)
        .set('Authorization', tokens.admin)
        .expect(200)
    ).body.config.weekly;
    const setHours = (unit: string, hours: object) =>
      kit
        .http()
        .put(`/api/v1/calendar/working-hours/${unit}`)
        .set('Authorization', tokens.admin)
        .send({ weekly: { ...weekly, ...hours } })
        .expect(200);
    await setHours(prov.code, { SAT: [{ start: '07:30', end: '11:30' }] });
    await setHours(ownHours.code, {
      SAT: [{ start: '07:30', end: '11:30' }],
      SUN: [{ start: '07:30', end: '11:30' }],
    });
    const receivedAt = '2025-07-10T16:00:00+07:00'; // a Thursday afternoon; HT-XAC-NHAN-TTHN takes 3 working days
    const expected = async (unitCode: string) =>
      (
        await kit
          .http()
          .post('/api/v1/calendar/due-date')
          .set('Authorization', tokens.admin)
          .send({ unitCode, receivedAt, amount: 3, unit: 'WORKING_DAYS' })
          .expect(200)
      ).body.dueAt;
    const dues = await Promise.all(
      [inheriting.code, ownHours.code, communeA.code].map(async (unit) => ({
        intake: (await post(anIntake(unit, { receivedAt })).expect(201)).body.dueAt,
        expected: await expected(unit),
      })),
    );
    expect(dues.map((d) => d.intake)).toEqual(dues.map((d) => d.expected));
    expect(new Set(dues.map((d) => d.intake)).size).toBe(3); // the three hours really differ
  });

  it('links the queue ticket a counter served the dossier under (ticket.completed)', async () => {
    const d = await post(anIntake(communeA.code)).expect(201);
    const ticketId = randomUUID();
    const completed = createEvent(
      TicketCompleted,
      {
        ticketId,
        number: 'A001',
        serviceCode: 'HT',
        priority: 'NONE',
        counterNo: '1',
        officerId: 'officer-1',
        issuedAt: new Date().toISOString(),
        completedAt: new Date().toISOString(),
        waitSeconds: 60,
        serviceSeconds: 300,
        dossierId: d.body.id,
      },
      { source: 'queue', subject: ticketId, unitcode: communeA.code },
    );
    await produceRaw(`${kit.env.topicPrefix}${Topics.QUEUE}`, [
      { key: communeA.code, value: JSON.stringify(completed) },
    ]);
    await waitFor(
      async () =>
        (await kit.http().get(`/api/v1/dossiers/${d.body.id}`).set('Authorization', tokens.portal())).body
          .ticketId === ticketId,
      {
        message: 'ticket linked to the dossier',
      },
    );
  });

  describe('roles and units', () => {
    it('needs a token, and the portal or officer role', async () => {
      await kit.http().post('/api/v1/dossiers').send(anIntake(communeA.code)).expect(401);
      const res = await post(anIntake(communeA.code), tokens.viewer(communeA.code)).expect(403);
      expect(res.body.message).toMatch(/requires one of the roles: portal, officer/);
    });

    it('refuses an officer of another unit (403), accepts one of the unit or of its province', async () => {
      const res = await post(anIntake(communeA.code), tokens.officer(communeB.code)).expect(403);
      expect(res.body.message).toBe(`You may not act for unit ${communeA.code}`);
      await post(anIntake(communeA.code), tokens.officer(communeA.code)).expect(201);
      await post(anIntake(communeA.code), tokens.officer(province.code)).expect(201);
    });

    it("hides another unit's dossier from an officer and lets the portal read it", async () => {
      const created = await post(anIntake(communeA.code)).expect(201);
      await kit
        .http()
        .get(`/api/v1/dossiers/${created.body.id}`)
        .set('Authorization', tokens.officer(communeB.code))
        .expect(403);
      const read = await kit
        .http()
        .get(`/api/v1/dossiers/${created.body.id}`)
        .set('Authorization', tokens.portal())
        .expect(200);
      expect(read.body.applicant.fullName).toBe('Nguyễn Thị Hương');
      await kit
        .http()
        .get(`/api/v1/dossiers/${created.body.id}`)
        .set('Authorization', tokens.viewer(communeA.code))
        .expect(403);
    });
  });
});
