import { readTopic } from '@fg/platform/testing';
import { Topics } from '@fg/contracts';
import { counterAction, issue, QueueKit, setUpOffice, startQueue, ticketAction, tokens, UNIT } from '../../testing/queue-test-kit';

describe('tickets over REST', () => {
  let kit: QueueKit;
  beforeAll(async () => {
    kit = await startQueue('queue_tickets');
    await setUpOffice(kit, [{ no: '1', services: ['HT', 'CT'] }]);
  });
  afterAll(() => kit.close());

  it('issues, calls, serves and completes a ticket and publishes each step keyed by unit', async () => {
    const res = await issue(kit, { serviceCode: 'HT', priority: 'ELDERLY' }).expect(201);
    expect(res.body).toMatchObject({ number: 'A001', serviceCode: 'HT', priority: 'ELDERLY', position: 1, estimatedWaitMinutes: 0 });
    await counterAction(kit, '1', 'open', { officerId: 'o-1' }).expect(200);
    const call = await counterAction(kit, '1', 'call-next').expect(200);
    expect(call.body).toMatchObject({ ticket: { id: res.body.id, status: 'CALLED', counterNo: '1' }, reason: 'priority ELDERLY' });
    await ticketAction(kit, res.body.id, 'start').expect(200);
    const done = await ticketAction(kit, res.body.id, 'complete').expect(200);
    expect(done.body.status).toBe('DONE');
    await counterAction(kit, '1', 'call-next').expect(204);

    const msgs = await readTopic(`${kit.env.topicPrefix}${Topics.QUEUE}`, (m) => m.length >= 5);
    expect(msgs.map((m) => JSON.parse(m.value!).type)).toEqual(['ticket.issued', 'counter.opened', 'ticket.called', 'ticket.serving-started', 'ticket.completed']);
    expect(new Set(msgs.map((m) => m.key))).toEqual(new Set([UNIT]));
  });

  it('refuses a transition naming the current status', async () => {
    const res = await issue(kit, { serviceCode: 'CT' }).expect(201);
    const refused = await ticketAction(kit, res.body.id, 'complete').expect(409);
    expect(refused.body).toMatchObject({ code: 'TICKET.INVALID_TRANSITION', details: { status: 'WAITING' } });
    expect(refused.body.message).toMatch(/it is WAITING/);
    await ticketAction(kit, res.body.id, 'cancel').expect(200);
  });

  it('answers the board', async () => {
    const board = await kit.http().get(`/api/v1/units/${UNIT}/board`).expect(200);
    expect(board.body.counters[0]).toMatchObject({ counterNo: '1', name: 'Quầy 1' });
    void tokens;
  });
});
