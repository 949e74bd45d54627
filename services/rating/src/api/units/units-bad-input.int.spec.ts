import { admin, RatingTestKit, viewer } from '../../testing/rating-test-kit';

/** Issue #16: `offset=1e20` on the unit list was a 500 (row 8); body sizes are bounded per route (row 1). */
describe('the unit registry under oversized input', () => {
  let kit: RatingTestKit;
  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_bad_input');
  });
  afterAll(() => kit.stop());

  it('refuses an offset past any page with 400 naming it', async () => {
    for (const offset of ['1e20', '1e30', '1000001']) {
      const res = await kit
        .http()
        .get('/api/v1/units')
        .query({ offset })
        .set('Authorization', viewer)
        .expect(400);
      expect(res.body.message).toContain('offset');
    }
  });

  // unit.upserted publishes the name (issue #16 row 5): contact data cannot ride along in it.
  it('refuses a unit name holding a phone or ID number or an e-mail address, and stores nothing', async () => {
    for (const name of [
      'UBND phường 0912 345 678',
      'Phường An Lạc +84912345678',
      'UBND xã (ubnd@example.vn)',
    ]) {
      const res = await kit
        .http()
        .put('/api/v1/units/NAMECHK')
        .set('Authorization', admin)
        .send({ name, level: 'PROVINCE', parentCode: null, active: true })
        .expect(400);
      expect(res.body.message).toMatch(/name must be a unit name/);
    }
    await kit.http().get('/api/v1/units/NAMECHK').set('Authorization', viewer).expect(404);
  });

  it("reads a province's unit list of more than HTTP_BODY_LIMIT_KB on the import route only", async () => {
    // About 1.6 MB: over the 1 MiB every other route takes, under the import's 10 MiB. The list is invalid
    // (a level no unit has), so nothing is stored and the answer shows the body was read and validated.
    const units = Array.from({ length: 9_000 }, (_, i) => ({
      code: `X${i}`,
      name: `Đơn vị thử nghiệm số ${i} `.padEnd(160, '.'),
      level: 'PLANET',
    }));
    const body = JSON.stringify({ units });
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const imported = await kit
      .http()
      .post('/api/v1/units/import')
      .set('Authorization', admin)
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(400);
    expect(imported.body).toMatchObject({ code: 'REQUEST.INVALID' });
    const elsewhere = await kit
      .http()
      .put('/api/v1/units/X1')
      .set('Authorization', admin)
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(413);
    expect(elsewhere.body).toMatchObject({ code: 'REQUEST.TOO_LARGE' });
  });
});
