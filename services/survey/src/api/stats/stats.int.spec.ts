import { bearer, waitFor } from '@fg/platform/testing';
import type { Pool } from 'pg';
import { localMonthOf, SipasElement, toLocalDate } from '@fg/kernel';
import { SEED_SIPAS, SEED_SIPAS_SURVEY_ID, SEED_TABLET_SURVEY_ID } from '../../domain';
import {
  COMMUNE,
  OTHER_COMMUNE,
  PROVINCE,
  servedAtCounter,
  startSurvey,
  SurveyHarness,
  tokens,
} from '../../testing/survey-harness';

const DAY = 86_400_000;
const now = new Date();
const paperDate = new Date(now.getTime() - 40 * DAY); // always in an earlier local month
const from = toLocalDate(new Date(now.getTime() - 90 * DAY));
const to = toLocalDate(now);

/** A SIPAS form: each element's questions at one level (absent = skipped), the overall level, all nine indicators at `score`. */
const sipas = (
  levels: Partial<Record<SipasElement, string>>,
  overall: string,
  score: number,
  comment: string,
) => ({
  ...Object.fromEntries(
    SEED_SIPAS.questions
      .filter((q) => q.element && levels[q.element])
      .map((q) => [q.code, levels[q.element!]]),
  ),
  ...Object.fromEntries(SEED_SIPAS.questions.filter((q) => q.indicator).map((q) => [q.code, score])),
  OVERALL: overall,
  COMMENT: comment,
});

describe('satisfaction statistics', () => {
  let h: SurveyHarness;
  const stats = (query: string, auth = tokens.provinceViewer) =>
    h.http().get(`/api/v1/stats/satisfaction?${query}`).set('Authorization', auth);

  beforeAll(async () => {
    h = await startSurvey('survey_stats');
    // At 07216: two tablet ratings of officer-9 (5★, 3★), one kiosk SIPAS form, one paper SIPAS form about officer-9.
    for (const [counterNo, stars] of [
      ['A', 5],
      ['B', 3],
    ] as const) {
      const { invitation } = await servedAtCounter(h, {
        unitCode: OTHER_COMMUNE,
        counterNo,
        officerId: 'officer-9',
      });
      await h
        .http()
        .post(`/api/v1/public/surveys/${invitation.token}/responses`)
        .send({ answers: { STARS: stars } })
        .expect(201);
    }
    await h
      .http()
      .post(`/api/v1/public/units/${OTHER_COMMUNE}/responses`)
      .set('Authorization', bearer({ sub: 'kiosk-s', roles: ['kiosk'], units: [OTHER_COMMUNE] }))
      .send({
        surveyId: SEED_SIPAS_SURVEY_ID,
        answers: sipas(
          { ACCESS: 'SATISFIED', PROCEDURE: 'VERY_SATISFIED', OFFICER: 'NEUTRAL', RESULT: 'DISSATISFIED' },
          'SATISFIED',
          2,
          'Phòng chờ sạch sẽ',
        ),
      })
      .expect(201);
    await h
      .http()
      .post(`/api/v1/units/${OTHER_COMMUNE}/responses`)
      // typed in by a colleague: nobody types in a form about himself (issue #16)
      .set('Authorization', bearer({ sub: 'clerk-9', roles: ['officer'], units: [OTHER_COMMUNE] }))
      .send({
        surveyId: SEED_SIPAS_SURVEY_ID,
        officerId: 'officer-9',
        answeredAt: paperDate.toISOString(),
        answers: {
          ...sipas(
            {
              ACCESS: 'VERY_DISSATISFIED',
              PROCEDURE: 'SATISFIED',
              OFFICER: 'VERY_SATISFIED',
              RESULT: 'SATISFIED',
            },
            'DISSATISFIED',
            1,
            'Cần thêm ghế chờ',
          ),
          FEEDBACK_CHANNELS: 'NEUTRAL',
        },
      })
      .expect(201);
    // At the sibling commune 07210: one paper tablet-stars form.
    await h
      .http()
      .post(`/api/v1/units/${COMMUNE}/responses`)
      .set('Authorization', tokens.officer)
      .send({ surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 1 } })
      .expect(201);
  });
  afterAll(() => h.close());

  it('matches the hand-computed figures of the unit', async () => {
    const { body } = await stats(`unitCode=${OTHER_COMMUNE}&from=${from}&to=${to}`).expect(200);
    const t = body.total;
    expect(t.responses).toBe(4);
    const el = (e: SipasElement) => [
      t.byElement[e].valid,
      t.byElement[e].satisfiedRate,
      t.byElement[e].meanLevel,
    ];
    expect(el('ACCESS')).toEqual([6, 0.5, 2.5]); // 3 satisfied (4) + 3 very dissatisfied (1)
    expect(el('PROCEDURE')).toEqual([8, 1, 4.5]); // 4 very satisfied + 4 satisfied
    expect(el('OFFICER')).toEqual([8, 0.5, 4]); // 3 neutral + 3 very satisfied + 5★ + 3★: neutral counts against
    expect(el('RESULT')).toEqual([4, 0.5, 3]);
    expect(el('FEEDBACK')).toEqual([1, 0, 3]); // the kiosk skipped both, the paper form answered one
    expect(t.overall).toEqual({ valid: 4, satisfiedRate: 0.5 }); // kiosk yes, paper no, 5★ yes, 3★ no
    expect(t.sipasIndex).toBeCloseTo(0.5, 12);
    expect(t.stars).toMatchObject({ count: 2, mean: 4, counts: [0, 0, 1, 0, 1] });
    expect(t.decree61).toMatchObject({
      count: 2,
      mean: 13.5,
      byClass: { VERY_GOOD: 1, GOOD: 0, FAIR: 0, POOR: 1 },
    });
    expect(t.decree61.byTotal[18]).toBe(1);
    expect(t.decree61.byTotal[9]).toBe(1);
  });

  it('groups by channel', async () => {
    const { body } = await stats(`unitCode=${OTHER_COMMUNE}&from=${from}&to=${to}&groupBy=channel`).expect(
      200,
    );
    expect(
      body.groups.map((g: any) => [g.channel, g.responses, g.overall.satisfiedRate, g.stars.mean]),
    ).toEqual([
      ['KIOSK', 1, 1, null],
      ['PAPER', 1, 0, null],
      ['TABLET', 2, 0.5, 4],
    ]);
  });

  it('groups by officer, with unattributed responses under null', async () => {
    const { body } = await stats(`unitCode=${OTHER_COMMUNE}&from=${from}&to=${to}&groupBy=officer`).expect(
      200,
    );
    expect(
      body.groups.map((g: any) => [
        g.officerId,
        g.responses,
        g.byElement.OFFICER.valid,
        g.byElement.OFFICER.satisfiedRate,
      ]),
    ).toEqual([
      [null, 1, 3, 0],
      ['officer-9', 3, 5, 0.8],
    ]);
  });

  it('groups by local month', async () => {
    const { body } = await stats(`unitCode=${OTHER_COMMUNE}&from=${from}&to=${to}&groupBy=month`).expect(200);
    expect(body.groups.map((g: any) => [g.month, g.responses])).toEqual([
      [localMonthOf(paperDate), 1],
      [localMonthOf(now), 3],
    ]);
  });

  it('groups by ISO weekday from the day buckets', async () => {
    const { body } = await stats(`unitCode=${OTHER_COMMUNE}&from=${from}&to=${to}&groupBy=weekday`).expect(
      200,
    );
    const isoDay = (d: Date) => String(((new Date(d.getTime() + 7 * 3_600_000).getUTCDay() + 6) % 7) + 1);
    const expected: Record<string, number> = {};
    for (const d of [now, now, now, paperDate]) expected[isoDay(d)] = (expected[isoDay(d)] ?? 0) + 1;
    expect(Object.fromEntries(body.groups.map((g: any) => [g.isoWeekday, g.responses]))).toEqual(expected);
  });

  it('groups by element', async () => {
    const { body } = await stats(`unitCode=${OTHER_COMMUNE}&from=${from}&to=${to}&groupBy=element`).expect(
      200,
    );
    expect(body.groups.map((g: any) => [g.element, g.satisfiedRate])).toEqual([
      ['ACCESS', 0.5],
      ['PROCEDURE', 1],
      ['OFFICER', 0.5],
      ['RESULT', 0.5],
      ['FEEDBACK', 0],
    ]);
  });

  it('adds the descendants only when asked, and defaults to the current month', async () => {
    expect(
      (await stats(`unitCode=${PROVINCE}&from=${from}&to=${to}&includeDescendants=true`).expect(200)).body
        .total.responses,
    ).toBe(5);
    expect((await stats(`unitCode=${PROVINCE}&from=${from}&to=${to}`).expect(200)).body.total.responses).toBe(
      0,
    );
    const unit = await stats(
      `unitCode=${PROVINCE}&from=${from}&to=${to}&includeDescendants=true&groupBy=unit`,
    ).expect(200);
    expect(unit.body.groups.map((g: any) => [g.unitCode, g.responses])).toEqual([
      [COMMUNE, 1],
      [OTHER_COMMUNE, 4],
    ]);
    const month = await stats(`unitCode=${OTHER_COMMUNE}`).expect(200);
    expect(month.body).toMatchObject({ from: `${localMonthOf(now)}-01`, to, total: { responses: 3 } });
  });

  it('keeps the scope of the caller', async () => {
    await stats(`unitCode=${OTHER_COMMUNE}`, tokens.viewer).expect(403);
    await stats(`unitCode=${OTHER_COMMUNE}`, bearer({ sub: 'k', roles: ['kiosk'], units: ['*'] })).expect(
      403,
    );
    await h.http().get(`/api/v1/stats/satisfaction?unitCode=${OTHER_COMMUNE}`).expect(401);
  });

  it('answers 404 UNIT.NOT_FOUND for an unknown unit, whoever asks, twice (a refusal is not cached)', async () => {
    for (const auth of [tokens.admin, tokens.viewer, tokens.admin]) {
      const res = await stats('unitCode=99999', auth).expect(404);
      expect(res.body).toMatchObject({ code: 'UNIT.NOT_FOUND', message: 'Unit 99999 not found' });
    }
    const comments = await h
      .http()
      .get('/api/v1/units/99999/comments')
      .set('Authorization', tokens.officer)
      .expect(404);
    expect(comments.body.code).toBe('UNIT.NOT_FOUND');
  });

  it('refuses a bad period or grouping', async () => {
    await stats(`unitCode=${OTHER_COMMUNE}&from=${to}&to=${from}`).expect(400);
    await stats(`unitCode=${OTHER_COMMUNE}&from=2026-02-30`).expect(400);
    expect((await stats(`unitCode=${OTHER_COMMUNE}&groupBy=mood`).expect(400)).body.message).toMatch(
      /groupBy must be one of element, officer, month/,
    );
  });

  it("lists the unit's written comments, newest first, to its staff only", async () => {
    const res = await h
      .http()
      .get(`/api/v1/units/${OTHER_COMMUNE}/comments?from=${from}&to=${to}`)
      .set('Authorization', tokens.otherOfficer)
      .expect(200);
    expect(res.body.items.map((c: any) => [c.text, c.channel, c.officerId])).toEqual([
      ['Phòng chờ sạch sẽ', 'KIOSK', null],
      ['Cần thêm ghế chờ', 'PAPER', 'officer-9'],
    ]);
    expect(res.body.total).toBe(2);
    await h
      .http()
      .get(`/api/v1/units/${OTHER_COMMUNE}/comments`)
      .set('Authorization', tokens.officer)
      .expect(403);
    await h
      .http()
      .get(`/api/v1/units/${OTHER_COMMUNE}/comments`)
      .set('Authorization', tokens.provinceViewer)
      .expect(403);
  });

  it('never answers from the cache after a change: at once through this instance, on NOTIFY from another connection', async () => {
    const q = `unitCode=${COMMUNE}&from=${from}&to=${to}`;
    const before = (await stats(q).expect(200)).body.total.responses;
    expect((await stats(q).expect(200)).body.total.responses).toBe(before); // from the cache
    await h
      .http()
      .post(`/api/v1/units/${COMMUNE}/responses`)
      .set('Authorization', tokens.officer)
      .send({ surveyId: SEED_TABLET_SURVEY_ID, answers: { STARS: 4 } })
      .expect(201);
    expect((await stats(q).expect(200)).body.total.responses).toBe(before + 1);
    // raw pg, like another instance of the service: only the NOTIFY of the bucket trigger tells this one
    const c = await (h.db.driver as unknown as { master: Pool }).master.connect();
    try {
      // a day row and its month row, as the service writes them (the buckets and the unit rollup the
      // total reads, migration 1730000600900, in one statement): a read takes exactly one of the two
      const probe = (sign: 1 | -1) =>
        c.query(
          `WITH fine AS (INSERT INTO satisfaction_buckets AS b (unit_code, grain, period_start, channel, officer_id, counts)
             VALUES ($1, 'D', $2::date, 'PAPER', 'cache-probe', $3::jsonb), ($1, 'M', date_trunc('month', $2::date)::date, 'PAPER', 'cache-probe', $3::jsonb)
             ON CONFLICT ON CONSTRAINT satisfaction_buckets_key DO UPDATE SET counts = add_counts(b.counts, EXCLUDED.counts))
           UPDATE satisfaction_unit_rollup SET n_responses = n_responses + $4
           WHERE unit_code = $1 AND ((grain = 'D' AND period_start = $2::date) OR (grain = 'M' AND period_start = date_trunc('month', $2::date)::date))`,
          [COMMUNE, to, JSON.stringify({ responses: 3 * sign }), 3 * sign],
        );
      await probe(1);
      await waitFor(async () => (await stats(q).expect(200)).body.total.responses === before + 4, {
        timeoutMs: 10_000,
        message: 'the answer shows the committed bucket',
      });
      await probe(-1);
      await waitFor(async () => (await stats(q).expect(200)).body.total.responses === before + 1, {
        timeoutMs: 10_000,
        message: 'the answer shows the delete',
      });
    } finally {
      c.release();
    }
  });
});
