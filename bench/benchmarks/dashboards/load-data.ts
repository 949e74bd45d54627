/*
 * Load data: a `bench_raw` schema with raw rows, dossiers (unit, procedure, received/finished, timeliness,
 * channel) and survey responses, generated with generate_series; then the services' aggregate tables are
 * bulk-loaded FROM those raw rows with INSERT … SELECT … GROUP BY, so an endpoint and the naive GROUP BY over the
 * raw rows answer the same question and can be compared. The monthly dossier rollup, which the service's
 * triggers fill from the daily rows, is checked against them.
 */
import { SIPAS_ELEMENTS, VIETNAM_TIME_ZONE } from '@fg/kernel';
import { fmt, log } from '../../lib/common';
import { BenchDb } from '../../lib/infra';
import { DashboardsOptions } from './context';

export interface LoadedData {
  rawResponses: number;
  rawSeconds: number;
  aggregateSeconds: number;
  /** Table → rows, for the aggregate tables the endpoints read. */
  aggregateRows: Record<string, number>;
  timelinessMonthlyRows: number;
  /** Monthly rows differing from the daily rows rolled up (0, or the load throws). */
  timelinessMonthlyDiffering: number;
}

const count = async (db: BenchDb, table: string) =>
  Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

/** Dates in Vietnam: the day or (year, month) an instant falls on there, as the services count them. */
const vnDay = (col: string) => `(${col} AT TIME ZONE '${VIETNAM_TIME_ZONE}')::date`;
const vnYm = (col: string) =>
  `extract(year FROM ${col} AT TIME ZONE '${VIETNAM_TIME_ZONE}')::int, extract(month FROM ${col} AT TIME ZONE '${VIETNAM_TIME_ZONE}')::int`;

export async function loadData(db: BenchDb, options: DashboardsOptions): Promise<LoadedData> {
  const rawStarted = Date.now();
  const rawResponses = await generateRawRows(db, options);
  const rawSeconds = (Date.now() - rawStarted) / 1000;
  const aggregatesStarted = Date.now();
  await buildAggregates(db);
  const aggregateSeconds = (Date.now() - aggregatesStarted) / 1000;
  const aggregateRows = Object.fromEntries(
    await Promise.all(
      ['dossier.timeliness_daily', 'survey.satisfaction_buckets', 'rating.unit_metrics'].map(async (t) => [
        t,
        await count(db, t),
      ]),
    ),
  );
  log(
    `  raw rows in ${rawSeconds.toFixed(0)} s, aggregates in ${aggregateSeconds.toFixed(0)} s: ${JSON.stringify(aggregateRows)}`,
  );
  const rollup = await checkMonthlyRollup(db);
  return { rawResponses, rawSeconds, aggregateSeconds, aggregateRows, ...rollup };
}

/** Returns the number of raw responses (about 40 % of the dossiers). */
async function generateRawRows(db: BenchDb, { rawDossiers, communes }: DashboardsOptions): Promise<number> {
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
             ARRAY[${SIPAS_ELEMENTS.map((e) => `'${e}'`).join(',')}], ARRAY[1 + i % 3, 2, 1 + i % 2, 2, 1],
             ARRAY[i % 3, 1 + (i % 2), i % 2, 2, (i / 3) % 2]
      FROM (SELECT row_number() OVER () AS i, * FROM bench_raw.dossiers OFFSET ${from - 1} LIMIT ${to - from + 1}) d
      WHERE d.i % 5 < 2`);
    log(`    raw rows ${fmt(to)} / ${fmt(rawDossiers)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  return count(db, 'bench_raw.responses');
}

/** The services' real aggregate tables, from the raw rows, as live traffic would have filled them. */
async function buildAggregates(db: BenchDb): Promise<void> {
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
  log(`    timeliness_daily: ${fmt(await count(db, 'dossier.timeliness_daily'))} rows`);
  // survey buckets: day and month grains, per (unit, channel TABLET, officer), counts as the service writes them
  const countsExpr = `jsonb_strip_nulls(jsonb_build_object('responses', count(*)) || (SELECT jsonb_object_agg(k, v) FROM (SELECT 'el.' || e || '.' || f AS k, sum(x) AS v FROM (VALUES ${SIPAS_ELEMENTS.map((e, i) => `('${e}', 'valid', sum(valid[${i + 1}])), ('${e}', 'satisfied', sum(satisfied[${i + 1}]))`).join(', ')}) AS q(e, f, x) GROUP BY 1) z))`;
  for (const [grain, period] of [
    ['D', vnDay('submitted_at')],
    ['M', `date_trunc('month', ${vnDay('submitted_at')})::date`],
  ]) {
    await db.query(/* sql */ `
      INSERT INTO survey.satisfaction_buckets (unit_code, grain, period_start, channel, officer_id, counts)
      SELECT unit_code, '${grain}', ${period}, 'TABLET', officer_id, ${countsExpr}
      FROM bench_raw.responses GROUP BY 1, 3, 5`);
  }
  log(`    satisfaction_buckets: ${fmt(await count(db, 'survey.satisfaction_buckets'))} rows`);
  // The per-unit rollup (survey migration 1730000600900, issue #21) from those buckets, as the service's own
  // refill does it; a build without that migration (an A/B run) has no such function.
  if ((await db.query(`SELECT to_regproc('survey.rebuild_satisfaction_unit_rollup') AS f`))[0].f) {
    await db.query(`SELECT survey.rebuild_satisfaction_unit_rollup()`);
    log(`    satisfaction_unit_rollup: ${fmt(await count(db, 'survey.satisfaction_unit_rollup'))} rows`);
    await db.query(`VACUUM ANALYZE survey.satisfaction_unit_rollup`);
  }
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
    INSERT INTO rating.unit_metrics AS m (unit_code, year, month, survey_responses, ${SIPAS_ELEMENTS.map((e) => `${e.toLowerCase()}_valid, ${e.toLowerCase()}_satisfied`).join(', ')}, stars_1, stars_2, stars_3, stars_4, stars_5)
    SELECT unit_code, ${vnYm('submitted_at')}, count(*), ${SIPAS_ELEMENTS.map((_, i) => `sum(valid[${i + 1}]), sum(least(satisfied[${i + 1}], valid[${i + 1}]))`).join(', ')},
           ${[1, 2, 3, 4, 5].map((s) => `count(*) FILTER (WHERE stars = ${s})`).join(', ')}
    FROM bench_raw.responses GROUP BY 1, 2, 3
    ON CONFLICT (unit_code, year, month) DO UPDATE SET survey_responses = EXCLUDED.survey_responses,
      ${SIPAS_ELEMENTS.map((e) => `${e.toLowerCase()}_valid = EXCLUDED.${e.toLowerCase()}_valid, ${e.toLowerCase()}_satisfied = EXCLUDED.${e.toLowerCase()}_satisfied`).join(', ')},
      stars_1 = EXCLUDED.stars_1, stars_2 = EXCLUDED.stars_2, stars_3 = EXCLUDED.stars_3, stars_4 = EXCLUDED.stars_4, stars_5 = EXCLUDED.stars_5`);
  for (const t of [
    'dossier.timeliness_daily',
    'survey.satisfaction_buckets',
    'rating.unit_metrics',
    'bench_raw.dossiers',
    'bench_raw.responses',
  ])
    await db.query(`VACUUM ANALYZE ${t}`);
}

/** The monthly rollup is maintained by triggers from the daily rows (filled by the same bulk load): check it. */
async function checkMonthlyRollup(
  db: BenchDb,
): Promise<Pick<LoadedData, 'timelinessMonthlyRows' | 'timelinessMonthlyDiffering'>> {
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
  const monthlyRows = await count(db, 'dossier.timeliness_monthly');
  log(
    `    timeliness_monthly: ${fmt(monthlyRows)} rows, ${rollupDiff} differing from the daily rows rolled up`,
  );
  if (rollupDiff) throw new Error(`timeliness_monthly differs from timeliness_daily in ${rollupDiff} rows`);
  await db.query(`VACUUM ANALYZE dossier.timeliness_monthly`);
  return { timelinessMonthlyRows: monthlyRows, timelinessMonthlyDiffering: rollupDiff };
}
