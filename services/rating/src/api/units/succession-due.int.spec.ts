import { Topics } from '@fg/contracts';
import { addDays, atLocalMinute, localYearOf, toLocalDate } from '@fg/kernel';
import { readTopic } from '@fg/platform/testing';
import { SuccessionDueJob } from '../../application/succession-due-job';
import { aFinishedDossier } from '../../events/testing/event-builders';
import { admin, RatingTestKit, viewer } from '../../testing/rating-test-kit';

const P = 'P93';
const F = 'W93F';
const H = 'W93H';
const G = 'W93G';

/*
 * docs/domain.md §Administrative units: a merger recorded ahead of its date leaves the predecessors active
 * (and editable) until the date; then the due job retires them and publishes unit.upserted (inactive), and
 * only from then does the successor carry their history.
 */
describe('when a merger is recorded ahead of its date', () => {
  let kit: RatingTestKit;
  const today = toLocalDate(new Date());
  const effectiveDate = addDays(today, 10);
  const active = async (code: string) =>
    (await kit.http().get(`/api/v1/units/${code}`).set('Authorization', viewer).expect(200)).body
      .active as boolean;
  const edit = (code: string) =>
    kit
      .http()
      .put(`/api/v1/units/${code}`)
      .set('Authorization', admin)
      .send({ name: 'Phường F mới', level: 'COMMUNE', parentCode: P, active: true });
  const year = localYearOf(new Date());

  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_succession_due');
    await kit.registerUnits([
      { code: P, name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE' },
      { code: F, name: 'Phường F', level: 'COMMUNE', parentCode: P },
      { code: H, name: 'Phường H', level: 'COMMUNE', parentCode: P },
      { code: G, name: 'Phường G', level: 'COMMUNE', parentCode: P },
    ]);
    const at = atLocalMinute(addDays(today, -1), 9 * 60).toISOString();
    await kit.produce(
      Topics.DOSSIER,
      Array.from({ length: 2 }, () => aFinishedDossier(F, { finishedAt: at, receivedAt: at, dueAt: at })),
    );
    await kit.scorecardWhen(P, (card) => card.metrics.DOSSIERS_FINISHED === 2, 'F dossiers consumed', year);
  });
  afterAll(() => kit.stop());

  it('records it without retiring anyone yet, and the successor does not carry their history', async () => {
    const res = await kit
      .http()
      .post('/api/v1/units/successions')
      .set('Authorization', admin)
      .send({ kind: 'MERGER', predecessors: [F, H], successors: [G], effectiveDate })
      .expect(201);
    expect(res.body.retired).toEqual([]);
    expect(await active(F)).toBe(true);
    expect(await active(H)).toBe(true);
    await edit(F).expect(200); // still a unit of its own until the date
    expect((await kit.scorecard(G, year)).metrics.DOSSIERS_FINISHED).toBe(0);
  });

  it('retires nobody before the date', async () => {
    expect(
      await kit.app.get(SuccessionDueJob).retireDue(atLocalMinute(addDays(effectiveDate, -1), 23 * 60)),
    ).toBe(0);
    expect(await active(F)).toBe(true);
  });

  it('retires the predecessors on the date and publishes them inactive, once', async () => {
    const job = kit.app.get(SuccessionDueJob);
    expect(await job.retireDue(atLocalMinute(effectiveDate, 0))).toBe(2);
    expect(await active(F)).toBe(false);
    expect(await active(H)).toBe(false);
    expect(await job.retireDue(atLocalMinute(effectiveDate, 60))).toBe(0);

    const upserted = (m: { value: string | null }) => {
      const e = m.value ? JSON.parse(m.value) : null;
      return e?.type === 'unit.upserted' && [F, H].includes(e.data.code) && e.data.active === false;
    };
    const messages = await readTopic(
      `${kit.env.topicPrefix}${Topics.RATING}`,
      (ms) => ms.filter(upserted).length >= 2,
    );
    expect(messages.filter(upserted)).toHaveLength(2);
  });
});
