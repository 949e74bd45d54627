/*
 * The dashboard endpoints measured, each with the naive query that answers the same question as one GROUP BY
 * over the raw rows (load-data.ts), and for the stats endpoints a check that both give the same totals.
 */
import { SIPAS_ELEMENTS, VIETNAM_TIME_ZONE } from '@fg/kernel';
import { DashboardServices, DashboardsOptions } from './context';

export interface Endpoint {
  name: string;
  base: string;
  path: string;
  naive: string;
  /** The NOTIFY channel that invalidates the service's cached answers (`stats_<schema>`, every endpoint here). */
  channel: 'stats_dossier' | 'stats_survey' | 'stats_rating';
  /** One of the shapes the issue's target is about. */
  main?: boolean;
  /** Compares the endpoint's answer with the naive rows (same question, so the same figures): null when equal. */
  check?: (body: any, naive: any[]) => string | null;
}

/** Instants from local midnight of `from` to local midnight of `toExclusive` (Vietnam, UTC+7). */
const range = (col: string, from: string, toExclusive: string) =>
  `${col} >= timestamptz '${from} 00:00+07' AND ${col} < timestamptz '${toExclusive} 00:00+07'`;
const TIMELINESS_SUMS = `count(*) AS finished, count(*) FILTER (WHERE timeliness = 'EARLY') AS early, count(*) FILTER (WHERE timeliness = 'ON_TIME') AS on_time, count(*) FILTER (WHERE timeliness = 'LATE') AS late`;
const SATISFACTION_SUMS = `count(*) AS responses, ${SIPAS_ELEMENTS.map((e, i) => `sum(valid[${i + 1}]) AS ${e}_valid, sum(satisfied[${i + 1}]) AS ${e}_satisfied`).join(', ')}`;

const sameTimelinessTotals = (body: any, rows: any[]) => {
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

const sameResponseTotal = (body: any, rows: any[]) => {
  const want = rows.reduce((a, r) => a + Number(r.responses), 0);
  return body.total.responses === want ? null : `total.responses ${body.total.responses} ≠ naive ${want}`;
};

export function endpoints(
  { dossier, survey, rating }: DashboardServices,
  { communes, only }: DashboardsOptions,
): Endpoint[] {
  const oneCommune = `DC${Math.min(7, communes)}`;
  const district = 'DD1';
  const all: Endpoint[] = [
    {
      name: 'timeliness (province, 2026, by unit, with descendants)',
      base: dossier.url,
      channel: 'stats_dossier',
      main: true,
      check: sameTimelinessTotals,
      path: `/api/v1/stats/timeliness?unitCode=DP&from=2026-01-01&to=2026-10-31&includeDescendants=true`,
      naive: `SELECT unit_code, ${TIMELINESS_SUMS} FROM bench_raw.dossiers WHERE ${range('finished_at', '2026-01-01', '2026-11-01')} GROUP BY unit_code`,
    },
    {
      name: 'timeliness (province, 2026-01-15 … 2026-10-20, by procedure)',
      base: dossier.url,
      channel: 'stats_dossier',
      check: sameTimelinessTotals,
      path: `/api/v1/stats/timeliness?unitCode=DP&from=2026-01-15&to=2026-10-20&groupBy=procedure&includeDescendants=true`,
      naive: `SELECT procedure_code, ${TIMELINESS_SUMS} FROM bench_raw.dossiers WHERE ${range('finished_at', '2026-01-15', '2026-10-21')} GROUP BY procedure_code`,
    },
    {
      name: 'timeliness (district, 2025-03 … 2026-10, by month)',
      base: dossier.url,
      channel: 'stats_dossier',
      check: sameTimelinessTotals,
      path: `/api/v1/stats/timeliness?unitCode=${district}&from=2025-03-01&to=2026-10-31&groupBy=month&includeDescendants=true`,
      naive: `SELECT to_char(finished_at AT TIME ZONE '${VIETNAM_TIME_ZONE}', 'YYYY-MM') AS m, ${TIMELINESS_SUMS} FROM bench_raw.dossiers d JOIN dossier.units u ON u.code = d.unit_code
              WHERE u.parent_code = '${district}' AND ${range('finished_at', '2025-03-01', '2026-11-01')} GROUP BY 1`,
    },
    {
      name: 'timeliness (one commune, 2026-02-10 … 2026-09-05, by procedure)',
      base: dossier.url,
      channel: 'stats_dossier',
      check: sameTimelinessTotals,
      path: `/api/v1/stats/timeliness?unitCode=${oneCommune}&from=2026-02-10&to=2026-09-05&groupBy=procedure`,
      naive: `SELECT procedure_code, ${TIMELINESS_SUMS} FROM bench_raw.dossiers WHERE unit_code = '${oneCommune}' AND ${range('finished_at', '2026-02-10', '2026-09-06')} GROUP BY 1`,
    },
    {
      name: 'satisfaction (province, 2026, with descendants)',
      base: survey.url,
      channel: 'stats_survey',
      main: true,
      check: sameResponseTotal,
      path: `/api/v1/stats/satisfaction?unitCode=DP&from=2026-01-01&to=2026-10-31&includeDescendants=true`,
      naive: `SELECT ${SATISFACTION_SUMS} FROM bench_raw.responses WHERE ${range('submitted_at', '2026-01-01', '2026-11-01')}`,
    },
    {
      name: 'satisfaction (province, 2026-01-15 … 2026-10-20, by month)',
      base: survey.url,
      channel: 'stats_survey',
      check: sameResponseTotal,
      path: `/api/v1/stats/satisfaction?unitCode=DP&from=2026-01-15&to=2026-10-20&groupBy=month&includeDescendants=true`,
      naive: `SELECT to_char(submitted_at AT TIME ZONE '${VIETNAM_TIME_ZONE}', 'YYYY-MM') AS m, ${SATISFACTION_SUMS} FROM bench_raw.responses WHERE ${range('submitted_at', '2026-01-15', '2026-10-21')} GROUP BY 1`,
    },
    {
      name: 'satisfaction (district, 2026, by unit)',
      base: survey.url,
      channel: 'stats_survey',
      check: sameResponseTotal,
      path: `/api/v1/stats/satisfaction?unitCode=${district}&from=2026-01-01&to=2026-10-31&groupBy=unit&includeDescendants=true`,
      naive: `SELECT unit_code, ${SATISFACTION_SUMS} FROM bench_raw.responses r JOIN survey.units u ON u.code = r.unit_code
              WHERE u.parent_code = '${district}' AND ${range('submitted_at', '2026-01-01', '2026-11-01')} GROUP BY 1`,
    },
    {
      name: 'satisfaction (one commune, 2026-02-10 … 2026-09-05, by officer)',
      base: survey.url,
      channel: 'stats_survey',
      check: sameResponseTotal,
      path: `/api/v1/stats/satisfaction?unitCode=${oneCommune}&from=2026-02-10&to=2026-09-05&groupBy=officer`,
      naive: `SELECT officer_id, ${SATISFACTION_SUMS} FROM bench_raw.responses WHERE unit_code = '${oneCommune}' AND ${range('submitted_at', '2026-02-10', '2026-09-06')} GROUP BY 1`,
    },
    {
      name: 'scorecard (province, 2026, rolled up over the subtree)',
      base: rating.url,
      channel: 'stats_rating',
      path: `/api/v1/units/DP/scorecard?year=2026`,
      main: true,
      naive: `SELECT (SELECT count(*) FILTER (WHERE timeliness <> 'LATE')::float / nullif(count(*), 0) FROM bench_raw.dossiers WHERE finished_at >= timestamptz '2026-01-01 00:00+07' AND finished_at < timestamptz '2027-01-01 00:00+07') AS in_time_rate,
                     (SELECT sum(satisfied[3])::float / nullif(sum(valid[3]), 0) FROM bench_raw.responses WHERE submitted_at >= timestamptz '2026-01-01 00:00+07' AND submitted_at < timestamptz '2027-01-01 00:00+07') AS officer_satisfaction`,
    },
    {
      name: 'ranking (communes of the province, 2026)',
      base: rating.url,
      channel: 'stats_rating',
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
  return all.filter((e) => !only || only.test(e.name));
}
