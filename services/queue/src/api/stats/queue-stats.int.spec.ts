import { Topics } from '@fg/contracts';
import { bearer, readTopic } from '@fg/platform/testing';
import { QueueClock } from '../../application/queue-clock';
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

/** Local (UTC+7) time on Tuesday 1 July 2025. */
const local = (hhmm: string) => new Date(`2025-07-01T${hhmm}:00+07:00`);
const summary = (count: number, mean: number | null, median: number | null, p90: number | null) => ({
  count,
  mean,
  median,
  p90,
});
const none = summary(0, null, null, null);

/**
 * A scripted morning with known times (the service clock is driven by the test):
 *   08:00 A001 HT · 08:02 A002 HT · 08:04 B001 CT · 08:05 A003 HT · 08:06 counters 1 (HT, o-1) and 2 (HT+CT, o-2) open
 *   08:10 c1 calls A001 (waited 600 s) · 08:11 start · 08:16 done (served 300 s)
 *   08:12 c2 calls A002 (waited 600 s) · 08:13 start · 08:25 done (served 720 s)
 *   08:18 c1 calls A003 · 08:19 recall · 08:21 no-show
 *   08:26 c2 calls B001 (waited 1320 s) · 08:27 start · 09:05 done (served 2280 s)
 *   09:10 A004 HT issued · 09:12 cancelled
 */
describe('queue statistics after a scripted morning', () => {
  let kit: QueueKit;
  let now: Date;
  const at = (hhmm: string) => (now = local(hhmm));
  const stats = (groupBy: string) =>
    kit
      .http()
      .get(`/api/v1/units/${UNIT}/queue-stats?from=2025-07-01&to=2025-07-01&groupBy=${groupBy}`)
      .set('Authorization', tokens.viewer)
      .expect(200);

  beforeAll(async () => {
    kit = await startQueue('queue_stats');
    await setUpOffice(kit, [
      { no: '1', services: ['HT'] },
      { no: '2', services: ['HT', 'CT'] },
    ]);
    jest.spyOn(kit.app.get(QueueClock), 'now').mockImplementation(() => now);

    const t: Record<string, string> = {};
    const take = async (hhmm: string, serviceCode: string) => {
      at(hhmm);
      const r = await issue(kit, { serviceCode }).expect(201);
      t[r.body.number] = r.body.id;
    };
    const call = async (hhmm: string, counter: string, expected: string) => {
      at(hhmm);
      expect((await counterAction(kit, counter, 'call-next').expect(200)).body.ticket.number).toBe(expected);
    };
    const act = async (hhmm: string, number: string, action: string) => {
      at(hhmm);
      await ticketAction(kit, t[number], action).expect(200);
    };

    await take('08:00', 'HT');
    await take('08:02', 'HT');
    await take('08:04', 'CT');
    await take('08:05', 'HT');
    at('08:06');
    await counterAction(kit, '1', 'open', { officerId: 'o-1' }).expect(200);
    const o2 = bearer({ sub: 'o-2', roles: ['officer'], units: [UNIT] });
    await counterAction(kit, '2', 'open', { officerId: 'o-2' }, UNIT, o2).expect(200);
    await call('08:10', '1', 'A001');
    await act('08:11', 'A001', 'start');
    await call('08:12', '2', 'A002');
    await act('08:13', 'A002', 'start');
    await act('08:16', 'A001', 'complete');
    await call('08:18', '1', 'A003');
    await act('08:19', 'A003', 'recall');
    await act('08:21', 'A003', 'no-show');
    await act('08:25', 'A002', 'complete');
    await call('08:26', '2', 'B001');
    await act('08:27', 'B001', 'start');
    await act('09:05', 'B001', 'complete');
    await take('09:10', 'HT');
    await act('09:12', 'A004', 'cancel');
  });
  afterAll(() => kit.close());

  it('groups by service', async () => {
    const res = await stats('service');
    expect(res.body.groups).toEqual([
      {
        key: 'CT',
        tickets: 1,
        served: 1,
        noShows: 0,
        cancelled: 0,
        waitSeconds: summary(1, 1320, 1320, 1320),
        serviceSeconds: summary(1, 2280, 2280, 2280),
      },
      {
        key: 'HT',
        tickets: 4,
        served: 2,
        noShows: 1,
        cancelled: 1,
        waitSeconds: summary(2, 600, 600, 600),
        serviceSeconds: summary(2, 510, 300, 720),
      },
    ]);
    // Over all three served: waits 600, 600, 1320; services 300, 720, 2280. The exact median service is
    // 720; the histogram places a lone sample mid-bucket (600-900 s) and says 750 — within its stated error.
    expect(res.body.total).toEqual({
      tickets: 5,
      served: 3,
      noShows: 1,
      cancelled: 1,
      waitSeconds: summary(3, 840, 600, 1320),
      serviceSeconds: summary(3, 1100, 750, 2280),
    });
  });

  it('groups by counter and by officer, with tickets not yet at a counter under null', async () => {
    const expected = (one: string, two: string) => [
      {
        key: one,
        tickets: 0,
        served: 1,
        noShows: 1,
        cancelled: 0,
        waitSeconds: summary(1, 600, 600, 600),
        serviceSeconds: summary(1, 300, 300, 300),
      },
      {
        key: two,
        tickets: 0,
        served: 2,
        noShows: 0,
        cancelled: 0,
        waitSeconds: summary(2, 960, 600, 1320),
        serviceSeconds: summary(2, 1500, 720, 2280),
      },
      { key: null, tickets: 5, served: 0, noShows: 0, cancelled: 1, waitSeconds: none, serviceSeconds: none },
    ];
    expect((await stats('counter')).body.groups).toEqual(expected('1', '2'));
    expect((await stats('officer')).body.groups).toEqual(expected('o-1', 'o-2'));
  });

  it('groups by local hour and weekday', async () => {
    expect((await stats('hour')).body.groups).toEqual([
      {
        key: 8,
        tickets: 4,
        served: 2,
        noShows: 1,
        cancelled: 0,
        waitSeconds: summary(2, 600, 600, 600),
        serviceSeconds: summary(2, 510, 300, 720),
      },
      {
        key: 9,
        tickets: 1,
        served: 1,
        noShows: 0,
        cancelled: 1,
        waitSeconds: summary(1, 1320, 1320, 1320),
        serviceSeconds: summary(1, 2280, 2280, 2280),
      },
    ]);
    const weekday = (await stats('weekday')).body.groups;
    expect(weekday).toHaveLength(1);
    expect(weekday[0]).toMatchObject({ key: 2, tickets: 5, served: 3 }); // Tuesday
  });

  it('publishes completion with wait and service seconds, counter and officer, keyed by unit', async () => {
    const msgs = await readTopic(
      `${kit.env.topicPrefix}${Topics.QUEUE}`,
      (m) => m.filter((x) => JSON.parse(x.value!).type === 'ticket.cancelled').length >= 1,
    );
    const events = msgs.map((m) => ({ key: m.key, ...JSON.parse(m.value!) }));
    expect(new Set(events.map((e) => e.key))).toEqual(new Set([UNIT]));
    const completed = events.filter((e) => e.type === 'ticket.completed').map((e) => e.data);
    expect(completed).toEqual([
      expect.objectContaining({
        number: 'A001',
        counterNo: '1',
        officerId: 'o-1',
        waitSeconds: 600,
        serviceSeconds: 300,
        completedAt: '2025-07-01T01:16:00.000Z',
      }),
      expect.objectContaining({
        number: 'A002',
        counterNo: '2',
        officerId: 'o-2',
        waitSeconds: 600,
        serviceSeconds: 720,
      }),
      expect.objectContaining({
        number: 'B001',
        counterNo: '2',
        officerId: 'o-2',
        waitSeconds: 1320,
        serviceSeconds: 2280,
        priority: 'NONE',
      }),
    ]);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'ticket.recalled',
        'ticket.no-show',
        'counter.opened',
        'ticket.serving-started',
      ]),
    );
    expect(events.find((e) => e.type === 'ticket.no-show').data).toMatchObject({
      number: 'A003',
      counterNo: '1',
      at: '2025-07-01T01:21:00.000Z',
    });
  });

  it('narrows to whole local hours when given instants', async () => {
    const res = await kit
      .http()
      .get(`/api/v1/units/${UNIT}/queue-stats`)
      .query({ from: '2025-07-01T08:30:00+07:00', to: '2025-07-01T02:00:00Z', groupBy: 'hour' })
      .set('Authorization', tokens.viewer)
      .expect(200);
    expect(res.body.groups.map((g: { key: number }) => g.key)).toEqual([8]); // 08:00-09:00 local; 09:00 excluded
  });

  it('refuses bad ranges and groupings', async () => {
    const get = (q: string) =>
      kit.http().get(`/api/v1/units/${UNIT}/queue-stats?${q}`).set('Authorization', tokens.viewer);
    expect((await get('from=2025-07-02&to=2025-07-01').expect(400)).body.code).toBe('STATS.BAD_RANGE');
    expect((await get('from=2025-07-01&to=2025-07-01&groupBy=mood').expect(400)).body.message).toMatch(
      /groupBy must be one of/,
    );
    await get('to=2025-07-01').expect(400);
    await get('from=01/07/2025&to=2025-07-01').expect(400);
    await get('from=2025-07-01T08:00:00&to=2025-07-01').expect(400); // a local time without zone is ambiguous
    expect((await get('from=2024-01-01&to=2025-07-01').expect(400)).body.message).toMatch(/at most 366 days/);
  });

  it('answers from the pre-aggregated rows, not from the tickets', async () => {
    await kit.db.query('DELETE FROM tickets');
    expect((await stats('service')).body.total).toMatchObject({
      tickets: 5,
      served: 3,
      noShows: 1,
      cancelled: 1,
    });
  });
});
