import { randomUUID } from 'node:crypto';
import { counterAction, issue, QueueKit, setUpOffice, startQueue, UNIT } from '../../testing/queue-test-kit';
import { TICKET_LOOKUP_MISSES } from '../../application/public-ticket.service';

/** Issue #17 item 5: the public ticket look-up behind /t/{ticketId}. */
describe('GET /api/v1/public/tickets/{id}', () => {
  let kit: QueueKit;
  beforeAll(async () => {
    // supertest stands for the office's reverse proxy on loopback: its X-Forwarded-For names the citizen.
    process.env.TRUST_PROXY = 'loopback';
    kit = await startQueue('queue_public_tickets');
    await setUpOffice(kit, [{ no: '1', services: ['HT'] }]);
  });
  afterAll(async () => {
    delete process.env.TRUST_PROXY;
    await kit.close();
  });
  const lookup = (id: string, address = '10.0.0.1') =>
    kit.http().get(`/api/v1/public/tickets/${id}`).set('X-Forwarded-For', address);

  it('shows number, service, people ahead and wait without a token, never cached', async () => {
    const first = await issue(kit, { serviceCode: 'HT' }).expect(201);
    const second = await issue(kit, { serviceCode: 'HT' }).expect(201);
    const r = await lookup(second.body.id).expect(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body).toMatchObject({
      number: second.body.number,
      unitCode: UNIT,
      serviceCode: 'HT',
      serviceName: 'Hộ tịch',
      status: 'WAITING',
      peopleAhead: 1,
      counterNo: null,
      expired: false,
    });
    expect(r.body.estimatedWaitMinutes).toEqual(expect.any(Number));
    // Nothing of who holds, issued or serves the ticket.
    expect(Object.keys(r.body).sort()).toEqual(
      [
        'bookingCode',
        'calledAt',
        'counterName',
        'counterNo',
        'estimatedWaitMinutes',
        'expired',
        'issuedAt',
        'number',
        'peopleAhead',
        'serviceCode',
        'serviceName',
        'status',
        'unitCode',
        'unitName',
      ].sort(),
    );
    expect((await lookup(first.body.id).expect(200)).body.peopleAhead).toBe(0);
  });

  it('names the counter once the ticket is called', async () => {
    await counterAction(kit, '1', 'open').expect(200);
    const called = await counterAction(kit, '1', 'call-next').expect(200);
    const r = await lookup(called.body.ticket.id).expect(200);
    expect(r.body).toMatchObject({
      status: 'CALLED',
      counterNo: '1',
      counterName: 'Quầy 1',
      peopleAhead: null,
    });
    expect(r.body.calledAt).toEqual(expect.any(String));
  });

  it('refuses an id that is not a UUID with 400 naming it', async () => {
    const r = await lookup('A001').expect(400);
    expect(r.body.code).toBe('TICKET.BAD_ID');
  });

  it('counts unknown ids per address and then refuses that address with 429, others unaffected', async () => {
    for (let i = 0; i < TICKET_LOOKUP_MISSES; i++) await lookup(randomUUID(), '10.9.9.9').expect(404);
    const refused = await lookup(randomUUID(), '10.9.9.9').expect(429);
    expect(refused.body.code).toBe('TICKET.LOOKUP_RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const known = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body.id as string;
    await lookup(known, '10.9.9.9').expect(429); // the whole address waits, as the dossier look-up does
    await lookup(known, '10.0.0.2').expect(200);
  });
});
