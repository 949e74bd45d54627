import { Topics } from '@fg/contracts';
import { addDays, atLocalMinute, localYearOf, toLocalDate } from '@fg/kernel';
import { DataSource } from 'typeorm';
import { aFinishedDossier } from '../../events/testing/event-builders';
import { UnitMetricsRepository } from '../../persistence/unit-metrics.repository';
import { admin, RatingTestKit } from '../../testing/rating-test-kit';

const P = 'P94';
const [A, B, C, E, D] = ['W94A', 'W94B', 'W94C', 'W94E', 'W94D'];

/*
 * docs/domain.md §Administrative units: A + B → C is in force (a month ago) and C + E → D is recorded ahead
 * of its date. D's link to A carries A's history before the first date, but only from D's own date on: until
 * then D's scorecard holds nothing of A's, while C keeps it.
 */
describe('a chain of successions whose last one is dated ahead', () => {
  let kit: RatingTestKit;
  const today = toLocalDate(new Date());
  const mergedIntoC = addDays(today, -30);
  const mergedIntoD = addDays(today, 10);
  const finishedOn = addDays(today, -60); // a month that starts before the first date: A's history
  const year = localYearOf(atLocalMinute(finishedOn, 9 * 60));
  const finished = async (code: string) => (await kit.scorecard(code, year)).metrics.DOSSIERS_FINISHED;
  const record = (predecessors: string[], successor: string, effectiveDate: string) =>
    kit
      .http()
      .post('/api/v1/units/successions')
      .set('Authorization', admin)
      .send({ kind: 'MERGER', predecessors, successors: [successor], effectiveDate })
      .expect(201);

  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_succession_chain');
    await kit.registerUnits([
      { code: P, name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE' },
      ...[A, B, C, E, D].map((code) => ({
        code,
        name: `Phường ${code}`,
        level: 'COMMUNE' as const,
        parentCode: P,
      })),
    ]);
    const at = atLocalMinute(finishedOn, 9 * 60).toISOString();
    await kit.produce(
      Topics.DOSSIER,
      Array.from({ length: 2 }, () => aFinishedDossier(A, { finishedAt: at, receivedAt: at, dueAt: at })),
    );
    await kit.scorecardWhen(A, (card) => card.metrics.DOSSIERS_FINISHED === 2, 'A dossiers consumed', year);
    await record([A, B], C, mergedIntoC);
    await record([C, E], D, mergedIntoD);
  });
  afterAll(() => kit.stop());

  it("keeps the chain's lineage in force from its latest date", async () => {
    const rows = await kit.app.get(DataSource).query(
      `SELECT to_char(before, 'YYYY-MM-DD') AS before, to_char(in_force_from, 'YYYY-MM-DD') AS "inForceFrom"
          FROM unit_lineage WHERE unit_code = $1 AND predecessor_code = $2`,
      [D, A],
    );
    expect(rows).toEqual([{ before: mergedIntoC, inForceFrom: mergedIntoD }]);
  });

  it("gives D nothing of A's before D's own date, and C still carries it", async () => {
    expect(await finished(C)).toBe(2);
    expect(await finished(D)).toBe(0);
  });

  it("gives D A's history from D's date on", async () => {
    const ds = kit.app.get(DataSource);
    const at = (day: string) =>
      kit.app.get(UnitMetricsRepository).yearAggregates(ds.manager, [D], [year], false, day);
    expect((await at(addDays(mergedIntoD, -1)))[0].aggregates.dossiersFinished).toBe(0);
    expect((await at(mergedIntoD))[0].aggregates.dossiersFinished).toBe(2);
  });
});
