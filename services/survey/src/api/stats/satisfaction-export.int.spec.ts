import { bearer, exportProblems, fetchExports, waitFor } from '@fg/platform/testing';
import { toLocalDate } from '@fg/kernel';
import { SEED_SIPAS, SEED_SIPAS_SURVEY_ID } from '../../domain';
import {
  OTHER_COMMUNE,
  PROVINCE,
  servedAtCounter,
  startSurvey,
  SurveyHarness,
  tokens,
} from '../../testing/survey-harness';

const DAY = 86_400_000;
const to = toLocalDate(new Date());
const from = toLocalDate(new Date(Date.now() - 90 * DAY));
/** A comment a CSV writer must quote (comma, quotes, line break) and a spreadsheet would run (=). */
const TRICKY = 'Phòng chờ mát, "sạch sẽ"\nnhưng thiếu ghế';
const FORMULA = '=HYPERLINK("http://x","Bấm")';

/** A SIPAS form with every element's questions at `level` and a comment. */
const sipas = (level: string, comment: string) => ({
  ...Object.fromEntries(SEED_SIPAS.questions.filter((q) => q.element).map((q) => [q.code, level])),
  ...Object.fromEntries(SEED_SIPAS.questions.filter((q) => q.indicator).map((q) => [q.code, 2])),
  OVERALL: level,
  COMMENT: comment,
});

/** Issue #20 item 2: satisfaction statistics and comments as CSV and XLSX, every cell equal to the JSON answer. */
describe('satisfaction statistics and comments exported as CSV and XLSX', () => {
  let h: SurveyHarness;

  beforeAll(async () => {
    h = await startSurvey('survey_stats_export');
    const { invitation } = await servedAtCounter(h, {
      unitCode: OTHER_COMMUNE,
      counterNo: 'A',
      officerId: 'officer-9',
    });
    await h
      .http()
      .post(`/api/v1/public/surveys/${invitation.token}/responses`)
      .send({ answers: { STARS: 4 } })
      .expect(201);
    const kiosk = bearer({ sub: 'kiosk-s', roles: ['kiosk'], units: [OTHER_COMMUNE] });
    for (const [level, comment] of [
      ['SATISFIED', TRICKY],
      ['DISSATISFIED', FORMULA],
    ])
      await h
        .http()
        .post(`/api/v1/public/units/${OTHER_COMMUNE}/responses`)
        .set('Authorization', kiosk)
        .send({ surveyId: SEED_SIPAS_SURVEY_ID, answers: sipas(level, comment) })
        .expect(201);
    await waitFor(
      async () =>
        (
          await h
            .http()
            .get(`/api/v1/stats/satisfaction?unitCode=${OTHER_COMMUNE}&from=${from}&to=${to}`)
            .set('Authorization', tokens.provinceViewer)
        ).body.total?.responses === 3,
      { message: 'the three responses counted' },
    );
  });
  afterAll(() => h.close());

  it.each(['element', 'officer', 'month', 'channel', 'unit', 'weekday', ''])(
    'satisfaction grouped by "%s": a row per group and the total, every cell as in the JSON',
    async (groupBy) => {
      const query = `unitCode=${PROVINCE}&includeDescendants=true&from=${from}&to=${to}${groupBy ? `&groupBy=${groupBy}` : ''}`;
      const ex = await fetchExports(
        h.http,
        `/api/v1/stats/satisfaction?${query}`,
        tokens.provinceViewer,
        ['satisfaction', PROVINCE, groupBy, from, to].filter(Boolean).join('_'),
      );
      const a = ex.json as { groups?: Record<string, unknown>[]; total: Record<string, unknown> };
      const context = { unitCode: PROVINCE, from, to, groupBy: groupBy || null };
      const key = {
        element: 'element',
        officer: 'officerId',
        month: 'month',
        channel: 'channel',
        unit: 'unitCode',
        weekday: 'isoWeekday',
      }[groupBy];
      if (groupBy) expect(a.groups?.length).toBeGreaterThan(0);
      const rows = [
        ...(a.groups ?? []).map((g) => ({ ...context, ...g })),
        { ...context, ...(key ? { [key]: 'TOTAL' } : {}), ...a.total },
      ];
      expect(exportProblems(ex, rows)).toEqual([]);
      const header = ex.xlsx.rows[0];
      expect(ex.xlsx.rows.at(-1)?.[header.indexOf('responses')]).toBe(3);
    },
  );

  it('comments: every comment a row, quoted text and formulas read back as written', async () => {
    const path = `/api/v1/units/${OTHER_COMMUNE}/comments?from=${from}&to=${to}`;
    const ex = await fetchExports(
      h.http,
      path,
      tokens.otherOfficer,
      `comments_${OTHER_COMMUNE}_${from}_${to}`,
    );
    const a = ex.json as { items: Record<string, unknown>[] };
    expect(a.items.map((c) => c.text)).toEqual(expect.arrayContaining([TRICKY, FORMULA]));
    const columns = [
      'from',
      'to',
      'responseId',
      'questionCode',
      'text',
      'unitCode',
      'channel',
      'officerId',
      'surveyId',
      'version',
      'submittedAt',
    ];
    expect(
      exportProblems(
        ex,
        a.items.map((c) => ({ from, to, ...c })),
        columns,
      ),
    ).toEqual([]);
    const texts = ex.xlsx.rows.slice(1).map((r) => r[4]);
    expect(texts).toEqual(expect.arrayContaining([TRICKY, FORMULA])); // XLSX: text cells, never formulas
    expect(ex.csv.slice(1).map((r) => r[4])).toEqual(expect.arrayContaining([TRICKY, `'${FORMULA}`]));
    // submittedAt: a date-time cell at Vietnam's wall clock
    const at = ex.xlsx.rows[1][10] as Date;
    expect(at.getTime()).toBe(Date.parse(a.items[0].submittedAt as string) + 7 * 3_600_000);
  });

  it('comments keep their scope: another commune’s officer gets 403 for the files too', async () => {
    const path = `/api/v1/units/${OTHER_COMMUNE}/comments?format=`;
    for (const f of ['csv', 'xlsx'])
      await h.http().get(`${path}${f}`).set('Authorization', tokens.officer).expect(403);
  });

  it('comments with none in the period: the header row alone', async () => {
    const ex = await fetchExports(
      h.http,
      `/api/v1/units/${OTHER_COMMUNE}/comments?from=2020-01-01&to=2020-01-31`,
      tokens.otherOfficer,
      `comments_${OTHER_COMMUNE}_2020-01-01_2020-01-31`,
    );
    expect(ex.csv).toHaveLength(1);
    expect(ex.xlsx.rows).toHaveLength(1);
    expect(ex.csv[0]).toEqual(ex.xlsx.rows[0]);
  });
});
