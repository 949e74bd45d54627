import { readTopic } from '@fg/platform/testing';
import { Topics } from '@fg/contracts';
import {
  counterAction,
  issue,
  QueueKit,
  setUpOffice,
  startQueue,
  ticketAction,
  UNIT,
} from '../../testing/queue-test-kit';

describe('tickets over REST', () => {
  let kit: QueueKit;
  beforeAll(async () => {
    kit = await startQueue('queue_tickets');
    await setUpOffice(kit, [{ no: '1', services: ['HT', 'CT'] }]);
  });
  afterAll(() => kit.close());

  it('issues, calls, serves and completes a ticket and publishes each step keyed by unit', async () => {
    const res = await issue(kit, { serviceCode: 'HT', priority: 'ELDERLY' }).expect(201);
    expect(res.body).toMatchObject({
      number: 'A001',
      serviceCode: 'HT',
      priority: 'ELDERLY',
      position: 1,
      estimatedWaitMinutes: 0,
    });
    await counterAction(kit, '1', 'open', { officerId: 'o-1' }).expect(200);
    const call = await counterAction(kit, '1', 'call-next').expect(200);
    expect(call.body).toMatchObject({
      ticket: { id: res.body.id, status: 'CALLED', counterNo: '1' },
      reason: 'priority ELDERLY',
    });
    await ticketAction(kit, res.body.id, 'start').expect(200);
    const done = await ticketAction(kit, res.body.id, 'complete').expect(200);
    expect(done.body.status).toBe('DONE');
    await counterAction(kit, '1', 'call-next').expect(204);

    const msgs = await readTopic(`${kit.env.topicPrefix}${Topics.QUEUE}`, (m) => m.length >= 5);
    expect(msgs.map((m) => JSON.parse(m.value!).type)).toEqual([
      'ticket.issued',
      'counter.opened',
      'ticket.called',
      'ticket.serving-started',
      'ticket.completed',
    ]);
    expect(new Set(msgs.map((m) => m.key))).toEqual(new Set([UNIT]));
  });

  it('refuses a transition naming the current status', async () => {
    const res = await issue(kit, { serviceCode: 'CT' }).expect(201);
    const refused = await ticketAction(kit, res.body.id, 'complete').expect(409);
    expect(refused.body).toMatchObject({ code: 'TICKET.INVALID_TRANSITION', details: { status: 'WAITING' } });
    expect(refused.body.message).toMatch(/it is WAITING/);
    await ticketAction(kit, res.body.id, 'cancel').expect(200);
  });

  it('transfers a called ticket to another queue, keeping its number and issue time', async () => {
    const t = await issue(kit, { serviceCode: 'HT' }).expect(201);
    await counterAction(kit, '1', 'call-next').expect(200);
    const moved = await ticketAction(kit, t.body.id, 'transfer', { serviceCode: 'CT' }).expect(200);
    expect(moved.body).toMatchObject({
      status: 'WAITING',
      serviceCode: 'CT',
      number: t.body.number,
      issuedAt: t.body.issuedAt,
      transferCount: 1,
    });
    const again = await counterAction(kit, '1', 'call-next').expect(200);
    expect(again.body.ticket).toMatchObject({ id: t.body.id, serviceCode: 'CT' });
    await ticketAction(kit, t.body.id, 'no-show').expect(200);
  });

  it('describes every endpoint in OpenAPI', async () => {
    const docs = await kit.http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/units/{unitCode}/services/{serviceCode}',
        '/api/v1/units/{unitCode}/counters/{counterNo}',
        '/api/v1/units/{unitCode}/queue-policy',
        '/api/v1/units/{unitCode}/tickets',
        '/api/v1/units/{unitCode}/counters/{counterNo}/call-next',
        '/api/v1/tickets/{id}/transfer',
        '/api/v1/units/{unitCode}/board',
        '/api/v1/units/{unitCode}/board/stream',
        '/api/v1/units/{unitCode}/queue-stats',
      ]),
    );
  });
});
