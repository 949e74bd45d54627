import { Topics } from '@fg/contracts';
import { bearer, readTopic, waitFor } from '@fg/platform/testing';
import {
  addUnits,
  counterAction,
  issue,
  QueueKit,
  setUpOffice,
  startQueue,
  ticketAction,
  tokens,
  UNIT,
} from '../testing/queue-test-kit';

const admin = tokens.admin;

describe('bad inputs are refused with a 4xx and store nothing', () => {
  let kit: QueueKit;
  beforeAll(async () => {
    kit = await startQueue('queue_badinput');
    await addUnits(kit.env, ['07299'], { active: false });
    await waitFor(
      async () =>
        (await kit.http().get('/api/v1/units/07299').set('Authorization', admin)).body.active === false,
      { message: 'inactive unit' },
    );
    await setUpOffice(kit, [{ no: '1', services: ['HT'] }]);
    await kit
      .http()
      .put(`/api/v1/units/${UNIT}/services/OLD`)
      .set('Authorization', admin)
      .send({ name: 'Đã ngừng', prefix: 'Z', active: false })
      .expect(200);
  });
  afterAll(() => kit.close());

  const count = async (table: string) =>
    (await kit.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  describe('when taking a ticket', () => {
    it.each([
      ['an unknown unit', 'NOPE', { serviceCode: 'HT' }, 404, 'UNIT.NOT_FOUND'],
      ['an inactive unit', '07299', { serviceCode: 'HT' }, 409, 'UNIT.INACTIVE'],
      ['an unknown service', UNIT, { serviceCode: 'XX' }, 404, 'SERVICE.NOT_FOUND'],
      ['an inactive service', UNIT, { serviceCode: 'OLD' }, 409, 'SERVICE.INACTIVE'],
      ['an unknown priority', UNIT, { serviceCode: 'HT', priority: 'VIP' }, 400, 'REQUEST.INVALID'],
      ['no service', UNIT, { priority: 'ELDERLY' }, 400, 'REQUEST.INVALID'],
      ['an unknown field', UNIT, { serviceCode: 'HT', name: 'Nguyễn Văn A' }, 400, 'REQUEST.INVALID'],
      ['a bad unit code', 'bad code!', { serviceCode: 'HT' }, 400, 'UNIT.BAD_CODE'],
    ])('refuses %s', async (_, unit, body, status, code) => {
      const res = await issue(kit, body, encodeURIComponent(unit), admin).expect(status);
      expect(res.body).toMatchObject({ statusCode: status, code });
    });

    it('refuses malformed JSON', async () => {
      const res = await kit
        .http()
        .post(`/api/v1/units/${UNIT}/tickets`)
        .set('Authorization', admin)
        .set('Content-Type', 'application/json')
        .send('{"serviceCode":')
        .expect(400);
      expect(res.body.statusCode).toBe(400); // the platform reports it as HTTP.400 (Nest wraps body-parser errors)
    });

    it('stored no ticket, used no number and published nothing', async () => {
      expect(await count('tickets')).toBe(0);
      expect(await count('daily_sequences')).toBe(0);
      expect(await count('queue_stats')).toBe(0);
      const first = await issue(kit, { serviceCode: 'HT' }).expect(201);
      expect(first.body.number).toBe('A001');
      const msgs = await readTopic(`${kit.env.topicPrefix}${Topics.QUEUE}`, (m) => m.length >= 1);
      expect(msgs.map((m) => JSON.parse(m.value!).data.number)).toEqual(['A001']);
    });
  });

  describe('when setting up the office', () => {
    const put = (path: string, body: object) =>
      kit.http().put(`/api/v1/units/${UNIT}/${path}`).set('Authorization', admin).send(body);

    it('refuses a bad or taken prefix', async () => {
      expect(
        (await put('services/KS', { name: 'Khai sinh', prefix: 'a1' }).expect(400)).body.message,
      ).toMatch(/prefix must be 1-3 upper-case letters/);
      const taken = await put('services/KS', { name: 'Khai sinh', prefix: 'A' }).expect(409);
      expect(taken.body).toMatchObject({ code: 'SERVICE.PREFIX_TAKEN' });
      expect(taken.body.message).toMatch(/used by service HT/);
    });
    it('refuses a counter serving an unknown, no or a repeated service', async () => {
      expect(
        (await put('counters/9', { name: 'Quầy 9', serviceCodes: ['HT', 'NOPE'] }).expect(404)).body.message,
      ).toMatch(/no service NOPE/);
      await put('counters/9', { name: 'Quầy 9', serviceCodes: [] }).expect(400);
      await put('counters/9', { name: 'Quầy 9', serviceCodes: ['HT', 'HT'] }).expect(400);
      await put('counters/this-counter-number-is-too-long', { name: 'X', serviceCodes: ['HT'] }).expect(400);
    });
    it('refuses an invalid policy and keeps the defaults', async () => {
      await put('queue-policy', { maxConsecutivePriority: 99 }).expect(400);
      await put('queue-policy', { priorityClasses: ['NONE'] }).expect(400);
      await put('queue-policy', { maxWaitMinutes: 0 }).expect(400);
      const policy = await kit
        .http()
        .get(`/api/v1/units/${UNIT}/queue-policy`)
        .set('Authorization', admin)
        .expect(200);
      expect(policy.body).toMatchObject({ isDefault: true, maxConsecutivePriority: 3, maxWaitMinutes: 45 });
    });
    it('stored none of it', async () => {
      expect(await count(`service_queues WHERE code = 'KS'`)).toBe(0);
      expect(await count(`counters WHERE counter_no <> '1'`)).toBe(0);
      expect(await count('queue_policies')).toBe(0);
    });
  });

  describe('when working a counter and its tickets', () => {
    it('refuses unknown counters and missing fields', async () => {
      expect((await counterAction(kit, '7', 'open', { officerId: 'o-1' }).expect(404)).body.code).toBe(
        'COUNTER.NOT_FOUND',
      );
      await counterAction(kit, '1', 'open', { officerId: 42 }).expect(400);
      await counterAction(kit, '1', 'pause', {}).expect(400);
      const closed = await counterAction(kit, '1', 'pause', { reason: 'Nghỉ' }).expect(409);
      expect(closed.body).toMatchObject({
        code: 'COUNTER.INVALID_TRANSITION',
        details: { status: 'CLOSED' },
      });
    });
    it('refuses a second officer at an occupied counter', async () => {
      await counterAction(kit, '1', 'open', { officerId: 'o-1' }).expect(200);
      const o2 = bearer({ sub: 'o-2', roles: ['officer'], units: [UNIT] });
      expect((await counterAction(kit, '1', 'open', {}, UNIT, o2).expect(409)).body.code).toBe(
        'COUNTER.OCCUPIED',
      );
    });
    it('refuses bad ticket ids, unknown tickets and bad action bodies', async () => {
      expect((await ticketAction(kit, 'not-a-uuid', 'start').expect(400)).body.code).toBe('TICKET.BAD_ID');
      expect(
        (await ticketAction(kit, '00000000-0000-4000-8000-000000000000', 'start').expect(404)).body.code,
      ).toBe('TICKET.NOT_FOUND');
      const called = await counterAction(kit, '1', 'call-next').expect(200);
      const id = called.body.ticket.id;
      await ticketAction(kit, id, 'transfer', { serviceCode: 'NOPE' }).expect(404);
      await ticketAction(kit, id, 'transfer', { serviceCode: 'OLD' }).expect(409);
      await ticketAction(kit, id, 'transfer', {}).expect(400);
      await ticketAction(kit, id, 'complete', { dossierId: 'D-1' }).expect(400);
      expect((await ticketAction(kit, id, 'cancel').expect(409)).body.message).toMatch(/it is CALLED/);
      for (let i = 0; i < 3; i++) await ticketAction(kit, id, 'recall').expect(200);
      expect((await ticketAction(kit, id, 'recall').expect(409)).body.code).toBe(
        'TICKET.RECALL_LIMIT_REACHED',
      );
      const ticket = await kit.http().get(`/api/v1/tickets/${id}`).set('Authorization', admin).expect(200);
      expect(ticket.body).toMatchObject({ status: 'CALLED', serviceCode: 'HT', recallCount: 3 });
    });
  });
});
