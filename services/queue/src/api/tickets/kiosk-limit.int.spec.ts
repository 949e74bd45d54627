import { bearer } from '@fg/platform/testing';
import { issue, QueueKit, setUpOffice, startQueue, tokens, UNIT } from '../../testing/queue-test-kit';

/** Issue #16 row 9: one kiosk token issued 1,200 ELDERLY tickets in 17 s and the board showed them all waiting. */
describe('when one kiosk device issues tickets faster than citizens can', () => {
  let kit: QueueKit;
  beforeAll(async () => {
    process.env.QUEUE_KIOSK_TICKET_LIMIT = '3';
    kit = await startQueue('queue_kiosk_limit');
    delete process.env.QUEUE_KIOSK_TICKET_LIMIT;
    await setUpOffice(kit);
  });
  afterAll(() => kit.close());

  const waiting = async () =>
    (await kit.db.query(`SELECT count(*)::int AS n FROM tickets WHERE status = 'WAITING'`))[0].n as number;

  it('refuses the device with 429 and Retry-After, writing no ticket and no number', async () => {
    for (let i = 0; i < 3; i++) await issue(kit, { serviceCode: 'HT', priority: 'ELDERLY' }).expect(201);
    const limited = await issue(kit, { serviceCode: 'HT', priority: 'ELDERLY' }).expect(429);
    expect(limited.body.code).toBe('TICKET.KIOSK_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await waiting()).toBe(3);
    // The next ticket of another device gets the next number: the refused one used none.
    const other = bearer({ sub: 'kiosk-2', roles: ['kiosk'], units: [UNIT] });
    const next = await issue(kit, { serviceCode: 'HT' }, UNIT, other).expect(201);
    expect(next.body.number).toBe('A004');
  });

  it('does not limit an officer issuing a ticket at the counter', async () => {
    for (let i = 0; i < 4; i++) await issue(kit, { serviceCode: 'HT' }, UNIT, tokens.officer).expect(201);
  });
});
