import { bearer, exportProblems, fetchExports } from '@fg/platform/testing';
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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Issue #20 item 2: the queue statistics as CSV and XLSX, every cell equal to the JSON answer. */
describe('queue statistics exported as CSV and XLSX', () => {
  let kit: QueueKit;
  let now = new Date('2025-07-01T08:00:00+07:00');
  const path = (groupBy: string) =>
    `/api/v1/units/${UNIT}/queue-stats?from=2025-07-01&to=2025-07-01&groupBy=${groupBy}`;

  beforeAll(async () => {
    kit = await startQueue('queue_stats_export');
    await setUpOffice(kit, [{ no: '1', services: ['HT', 'CT'] }]);
    jest.spyOn(kit.app.get(QueueClock), 'now').mockImplementation(() => now);
    const at = (hhmm: string) => (now = new Date(`2025-07-01T${hhmm}:00+07:00`));
    const a = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body.id as string;
    at('08:02');
    await issue(kit, { serviceCode: 'CT' }).expect(201);
    at('08:05');
    await counterAction(kit, '1', 'open', { officerId: 'o-1' }).expect(200);
    at('08:10');
    await counterAction(kit, '1', 'call-next').expect(200);
    at('08:11');
    await ticketAction(kit, a, 'start').expect(200);
    at('08:20');
    await ticketAction(kit, a, 'complete').expect(200);
  });
  afterAll(() => kit.close());

  it.each(['service', 'counter', 'officer', 'hour', 'weekday', 'day'])(
    'grouped by %s: one row per group and the total, every cell as in the JSON',
    async (groupBy) => {
      const ex = await fetchExports(
        kit.http,
        path(groupBy),
        tokens.viewer,
        `queue-stats_${UNIT}_${groupBy}_2025-07-01_2025-07-01`,
      );
      const a = ex.json as { groups: object[]; total: object };
      expect(a.groups.length).toBeGreaterThan(0);
      const context = { unitCode: UNIT, from: '2025-07-01', to: '2025-07-01', groupBy };
      const rows = [...a.groups.map((g) => ({ ...context, ...g })), { ...context, key: 'TOTAL', ...a.total }];
      expect(exportProblems(ex, rows)).toEqual([]);
      // Typed: numbers as numbers, the day as a date.
      const header = ex.xlsx.rows[0];
      expect(ex.xlsx.rows[1][header.indexOf('served')]).toEqual(expect.any(Number));
      expect(ex.xlsx.rows[1][header.indexOf('from')]).toEqual(new Date('2025-07-01T00:00:00Z'));
    },
  );

  it('keeps the scope: another unit’s viewer gets 403 for the files too', async () => {
    const other = bearer({ sub: 'v-2', roles: ['viewer'], units: ['99999'] });
    await kit
      .http()
      .get(`${path('service')}&format=csv`)
      .set('Authorization', other)
      .expect(403);
    await kit.http().get(path('service')).set('Accept', XLSX).set('Authorization', other).expect(403);
  });

  it('refuses a format it does not offer: 400 naming format, 406 naming the types', async () => {
    const bad = await kit
      .http()
      .get(`${path('service')}&format=pdf`)
      .set('Authorization', tokens.viewer)
      .expect(400);
    expect(bad.body.detail ?? bad.body.message).toMatch(/format must be one of json, csv, xlsx/);
    const na = await kit
      .http()
      .get(path('service'))
      .set('Accept', 'application/pdf')
      .set('Authorization', tokens.viewer);
    expect(na.status).toBe(406);
    expect(JSON.stringify(na.body)).toContain(XLSX);
    expect(na.headers['cache-control']).toBe('no-store');
  });

  it('still answers JSON by default and by format=json, varying by Accept', async () => {
    const plain = await kit.http().get(path('service')).set('Authorization', tokens.viewer).expect(200);
    const asked = await kit
      .http()
      .get(`${path('service')}&format=json`)
      .set('Authorization', tokens.viewer)
      .expect(200);
    expect(asked.body).toEqual(plain.body);
    expect(plain.headers.vary).toMatch(/Accept/);
  });
});
