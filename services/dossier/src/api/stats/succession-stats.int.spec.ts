import { recordSuccessions } from '@fg/platform/testing';
import {
  aCommune,
  anIntake,
  DossierTestKit,
  startDossierKit,
  tokens,
  type TestUnit,
} from '../../testing/dossier-test-kit';

const province: TestUnit = { code: 'PSU', name: 'Tỉnh Bắc Ninh', level: 'PROVINCE', parentCode: null };
const commune = (code: string, name: string) => aCommune(code, name, province.code);
const [a, b, c] = [
  commune('CSUA', 'Phường Trần Phú'),
  commune('CSUB', 'Phường Lê Lợi'),
  commune('CSUC', 'Phường Bắc Giang'),
];
/** Mid-month, so the predecessors' July is read from the daily rows and their whole months from the monthly ones. */
const EFFECTIVE = '2025-07-15';
const at = (day: string) => `${day}T09:00:00+07:00`;

/*
 * docs/domain.md §Administrative units: A + B → C on 15 July 2025. C's statistics include A's and B's rows
 * from before the date (received and still open), not A's dossiers received on or after it; asWas=true gives
 * C alone. The succession reaches the dossier service the way rating publishes it: unit.succession-recorded.
 */
describe('timeliness statistics of a unit that succeeded others', () => {
  let kit: DossierTestKit;
  const stats = (query: string) =>
    kit
      .http()
      .get(`/api/v1/stats/timeliness?unitCode=${c.code}&from=2025-01-01&to=2025-12-31&${query}`)
      .set('Authorization', tokens.admin)
      .expect(200);

  beforeAll(async () => {
    kit = await startDossierKit('dossier_succession_stats', [province, a, b, c]);
    const receive = (unitCode: string, day: string) =>
      kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(unitCode, { receivedAt: at(day) }))
        .expect(201);
    await receive(a.code, '2025-05-12'); // a whole month before the date: counts for C
    await receive(a.code, '2025-07-10'); // the month of the date, before it: counts
    await receive(a.code, '2025-07-15'); // the date itself: A's own, not C's
    await receive(a.code, '2025-08-05'); // after: not C's
    await receive(b.code, '2025-06-03'); // counts
    await receive(c.code, '2025-07-21'); // C's own
    // Cached before the succession: the answer after it is computed anew (here by this instance's own commit;
    // other instances hear the unit_successions trigger's NOTIFY, which this spec does not observe).
    expect((await stats('')).body.total.received).toBe(1);

    await recordSuccessions(kit.env.topicPrefix, kit.db, [
      { successionId: 1, predecessors: [a.code, b.code], successors: [c.code], effectiveDate: EFFECTIVE },
    ]);
  });

  afterAll(() => kit.close());

  it("counts the predecessors' dossiers received before the date for the successor", async () => {
    const { body } = await stats('');
    expect(body.asWas).toBe(false);
    expect(body.total.received).toBe(4);
    expect(body.total.openWithinDeadline + body.total.openOverdue).toBe(4);
  });

  it('shows each predecessor as its own group, its rows cut at the date', async () => {
    const { body } = await stats('groupBy=unit');
    const received = Object.fromEntries(
      body.groups.map((g: { key: string; received: number }) => [g.key, g.received]),
    );
    expect(received).toEqual({ [a.code]: 2, [b.code]: 1, [c.code]: 1 });
    const months = (await stats('groupBy=month')).body.groups.map((g: { key: string; received: number }) => [
      g.key,
      g.received,
    ]);
    expect(months).toEqual([
      ['2025-05', 1],
      ['2025-06', 1],
      ['2025-07', 2],
    ]);
  });

  it('gives the unit as it was with asWas=true', async () => {
    const { body } = await stats('asWas=true');
    expect(body.asWas).toBe(true);
    expect(body.total.received).toBe(1);
    expect(body.total.openWithinDeadline + body.total.openOverdue).toBe(1);
    expect(body.unitCount).toBe(1);
  });

  it("keeps the predecessor's own statistics whole", async () => {
    const { body } = await kit
      .http()
      .get(`/api/v1/stats/timeliness?unitCode=${a.code}&from=2025-01-01&to=2025-12-31`)
      .set('Authorization', tokens.admin)
      .expect(200);
    expect(body.total.received).toBe(4);
  });

  it('refuses an asWas that is not a boolean (400 naming it)', async () => {
    const { body } = await kit
      .http()
      .get(`/api/v1/stats/timeliness?unitCode=${c.code}&asWas=maybe`)
      .set('Authorization', tokens.admin)
      .expect(400);
    expect(JSON.stringify(body)).toContain('asWas must be true or false');
  });
});
