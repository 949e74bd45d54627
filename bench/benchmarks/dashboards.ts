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
import { bearer, createDb, createTopics, deleteTopics, kafkaClient, newPrefix, serviceEnv, ServiceProcess, startServiceProcess } from '../lib/infra';
import { runAutocannon } from './intake';

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
    const dossier = startServiceProcess('dossier', { env, label: 'dossier-dash' });
    const survey = startServiceProcess('survey', { env, label: 'survey-dash' });
    procs.push(rating, dossier, survey);
    await Promise.all(procs.map((p) => p.waitReady()));
    const units = [
      { code: 'DP', name: 'Tỉnh', level: 'PROVINCE', parentCode: undefined as string | undefined },
      ...Array.from({ length: districts }, (_, d) => ({ code: `DD${d + 1}`, name: `Huyện ${d + 1}`, level: 'DISTRICT', parentCode: 'DP' })),
      ...Array.from({ length: communes }, (_, c) => ({ code: `DC${c + 1}`, name: `Xã ${c + 1}`, level: 'COMMUNE', parentCode: `DD${(c % districts) + 1}` })),
    ];
    await expectStatus(call(rating.url, 'POST', '/api/v1/units/import', bearer({ roles: ['admin'] }), { units }), 200);
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
    log(`  dashboards: generating ${fmt(rawDossiers)} raw dossiers and ~${fmt(rawDossiers * 0.4)} responses (${communes} communes, 2025-01-01 … 2026-10-31)...`);
    await db.query(`CREATE SCHEMA bench_raw`);
    await db.query(`SET synchronous_commit = off`);
    await db.query(`CREATE UNLOGGED TABLE bench_raw.dossiers (unit_code text, procedure_code text, channel text, received_at timestamptz, finished_at timestamptz, timeliness text, apology boolean, same_day boolean)`);
    await db.query(`CREATE UNLOGGED TABLE bench_raw.responses (unit_code text, submitted_at timestamptz, stars int, officer_id text, el text[], valid int[], satisfied int[])`);
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
    await db.query(/* sql */ `
      INSERT INTO dossier.timeliness_daily (unit_code, day, procedure_code, received, received_counter, received_online, received_postal, received_home, received_same_day)
      SELECT unit_code, ${vnDay('received_at')}, procedure_code, count(*), count(*) FILTER (WHERE channel = 'COUNTER'), count(*) FILTER (WHERE channel = 'ONLINE'),
             count(*) FILTER (WHERE channel = 'POSTAL'), count(*) FILTER (WHERE channel = 'HOME'), count(*) FILTER (WHERE same_day)
      FROM bench_raw.dossiers GROUP BY 1, 2, 3`);
    await db.query(/* sql */ `
      INSERT INTO dossier.timeliness_daily AS t (unit_code, day, procedure_code, finished, early, on_time, late, late_without_apology, late_with_apology, resolved, same_day_finished, same_day_in_time, apologies)
      SELECT unit_code, ${vnDay('finished_at')}, procedure_code, count(*), count(*) FILTER (WHERE timeliness = 'EARLY'), count(*) FILTER (WHERE timeliness = 'ON_TIME'),
             count(*) FILTER (WHERE timeliness = 'LATE'), count(*) FILTER (WHERE timeliness = 'LATE' AND NOT apology), count(*) FILTER (WHERE timeliness = 'LATE' AND apology),
             count(*), count(*) FILTER (WHERE same_day), count(*) FILTER (WHERE same_day AND ${vnDay('finished_at')} = ${vnDay('received_at')}), count(*) FILTER (WHERE apology)
      FROM bench_raw.dossiers GROUP BY 1, 2, 3
      ON CONFLICT (unit_code, day, procedure_code) DO UPDATE SET finished = EXCLUDED.finished, early = EXCLUDED.early, on_time = EXCLUDED.on_time, late = EXCLUDED.late,
        late_without_apology = EXCLUDED.late_without_apology, late_with_apology = EXCLUDED.late_with_apology, resolved = EXCLUDED.resolved,
        same_day_finished = EXCLUDED.same_day_finished, same_day_in_time = EXCLUDED.same_day_in_time, apologies = EXCLUDED.apologies`);
    log(`    timeliness_daily: ${fmt(Number((await db.query(`SELECT count(*) AS n FROM dossier.timeliness_daily`))[0].n))} rows`);
    // survey buckets: day and month grains, per (unit, channel TABLET, officer), counts as the service writes them
    const countsExpr = `jsonb_strip_nulls(jsonb_build_object('responses', count(*)) || (SELECT jsonb_object_agg(k, v) FROM (SELECT 'el.' || e || '.' || f AS k, sum(x) AS v FROM (VALUES ${ELEMENTS.map((e, i) => `('${e}', 'valid', sum(valid[${i + 1}])), ('${e}', 'satisfied', sum(satisfied[${i + 1}]))`).join(', ')}) AS q(e, f, x) GROUP BY 1) z))`;
    for (const [grain, period] of [['D', vnDay('submitted_at')], ['M', `date_trunc('month', ${vnDay('submitted_at')})::date`]]) {
      await db.query(/* sql */ `
        INSERT INTO survey.satisfaction_buckets (unit_code, grain, period_start, channel, officer_id, counts)
        SELECT unit_code, '${grain}', ${period}, 'TABLET', officer_id, ${countsExpr}
        FROM bench_raw.responses GROUP BY 1, 3, 5`);
    }
    log(`    satisfaction_buckets: ${fmt(Number((await db.query(`SELECT count(*) AS n FROM survey.satisfaction_buckets`))[0].n))} rows`);
    const vnYm = (col: string) => `extract(year FROM ${col} AT TIME ZONE 'Asia/Ho_Chi_Minh')::int, extract(month FROM ${col} AT TIME ZONE 'Asia/Ho_Chi_Minh')::int`;
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
    for (const t of ['dossier.timeliness_daily', 'survey.satisfaction_buckets', 'rating.unit_metrics', 'bench_raw.dossiers', 'bench_raw.responses']) await db.query(`VACUUM ANALYZE ${t}`);
    const tAgg = (Date.now() - ta) / 1000;
    const aggRows = Object.fromEntries(await Promise.all(['dossier.timeliness_daily', 'survey.satisfaction_buckets', 'rating.unit_metrics'].map(async (t) => [t, Number((await db.query(`SELECT count(*) AS n FROM ${t}`))[0].n)])));
    log(`  raw rows in ${tRaw.toFixed(0)} s, aggregates in ${tAgg.toFixed(0)} s: ${JSON.stringify(aggRows)}`);

    // ---- endpoints vs naive
    const viewer = bearer({ roles: ['viewer'], units: ['*'] });
    const endpoints = [
      {
        name: 'timeliness (province, 2026, by unit, with descendants)', base: dossier.url, path: `/api/v1/stats/timeliness?unitCode=DP&from=2026-01-01&to=2026-10-31&includeDescendants=true`,
        naive: `SELECT count(*) AS finished, count(*) FILTER (WHERE timeliness = 'EARLY') AS early, count(*) FILTER (WHERE timeliness = 'ON_TIME') AS on_time, count(*) FILTER (WHERE timeliness = 'LATE') AS late
                FROM bench_raw.dossiers WHERE finished_at >= timestamptz '2026-01-01 00:00+07' AND finished_at < timestamptz '2026-11-01 00:00+07'`,
      },
      {
        name: 'satisfaction (province, 2026, with descendants)', base: survey.url, path: `/api/v1/stats/satisfaction?unitCode=DP&from=2026-01-01&to=2026-10-31&includeDescendants=true`,
        naive: `SELECT count(*) AS responses, ${ELEMENTS.map((e, i) => `sum(valid[${i + 1}]) AS ${e}_valid, sum(satisfied[${i + 1}]) AS ${e}_satisfied`).join(', ')}
                FROM bench_raw.responses WHERE submitted_at >= timestamptz '2026-01-01 00:00+07' AND submitted_at < timestamptz '2026-11-01 00:00+07'`,
      },
      {
        name: 'scorecard (province, 2026, rolled up over the subtree)', base: rating.url, path: `/api/v1/units/DP/scorecard?year=2026`,
        naive: `SELECT (SELECT count(*) FILTER (WHERE timeliness <> 'LATE')::float / nullif(count(*), 0) FROM bench_raw.dossiers WHERE finished_at >= timestamptz '2026-01-01 00:00+07' AND finished_at < timestamptz '2027-01-01 00:00+07') AS in_time_rate,
                       (SELECT sum(satisfied[3])::float / nullif(sum(valid[3]), 0) FROM bench_raw.responses WHERE submitted_at >= timestamptz '2026-01-01 00:00+07' AND submitted_at < timestamptz '2027-01-01 00:00+07') AS officer_satisfaction`,
      },
      {
        name: 'ranking (communes of the province, 2026)', base: rating.url, path: `/api/v1/units/DP/ranking?year=2026&level=COMMUNE&limit=20`,
        naive: `SELECT d.unit_code, d.in_time_rate, r.sat FROM
                  (SELECT unit_code, count(*) FILTER (WHERE timeliness <> 'LATE')::float / count(*) AS in_time_rate FROM bench_raw.dossiers
                   WHERE finished_at >= timestamptz '2026-01-01 00:00+07' AND finished_at < timestamptz '2027-01-01 00:00+07' GROUP BY unit_code) d
                  LEFT JOIN (SELECT unit_code, sum(satisfied[3])::float / nullif(sum(valid[3]), 0) AS sat FROM bench_raw.responses
                   WHERE submitted_at >= timestamptz '2026-01-01 00:00+07' AND submitted_at < timestamptz '2027-01-01 00:00+07' GROUP BY unit_code) r USING (unit_code)
                ORDER BY d.in_time_rate DESC, r.sat DESC LIMIT 20`,
      },
    ];
    const figures: Figure[] = [];
    const answers: Record<string, unknown> = {};
    for (const ep of endpoints) {
      const first = await expectStatus(call(ep.base, 'GET', ep.path, viewer), 200);
      answers[ep.name] = JSON.stringify(first.body).slice(0, 300);
      const p50: number[] = [];
      const p99: number[] = [];
      const rps: number[] = [];
      for (let r = 0; r < runs; r++) {
        const res = await runAutocannon({ url: `${ep.base}${ep.path}`, connections, duration: seconds, headers: { authorization: viewer } });
        if (res.non2xx) throw new Error(`${ep.name}: ${res.non2xx} non-2xx answers`);
        p50.push(res.latency.p50);
        p99.push(res.latency.p99);
        rps.push(res.requests.average);
      }
      // one client, sequential: the fair counterpart of the naive query's single-client timing
      const single: number[] = [];
      for (let i = 0; i < 20; i++) single.push((await call(ep.base, 'GET', ep.path, viewer)).ms);
      single.sort((a, b) => a - b);
      const single50 = percentile(single, 50);
      const naive: number[] = [];
      const c = await db.client();
      await c.query(`SET max_parallel_workers_per_gather = 2`);
      for (let i = 0; i < naiveRuns; i++) {
        const t = performance.now();
        await c.query(ep.naive);
        naive.push(performance.now() - t);
      }
      await c.end();
      naive.sort((a, b) => a - b);
      const s99 = summarize(p99);
      const s50 = summarize(p50);
      const naive50 = percentile(naive, 50);
      figures.push(
        { name: `${ep.name}: p50 at ${connections} clients`, unit: 'ms', ...s50 },
        { name: `${ep.name}: p99 at ${connections} clients`, unit: 'ms', ...s99, target: '< 20', met: s99.median < 20 },
        { name: `${ep.name}: throughput`, unit: 'req/s', ...summarize(rps) },
        { name: `${ep.name}: naive GROUP BY over raw rows (single client)`, unit: 'ms', median: naive50, min: naive[0], max: naive[naive.length - 1], runs: naive },
        { name: `${ep.name}: endpoint, single client`, unit: 'ms', median: single50, min: single[0], max: single[single.length - 1], runs: single },
        { name: `${ep.name}: naive ÷ endpoint (single client, p50)`, unit: '×', median: round(naive50 / single50, 1), min: round(naive[0] / single[single.length - 1], 1), max: round(naive[naive.length - 1] / single[0], 1), runs: [], target: '≥ 100×', met: naive50 / single50 >= 100 },
      );
      log(`  ${ep.name}: p50 ${s50.median} ms, p99 ${s99.median} ms, ${fmt(summarize(rps).median)} req/s; naive ${naive50.toFixed(0)} ms`);
    }
    notes.push(
      `${fmt(rawDossiers)} raw dossiers and ${fmt(rawResponses)} raw responses over ${communes} communes in ${districts} districts, 2025-01-01 … 2026-10-31 (generated with generate_series in ${tRaw.toFixed(0)} s; aggregates built from them in ${tAgg.toFixed(0)} s).`,
      `Aggregate rows: ${Object.entries(aggRows).map(([k, v]) => `${k} ${fmt(v as number)}`).join(', ')}.`,
      `Endpoints: autocannon, ${connections} connections, ${seconds} s per run, ${runs} runs, from this process on the same 2 cores. Naive: the same figures as one GROUP BY over the raw rows (the raw tables hold only this province, so no unit filter is needed: that favours the naive query), on one connection with up to 2 parallel workers, ${naiveRuns} times.`,
      `Peak RSS (MiB): ${procs.map((p) => `${p.name} ${round(p.peakRssMiB(), 0)}`).join(', ')}.`,
    );
    return {
      name: 'dashboards',
      title: '4. Dashboards over a large history: endpoints vs naive GROUP BY',
      params: { rawDossiers, rawResponses, communes, districts, connections, seconds, runs },
      figures,
      notes,
      checks: { firstAnswers: answers },
      ok: true,
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
