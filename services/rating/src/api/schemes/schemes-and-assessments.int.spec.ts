import { Topics } from '@fg/contracts';
import { aFinishedDossier } from '../../events/testing/event-builders';
import { admin, assessorOf, RatingTestKit, viewer } from '../../testing/rating-test-kit';

// Province P92 uses a small custom scheme; P93 uses Đồng Nai 2025; '24' is Bắc Giang with its seeded targets.
const SMALL = {
  name: 'Thử nghiệm – 2 tiêu chí',
  thresholds: [
    { stars: 1, minScore: 80 },
    { stars: 2, minScore: 90 },
  ],
  criteria: [
    { code: 'A1', group: 'FRIENDLY_OFFICIALS', title: 'Biết lắng nghe', maxPoints: 60, kind: 'ASSESSED' },
    {
      code: 'C1',
      group: 'FRIENDLY_OPERATIONS',
      title: 'Tỷ lệ đúng hạn',
      maxPoints: 40,
      kind: 'COMPUTED',
      metric: 'ON_TIME_RATE',
      rule: { type: 'LINEAR', from: { value: 90, points: 0 }, to: { value: 98, points: 40 } },
    },
  ],
};

describe('schemes, assessments, targets and who may do what', () => {
  let kit: RatingTestKit;
  const http = () => kit.http();

  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_schemes');
    await kit.registerUnits([
      { code: 'P92', name: 'Tỉnh Nhỏ', level: 'PROVINCE' },
      { code: 'C9201', name: 'Xã Một', level: 'COMMUNE', parentCode: 'P92' },
      { code: 'C9202', name: 'Xã Hai', level: 'COMMUNE', parentCode: 'P92' },
      { code: 'P93', name: 'Tỉnh Đồng Nai (thử)', level: 'PROVINCE' },
      { code: 'C9301', name: 'Xã Đồng Nai', level: 'COMMUNE', parentCode: 'P93' },
      { code: '24', name: 'Tỉnh Bắc Giang', level: 'PROVINCE' },
      { code: '07210', name: 'Phường Lê Lợi', level: 'COMMUNE', parentCode: '24' },
    ]);
  });
  afterAll(() => kit.stop());

  it('serves the documented paths', async () => {
    const docs = await http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/schemes/{code}',
        '/api/v1/schemes',
        '/api/v1/units/{code}/scheme',
        '/api/v1/units/{code}/assessments/{year}/criteria/{criterionCode}',
        '/api/v1/units/{code}/scorecard',
        '/api/v1/units/{code}/ranking',
        '/api/v1/units/{code}/targets/{year}',
        '/api/v1/units/{code}/certification-progress',
        '/api/v1/officers/{officerId}/rating',
        '/api/v1/units/{code}/officers/ranking',
      ]),
    );
    expect(
      (await http().get('/api/v1/units/NOPE/scorecard').set('Authorization', viewer).expect(404)).body.code,
    ).toBe('UNIT.NOT_FOUND');
    await http().get('/api/v1/units/P92/scorecard?year=abc').set('Authorization', viewer).expect(400);
  });

  it('seeds the Bắc Giang (42 criteria) and Đồng Nai 2025 schemes', async () => {
    const list = await http().get('/api/v1/schemes').set('Authorization', viewer).expect(200);
    expect(list.body.items.map((s: any) => [s.code, s.criteriaCount, s.totalPoints])).toEqual([
      ['BAC_GIANG_2023', 42, 100],
      ['DONG_NAI_2025', 42, 100],
    ]);
    const bg = await http().get('/api/v1/schemes/BAC_GIANG_2023').set('Authorization', viewer).expect(200);
    expect(bg.body.thresholds.map((t: any) => t.minScore)).toEqual([80, 85, 90, 95, 100]);
  });

  describe('when a scheme is invalid', () => {
    it('lists every problem in a 400 and stores nothing', async () => {
      const bad = {
        ...SMALL,
        thresholds: [
          { stars: 1, minScore: 90 },
          { stars: 2, minScore: 80 },
        ],
        criteria: [
          { ...SMALL.criteria[0], maxPoints: 50 },
          { ...SMALL.criteria[1], metric: 'HAPPINESS' },
          { ...SMALL.criteria[0] },
        ],
      };
      const res = await http()
        .put('/api/v1/schemes/BROKEN')
        .set('Authorization', admin)
        .send(bad)
        .expect(400);
      expect(res.body.code).toBe('SCHEME.INVALID');
      expect(res.body.details.problems).toEqual(
        expect.arrayContaining([
          'criteria[1].metric: unknown metric "HAPPINESS"',
          'criteria[2].code: duplicate code "A1" (also criteria[0])',
          'criteria: non-bonus maxPoints add up to 150, expected totalPoints 100',
          'thresholds[1].minScore: 80 is not greater than thresholds[0].minScore 90',
        ]),
      );
      await http().get('/api/v1/schemes/BROKEN').set('Authorization', viewer).expect(404);
    });

    it('refuses a computed criterion without a rule and an unknown field', async () => {
      const res = await http()
        .put('/api/v1/schemes/BROKEN')
        .set('Authorization', admin)
        .send({ ...SMALL, criteria: [SMALL.criteria[0], { ...SMALL.criteria[1], rule: undefined }] })
        .expect(400);
      expect(res.body.details.problems).toContain('criteria[1].rule: a COMPUTED criterion needs a rule');
      await http()
        .put('/api/v1/schemes/BROKEN')
        .set('Authorization', admin)
        .send({ ...SMALL, colour: 'red' })
        .expect(400);
      await http().get('/api/v1/schemes/BROKEN').set('Authorization', viewer).expect(404);
    });
  });

  it('lets only an admin manage schemes and targets', async () => {
    await http().put('/api/v1/schemes/SMALL').send(SMALL).expect(401);
    const res = await http()
      .put('/api/v1/schemes/SMALL')
      .set('Authorization', viewer)
      .send(SMALL)
      .expect(403);
    expect(res.body.code).toBe('AUTH.ROLE_REQUIRED');
    await http().put('/api/v1/schemes/SMALL').set('Authorization', assessorOf('*')).send(SMALL).expect(403);
    await http()
      .put('/api/v1/units/P92/scheme')
      .set('Authorization', assessorOf('P92'))
      .send({ schemeCode: 'DONG_NAI_2025' })
      .expect(403);
    await http()
      .put('/api/v1/units/P92/targets/2026')
      .set('Authorization', viewer)
      .send({ certifiedShare: 0.5 })
      .expect(403);
    await http().get('/api/v1/schemes/SMALL').set('Authorization', viewer).expect(404);
  });

  it('scores the descendants of a unit with the scheme assigned to it', async () => {
    const created = await http()
      .put('/api/v1/schemes/SMALL')
      .set('Authorization', admin)
      .send(SMALL)
      .expect(200);
    expect(created.body).toMatchObject({ code: 'SMALL', revision: 1, created: true });
    await http()
      .put('/api/v1/units/P92/scheme')
      .set('Authorization', admin)
      .send({ schemeCode: 'NOPE' })
      .expect(400);
    await http()
      .put('/api/v1/units/P92/scheme')
      .set('Authorization', admin)
      .send({ schemeCode: 'SMALL' })
      .expect(200);
    await http()
      .put('/api/v1/units/P93/scheme')
      .set('Authorization', admin)
      .send({ schemeCode: 'DONG_NAI_2025' })
      .expect(200);
    const card = await kit.scorecard('C9201');
    expect(card).toMatchObject({
      scheme: { code: 'SMALL', inheritedFrom: 'P92', isDefault: false },
      totalPoints: 100,
      missingAssessments: ['A1'],
    });
    // Đồng Nai gives ★ to any score: thresholds are data.
    expect(await kit.scorecard('C9301')).toMatchObject({
      scheme: { code: 'DONG_NAI_2025' },
      score: 0,
      provisionalStars: 1,
    });
    expect((await kit.scorecard('07210')).scheme).toMatchObject({ code: 'BAC_GIANG_2023', isDefault: true });
  });

  describe('when an assessment is wrong', () => {
    const assess = (code: string, criterion: string, body: object, auth = assessorOf('P92')) =>
      http()
        .put(`/api/v1/units/${code}/assessments/2026/criteria/${criterion}`)
        .set('Authorization', auth)
        .send(body);

    it('refuses points above the maximum, a computed criterion, an unknown one and missing evidence', async () => {
      expect((await assess('C9201', 'A1', { points: 61, evidence: 'x' }).expect(400)).body.code).toBe(
        'ASSESSMENT.POINTS_OUT_OF_RANGE',
      );
      expect((await assess('C9201', 'A1', { points: -1, evidence: 'x' }).expect(400)).body.code).toBe(
        'ASSESSMENT.POINTS_OUT_OF_RANGE',
      );
      expect((await assess('C9201', 'C1', { points: 10, evidence: 'x' }).expect(400)).body.code).toBe(
        'ASSESSMENT.COMPUTED_CRITERION',
      );
      expect((await assess('C9201', 'ZZ9', { points: 1, evidence: 'x' }).expect(404)).body.code).toBe(
        'ASSESSMENT.UNKNOWN_CRITERION',
      );
      await assess('C9201', 'A1', { points: 10 }).expect(400);
      await http()
        .put('/api/v1/units/C9201/assessments/1999/criteria/A1')
        .set('Authorization', assessorOf('P92'))
        .send({ points: 1, evidence: 'x' })
        .expect(400);
    });

    it('refuses assessors out of scope and other roles', async () => {
      const res = await assess('C9201', 'A1', { points: 10, evidence: 'x' }, assessorOf('P93')).expect(403);
      expect(res.body.code).toBe('AUTH.UNIT_OUT_OF_SCOPE');
      await assess('C9201', 'A1', { points: 10, evidence: 'x' }, viewer).expect(403);
    });

    it('stored none of them', async () => {
      const history = await http()
        .get('/api/v1/units/C9201/assessments/2026')
        .set('Authorization', viewer)
        .expect(200);
      expect(history.body.items).toEqual([]);
      expect((await kit.scorecard('C9201')).missingAssessments).toEqual(['A1']);
    });
  });

  it('keeps every assessment with who and when, and scores with the latest', async () => {
    await http()
      .put('/api/v1/units/C9201/assessments/2026/criteria/A1')
      .set('Authorization', assessorOf('P92'))
      .send({ points: 50, evidence: 'Biên bản 01' })
      .expect(200);
    const res = await http()
      .put('/api/v1/units/C9201/assessments/2026/criteria/A1')
      .set('Authorization', assessorOf('C9201'))
      .send({ points: 60, evidence: 'Biên bản 02', note: 'Đã khắc phục' })
      .expect(200);
    expect(res.body.scorecard).toEqual({ score: 60, stars: 0, provisional: false, missingAssessments: 0 });
    const history = (
      await http().get('/api/v1/units/C9201/assessments/2026').set('Authorization', viewer).expect(200)
    ).body.items;
    expect(history.map((a: any) => [a.points, a.evidence, a.by])).toEqual([
      [60, 'Biên bản 02', 'assessor-C9201'],
      [50, 'Biên bản 01', 'assessor-P92'],
    ]);
    expect(new Date(history[0].at).getTime()).toBeGreaterThanOrEqual(new Date(history[1].at).getTime());
    expect((await kit.scorecard('C9201')).criteria[0]).toMatchObject({
      points: 60,
      how: { kind: 'ASSESSMENT', evidence: 'Biên bản 02', note: 'Đã khắc phục' },
    });
    // The unit's audit log (issue #16): both assessments, with their assessors; the evidence stays in its row.
    const audit = (
      await http()
        .get('/api/v1/units/C9201/audit-log?action=assessment')
        .set('Authorization', admin)
        .expect(200)
    ).body.items;
    expect(audit.map((e: any) => [e.action, e.actorId, e.subject, e.details.points])).toEqual([
      ['assessment.enter', 'assessor-C9201', 'A1', 60],
      ['assessment.enter', 'assessor-P92', 'A1', 50],
    ]);
    await http().get('/api/v1/units/C9201/audit-log').set('Authorization', viewer).expect(403);
  });

  it('reports certification progress against the target', async () => {
    await kit.produce(Topics.DOSSIER, [aFinishedDossier('C9201'), aFinishedDossier('C9201')]);
    await kit.scorecardWhen('C9201', (c) => c.score === 100, 'C9201 on time');
    await http()
      .put('/api/v1/units/P92/targets/2026')
      .set('Authorization', admin)
      .send({ certifiedShare: 1.5 })
      .expect(400);
    await http()
      .put('/api/v1/units/P92/targets/2026')
      .set('Authorization', admin)
      .send({ certifiedShare: 0.5 })
      .expect(200);
    const res = await http()
      .get('/api/v1/units/P92/certification-progress?year=2026')
      .set('Authorization', viewer)
      .expect(200);
    expect(res.body).toMatchObject({
      schemeCode: 'SMALL',
      total: 2,
      certified: 1,
      pending: 1,
      share: 0.5,
      target: 0.5,
      met: true,
      targetSetBy: 'P92',
      byStars: { 0: 0, 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 },
    });
    const ranking = await http()
      .get('/api/v1/units/P92/ranking?year=2026')
      .set('Authorization', viewer)
      .expect(200);
    expect(ranking.body.items.map((r: any) => [r.rank, r.code, r.score, r.stars])).toEqual([
      [1, 'C9201', 100, 2],
      [2, 'C9202', 0, null],
    ]);
  });

  it("uses Bắc Giang's seeded targets (30% 2023, 60% 2024, 100% 2025 and after)", async () => {
    const progress = async (year: number) =>
      (
        await http()
          .get(`/api/v1/units/24/certification-progress?year=${year}`)
          .set('Authorization', viewer)
          .expect(200)
      ).body;
    expect(await progress(2023)).toMatchObject({
      target: 0.3,
      targetSetBy: '24',
      total: 1,
      certified: 0,
      met: false,
    });
    expect((await progress(2024)).target).toBe(0.6);
    expect((await progress(2026)).target).toBe(1);
  });

  it('rescores the units of a scheme when the scheme changes', async () => {
    const stricter = { ...SMALL, thresholds: [{ stars: 1, minScore: 100 }] }; // C9201's 100 points now give ★, not ★★
    const res = await http()
      .put('/api/v1/schemes/SMALL')
      .set('Authorization', admin)
      .send(stricter)
      .expect(200);
    expect(res.body).toMatchObject({ revision: 2, created: false });
    expect(res.body.rescored).toBeGreaterThanOrEqual(1);
    const events = (await kit.publishedAbout('C9201', 'P92', 'COMMUNE')).filter(
      (e) => e.type === 'unit.star-level-changed',
    );
    expect(events.map((e) => [e.data.from, e.data.to])).toEqual([
      [0, 2],
      [2, 1],
    ]);
    // Issue #16 follow-up 5: the assignment and the change are in the audit log of the unit the scheme is
    // assigned to (newest first); the refused assignment of an unknown scheme left nothing.
    const audit = (
      await http().get('/api/v1/units/P92/audit-log?action=scheme').set('Authorization', admin).expect(200)
    ).body.items;
    expect(audit.map((e: any) => [e.action, e.actorId, e.subject, e.details])).toEqual([
      ['scheme.change', 'admin-1', 'SMALL', { revision: 2 }],
      ['scheme.assign', 'admin-1', 'SMALL', {}],
    ]);
    const [other] = (
      await http().get('/api/v1/units/P93/audit-log?action=scheme').set('Authorization', admin).expect(200)
    ).body.items;
    expect(other).toMatchObject({ action: 'scheme.assign', subject: 'DONG_NAI_2025' });
  });
});
