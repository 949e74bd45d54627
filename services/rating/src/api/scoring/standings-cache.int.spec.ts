import { waitFor } from '@fg/platform/testing';
import { Client } from 'pg';
import { RatingTestKit, viewer } from '../../testing/rating-test-kit';

/** Cached standings answers never outlive the data they were computed from, whoever changed it. */
describe('standings cache', () => {
  let kit: RatingTestKit;
  let other: Client;

  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_cache');
    await kit.registerUnits([
      { code: 'P81', name: 'Tỉnh', level: 'PROVINCE' },
      { code: 'D811', name: 'Huyện', level: 'DISTRICT', parentCode: 'P81' },
      { code: 'C8111', name: 'Xã Một', level: 'COMMUNE', parentCode: 'D811' },
      { code: 'C8112', name: 'Xã Hai', level: 'COMMUNE', parentCode: 'D811' },
    ]);
    // Another writer on the same database (another instance, a tool): only its NOTIFY can reach this one.
    other = new Client({ connectionString: kit.env.db.url });
    await other.connect();
    await other.query(`SET search_path = rating`);
  });
  afterAll(async () => {
    await other.end();
    await kit.stop();
  });

  const ranking = async () =>
    (
      await kit.http().get('/api/v1/units/P81/ranking?year=2026').set('Authorization', viewer).expect(200)
    ).body.items.map((i: any) => i.code);

  it('serves the same bytes with an ETag, and 304 to a client that has them', async () => {
    const first = await kit
      .http()
      .get('/api/v1/units/P81/scorecard?year=2026')
      .set('Authorization', viewer)
      .expect(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers.etag).toBeTruthy();
    const again = await kit
      .http()
      .get('/api/v1/units/P81/scorecard?year=2026')
      .set('Authorization', viewer)
      .expect(200);
    expect(again.text).toBe(first.text);
    await kit
      .http()
      .get('/api/v1/units/P81/scorecard?year=2026')
      .set('Authorization', viewer)
      .set('If-None-Match', first.headers.etag)
      .expect(304);
  });

  it('drops a cached ranking when another connection commits counters that change it', async () => {
    expect(await ranking()).toEqual(['C8111', 'C8112']); // no data, equal scores: by code
    await other.query(
      `INSERT INTO unit_metrics (unit_code, year, month, dossiers_finished, early) VALUES ('C8112', 2026, 3, 10, 10)`,
    );
    await waitFor(async () => (await ranking())[0] === 'C8112', {
      message: 'ranking after the other connection changed C8112',
    });
    const card = await kit.scorecard('C8112');
    expect(card.metrics.DOSSIERS_FINISHED).toBe(10);
    expect(card.score).toBeGreaterThan((await kit.scorecard('C8111')).score);
  });

  it('answers from the new data at once after a change through this instance', async () => {
    const before = await kit.scorecard('D811');
    await kit.registerUnits([{ code: 'C8113', name: 'Xã Ba', level: 'COMMUNE', parentCode: 'D811' }]);
    expect(await ranking()).toEqual(['C8112', 'C8111', 'C8113']);
    expect((await kit.scorecard('D811')).metrics.DOSSIERS_FINISHED).toBe(before.metrics.DOSSIERS_FINISHED);
  });
});
