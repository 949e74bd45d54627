import { bearer, recordSuccessions } from '@fg/platform/testing';
import { QueueClock } from '../../application/queue-clock';
import { issue, QueueKit, setUpOffice, startQueue, tokens, UNIT } from '../../testing/queue-test-kit';

/** Ward A, merged into UNIT (C) on 15 July 2025 (docs/domain.md §Administrative units). */
const A = '07211';
const EFFECTIVE = '2025-07-15';
const local = (day: string) => new Date(`${day}T09:00:00+07:00`);

/*
 * C's queue statistics include A's tickets from before the merger's date, not A's tickets on or after it;
 * asWas=true gives C alone. The succession reaches the queue service's registry copy as rating publishes it.
 */
describe('queue statistics of a unit that succeeded another', () => {
  let kit: QueueKit;
  let now: Date;
  const stats = (query = '') =>
    kit
      .http()
      .get(`/api/v1/units/${UNIT}/queue-stats?from=2025-06-01&to=2025-07-31&groupBy=day${query}`)
      .set('Authorization', tokens.viewer)
      .expect(200);

  beforeAll(async () => {
    kit = await startQueue('queue_succession_stats', [UNIT, A]);
    await setUpOffice(kit);
    await setUpOffice(kit, undefined, A);
    jest.spyOn(kit.app.get(QueueClock), 'now').mockImplementation(() => now);
    const kioskOf = (unit: string) => bearer({ sub: 'kiosk-1', roles: ['kiosk'], units: [unit] });
    const take = async (unit: string, day: string) => {
      now = local(day);
      await issue(kit, { serviceCode: 'HT' }, unit, kioskOf(unit)).expect(201);
    };
    await take(A, '2025-06-10'); // before the date: counts for C
    await take(A, '2025-07-15'); // the date itself: A's own
    await take(UNIT, '2025-07-22'); // C's own

    await recordSuccessions(kit.env.topicPrefix, kit.db, [
      { successionId: 7, predecessors: [A, UNIT], successors: [UNIT], effectiveDate: EFFECTIVE },
    ]);
  });

  afterAll(() => kit.close());

  it("counts the predecessor's tickets from before the date for the absorbing unit", async () => {
    const { body } = await stats();
    expect(body.asWas).toBe(false);
    expect(body.total.tickets).toBe(2);
    expect(body.groups.map((g: { key: string; tickets: number }) => [g.key, g.tickets])).toEqual([
      ['2025-06-10', 1],
      ['2025-07-22', 1],
    ]);
  });

  it('gives the unit as it was with asWas=true', async () => {
    const { body } = await stats('&asWas=true');
    expect(body.asWas).toBe(true);
    expect(body.total.tickets).toBe(1);
  });

  it('refuses an asWas that is not a boolean (400 naming it)', async () => {
    const { body } = await kit
      .http()
      .get(`/api/v1/units/${UNIT}/queue-stats?from=2025-06-01&to=2025-07-31&asWas=1`)
      .set('Authorization', tokens.viewer)
      .expect(400);
    expect(JSON.stringify(body)).toContain('asWas must be true or false');
  });
});
