/*
 * (4) Dashboards. One database holds the dossier, survey and rating schemas (each service owns its schema) and
 * a `bench_raw` schema with raw rows: dossiers (unit, procedure, received/finished, timeliness, channel) and
 * survey responses. The services' aggregate tables are bulk-loaded FROM those raw rows with INSERT … SELECT …
 * GROUP BY (generate_series for the raw rows), so the endpoints and the naive GROUP BY over the raw rows answer
 * the same question and can be compared. Then autocannon drives each endpoint with 50 connections, and the
 * naive query runs a few times on one connection.
 */
import { fmt, log, num, percentile, round, summarize } from '../lib/common';
import { BenchContext, BenchResult, Figure } from '../lib/context';
import { call, expectStatus, waitForUnits } from '../lib/http';
import {
  bearer,
  createDb,
  createTopics,
  deleteTopics,
  kafkaClient,
  newPrefix,
  serviceEnv,
  ServiceProcess,
  startServiceProcess,
} from '../lib/infra';
import { runAutocannon } from './intake';
import { profileArgs } from './rebuild';

/** What a dashboard in a browser sends: large answers come back gzipped (compressed once per cached answer). */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

const ELEMENTS = ['ACCESS', 'PROCEDURE', 'OFFICER', 'RESULT', 'FEEDBACK'];

export async function benchDashboards(ctx: BenchContext): Promise<BenchResult> {
  const { args, quick, brokers, runs } = ctx;
  const rawDossiers = num(args, 'raw-dossiers', quick ? 300_000 : 10_000_000);
  const communes = num(args, 'dash-communes', quick ? 100 : 1000);
  const districts = Math.max(1, Math.round(communes / 50));
  const seconds = num(args, 'dash-seconds', quick ? 3 : 10);
  const connections = num(args, 'dash-connections', 50);
  const naiveRuns = num(args, 'naive-runs', quick ? 3 : 3);
  const kafka = kafkaClient(brokers);
  const admin = kafka.admin();
  await admin.connect();
  const prefix = newPrefix('da');
  const db = await createDb('dash');
  const procs: ServiceProcess[] = [];
  const notes: string[] = [];
  try {
    await createTopics(admin, prefix, 12);
    const env = serviceEnv(db.url, brokers, prefix);
    const rating = startServiceProcess('rating', { env, label: 'rating-dash' });
    const dossier = startServiceProcess('dossier', {
      env,
      label: 'dossier-dash',
      nodeArgs: profileArgs(args, 'dossier-dash'),
    });
    const survey = startServiceProcess('survey', {
      env,
      label: 'survey-dash',
      nodeArgs: profileArgs(args, 'survey-dash'),
    });
    procs.push(rating, dossier, survey);
    await Promise.all(procs.map((p) => p.waitReady()));
    const units = [
      { code: 'DP', name: 'Tỉnh', level: 'PROVINCE', parentCode: undefined as string | undefined },
      ...Array.from({ length: districts }, (_, d) => ({
        code: `DD${d + 1}`,
        name: `Huyện ${d + 1}`,
        level: 'DISTRICT',
        parentCode: 'DP',
      })),
      ...Array.from({ length: communes }, (_, c) => ({
        code: `DC${c + 1}`,
        name: `Xã ${c + 1}`,
        level: 'COMMUNE',
        parentCode: `DD${(c % districts) + 1}`,
      })),
    ];
    await expectStatus(
      call(rating.url, 'POST', '/api/v1/units/import', bearer({ roles: ['admin'] }), { units }),
      200,
    );
    await waitForUnits([dossier.url, survey.url], ['DP', `DD${districts}`, `DC${communes}`]);
    // the local copies must hold every unit before subtree reads
    for (const schema of ['dossier', 'survey']) {
      for (let i = 0; i < 240; i++) {
        const n = Number((await db.query(`SELECT count(*) AS n FROM ${schema}.units`))[0].n);
        if (n >= units.length) break;
        await new Promise((r) => setTimeout(r, 500));
      }
    }

    // ---- raw rows
    const t0 = Date.now();
    log(
      `  dashboards: generating ${fmt(rawDossiers)} raw dossiers and ~${fmt(rawDossiers * 0.4)} responses (${communes} communes, 2025-01-01 … 2026-10-31)...`,
    );
    await db.query(`CREATE SCHEMA bench_raw`);
    await db.query(`SET synchronous_commit = off`);
    await db.query(
      `CREATE UNLOGGED TABLE bench_raw.dossiers (unit_code text, procedure_code text, channel text, received_at timestamptz, finished_at timestamptz, timeliness text, apology boolean, same_day boolean)`,
    );
    await db.query(
      `CREATE UNLOGGED TABLE bench_raw.responses (unit_code text, submitted_at timestamptz, stars int, officer_id text, el text[], valid int[], satisfied int[])`,
    );
    const span = `extract(epoch FROM timestamptz '2026-10-31 00:00+07' - timestamptz '2025-01-01 00:00+07')`;
    const step = 2_000_000;
    for (let from = 1; from <= rawDossiers; from += step) {
      const to = Math.min(rawDossiers, from + step - 1);
      await db.query(/* sql */ `
        INSERT INTO bench_raw.dossiers
        SELECT 'DC' || (1 + (hashint4(i) & 2147483647) % ${communes}),
               (ARRAY['HT-KHAI-SINH','HT-XAC-NHAN-TTHN','CT-BAN-SAO','DD-CAP-GCN','TP-LY-LICH'])[1 + (i % 5)],
               (ARRAY['COUNTER','COUNTER','ONLINE','POSTAL','HOME'])[1 + ((i / 5) % 5)],
               r, r + make_interval(secs => (((hashint4(i + 7) & 2147483647) % 864000))::int),
               CASE WHEN i % 20 = 0 THEN 'LATE' WHEN i % 3 = 0 THEN 'ON_TIME' ELSE 'EARLY' END,
               i % 40 = 0, i % 7 = 0
        FROM generate_series(${from}, ${to}) AS i,
             LATERAL (SELECT timestamptz '2025-01-01 00:00+07' + make_interval(secs => ((hashint4(i) & 2147483647) % ${span}::int)) AS r) x`);
      await db.query(/* sql */ `
        INSERT INTO bench_raw.responses
        SELECT d.unit_code, d.finished_at + interval '10 minutes', 1 + (hashint4((i + 3)::int) & 2147483647) % 5, d.unit_code || '-o' || (i % 5),
               ARRAY['ACCESS','PROCEDURE','OFFICER','RESULT','FEEDBACK'], ARRAY[1 + i % 3, 2, 1 + i % 2, 2, 1],
               ARRAY[i % 3, 1 + (i % 2), i % 2, 2, (i / 3) % 2]
        FROM (SELECT row_number() OVER () AS i, * FROM bench_raw.dossiers OFFSET ${from - 1} LIMIT ${to - from + 1}) d
        WHERE d.i % 5 < 2`);
      log(`    raw rows ${fmt(to)} / ${fmt(rawDossiers)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
    const rawResponses = Number((await db.query(`SELECT count(*) AS n FROM bench_raw.responses`))[0].n);
    const tRaw = (Date.now() - t0) / 1000;

    // ---- aggregates, in the services' real tables, from the raw rows
    const ta = Date.now();
    const vnDay = (col: string) => `(${col} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
    // One INSERT of received (by receipt day) and finished (by finish day) counts, in day order as live traffic
    // writes them; the service's triggers fill timeliness_monthly from the same statement.
    await db.query(/* sql */ `
      INSERT INTO dossier.timeliness_daily (unit_code, day, procedure_code, received, received_counter, received_online, received_postal, received_home, received_same_day,
        finished, early, on_time, late, late_without_apology, late_with_apology, resolved, same_day_finished, same_day_in_time, apologies)
      SELECT unit_code, day, procedure_code, coalesce(r.received, 0), coalesce(r.received_counter, 0), coalesce(r.received_online, 0), coalesce(r.received_postal, 0),
             coalesce(r.received_home, 0), coalesce(r.received_same_day, 0), coalesce(f.finished, 0), coalesce(f.early, 0), coalesce(f.on_time, 0), coalesce(f.late, 0),
             coalesce(f.late_without_apology, 0), coalesce(f.late_with_apology, 0), coalesce(f.resolved, 0), coalesce(f.same_day_finished, 0), coalesce(f.same_day_in_time, 0), coalesce(f.apologies, 0)
      FROM (SELECT unit_code, ${vnDay('received_at')} AS day, procedure_code, count(*) AS received, count(*) FILTER (WHERE channel = 'COUNTER') AS received_counter,
                   count(*) FILTER (WHERE channel = 'ONLINE') AS received_online, count(*) FILTER (WHERE channel = 'POSTAL') AS received_postal,
                   count(*) FILTER (WHERE channel = 'HOME') AS received_home, count(*) FILTER (WHERE same_day) AS received_same_day
            FROM bench_raw.dossiers GROUP BY 1, 2, 3) r
      FULL JOIN (SELECT unit_code, ${vnDay('finished_at')} AS day, procedure_code, count(*) AS finished, count(*) FILTER (WHERE timeliness = 'EARLY') AS early,
                   count(*) FILTER (WHERE timeliness = 'ON_TIME') AS on_time, count(*) FILTER (WHERE timeliness = 'LATE') AS late,
                   count(*) FILTER (WHERE timeliness = 'LATE' AND NOT apology) AS late_without_apology, count(*) FILTER (WHERE timeliness = 'LATE' AND apology) AS late_with_apology,
                   count(*) AS resolved, count(*) FILTER (WHERE same_day) AS same_day_finished,
                   count(*) FILTER (WHERE same_day AND ${vnDay('finished_at')} = ${vnDay('received_at')}) AS same_day_in_time, count(*) FILTER (WHERE apology) AS apologies
            FROM bench_raw.dossiers GROUP BY 1, 2, 3) f USING (unit_code, day, procedure_code)
      ORDER BY day, unit_code, procedure_code`);
    log(
      `    timeliness_daily: ${fmt(Number((await db.query(`SELECT count(*) AS n FROM dossier.timeliness_daily`))[0].n))} rows`,
    );
    // survey buckets: day and month grains, per (unit, channel TABLET, officer), counts as the service writes them
    const countsExpr = `jsonb_strip_nulls(jsonb_build_object('responses', count(*)) || (SELECT jsonb_object_agg(k, v) FROM (SELECT 'el.' || e || '.' || f AS k, sum(x) AS v FROM (VALUES ${ELEMENTS.map((e, i) => `('${e}', 'valid', sum(valid[${i + 1}])), ('${e}', 'satisfied', sum(satisfied[${i + 1}]))`).join(', ')}) AS q(e, f, x) GROUP BY 1) z))`;
    for (const [grain, period] of [
      ['D', vnDay('submitted_at')],
      ['M', `date_trunc('month', ${vnDay('submitted_at')})::date`],
    ]) {
      await db.query(/* sql */ `
        INSERT INTO survey.satisfaction_buckets (unit_code, grain, period_start, channel, officer_id, counts)
        SELECT unit_code, '${grain}', ${period}, 'TABLET', officer_id, ${countsExpr}
        FROM bench_raw.responses GROUP BY 1, 3, 5`);
    }
    log(
      `    satisfaction_buckets: ${fmt(Number((await db.query(`SELECT count(*) AS n FROM survey.satisfaction_buckets`))[0].n))} rows`,
    );
    const vnYm = (col: string) =>
      `extract(year FROM ${col} AT TIME ZONE 'Asia/Ho_Chi_Minh')::int, extract(month FROM ${col} AT TIME ZONE 'Asia/Ho_Chi_Minh')::int`;
    await db.query(/* sql */ `
      INSERT INTO rating.unit_metrics (unit_code, year, month, dossiers_finished, early, on_time, late, late_with_apology, late_without_apology, same_day_finished, same_day_on_time, apologies_issued)
      SELECT unit_code, ${vnYm('finished_at')}, count(*), count(*) FILTER (WHERE timeliness = 'EARLY'), count(*) FILTER (WHERE timeliness = 'ON_TIME'),
             count(*) FILTER (WHERE timeliness = 'LATE'), count(*) FILTER (WHERE timeliness = 'LATE' AND apology), count(*) FILTER (WHERE timeliness = 'LATE' AND NOT apology),
             count(*) FILTER (WHERE same_day), count(*) FILTER (WHERE same_day AND ${vnDay('finished_at')} = ${vnDay('received_at')}), count(*) FILTER (WHERE apology)
      FROM bench_raw.dossiers GROUP BY 1, 2, 3`);
    await db.query(/* sql */ `
      INSERT INTO rating.unit_metrics AS m (unit_code, year, month, dossiers_received, home_service)
      SELECT unit_code, ${vnYm('received_at')}, count(*), count(*) FILTER (WHERE channel = 'HOME') FROM bench_raw.dossiers GROUP BY 1, 2, 3
      ON CONFLICT (unit_code, year, month) DO UPDATE SET dossiers_received = EXCLUDED.dossiers_received, home_service = EXCLUDED.home_service`);
    await db.query(/* sql */ `
      INSERT INTO rating.unit_metrics AS m (unit_code, year, month, survey_responses, ${ELEMENTS.map((e) => `${e.toLowerCase()}_valid, ${e.toLowerCase()}_satisfied`).join(', ')}, stars_1, stars_2, stars_3, stars_4, stars_5)
      SELECT unit_code, ${vnYm('submitted_at')}, count(*), ${ELEMENTS.map((_, i) => `sum(valid[${i + 1}]), sum(least(satisfied[${i + 1}], valid[${i + 1}]))`).join(', ')},
             ${[1, 2, 3, 4, 5].map((s) => `count(*) FILTER (WHERE stars = ${s})`).join(', ')}
      FROM bench_raw.responses GROUP BY 1, 2, 3
      ON CONFLICT (unit_code, year, month) DO UPDATE SET survey_responses = EXCLUDED.survey_responses,
        ${ELEMENTS.map((e) => `${e.toLowerCase()}_valid = EXCLUDED.${e.toLowerCase()}_valid, ${e.toLowerCase()}_satisfied = EXCLUDED.${e.toLowerCase()}_satisfied`).join(', ')},
        stars_1 = EXCLUDED.stars_1, stars_2 = EXCLUDED.stars_2, stars_3 = EXCLUDED.stars_3, stars_4 = EXCLUDED.stars_4, stars_5 = EXCLUDED.stars_5`);
    for (const t of [
      'dossier.timeliness_daily',
      'survey.satisfaction_buckets',
      'rating.unit_metrics',
      'bench_raw.dossiers',
      'bench_raw.responses',
    ])
      await db.query(`VACUUM ANALYZE ${t}`);
    const tAgg = (Date.now() - ta) / 1000;
    const aggRows = Object.fromEntries(
      await Promise.all(
        ['dossier.timeliness_daily', 'survey.satisfaction_buckets', 'rating.unit_metrics'].map(async (t) => [
          t,
          Number((await db.query(`SELECT count(*) AS n FROM ${t}`))[0].n),
        ]),
      ),
    );
    log(`  raw rows in ${tRaw.toFixed(0)} s, aggregates in ${tAgg.toFixed(0)} s: ${JSON.stringify(aggRows)}`);

    // ---- the monthly rollup is maintained by triggers from the daily rows (filled above by the same bulk load): check it
    const rollupDiff = Number(
      (
        await db.query(/* sql */ `
      SELECT count(*) AS n FROM (
        (SELECT unit_code, date_trunc('month', day)::date AS month, procedure_code, sum(received) AS r, sum(finished) AS f, sum(early) AS e, sum(on_time) AS o, sum(late) AS l,
                sum(late_without_apology) AS lw, sum(same_day_in_time) AS s, sum(apologies) AS a FROM dossier.timeliness_daily GROUP BY 1, 2, 3
         EXCEPT SELECT unit_code, month, procedure_code, received, finished, early, on_time, late, late_without_apology, same_day_in_time, apologies FROM dossier.timeliness_monthly)
        UNION ALL
        (SELECT unit_code, month, procedure_code, received, finished, early, on_time, late, late_without_apology, same_day_in_time, apologies FROM dossier.timeliness_monthly
         EXCEPT SELECT unit_code, date_trunc('month', day)::date, procedure_code, sum(received), sum(finished), sum(early), sum(on_time), sum(late),
                sum(late_without_apology), sum(same_day_in_time), sum(apologies) FROM dossier.timeliness_daily GROUP BY 1, 2, 3)) d`)
      )[0].n,
    );
    const monthlyRows = Number((await db.query(`SELECT count(*) AS n FROM dossier.timeliness_monthly`))[0].n);
    log(
      `    timeliness_monthly: ${fmt(monthlyRows)} rows, ${rollupDiff} differing from the daily rows rolled up`,
    );
    if (rollupDiff) throw new Error(`timeliness_monthly differs from timeliness_daily in ${rollupDiff} rows`);
    await db.query(`VACUUM ANALYZE dossier.timeliness_monthly`);

    // ---- endpoints vs naive
    const viewer = bearer({ roles: ['viewer'], units: ['*'] });
    const range = (col: string, from: string, toExclusive: string) =>
      `${col} >= timestamptz '${from} 00:00+07' AND ${col} < timestamptz '${toExclusive} 00:00+07'`;
    const tSums = `count(*) AS finished, count(*) FILTER (WHERE timeliness = 'EARLY') AS early, count(*) FILTER (WHERE timeliness = 'ON_TIME') AS on_time, count(*) FILTER (WHERE timeliness = 'LATE') AS late`;
    const sSums = `count(*) AS responses, ${ELEMENTS.map((e, i) => `sum(valid[${i + 1}]) AS ${e}_valid, sum(satisfied[${i + 1}]) AS ${e}_satisfied`).join(', ')}`;
    const oneCommune = `DC${Math.min(7, communes)}`;
    const district = 'DD1';
    /** `check`: compares the endpoint's answer with the naive rows (same question, so the same figures). */
    type Ep = {
      name: string;
      base: string;
      path: string;
      naive: string;
      channel?: string;
      main?: boolean;
      check?: (body: any, naive: any[]) => string | null;
    };
    const tCheck = (body: any, rows: any[]) => {
      const sum = (k: string) => rows.reduce((a, r) => a + Number(r[k]), 0);
      const want = {
        finished: sum('finished'),
        early: sum('early'),
        onTime: sum('on_time'),
        late: sum('late'),
      };
      const got = {
        finished: body.total.finished,
        early: body.total.early,
        onTime: body.total.onTime,
        late: body.total.late,
      };
      return JSON.stringify(got) === JSON.stringify(want)
        ? null
        : `total ${JSON.stringify(got)} ≠ naive ${JSON.stringify(want)}`;
    };
    const sCheck = (body: any, rows: any[]) => {
      const want = rows.reduce((a, r) => a + Number(r.responses), 0);
      return body.total.responses === want ? null : `total.responses ${body.total.responses} ≠ naive ${want}`;
    };
    const endpoints: Ep[] = [
      {
        name: 'timeliness (province, 2026, by unit, with descendants)',
        base: dossier.url,
        channel: 'stats_dossier',
        main: true,
        check: tCheck,
        path: `/api/v1/stats/timeliness?unitCode=DP&from=2026-01-01&to=2026-10-31&includeDescendants=true`,
        naive: `SELECT unit_code, ${tSums} FROM bench_raw.dossiers WHERE ${range('finished_at', '2026-01-01', '2026-11-01')} GROUP BY unit_code`,
      },
      {
        name: 'timeliness (province, 2026-01-15 … 2026-10-20, by procedure)',
        base: dossier.url,
        channel: 'stats_dossier',
        check: tCheck,
        path: `/api/v1/stats/timeliness?unitCode=DP&from=2026-01-15&to=2026-10-20&groupBy=procedure&includeDescendants=true`,
        naive: `SELECT procedure_code, ${tSums} FROM bench_raw.dossiers WHERE ${range('finished_at', '2026-01-15', '2026-10-21')} GROUP BY procedure_code`,
      },
      {
        name: 'timeliness (district, 2025-03 … 2026-10, by month)',
        base: dossier.url,
        channel: 'stats_dossier',
        check: tCheck,
        path: `/api/v1/stats/timeliness?unitCode=${district}&from=2025-03-01&to=2026-10-31&groupBy=month&includeDescendants=true`,
        naive: `SELECT to_char(finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS m, ${tSums} FROM bench_raw.dossiers d JOIN dossier.units u ON u.code = d.unit_code
                WHERE u.parent_code = '${district}' AND ${range('finished_at', '2025-03-01', '2026-11-01')} GROUP BY 1`,
      },
      {
        name: 'timeliness (one commune, 2026-02-10 … 2026-09-05, by procedure)',
        base: dossier.url,
        channel: 'stats_dossier',
        check: tCheck,
        path: `/api/v1/stats/timeliness?unitCode=${oneCommune}&from=2026-02-10&to=2026-09-05&groupBy=procedure`,
        naive: `SELECT procedure_code, ${tSums} FROM bench_raw.dossiers WHERE unit_code = '${oneCommune}' AND ${range('finished_at', '2026-02-10', '2026-09-06')} GROUP BY 1`,
      },
      {
        name: 'satisfaction (province, 2026, with descendants)',
        base: survey.url,
        channel: 'stats_survey',
        main: true,
        check: sCheck,
        path: `/api/v1/stats/satisfaction?unitCode=DP&from=2026-01-01&to=2026-10-31&includeDescendants=true`,
        naive: `SELECT ${sSums} FROM bench_raw.responses WHERE ${range('submitted_at', '2026-01-01', '2026-11-01')}`,
      },
      {
        name: 'satisfaction (province, 2026-01-15 … 2026-10-20, by month)',
        base: survey.url,
        channel: 'stats_survey',
        check: sCheck,
        path: `/api/v1/stats/satisfaction?unitCode=DP&from=2026-01-15&to=2026-10-20&groupBy=month&includeDescendants=true`,
        naive: `SELECT to_char(submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS m, ${sSums} FROM bench_raw.responses WHERE ${range('submitted_at', '2026-01-15', '2026-10-21')} GROUP BY 1`,
      },
      {
        name: 'satisfaction (district, 2026, by unit)',
        base: survey.url,
        channel: 'stats_survey',
        check: sCheck,
        path: `/api/v1/stats/satisfaction?unitCode=${district}&from=2026-01-01&to=2026-10-31&groupBy=unit&includeDescendants=true`,
        naive: `SELECT unit_code, ${sSums} FROM bench_raw.responses r JOIN survey.units u ON u.code = r.unit_code
                WHERE u.parent_code = '${district}' AND ${range('submitted_at', '2026-01-01', '2026-11-01')} GROUP BY 1`,
      },
      {
        name: 'satisfaction (one commune, 2026-02-10 … 2026-09-05, by officer)',
        base: survey.url,
        channel: 'stats_survey',
        check: sCheck,
        path: `/api/v1/stats/satisfaction?unitCode=${oneCommune}&from=2026-02-10&to=2026-09-05&groupBy=officer`,
        naive: `SELECT officer_id, ${sSums} FROM bench_raw.responses WHERE unit_code = '${oneCommune}' AND ${range('submitted_at', '2026-02-10', '2026-09-06')} GROUP BY 1`,
      },
      {
        name: 'scorecard (province, 2026, rolled up over the subtree)',
        base: rating.url,
        path: `/api/v1/units/DP/scorecard?year=2026`,
        main: true,
        naive: `SELECT (SELECT count(*) FILTER (WHERE timeliness <> 'LATE')::float / nullif(count(*), 0) FROM bench_raw.dossiers WHERE finished_at >= timestamptz '2026-01-01 00:00+07' AND finished_at < timestamptz '2027-01-01 00:00+07') AS in_time_rate,
                       (SELECT sum(satisfied[3])::float / nullif(sum(valid[3]), 0) FROM bench_raw.responses WHERE submitted_at >= timestamptz '2026-01-01 00:00+07' AND submitted_at < timestamptz '2027-01-01 00:00+07') AS officer_satisfaction`,
      },
      {
        name: 'ranking (communes of the province, 2026)',
        base: rating.url,
        path: `/api/v1/units/DP/ranking?year=2026&level=COMMUNE&limit=20`,
        main: true,
        naive: `SELECT d.unit_code, d.in_time_rate, r.sat FROM
                  (SELECT unit_code, count(*) FILTER (WHERE timeliness <> 'LATE')::float / count(*) AS in_time_rate FROM bench_raw.dossiers
                   WHERE finished_at >= timestamptz '2026-01-01 00:00+07' AND finished_at < timestamptz '2027-01-01 00:00+07' GROUP BY unit_code) d
                  LEFT JOIN (SELECT unit_code, sum(satisfied[3])::float / nullif(sum(valid[3]), 0) AS sat FROM bench_raw.responses
                   WHERE submitted_at >= timestamptz '2026-01-01 00:00+07' AND submitted_at < timestamptz '2027-01-01 00:00+07' GROUP BY unit_code) r USING (unit_code)
                ORDER BY d.in_time_rate DESC, r.sat DESC LIMIT 20`,
      },
    ];
    const only =
      typeof args['dash-endpoints'] === 'string' ? new RegExp(String(args['dash-endpoints'])) : null;
    const figures: Figure[] = [];
    const answers: Record<string, unknown> = {};
    const mismatches: string[] = [];
    const notifier = await db.client();
    for (const ep of endpoints.filter((e) => !only || only.test(e.name))) {
      const first = await expectStatus(call(ep.base, 'GET', ep.path, viewer), 200);
      answers[ep.name] = JSON.stringify(first.body).slice(0, 300);
      const p50: number[] = [];
      const p99: number[] = [];
      const rps: number[] = [];
      for (let r = 0; r < runs; r++) {
        const res = await runAutocannon({
          url: `${ep.base}${ep.path}`,
          connections,
          duration: seconds,
          headers: { authorization: viewer, 'accept-encoding': BROWSER_ACCEPT_ENCODING },
        });
        if (res.non2xx) throw new Error(`${ep.name}: ${res.non2xx} non-2xx answers`);
        if (!res['2xx'])
          notes.push(
            `${ep.name}: NO answer at ${connections} connections within ${seconds} s (${res.errors} errors, ${res.timeouts} timeouts, run ${r + 1}); its latency figures below are 0.`,
          );
        else if (res.errors || res.timeouts)
          notes.push(
            `${ep.name}: ${res.errors} errors and ${res.timeouts} timeouts at ${connections} connections (run ${r + 1}).`,
          );
        p50.push(res.latency.p50);
        p99.push(res.latency.p99);
        rps.push(res.requests.average);
      }
      // one client, sequential: the fair counterpart of the naive query's single-client timing (answers served from the cache when the service has one)
      const single: number[] = [];
      for (let i = 0; i < 20; i++) single.push((await call(ep.base, 'GET', ep.path, viewer)).ms);
      single.sort((a, b) => a - b);
      const single50 = percentile(single, 50);
      // one client, the service's cache invalidated before each request (what the first dashboard after a change waits for)
      const cold: number[] = [];
      if (ep.channel) {
        for (let i = 0; i < 10; i++) {
          await notifier.query(`NOTIFY ${ep.channel}`);
          await new Promise((r) => setTimeout(r, 30));
          cold.push((await call(ep.base, 'GET', ep.path, viewer)).ms);
        }
        cold.sort((a, b) => a - b);
      }
      const naive: number[] = [];
      const c = await db.client();
      await c.query(`SET max_parallel_workers_per_gather = 2`);
      let naiveRows: any[] = [];
      for (let i = 0; i < naiveRuns; i++) {
        const t = performance.now();
        naiveRows = (await c.query(ep.naive)).rows;
        naive.push(performance.now() - t);
      }
      await c.end();
      naive.sort((a, b) => a - b);
      const mismatch = ep.check?.(first.body, naiveRows);
      if (mismatch) mismatches.push(`${ep.name}: ${mismatch}`);
      const s99 = summarize(p99);
      const s50 = summarize(p50);
      const naive50 = percentile(naive, 50);
      figures.push(
        { name: `${ep.name}: p50 at ${connections} clients`, unit: 'ms', ...s50 },
        {
          name: `${ep.name}: p99 at ${connections} clients`,
          unit: 'ms',
          ...s99,
          target: '< 20',
          met: s99.median < 20,
        },
        { name: `${ep.name}: throughput`, unit: 'req/s', ...summarize(rps) },
        {
          name: `${ep.name}: naive GROUP BY over raw rows (single client)`,
          unit: 'ms',
          median: naive50,
          min: naive[0],
          max: naive[naive.length - 1],
          runs: naive,
        },
        {
          name: `${ep.name}: endpoint, single client`,
          unit: 'ms',
          median: single50,
          min: single[0],
          max: single[single.length - 1],
          runs: single,
        },
        {
          name: `${ep.name}: naive ÷ endpoint (single client, p50)`,
          unit: '×',
          median: round(naive50 / single50, 1),
          min: round(naive[0] / single[single.length - 1], 1),
          max: round(naive[naive.length - 1] / single[0], 1),
          runs: [],
          target: '≥ 100×',
          met: naive50 / single50 >= 100,
        },
      );
      if (cold.length) {
        const cold50 = percentile(cold, 50);
        figures.push(
          {
            name: `${ep.name}: endpoint, single client, cache invalidated before each request`,
            unit: 'ms',
            median: cold50,
            min: cold[0],
            max: cold[cold.length - 1],
            runs: cold,
          },
          {
            name: `${ep.name}: naive ÷ endpoint without cache (single client, p50)`,
            unit: '×',
            median: round(naive50 / cold50, 1),
            min: round(naive[0] / cold[cold.length - 1], 1),
            max: round(naive[naive.length - 1] / cold[0], 1),
            runs: [],
          },
        );
      }
      log(
        `  ${ep.name}: p50 ${s50.median} ms, p99 ${s99.median} ms, ${fmt(summarize(rps).median)} req/s; single ${single50.toFixed(1)} ms${cold.length ? `, uncached ${percentile(cold, 50).toFixed(1)} ms` : ''}; naive ${naive50.toFixed(0)} ms${mismatch ? `; MISMATCH ${mismatch}` : ''}`,
      );
    }
    await notifier.end();
    if (mismatches.length) notes.push(`Answers differing from the naive query: ${mismatches.join('; ')}`);
    notes.push(
      `${fmt(rawDossiers)} raw dossiers and ${fmt(rawResponses)} raw responses over ${communes} communes in ${districts} districts, 2025-01-01 … 2026-10-31 (generated with generate_series in ${tRaw.toFixed(0)} s; aggregates built from them in ${tAgg.toFixed(0)} s).`,
      `Aggregate rows: ${Object.entries(aggRows)
        .map(([k, v]) => `${k} ${fmt(v as number)}`)
        .join(', ')}.`,
      `Endpoints: autocannon, ${connections} connections, ${seconds} s per run, ${runs} runs, from this process on the same 2 cores, sending Accept-Encoding as a browser does (${BROWSER_ACCEPT_ENCODING}): answers of 1 KiB or more come back gzipped, compressed once per cached answer. Naive: the same figures as one GROUP BY over the raw rows (the raw tables hold only this province, so no unit filter is needed: that favours the naive query), on one connection with up to 2 parallel workers, ${naiveRuns} times.`,
      `Peak RSS (MiB): ${procs.map((p) => `${p.name} ${round(p.peakRssMiB(), 0)}`).join(', ')}.`,
    );
    return {
      name: 'dashboards',
      title: '4. Dashboards over a large history: endpoints vs naive GROUP BY',
      params: { rawDossiers, rawResponses, communes, districts, connections, seconds, runs },
      figures,
      notes,
      checks: {
        firstAnswers: answers,
        timelinessMonthlyRows: monthlyRows,
        timelinessMonthlyDiffering: rollupDiff,
        mismatches,
      },
      ok: mismatches.length === 0,
    };
  } finally {
    for (const p of procs) await p.stop().catch(() => undefined);
    if (!ctx.keep) {
      await deleteTopics(admin, prefix).catch(() => undefined);
      await db.drop().catch(() => undefined);
    }
    await admin.disconnect();
  }
}
