import { bearer, recordSuccessions } from '@fg/platform/testing';
import { toLocalDate } from '@fg/kernel';
import { SEED_TABLET_SURVEY_ID } from '../../domain';
import { COMMUNE, OTHER_COMMUNE, startSurvey, SurveyHarness, tokens } from '../../testing/survey-harness';

const DAY = 86_400_000;
const now = Date.now();
/** Noon Vietnam time n days ago, well inside the paper-form window (SURVEY_PAPER_MAX_AGE_DAYS, 60). */
const daysAgo = (n: number) => new Date(`${toLocalDate(new Date(now - n * DAY))}T12:00:00+07:00`);
const [A, C] = [OTHER_COMMUNE, COMMUNE];
const EFFECTIVE = toLocalDate(daysAgo(10));
const from = toLocalDate(daysAgo(50));
const to = toLocalDate(new Date(now));

/*
 * docs/domain.md §Administrative units: A merges into C, effective ten days ago. C's satisfaction statistics
 * include A's answers from before the date, not A's answers on or after it; asWas=true gives C alone. The
 * succession reaches the survey service the way rating publishes it: unit.succession-recorded.
 */
describe('satisfaction statistics of a unit that succeeded another', () => {
  let h: SurveyHarness;
  const stats = (query = '') =>
    h
      .http()
      .get(`/api/v1/stats/satisfaction?unitCode=${C}&from=${from}&to=${to}${query}`)
      .set('Authorization', tokens.provinceViewer);

  beforeAll(async () => {
    h = await startSurvey('survey_succession_stats');
    let clerk = 0;
    // A paper tablet-stars form typed in at `unit`, answered on the given day (each by its own clerk: rate limit).
    const paper = (unit: string, stars: number, answeredAt: Date) =>
      h
        .http()
        .post(`/api/v1/units/${unit}/responses`)
        .set('Authorization', bearer({ sub: `clerk-${++clerk}`, roles: ['officer'], units: [unit] }))
        .send({
          surveyId: SEED_TABLET_SURVEY_ID,
          answeredAt: answeredAt.toISOString(),
          answers: { STARS: stars },
        })
        .expect(201);
    await paper(A, 5, daysAgo(40)); // an earlier month, before the date: counts for C
    await paper(A, 4, daysAgo(11)); // the day before the date: counts
    await paper(A, 1, daysAgo(10)); // the date itself: A's own, not C's
    await paper(A, 2, daysAgo(3)); // after: not C's
    await paper(C, 3, daysAgo(2)); // C's own
    // Cached before the succession: the answer after it is computed anew.
    expect((await stats().expect(200)).body.total.responses).toBe(1);

    await recordSuccessions(h.env.topicPrefix, h.db, [
      { successionId: 1, predecessors: [A, C], successors: [C], effectiveDate: EFFECTIVE },
    ]);
  });

  afterAll(() => h.close());

  it("counts the predecessor's answers from before the date for the absorbing unit", async () => {
    const { body } = await stats().expect(200);
    expect(body.asWas).toBe(false);
    expect(body.total.responses).toBe(3);
  });

  it('groups them by unit and by month from the daily rows', async () => {
    const byUnit = (await stats('&groupBy=unit').expect(200)).body.groups;
    expect(byUnit.map((g: { unitCode: string; responses: number }) => [g.unitCode, g.responses])).toEqual([
      [C, 1],
      [A, 2],
    ]);
    const byMonth = (await stats('&groupBy=month').expect(200)).body.groups;
    const months = byMonth.reduce((n: number, g: { responses: number }) => n + g.responses, 0);
    expect(months).toBe(3);
  });

  it('gives the unit as it was with asWas=true', async () => {
    const { body } = await stats('&asWas=true').expect(200);
    expect(body.asWas).toBe(true);
    expect(body.total.responses).toBe(1);
  });

  it('refuses an asWas that is not a boolean (400 naming it)', async () => {
    const { body } = await stats('&asWas=1').expect(400);
    expect(JSON.stringify(body)).toContain('asWas must be true or false');
  });

  it('leaves A its own answers', async () => {
    const { body } = await h
      .http()
      .get(`/api/v1/stats/satisfaction?unitCode=${A}&from=${from}&to=${to}`)
      .set('Authorization', tokens.provinceViewer)
      .expect(200);
    expect(body.total.responses).toBe(4);
  });
});
