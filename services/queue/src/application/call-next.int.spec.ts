import {
  issue,
  counterAction,
  QueueKit,
  setUpOffice,
  startQueue,
  tokens,
  UNIT,
} from '../testing/queue-test-kit';
import { bearer } from '@fg/platform/testing';

const COUNTERS = Array.from({ length: 10 }, (_, i) => String(i + 1));
/** Each counter is opened by its own officer: the officer on duty is the token's subject (issue #16 row 2). */
const officerOf = (no: string) => bearer({ sub: `o-${no}`, roles: ['officer'], units: [UNIT] });

describe('call-next with 10 counters calling at once', () => {
  let kit: QueueKit;
  beforeAll(async () => {
    kit = await startQueue('queue_callnext');
    await setUpOffice(
      kit,
      COUNTERS.map((no) => ({ no, services: ['HT', 'CT'] })),
    );
    for (const no of COUNTERS) await counterAction(kit, no, 'open', {}, UNIT, officerOf(no)).expect(200);
  });
  afterAll(() => kit.close());

  /** Each counter calls until told nobody waits; returns what each counter got, in its own order. */
  async function drain(): Promise<{
    calls: Map<string, { id: string; number: string }[]>;
    requests: number;
    ms: number;
  }> {
    const calls = new Map<string, { id: string; number: string }[]>();
    let requests = 0;
    const started = Date.now();
    await Promise.all(
      COUNTERS.map(async (no) => {
        const mine: { id: string; number: string }[] = [];
        calls.set(no, mine);
        for (;;) {
          const res = await counterAction(kit, no, 'call-next', {}, UNIT, officerOf(no));
          requests++;
          if (res.status === 204) return;
          expect(res.status).toBe(200);
          mine.push({ id: res.body.ticket.id, number: res.body.ticket.number });
        }
      }),
    );
    return { calls, requests, ms: Date.now() - started };
  }

  it('never gives one ticket to two counters and never skips a waiting one', async () => {
    for (let i = 0; i < 150; i++) await issue(kit, { serviceCode: i % 3 === 0 ? 'CT' : 'HT' }).expect(201);
    const { calls, requests, ms } = await drain();
    console.log(
      `[figures] 10 counters: ${requests} call-next requests (150 calls + 10 empty) in ${ms} ms = ${Math.round((requests * 1000) / ms)} calls/s`,
    );

    const all = [...calls.values()].flat();
    expect(all).toHaveLength(150);
    expect(new Set(all.map((c) => c.id)).size).toBe(150);
    // Every ticket is normal, so each counter must have called in queue order: a counter that ever went
    // back to an earlier ticket would prove that ticket had been skipped while it waited.
    const issuedOrder = new Map<string, number>(
      (
        await kit.db.query(
          'SELECT id, row_number() OVER (ORDER BY issued_at, length(number), number) AS rank FROM tickets',
        )
      ).map((r: { id: string; rank: string }) => [r.id, Number(r.rank)]),
    );
    for (const [, mine] of calls) {
      const ranks = mine.map((c) => issuedOrder.get(c.id)!);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    const left = await kit.db.query(
      `SELECT status, count(*)::int AS n, count(DISTINCT counter_no)::int AS counters FROM tickets GROUP BY status`,
    );
    expect(left).toEqual([{ status: 'CALLED', n: 150, counters: 10 }]);
  });

  it('gives a single waiting ticket to exactly one of 10 simultaneous calls', async () => {
    const t = await issue(kit, { serviceCode: 'HT', priority: 'VETERAN' }).expect(201);
    const results = await Promise.all(
      COUNTERS.map((no) => counterAction(kit, no, 'call-next', {}, UNIT, officerOf(no))),
    );
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(winners[0].body).toMatchObject({ ticket: { id: t.body.id }, reason: 'priority VETERAN' });
    expect(results.filter((r) => r.status === 204)).toHaveLength(9);
  });

  it('keeps priority fair across concurrent counters: no duplicates with mixed priorities', async () => {
    const priorities = ['NONE', 'ELDERLY', 'NONE', 'PREGNANT', 'DISABLED', 'NONE'];
    for (let i = 0; i < 60; i++)
      await issue(kit, { serviceCode: 'HT', priority: priorities[i % priorities.length] }).expect(201);
    const { calls } = await drain();
    const all = [...calls.values()].flat();
    expect(all).toHaveLength(60);
    expect(new Set(all.map((c) => c.id)).size).toBe(60);
    const waiting = await kit.db.query(`SELECT count(*)::int AS n FROM tickets WHERE status = 'WAITING'`);
    expect(waiting[0].n).toBe(0);
  });

  it('explains the choice and follows the unit policy', async () => {
    await kit
      .http()
      .put(`/api/v1/units/${UNIT}/queue-policy`)
      .set('Authorization', tokens.unitAdmin)
      .send({ priorityClasses: ['ELDERLY'], maxConsecutivePriority: 1, maxWaitMinutes: 30 })
      .expect(200);
    const normal = await issue(kit, { serviceCode: 'HT' }).expect(201);
    const elderly1 = await issue(kit, { serviceCode: 'HT', priority: 'ELDERLY' }).expect(201);
    const elderly2 = await issue(kit, { serviceCode: 'HT', priority: 'ELDERLY' }).expect(201);
    const pregnant = await issue(kit, { serviceCode: 'HT', priority: 'PREGNANT' }).expect(201); // not listed: normal
    const order = [];
    for (let i = 0; i < 4; i++) {
      const res = await counterAction(kit, '1', 'call-next').expect(200);
      order.push([res.body.ticket.id, res.body.reason]);
    }
    expect(order).toEqual([
      [elderly1.body.id, 'priority ELDERLY'],
      [normal.body.id, 'normal after 1 priority calls'],
      [elderly2.body.id, 'priority ELDERLY'],
      [pregnant.body.id, 'first come first served'], // no priority ticket left to alternate with
    ]);
    await counterAction(kit, '1', 'call-next').expect(204);
  });

  it('refuses to call at a paused counter, naming its status', async () => {
    await counterAction(kit, '2', 'pause', { reason: 'Họp giao ban' }).expect(200);
    const res = await counterAction(kit, '2', 'call-next').expect(409);
    expect(res.body).toMatchObject({ code: 'COUNTER.NOT_OPEN', details: { status: 'PAUSED' } });
    await counterAction(kit, '2', 'resume').expect(200);
    await counterAction(kit, '2', 'call-next').expect(204);
  });
});
