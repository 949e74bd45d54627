/* Report: each endpoint's figures (with the issue's targets), the notes and checks of the dashboards result. */
import { fmt, log, percentile, round, summarize } from '../../lib/common';
import { BenchResult, Figure } from '../../lib/context';
import { ServiceProcess } from '../../lib/infra';
import { BROWSER_ACCEPT_ENCODING, DashboardsBench } from './context';
import { Endpoint } from './endpoints';
import { LoadedData } from './load-data';
import { Load, Naive } from './measure';

/** All that was measured of one endpoint (measure.ts). */
export interface Measured {
  ep: Endpoint;
  firstAnswer: unknown;
  load: Load;
  /** Sorted ms: one client, cached answers. */
  single: number[];
  /** Sorted ms: one client, cache invalidated before each request (empty without a cache). */
  uncached: number[];
  naive: Naive;
}

/** The progress line of one endpoint, as soon as it is measured. */
export function logEndpoint({ ep, load, single, uncached, naive }: Measured): void {
  log(
    `  ${ep.name}: p50 ${summarize(load.p50).median} ms, p99 ${summarize(load.p99).median} ms, ${fmt(summarize(load.rps).median)} req/s; single ${percentile(single, 50).toFixed(1)} ms${uncached.length ? `, uncached ${percentile(uncached, 50).toFixed(1)} ms` : ''}; naive ${percentile(naive.ms, 50).toFixed(0)} ms${naive.mismatch ? `; MISMATCH ${naive.mismatch}` : ''}`,
  );
}

/** Timings of one client: the median and the range of the sorted `ms`. */
const oneClient = (name: string, ms: number[]): Figure => ({
  name,
  unit: 'ms',
  median: percentile(ms, 50),
  min: ms[0],
  max: ms[ms.length - 1],
  runs: ms,
});

/** How many times faster the endpoint is than the naive query: p50 over p50, and the extreme pairings. */
const speedUp = (name: string, naive: number[], endpoint: number[]): Figure => ({
  name,
  unit: '×',
  median: round(percentile(naive, 50) / percentile(endpoint, 50), 1),
  min: round(naive[0] / endpoint[endpoint.length - 1], 1),
  max: round(naive[naive.length - 1] / endpoint[0], 1),
  runs: [],
});

function endpointFigures({ ep, load, single, uncached, naive }: Measured, connections: number): Figure[] {
  const p99 = summarize(load.p99);
  const faster = speedUp(`${ep.name}: naive ÷ endpoint (single client, p50)`, naive.ms, single);
  const figures: Figure[] = [
    { name: `${ep.name}: p50 at ${connections} clients`, unit: 'ms', ...summarize(load.p50) },
    {
      name: `${ep.name}: p99 at ${connections} clients`,
      unit: 'ms',
      ...p99,
      target: '< 20',
      met: p99.median < 20,
    },
    { name: `${ep.name}: throughput`, unit: 'req/s', ...summarize(load.rps) },
    oneClient(`${ep.name}: naive GROUP BY over raw rows (single client)`, naive.ms),
    oneClient(`${ep.name}: endpoint, single client`, single),
    {
      ...faster,
      target: '≥ 100×',
      met: percentile(naive.ms, 50) / percentile(single, 50) >= 100,
    },
  ];
  if (uncached.length)
    figures.push(
      oneClient(`${ep.name}: endpoint, single client, cache invalidated before each request`, uncached),
      speedUp(`${ep.name}: naive ÷ endpoint without cache (single client, p50)`, naive.ms, uncached),
    );
  return figures;
}

export function dashboardsResult(
  { options, notes }: DashboardsBench,
  data: LoadedData,
  measured: Measured[],
  processes: ServiceProcess[],
): BenchResult {
  const { rawDossiers, communes, districts, connections, seconds, runs, naiveRuns } = options;
  const mismatches = measured.filter((m) => m.naive.mismatch).map((m) => `${m.ep.name}: ${m.naive.mismatch}`);
  if (mismatches.length) notes.push(`Answers differing from the naive query: ${mismatches.join('; ')}`);
  notes.push(
    `${fmt(rawDossiers)} raw dossiers and ${fmt(data.rawResponses)} raw responses over ${communes} communes in ${districts} districts, 2025-01-01 … 2026-10-31 (generated with generate_series in ${data.rawSeconds.toFixed(0)} s; aggregates built from them in ${data.aggregateSeconds.toFixed(0)} s).`,
    `Aggregate rows: ${Object.entries(data.aggregateRows)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', ')}.`,
    `Endpoints: autocannon, ${connections} connections, ${seconds} s per run, ${runs} runs, from this process on the same 2 cores, sending Accept-Encoding as a browser does (${BROWSER_ACCEPT_ENCODING}): answers of 1 KiB or more come back gzipped, compressed once per cached answer. Naive: the same figures as one GROUP BY over the raw rows (the raw tables hold only this province, so no unit filter is needed: that favours the naive query), on one connection with up to 2 parallel workers, ${naiveRuns} times.`,
    `Peak RSS (MiB): ${processes.map((p) => `${p.name} ${round(p.peakRssMiB(), 0)}`).join(', ')}.`,
  );
  return {
    name: 'dashboards',
    title: '4. Dashboards over a large history: endpoints vs naive GROUP BY',
    params: {
      rawDossiers,
      rawResponses: data.rawResponses,
      communes,
      districts,
      connections,
      seconds,
      runs,
    },
    figures: measured.flatMap((m) => endpointFigures(m, connections)),
    notes,
    checks: {
      firstAnswers: Object.fromEntries(
        measured.map((m) => [m.ep.name, JSON.stringify(m.firstAnswer).slice(0, 300)]),
      ),
      timelinessMonthlyRows: data.timelinessMonthlyRows,
      timelinessMonthlyDiffering: data.timelinessMonthlyDiffering,
      mismatches,
    },
    ok: mismatches.length === 0,
  };
}
