import { Topics } from '@fg/contracts';
import { readTopic } from '@fg/platform/testing';
import { DataSource } from 'typeorm';
import { ScoreWorker } from '../../application/score-worker';
import { aFinishedDossier } from '../../events/testing/event-builders';
import { admin, RatingTestKit, viewer } from '../../testing/rating-test-kit';

// The 2025 reform in miniature: province P92, old district D921 with wards A and B, and the new ward C
// directly under the province (two tiers), which A and B merge into on 1 July 2025.
const P = 'P92';
const D = 'D921';
const A = 'W92A';
const B = 'W92B';
const C = 'W92C';
const E = 'W92E';

/** `n` finished dossiers of `unit` in the month of `at`. */
const finished = (unit: string, n: number, at: string, timeliness: 'EARLY' | 'LATE' = 'EARLY') =>
  Array.from({ length: n }, () =>
    aFinishedDossier(unit, { finishedAt: at, receivedAt: at, dueAt: '2025-12-31T10:00:00.000Z', timeliness }),
  );

describe('when communes A and B merge into C', () => {
  let kit: RatingTestKit;
  const post = (body: object) =>
    kit.http().post('/api/v1/units/successions').set('Authorization', admin).send(body);
  const merger = { kind: 'MERGER', predecessors: [A, B], successors: [C], effectiveDate: '2025-07-01' };
  const finishedIn = async (code: string, query = '') =>
    (
      await kit
        .http()
        .get(`/api/v1/units/${code}/scorecard?year=2025${query}`)
        .set('Authorization', viewer)
        .expect(200)
    ).body.metrics.DOSSIERS_FINISHED as number;

  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_successions');
    await kit.registerUnits([
      { code: P, name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE' },
      { code: D, name: 'Thành phố Cũ', level: 'DISTRICT', parentCode: P },
      { code: A, name: 'Phường A', level: 'COMMUNE', parentCode: D },
      { code: B, name: 'Phường B', level: 'COMMUNE', parentCode: D },
      { code: C, name: 'Phường C', level: 'COMMUNE', parentCode: P },
      { code: E, name: 'Xã E', level: 'COMMUNE', parentCode: P },
    ]);
    // Before the date: A 3 (late) in March, B 2 in June. After it: A 1 (a dossier of the old ward), C 4.
    await kit.produce(Topics.DOSSIER, [
      ...finished(A, 3, '2025-03-10T03:00:00.000Z', 'LATE'),
      ...finished(B, 2, '2025-06-20T03:00:00.000Z'),
      ...finished(A, 1, '2025-08-05T03:00:00.000Z'),
      ...finished(C, 4, '2025-09-15T03:00:00.000Z'),
    ]);
    await kit.scorecardWhen(
      P,
      (card) => card.metrics.DOSSIERS_FINISHED === 10,
      'all 10 dossiers consumed',
      2025,
    );
    // C's scores from its own dossiers are published before the merger.
    await kit.app.get(ScoreWorker).drain();
  });
  afterAll(() => kit.stop());

  it('refuses bad input with 400/409 naming the field and the rule, storing nothing', async () => {
    const bad = await post({ ...merger, kind: 'ABSORPTION' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('kind');
    const unknown = await post({ ...merger, predecessors: [A, 'NOPE'] }).expect(400);
    expect(unknown.body).toMatchObject({
      code: 'SUCCESSION.UNKNOWN_UNIT',
      details: { field: 'predecessors', rule: 'SUCCESSION.UNKNOWN_UNIT' },
    });
    const levels = await post({ ...merger, successors: [P] }).expect(400);
    expect(levels.body.code).toBe('SUCCESSION.MIXED_LEVELS');
    const ahead = await post({ ...merger, effectiveDate: '2099-01-01' }).expect(400);
    expect(ahead.body.details).toEqual({ field: 'effectiveDate', rule: 'SUCCESSION.BAD_DATE' });
    const none = await kit
      .http()
      .get(`/api/v1/units/${C}/successions`)
      .set('Authorization', viewer)
      .expect(200);
    expect(none.body.items).toEqual([]);
    expect(await finishedIn(C)).toBe(4);
  });

  it("records the merger, retires A and B, and gives C their history before the date (as it was: C's own)", async () => {
    const res = await post(merger).expect(201);
    expect(res.body).toMatchObject({
      kind: 'MERGER',
      predecessors: [A, B],
      successors: [C],
      retired: [A, B],
    });
    for (const code of [A, B]) {
      const unit = await kit.http().get(`/api/v1/units/${code}`).set('Authorization', viewer).expect(200);
      expect(unit.body.active).toBe(false);
    }
    // 4 of C + 3 of A (March) + 2 of B (June); A's August dossier came after the merger.
    expect(await finishedIn(C)).toBe(9);
    expect(await finishedIn(C, '&asWas=true')).toBe(4);
    expect(await finishedIn(A)).toBe(4);
    // The province counts every dossier once, although A and B are reached both as wards and through C.
    expect(await finishedIn(P)).toBe(10);

    // C's published score follows: A's late dossiers lower it, and the score worker republishes it.
    const card = (
      await kit.http().get(`/api/v1/units/${C}/scorecard?year=2025`).set('Authorization', viewer).expect(200)
    ).body;
    const published = (await kit.publishedAbout(C, P, 'COMMUNE')).filter(
      (e) => e.type === 'unit.score-changed' && e.data.year === 2025,
    );
    expect(published.at(-1)?.data.score).toBe(card.score);
    expect(published[0].data.score).not.toBe(card.score);
  });

  it('ranks C with its history and no longer ranks the retired wards', async () => {
    const ranking = await kit
      .http()
      .get(`/api/v1/units/${P}/ranking?year=2025`)
      .set('Authorization', viewer)
      .expect(200);
    expect(ranking.body.items.map((i: { code: string }) => i.code).sort()).toEqual([C, E]);
  });

  it('refuses to succeed A a second time, to split C into A (retired) or to make A active again (409)', async () => {
    const again = await post({ ...merger, predecessors: [A, E] }).expect(409);
    expect(again.body).toMatchObject({
      code: 'SUCCESSION.ALREADY_SUCCEEDED',
      details: { field: 'predecessors' },
    });
    const revive = await post({
      kind: 'SPLIT',
      predecessors: [C],
      successors: [A, E],
      effectiveDate: '2026-01-01',
    }).expect(409);
    expect(revive.body.code).toBe('SUCCESSION.SUCCESSOR_RETIRED');
    const revived = await kit
      .http()
      .put(`/api/v1/units/${A}`)
      .set('Authorization', admin)
      .send({ name: 'Phường A', level: 'COMMUNE', parentCode: D, active: true })
      .expect(409);
    expect(revived.body).toMatchObject({ code: 'UNIT.RETIRED', details: { field: 'active' } });
    const listed = await kit
      .http()
      .get(`/api/v1/units/${C}/successions`)
      .set('Authorization', viewer)
      .expect(200);
    expect(listed.body.items).toHaveLength(1);
  });

  it('publishes unit.succession-recorded with codes and the date only', async () => {
    const messages = await readTopic(`${kit.env.topicPrefix}${Topics.RATING}`, (m) =>
      m.some((x) => x.value?.includes('unit.succession-recorded')),
    );
    const events = messages
      .map((m) => JSON.parse(m.value!))
      .filter((e) => e.type === 'unit.succession-recorded');
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({
      successionId: expect.any(Number),
      kind: 'MERGER',
      predecessors: [A, B],
      successors: [C],
      effectiveDate: '2025-07-01',
    });
  });
  // Issue #16 follow-up 5: registry changes are in the audit log of each unit they touch; the refused ones
  // (bad successions, reviving A) left nothing.
  it('keeps the import and the merger in the audit log of the units they changed', async () => {
    const logOf = async (code: string) =>
      (
        await kit
          .http()
          .get(`/api/v1/units/${code}/audit-log?action=unit`)
          .set('Authorization', admin)
          .expect(200)
      ).body.items as { action: string; actorId: string; subject: string | null; details: object }[];
    const succession = (
      await kit.app.get(DataSource).query(`SELECT id FROM unit_successions WHERE $1 = ANY(predecessors)`, [A])
    )[0].id as number;
    const merged = [
      'unit.succession',
      'admin-1',
      String(succession),
      { kind: 'MERGER', effectiveDate: '2025-07-01' },
    ];
    const imported = ['unit.import', 'admin-1', null, { revision: 1, active: true }];
    const entries = async (code: string) =>
      (await logOf(code)).map((e) => [e.action, e.actorId, e.subject, e.details]);
    expect(await entries(A)).toEqual([merged, imported]);
    // C was also renamed and renamed back (publishedAbout's sentinel, two PUTs) after the merger.
    expect(await entries(C)).toEqual([
      ['unit.put', 'admin-1', null, { revision: 3, active: true }],
      ['unit.put', 'admin-1', null, { revision: 2, active: true }],
      merged,
      imported,
    ]);
    expect((await logOf(E)).map((e) => e.action)).toEqual(['unit.import']);
  });
});
