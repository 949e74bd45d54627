import { Topics } from '@fg/contracts';
import { bearer, exportProblems, fetchExports } from '@fg/platform/testing';
import { aCompletedTicket, aSurveyResponse } from '../events/testing/event-builders';
import { assessorOf, RatingTestKit, viewer } from '../testing/rating-test-kit';

const EVIDENCE = 'Biên bản kiểm tra, "số 12"\nđã niêm yết';

/** Issue #20 item 2: every rating statistic as CSV and XLSX, every cell equal to the JSON answer. */
describe('rating statistics exported as CSV and XLSX', () => {
  let kit: RatingTestKit;
  const http = () => kit.http();

  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_exports');
    await kit.registerUnits([
      { code: 'P95', name: 'Tỉnh Xuất Khẩu', level: 'PROVINCE' },
      { code: 'C9501', name: 'Phường Lê Lợi', level: 'COMMUNE', parentCode: 'P95' },
      { code: 'C9502', name: 'Xã Đồng Sơn', level: 'COMMUNE', parentCode: 'P95' },
    ]);
    const stars = (unit: string, officerId: string, list: number[]) =>
      list.map((s) => aSurveyResponse(unit, { officerId, stars: s, elementScores: [] }));
    await kit.produce(Topics.SURVEY, [
      ...stars('C9501', 'o-1', [5, 5, 4]),
      ...stars('C9502', 'o-1', [3]),
      ...stars('C9502', 'o-2', [5, 2]),
    ]);
    await kit.produce(Topics.QUEUE, [aCompletedTicket('C9501', { officerId: 'o-1' })]);
    await http()
      .put('/api/v1/units/C9501/assessments/2026/criteria/CB01')
      .set('Authorization', assessorOf('P95'))
      .send({ points: 2, evidence: EVIDENCE })
      .expect(200);
    await kit.scorecardWhen(
      'P95',
      (c) => c.metrics.OFFICER_RATINGS_COUNT === 6 && c.metrics.TICKETS_SERVED === 1,
      'all ratings',
    );
  });
  afterAll(() => kit.stop());

  it('scorecard: a row per criterion, per group, then the total', async () => {
    const path = '/api/v1/units/C9501/scorecard?year=2026';
    const ex = await fetchExports(http, path, viewer, 'scorecard_C9501_2026');
    const a = ex.json as Record<string, any>;
    const context = { unitCode: 'C9501', unitName: 'Phường Lê Lợi', year: 2026, schemeCode: a.scheme.code };
    const { criteria, groups, unit: _u, year: _y, scheme: _s, ...total } = a;
    const rows = [
      ...criteria.map((c: object) => ({ ...context, row: 'CRITERION', ...c })),
      ...groups.map((g: object) => ({ ...context, row: 'GROUP', ...g })),
      { ...context, row: 'TOTAL', ...total },
    ];
    expect(criteria.length).toBeGreaterThan(10);
    expect(exportProblems(ex, rows)).toEqual([]);
    const header = ex.xlsx.rows[0];
    const a1 = ex.xlsx.rows.find((r) => r[header.indexOf('code')] === 'CB01')!;
    expect(a1[header.indexOf('how.evidence')]).toBe(EVIDENCE);
    expect(a1[header.indexOf('points')]).toBe(2);
  });

  it('ranking, certification progress: rows as in the JSON', async () => {
    const ranking = await fetchExports(
      http,
      '/api/v1/units/P95/ranking?year=2026',
      viewer,
      'ranking_P95_COMMUNE_2026',
    );
    const r = ranking.json as { items: object[] };
    expect(r.items).toHaveLength(2);
    const columns = [
      'year',
      'rank',
      'code',
      'name',
      'level',
      'parentCode',
      'schemeCode',
      'score',
      'stars',
      'provisional',
      'provisionalStars',
    ];
    expect(
      exportProblems(
        ranking,
        r.items.map((i) => ({ year: 2026, ...i })),
        columns,
      ),
    ).toEqual([]);

    const path = '/api/v1/units/P95/certification-progress?year=2026';
    const progress = await fetchExports(http, path, viewer, 'certification-progress_P95_2026');
    expect(exportProblems(progress, [progress.json as Record<string, unknown>])).toEqual([]);
    expect(progress.xlsx.rows[0]).toEqual(expect.arrayContaining(['byStars.1', 'byStars.5', 'share']));
  });

  it("officers: one officer's rating (whole period, then per unit) and the unit's ranking", async () => {
    const q = 'from=2026-01&to=2026-12';
    const rating = await fetchExports(
      http,
      `/api/v1/officers/o-1/rating?${q}`,
      viewer,
      'officer-rating_o-1_2026-01_2026-12',
    );
    const { units, formula: _f, ...all } = rating.json as Record<string, any>;
    expect(units).toHaveLength(2);
    const rows = [
      { ...all, unitCode: 'ALL' },
      ...units.map((u: object) => ({
        from: all.from,
        to: all.to,
        method: all.method,
        officerId: 'o-1',
        ...u,
      })),
    ];
    expect(exportProblems(rating, rows)).toEqual([]);

    const ranking = await fetchExports(
      http,
      `/api/v1/units/P95/officers/ranking?${q}`,
      viewer,
      'officer-ranking_P95_2026-01_2026-12',
    );
    const b = ranking.json as Record<string, any>;
    expect(b.officers).toHaveLength(2);
    const context = { unitCode: 'P95', from: b.from, to: b.to, method: b.method, unitMean: b.unitMean };
    expect(
      exportProblems(
        ranking,
        b.officers.map((o: object) => ({ ...context, ...o })),
      ),
    ).toEqual([]);
  });

  it('assessments: one row per assessment, the evidence as written, the time a date-time', async () => {
    const ex = await fetchExports(
      http,
      '/api/v1/units/C9501/assessments/2026',
      viewer,
      'assessments_C9501_2026',
    );
    const items = (ex.json as { items: Record<string, unknown>[] }).items;
    expect(items).toHaveLength(1);
    const columns = [
      'id',
      'unitCode',
      'year',
      'criterionCode',
      'schemeCode',
      'points',
      'evidence',
      'note',
      'by',
      'at',
    ];
    expect(exportProblems(ex, items, columns)).toEqual([]);
    expect(ex.xlsx.rows[1][9]).toBeInstanceOf(Date);
  });

  it('keeps the scope rules of the JSON', async () => {
    const officer = bearer({ sub: 'o-2', roles: ['officer'], units: ['C9502'] });
    for (const f of ['csv', 'xlsx']) {
      // an officer reads only his own rating, and his own line of the ranking
      await http().get(`/api/v1/officers/o-1/rating?format=${f}`).set('Authorization', officer).expect(403);
      // a viewer of another province cannot rank its officers
      const other = bearer({ sub: 'v-9', roles: ['viewer'], units: ['P99'] });
      await http()
        .get(`/api/v1/units/P95/officers/ranking?format=${f}`)
        .set('Authorization', other)
        .expect(403);
    }
    const own = await fetchExports(
      http,
      '/api/v1/units/C9502/officers/ranking?from=2026-01&to=2026-12',
      officer,
      'officer-ranking_C9502_2026-01_2026-12',
    );
    expect(own.csv.slice(1).map((r) => r[own.csv[0].indexOf('officerId')])).toEqual(['o-2']);
    const bad = await http()
      .get('/api/v1/units/C9501/scorecard?year=2026&format=ods')
      .set('Authorization', viewer)
      .expect(400);
    expect(bad.body.message).toMatch(/format must be one of json, csv, xlsx/);
  });
});
