import { Topics } from '@fg/contracts';
import { bearer, readTopic, waitFor } from '@fg/platform/testing';
import {
  counterAction,
  issue,
  QueueKit,
  setUpOffice,
  startQueue,
  ticketAction,
  tokens,
  UNIT,
} from '../../testing/queue-test-kit';

/*
 * Issue #17 item 2: the counter console's actions through the REST API, on a real database and broker —
 * a chosen ticket called out of order (with 20 counters racing for it), park / unpark, transfer to a counter
 * or an officer, and bad input that stores nothing.
 */
const COUNTERS = Array.from({ length: 20 }, (_, i) => String(i + 1));
const officerOf = (no: string) => bearer({ sub: `o-${no}`, roles: ['officer'], units: [UNIT] });
const admin = tokens.admin;

describe('counter console actions', () => {
  let kit: QueueKit;
  beforeAll(async () => {
    kit = await startQueue('queue_console_actions', [UNIT, '07299']);
    await setUpOffice(kit, [
      ...COUNTERS.map((no) => ({ no, services: no === '3' ? ['CT'] : ['HT'] })),
      { no: '21', services: ['HT'] },
    ]);
    for (const no of COUNTERS) await counterAction(kit, no, 'open', {}, UNIT, officerOf(no)).expect(200);
    // An officer of another unit, known there because he opened a counter of it.
    await setUpOffice(kit, [{ no: '1', services: ['HT'] }], '07299');
    const stranger = bearer({ sub: 'o-other', roles: ['officer'], units: ['07299'] });
    await counterAction(kit, '1', 'open', {}, '07299', stranger).expect(200);
  });
  afterAll(() => kit.close());

  const count = async (sql: string, params: unknown[] = []) =>
    (await kit.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;
  /** Outbox rows are deleted once published: its sequence tells whether anything was ever written. */
  const outboxSeq = async () =>
    Number((await kit.db.query('SELECT last_value, is_called FROM outbox_seq_seq'))[0].last_value);
  const ticket = async (id: string) =>
    (await kit.http().get(`/api/v1/tickets/${id}`).set('Authorization', admin).expect(200)).body;
  const callTicket = (no: string, body: object) =>
    counterAction(kit, no, 'call-ticket', body, UNIT, officerOf(no));

  describe('when 20 counters call the same chosen ticket at once', () => {
    it('exactly one wins; the others get 409 naming CALLED, and one ticket.called is written', async () => {
      const ahead = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body.id as string;
      const chosen = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body.id as string;
      const answers = await Promise.all(
        COUNTERS.map((no) => callTicket(no, { ticketId: chosen, reasonCode: 'RETURNING_CITIZEN' })),
      );
      const won = answers.filter((r) => r.status === 200);
      const lost = answers.filter((r) => r.status === 409);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const r of lost) {
        expect(r.body).toMatchObject({ code: 'TICKET.INVALID_TRANSITION', details: { status: 'CALLED' } });
        expect(r.body.message).toMatch(/it is CALLED/);
      }
      const winner = won[0].body;
      expect(winner).toMatchObject({
        ticket: { id: chosen, status: 'CALLED', outOfOrderReasonCode: 'RETURNING_CITIZEN' },
        outOfOrderReasonCode: 'RETURNING_CITIZEN',
        reasonVi: 'Công dân quay lại bổ sung giấy tờ',
      });
      expect(await count(`audit_log WHERE action = 'ticket.call-chosen' AND subject = $1`, [chosen])).toBe(1);
      expect(
        await kit.db.query(`SELECT out_of_order_reason_code AS code FROM tickets WHERE id = $1`, [chosen]),
      ).toEqual([{ code: 'RETURNING_CITIZEN' }]);
      // The winner's counter calling it again is a repeat, not a second call.
      const counterNo = winner.ticket.counterNo as string;
      await callTicket(counterNo, { ticketId: chosen, reasonCode: 'RETURNING_CITIZEN' }).expect(200);
      await ticketAction(kit, chosen, 'no-show', {}, officerOf(counterNo)).expect(200);
      // One key per unit keeps the topic in order: once the no-show is there, every call before it is too.
      const published = (
        await readTopic(`${kit.env.topicPrefix}${Topics.QUEUE}`, (m) =>
          m.some((x) => x.value!.includes('"ticket.no-show"') && x.value!.includes(chosen)),
        )
      ).map((m) => JSON.parse(m.value!) as { type: string; data: Record<string, unknown> });
      const calls = published.filter((e) => e.type === 'ticket.called' && e.data.ticketId === chosen);
      expect(calls).toHaveLength(1);
      expect(calls[0].data).toMatchObject({
        counterNo,
        reason: 'called',
        outOfOrderReasonCode: 'RETURNING_CITIZEN',
      });
      expect(calls[0].data.reasonCode).toBeUndefined();
      await ticketAction(kit, ahead, 'cancel').expect(200);
    });
  });

  describe('when a citizen is sent to fetch a document', () => {
    it('parks the ticket, keeps it out of call-next, and the same counter calls it back', async () => {
      const id = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body.id as string;
      await callTicket('5', { ticketId: id, reasonCode: 'SAME_GROUP' }).expect(200);
      await ticketAction(kit, id, 'recall', {}, officerOf('5')).expect(200);
      await ticketAction(kit, id, 'start', {}, officerOf('5')).expect(200);
      const boardAt5 = async () =>
        (await kit.http().get(`/api/v1/units/${UNIT}/board`).expect(200)).body.counters.find(
          (c: { counterNo: string }) => c.counterNo === '5',
        ) as { serving: { number: string } | null };
      const before = await ticket(id);
      await waitFor(async () => (await boardAt5()).serving?.number === before.number, {
        message: 'board shows the call at counter 5',
      });
      const parked = await ticketAction(
        kit,
        id,
        'park',
        { reasonCode: 'FETCH_DOCUMENT' },
        officerOf('5'),
      ).expect(200);
      expect(parked.body).toMatchObject({
        status: 'PARKED',
        counterNo: '5',
        parkReasonCode: 'FETCH_DOCUMENT',
      });
      const list = await kit
        .http()
        .get(`/api/v1/units/${UNIT}/counters/5/parked`)
        .set('Authorization', officerOf('5'))
        .expect(200);
      expect(list.body).toEqual([
        expect.objectContaining({ id, status: 'PARKED', parkReasonVi: 'Công dân đi lấy giấy tờ còn thiếu' }),
      ]);
      // The board stops showing the number at counter 5 while the citizen is away.
      await waitFor(async () => (await boardAt5()).serving === null, { message: 'board clears counter 5' });
      // Nobody else waits: call-next at its own and at every other counter finds nobody.
      for (const no of ['5', '6'])
        await counterAction(kit, no, 'call-next', {}, UNIT, officerOf(no)).expect(204);
      expect((await ticketAction(kit, id, 'unpark', {}, officerOf('6')).expect(200)).body).toMatchObject({
        status: 'CALLED',
        counterNo: '5',
      }); // any officer of the unit acts; the ticket returns to 5
      const back = await ticket(id);
      expect(back).toMatchObject({
        status: 'CALLED',
        counterNo: '5',
        officerId: 'o-5',
        recallCount: 1,
        firstCalledAt: before.firstCalledAt,
        issuedAt: before.issuedAt,
      });
      expect(
        await count(`audit_log WHERE action IN ('ticket.park', 'ticket.unpark') AND subject = $1`, [id]),
      ).toBe(2);
      // Called back: shown at counter 5 again.
      await waitFor(async () => (await boardAt5()).serving?.number === before.number, {
        message: 'board shows the call back at counter 5',
      });
      const parkedAgain = await ticketAction(kit, id, 'park', { reasonCode: 'PAY_FEE' }, officerOf('5'));
      expect(parkedAgain.status).toBe(200);
      await ticketAction(kit, id, 'no-show', {}, officerOf('5')).expect(200);
      expect((await ticketAction(kit, id, 'park', { reasonCode: 'PAY_FEE' }).expect(409)).body).toMatchObject(
        {
          code: 'TICKET.INVALID_TRANSITION',
          details: { status: 'NO_SHOW' },
        },
      );
    });
  });

  describe('when a ticket is transferred to a counter or an officer', () => {
    it('waits for that counter only, picked there by issue time, with its issue time kept', async () => {
      // Counter 3 serves CT only; an HT ticket transferred to it is called there, before a later CT ticket.
      const first = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body;
      const later = (await issue(kit, { serviceCode: 'CT' }).expect(201)).body;
      await callTicket('7', { ticketId: first.id, reasonCode: 'OTHER' }).expect(200);
      const moved = await ticketAction(
        kit,
        first.id,
        'transfer',
        { counterNo: '3', reasonCode: 'SPECIALIST_OFFICER' },
        officerOf('7'),
      ).expect(200);
      expect(moved.body).toMatchObject({ status: 'WAITING', serviceCode: 'HT', targetCounterNo: '3' });
      expect(moved.body.issuedAt).toBe(first.issuedAt);
      // Another HT counter does not take it.
      expect((await counterAction(kit, '8', 'call-next', {}, UNIT, officerOf('8'))).status).toBe(204);
      const at3 = await counterAction(kit, '3', 'call-next', {}, UNIT, officerOf('3')).expect(200);
      expect(at3.body.ticket).toMatchObject({ id: first.id, counterNo: '3' });
      expect(
        (await counterAction(kit, '3', 'call-next', {}, UNIT, officerOf('3')).expect(200)).body.ticket.id,
      ).toBe(later.id);
      const events = await readTopic(`${kit.env.topicPrefix}${Topics.QUEUE}`, (m) =>
        m.some((x) => x.value!.includes('"toCounterNo"')),
      );
      const transferred = events
        .map((m) => JSON.parse(m.value!))
        .find((e) => e.type === 'ticket.transferred');
      expect(transferred.data).toMatchObject({
        ticketId: first.id,
        fromServiceCode: 'HT',
        toServiceCode: 'HT',
        toCounterNo: '3',
        reasonCode: 'SPECIALIST_OFFICER',
      });
    });

    it("waits for the counter its officer is on duty at, and other counters' call-next skip it", async () => {
      const t = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body;
      await ticketAction(kit, t.id, 'transfer', { officerId: 'o-9' }).expect(200);
      expect((await counterAction(kit, '10', 'call-next', {}, UNIT, officerOf('10'))).status).toBe(204);
      const refused = await callTicket('10', { ticketId: t.id, reasonCode: 'OTHER' }).expect(409);
      expect(refused.body).toMatchObject({ code: 'TICKET.RESERVED' });
      expect(refused.body.message).toMatch(/officer o-9/);
      const at9 = await counterAction(kit, '9', 'call-next', {}, UNIT, officerOf('9')).expect(200);
      expect(at9.body.ticket).toMatchObject({ id: t.id, officerId: 'o-9', issuedAt: t.issuedAt });
    });
  });

  describe('when the input is bad', () => {
    it('refuses with 4xx naming what is wrong, and stores nothing', async () => {
      const t = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body;
      const rows = async () => ({
        outbox: await outboxSeq(),
        audit: await count('audit_log'),
        ticket: await kit.db.query(
          'SELECT status, counter_no, target_counter_no, target_officer_id FROM tickets WHERE id = $1',
          [t.id],
        ),
      });
      const before = await rows();
      const unknown = '00000000-0000-4000-8000-000000000000';
      const cases: [() => ReturnType<typeof callTicket>, number, string, RegExp][] = [
        [
          () => callTicket('1', { ticketId: unknown, reasonCode: 'OTHER' }),
          404,
          'TICKET.NOT_FOUND',
          /Ticket/,
        ],
        [
          () => callTicket('1', { ticketId: t.id, reasonCode: 'BECAUSE' }),
          400,
          'REQUEST.INVALID',
          /reasonCode/,
        ],
        [() => callTicket('1', { ticketId: 'x', reasonCode: 'OTHER' }), 400, 'REQUEST.INVALID', /ticketId/],
        [() => callTicket('1', { ticketId: t.id }), 400, 'REQUEST.INVALID', /reasonCode/],
        [
          () => callTicket('99', { ticketId: t.id, reasonCode: 'OTHER' }),
          404,
          'COUNTER.NOT_FOUND',
          /Counter 99/,
        ],
        [
          () => counterAction(kit, '21', 'call-ticket', { ticketId: t.id, reasonCode: 'OTHER' }),
          409,
          'COUNTER.NOT_OPEN',
          /CLOSED/,
        ],
        [
          () => ticketAction(kit, t.id, 'park', { reasonCode: 'FETCH_DOCUMENT' }),
          409,
          'TICKET.INVALID_TRANSITION',
          /it is WAITING/,
        ],
        [
          () => ticketAction(kit, t.id, 'park', { reasonCode: 'Đi photo' }),
          400,
          'REQUEST.INVALID',
          /reasonCode/,
        ],
        [() => ticketAction(kit, t.id, 'unpark'), 409, 'TICKET.INVALID_TRANSITION', /it is WAITING/],
        [() => ticketAction(kit, unknown, 'unpark'), 404, 'TICKET.NOT_FOUND', /Ticket/],
        [() => ticketAction(kit, t.id, 'transfer', {}), 400, 'QUEUE.INVALID_INPUT', /needs a target/],
        [
          () => ticketAction(kit, t.id, 'transfer', { serviceCode: 'CT', counterNo: '2' }),
          400,
          'QUEUE.INVALID_INPUT',
          /serviceCode, counterNo/,
        ],
        [
          () => ticketAction(kit, t.id, 'transfer', { counterNo: '2', officerId: 'o-2' }),
          400,
          'QUEUE.INVALID_INPUT',
          /counterNo, officerId/,
        ],
        [
          () => ticketAction(kit, t.id, 'transfer', { counterNo: '99' }),
          404,
          'COUNTER.NOT_FOUND',
          /Counter 99/,
        ],
        [() => ticketAction(kit, t.id, 'transfer', { counterNo: '21' }), 409, 'COUNTER.NOT_OPEN', /CLOSED/],
        [
          () => ticketAction(kit, t.id, 'transfer', { officerId: 'o-nobody' }),
          404,
          'OFFICER.NOT_FOUND',
          /o-nobody/,
        ],
        [
          () => ticketAction(kit, t.id, 'transfer', { officerId: 'o-other' }),
          403,
          'TRANSFER.OFFICER_OF_OTHER_UNIT',
          /o-other/,
        ],
        [
          () => ticketAction(kit, t.id, 'transfer', { serviceCode: 'NOPE' }),
          404,
          'SERVICE.NOT_FOUND',
          /NOPE/,
        ],
        [
          () => ticketAction(kit, t.id, 'transfer', { counterNo: '2', reasonCode: 'BORED' }),
          400,
          'REQUEST.INVALID',
          /reasonCode/,
        ],
      ];
      for (const [send, status, code, message] of cases) {
        const res = await send();
        expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
        expect(res.body.message).toMatch(message);
      }
      expect(await rows()).toEqual(before);
    });

    it('refuses a transfer to an officer of the unit who is on duty nowhere (409), storing nothing', async () => {
      const t = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body;
      await counterAction(kit, '20', 'close', {}, UNIT, officerOf('20')).expect(200);
      const outbox = await outboxSeq();
      const res = await ticketAction(kit, t.id, 'transfer', { officerId: 'o-20' }).expect(409);
      expect(res.body).toMatchObject({ code: 'OFFICER.NOT_ON_DUTY', details: { status: 'CLOSED' } });
      expect(await outboxSeq()).toBe(outbox);
      expect((await ticket(t.id)).status).toBe('WAITING');
    });

    it('refuses a standard service time outside 1-240 whole minutes, naming it, and keeps the stored one', async () => {
      const put = (standardServiceMinutes: unknown) =>
        kit
          .http()
          .put(`/api/v1/units/${UNIT}/services/HT`)
          .set('Authorization', admin)
          .send({ name: 'Hộ tịch', prefix: 'A', standardServiceMinutes });
      expect((await put(12).expect(200)).body).toMatchObject({ code: 'HT', standardServiceMinutes: 12 });
      for (const bad of [0, 241, 2.5, '8'])
        expect((await put(bad).expect(400)).body.message).toMatch(/standardServiceMinutes/);
      const services = await kit
        .http()
        .get(`/api/v1/units/${UNIT}/services`)
        .set('Authorization', admin)
        .expect(200);
      expect(services.body.items).toContainEqual(
        expect.objectContaining({ code: 'HT', standardServiceMinutes: 12 }),
      );
    });

    it('serves the new reason catalogues with Vietnamese labels', async () => {
      const res = await kit.http().get('/api/v1/reason-codes?kind=PARK').expect(200);
      expect(res.body).toContainEqual({
        kind: 'PARK',
        code: 'PAY_FEE',
        labelVi: 'Công dân đi nộp phí, lệ phí',
      });
      const all = await kit.http().get('/api/v1/reason-codes').expect(200);
      const kinds = new Set((all.body as { kind: string }[]).map((r) => r.kind));
      expect([...kinds].sort()).toEqual(['OUT_OF_ORDER_CALL', 'PARK', 'PAUSE', 'TRANSFER']);
    });
  });
});
