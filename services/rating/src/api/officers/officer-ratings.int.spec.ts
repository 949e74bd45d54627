import { Topics } from '@fg/contracts';
import { bearer, readTopic } from '@fg/platform/testing';
import { aCompletedTicket, aSurveyResponse } from '../../events/testing/event-builders';
import { RatingTestKit, viewer } from '../../testing/rating-test-kit';

/** Tablet ratings for an officer with counts 5★…1★. */
const ratings = (unit: string, officerId: string, counts5to1: number[]) =>
  counts5to1.flatMap((n, i) =>
    Array.from({ length: n }, () => aSurveyResponse(unit, { officerId, stars: 5 - i, elementScores: [] })),
  );

describe('officer ratings ranked by a smoothed score', () => {
  let kit: RatingTestKit;

  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_officers');
    await kit.registerUnits([
      { code: 'P94', name: 'Tỉnh Xếp Hạng', level: 'PROVINCE' },
      { code: 'C9401', name: 'Xã Một', level: 'COMMUNE', parentCode: 'P94' },
      { code: 'C9402', name: 'Xã Hai', level: 'COMMUNE', parentCode: 'P94' },
    ]);
    // 275 responses in one go: the consumer folds each batch into a few upserts.
    await kit.produce(Topics.SURVEY, [
      ...ratings('C9401', 'many-votes', [60, 80, 75, 20, 25]),
      ...ratings('C9401', 'ten-fives', [10, 0, 0, 0, 0]),
      ...ratings('C9402', 'five-fives', [5, 0, 0, 0, 0]),
    ]);
    await kit.produce(Topics.QUEUE, [aCompletedTicket('C9401', { officerId: 'many-votes' })]);
  });
  afterAll(() => kit.stop());

  const ranking = async () =>
    (
      await kit
        .http()
        .get('/api/v1/units/P94/officers/ranking?from=2026-01&to=2026-12')
        .set('Authorization', viewer)
        .expect(200)
    ).body;

  it("matches Evan Miller's worked vector and ranks 10×5★ above it and 5×5★ below it", async () => {
    const body = await kit
      .scorecardWhen(
        'P94',
        (c) => c.metrics.OFFICER_RATINGS_COUNT === 275 && c.metrics.TICKETS_SERVED === 1,
        'all ratings',
      )
      .then(ranking);
    expect(body.officers.map((o: any) => [o.rank, o.officerId, o.count])).toEqual([
      [1, 'ten-fives', 10],
      [2, 'many-votes', 260],
      [3, 'five-fives', 5],
    ]);
    const many = body.officers[1];
    expect(many.smoothedScore).toBeCloseTo(3.3684307, 4);
    expect(many).toMatchObject({
      rawMean: 3.5,
      distribution: { 5: 60, 4: 80, 3: 75, 2: 20, 1: 25 },
      ticketsServed: 1,
    });
    expect(body.formula).toMatch(/Dirichlet lower bound/);
    expect(body.unitMean).toBeCloseTo((60 * 5 + 80 * 4 + 75 * 3 + 20 * 2 + 25 + 75) / 275, 4);
  });

  it("gives one officer's rating over a period, overall and per unit", async () => {
    const res = await kit
      .http()
      .get('/api/v1/officers/ten-fives/rating?from=2026-10&to=2026-10')
      .set('Authorization', viewer)
      .expect(200);
    expect(res.body).toMatchObject({
      officerId: 'ten-fives',
      from: '2026-10',
      to: '2026-10',
      count: 10,
      rawMean: 5,
      units: [{ unitCode: 'C9401', count: 10 }],
    });
    const outside = await kit
      .http()
      .get('/api/v1/officers/ten-fives/rating?from=2026-01&to=2026-09')
      .set('Authorization', viewer)
      .expect(200);
    expect(outside.body).toMatchObject({ count: 0, rawMean: null, units: [] });
    await kit
      .http()
      .get('/api/v1/officers/ten-fives/rating?from=2026-12&to=2026-01')
      .set('Authorization', viewer)
      .expect(400);
    await kit
      .http()
      .get('/api/v1/officers/ten-fives/rating?from=October')
      .set('Authorization', viewer)
      .expect(400);
  });

  it('lets an officer read only their own rating', async () => {
    const own = bearer({ sub: 'ten-fives', roles: ['officer'], units: ['C9401'] });
    await kit.http().get('/api/v1/officers/ten-fives/rating').set('Authorization', own).expect(200);
    await kit.http().get('/api/v1/officers/many-votes/rating').set('Authorization', own).expect(403);
    await kit
      .http()
      .get('/api/v1/officers/many-votes/rating')
      .set('Authorization', bearer({ roles: ['kiosk'] }))
      .expect(403);
  });

  it('shows an officer only his own line of the ranking, and only within his scope (issue #16 row 4)', async () => {
    const own = bearer({ sub: 'five-fives', roles: ['officer'], units: ['C9402'] });
    const mine = await kit
      .http()
      .get('/api/v1/units/C9402/officers/ranking?from=2026-01&to=2026-12')
      .set('Authorization', own)
      .expect(200);
    expect(mine.body.officers.map((o: any) => o.officerId)).toEqual(['five-fives']);
    // The province is outside a commune officer's token: the same 403 as another officer's rating.
    const province = await kit
      .http()
      .get('/api/v1/units/P94/officers/ranking?from=2026-01&to=2026-12')
      .set('Authorization', own)
      .expect(403);
    expect(province.body.code).toBe('AUTH.UNIT_OUT_OF_SCOPE');
    await kit
      .http()
      .get('/api/v1/units/C9401/officers/ranking')
      .set('Authorization', bearer({ roles: ['viewer'], units: ['C9402'] }))
      .expect(403);
    const assessor = await kit
      .http()
      .get('/api/v1/units/P94/officers/ranking?from=2026-01&to=2026-12')
      .set('Authorization', bearer({ roles: ['assessor'], units: ['P94'] }))
      .expect(200);
    expect(assessor.body.officers.length).toBeGreaterThan(1);
  });

  it('publishes officer.rating-changed with the all-time figures', async () => {
    const topic = `${kit.env.topicPrefix}${Topics.RATING}`;
    const messages = await readTopic(topic, (m) =>
      m.some((x) => x.value?.includes('"officerId":"five-fives"')),
    );
    const latest = messages
      .map((m) => JSON.parse(m.value!))
      .filter((e) => e.type === 'officer.rating-changed' && e.data.officerId === 'five-fives')
      .at(-1);
    expect(latest).toMatchObject({
      unitcode: 'C9402',
      data: { unitCode: 'C9402', count: 5, rawMean: 5, distribution: [5, 0, 0, 0, 0] },
    });
  });
});
