import { bearer } from '@fg/platform/testing';
import { QueueClock } from '../../services/queue/src/application/queue-clock';
import { QueueKit, startQueue, tokens } from '../../services/queue/src/testing/queue-test-kit';
import { COUNTERS, SERVICE_QUEUES } from '../../tools/sim/office-setup';
import {
  runQueueDay,
  STANDARD_MINUTES,
  waitAccuracy,
  waitAccuracyTable,
  type QueueDayDriver,
  type WaitAccuracy,
} from '../../tools/sim/queue-day';

/*
 * Issue #17 item 6: how far the wait estimate given at the kiosk is from the wait that follows, per service, over
 * a simulated morning (tools/sim/queue-day.ts) of two identical offices: one with its standard service times
 * configured, one on the default prior. `npm run simulate -- --wait-estimates` runs this spec; the figures are
 * printed as `[figures]` and recorded in docs/domain.md §Queue with the figures of the code before issue #17.
 */
const SEED = Number(process.env.SIM_SEED ?? 42);
const DAY = '2026-12-07'; // a Monday
const CONFIGURED = '07210';
const DEFAULT_PRIOR = '07211';

describe('wait estimate accuracy over a simulated morning', () => {
  let kit: QueueKit;
  let now = new Date(`${DAY}T07:00:00+07:00`);
  beforeAll(async () => {
    kit = await startQueue('sim_wait_accuracy', [CONFIGURED, DEFAULT_PRIOR]);
    jest.spyOn(kit.app.get(QueueClock), 'now').mockImplementation(() => now);
  });
  afterAll(() => kit.close());

  /** The office of tools/sim/office-setup.ts; the standard times only where asked (and where the API takes them). */
  async function setUp(unitCode: string, standard: boolean): Promise<boolean> {
    let configured = standard;
    for (const s of SERVICE_QUEUES) {
      const put = (body: object) =>
        kit
          .http()
          .put(`/api/v1/units/${unitCode}/services/${s.code}`)
          .set('Authorization', tokens.admin)
          .send(body);
      const body = { name: s.name, prefix: s.prefix, active: true };
      const res = await put(standard ? { ...body, standardServiceMinutes: STANDARD_MINUTES[s.code] } : body);
      // A queue service from before issue #17 has no standard times (the BEFORE figures): set up without them.
      if (res.status === 400 && /standardServiceMinutes/.test(JSON.stringify(res.body))) {
        configured = false;
        await put(body).expect(200);
      } else expect(res.status).toBe(200);
    }
    for (const c of COUNTERS)
      await kit
        .http()
        .put(`/api/v1/units/${unitCode}/counters/${c.counterNo}`)
        .set('Authorization', tokens.admin)
        .send({ name: c.name, serviceCodes: c.serviceCodes })
        .expect(200);
    return configured;
  }

  function driver(unitCode: string): QueueDayDriver {
    const officer = (no: string) =>
      bearer({ sub: `o-${unitCode}-${no}`, roles: ['officer'], units: [unitCode] });
    const holder = new Map<string, string>();
    const act = async (id: string, action: string) => {
      await kit
        .http()
        .post(`/api/v1/tickets/${id}/${action}`)
        .set('Authorization', officer(holder.get(id)!))
        .send({})
        .expect(200);
    };
    return {
      setNow: (at) => (now = at),
      openCounter: async (no) => {
        await kit
          .http()
          .post(`/api/v1/units/${unitCode}/counters/${no}/open`)
          .set('Authorization', officer(no))
          .send({})
          .expect(200);
      },
      issue: async (serviceCode, priority) => {
        const res = await kit
          .http()
          .post(`/api/v1/units/${unitCode}/tickets`)
          .set('Authorization', bearer({ sub: `kiosk-${unitCode}`, roles: ['kiosk'], units: [unitCode] }))
          .send({ serviceCode, priority })
          .expect(201);
        return res.body as { id: string; estimatedWaitMinutes: number };
      },
      callNext: async (no) => {
        const res = await kit
          .http()
          .post(`/api/v1/units/${unitCode}/counters/${no}/call-next`)
          .set('Authorization', officer(no))
          .send({});
        if (res.status === 204) return null;
        expect(res.status).toBe(200);
        holder.set(res.body.ticket.id, no);
        return res.body.ticket as { id: string; issuedAt: string; calledAt: string };
      },
      start: (id) => act(id, 'start'),
      complete: (id) => act(id, 'complete'),
      noShow: (id) => act(id, 'no-show'),
    };
  }

  it('reports the mean absolute error per service and keeps it within the stated bound', async () => {
    const configured = await setUp(CONFIGURED, true);
    await setUp(DEFAULT_PRIOR, false);
    const runs: Record<string, WaitAccuracy[]> = {};
    runs[configured ? 'standard times configured' : 'queue without standard times (before issue #17)'] =
      waitAccuracy(await runQueueDay(driver(CONFIGURED), DAY, SEED));
    runs['default prior (5 min)'] = waitAccuracy(await runQueueDay(driver(DEFAULT_PRIOR), DAY, SEED));
    console.log(`[figures] seed ${SEED}, ${DAY}\n${waitAccuracyTable(runs)}`);

    const all = Object.values(runs).map((rows) => rows.find((r) => r.serviceCode === 'ALL')!);
    expect(all[0].tickets).toBeGreaterThan(40);
    // The stated error (docs/domain.md §Queue): a mean absolute error within 45 % of the mean actual wait plus one
    // minute, over the morning and for each service with at least 10 citizens. The code before issue #17 missed
    // it (seed 42: 7.1 minutes against 6.4).
    if (configured)
      for (const r of runs['standard times configured'].filter((row) => row.tickets >= 10))
        expect(r.meanAbsoluteError).toBeLessThanOrEqual(0.45 * r.meanActual + 1);
  }, 600_000);
});
